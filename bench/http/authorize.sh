#!/usr/bin/env bash
# Cost of DPoP for callers: POST /v1/authorize (one freshly signed ES256 proof per request) against
# the same call answering a Bearer token (no proof) and the cached GET /v1/token, each broker alone
# on the machine in turn, at 16 connections (wrk -t2); then both at once (8 + 8 connections). The Okta
# emulator is the token endpoint (DPoP-bound tokens when the broker sends a proof).
# Usage: [JAVA=/path/to/bin/java] bench/http/authorize.sh [seconds=10] [connections=16]   (installs wrk from apt when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"   # the image's JDK: the argfile is for JDK 25
seconds="${1:-10}"
conns="${2:-16}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
./mvnw -B -q -ntp -DskipTests package
start_okta okta --scopes tokens.read

cat > "$work/authorize.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"method":"GET","url":"https://api.example.com/v1/users?limit=5","scope":"tokens.read"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Token-Broker"] = "1"
LUA

start_broker() { # dpop-mode -> sets broker_pid, broker_port
  broker_port="$(free_port)"; local mgmt; mgmt="$(free_port)"
  BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench \
  BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read \
  BROKER_OKTA_DPOP="$1" BROKER_DPOP_ALLOWED_ORIGINS=https://api.example.com \
  QUARKUS_HTTP_PORT="$broker_port" QUARKUS_MANAGEMENT_PORT="$mgmt" \
    "$JAVA" @broker/src/main/docker/jvm.options -jar broker/target/quarkus-app/quarkus-run.jar > "$work/broker-$1.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt/q/health/ready" && break; sleep 0.05; done
}
measure() { # label url [lua]
  local script=(); [ $# -gt 2 ] && script=(-s "$3")
  wrk -t2 -c"$conns" -d2s "${script[@]}" -H 'X-Token-Broker: 1' "$2" > /dev/null   # warm-up
  wrk -t2 -c"$conns" -d"${seconds}s" --latency "${script[@]}" -H 'X-Token-Broker: 1' "$2" > "$work/wrk.txt"
  printf '%-28s %12s %10s %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" \
    "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")" "$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt" | grep . || echo 0)"
}
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, wrk -t2 -c$conns -d${seconds}s, broker @broker/src/main/docker/jvm.options on $("$JAVA" -version 2>&1 | head -1)"
printf '%-28s %12s %10s %8s\n' endpoint rps p99 non2xx
start_broker never
measure "GET /v1/token (Bearer)" "http://127.0.0.1:$broker_port/v1/token"
measure "POST /v1/authorize (Bearer)" "http://127.0.0.1:$broker_port/v1/authorize" "$work/authorize.lua"
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
start_broker always
curl -sf -H 'X-Token-Broker: 1' "http://127.0.0.1:$broker_port/v1/token" | grep -q '"token_type":"DPoP"' \
  || { echo "the broker did not get a DPoP token"; exit 1; }
measure "POST /v1/authorize (DPoP)" "http://127.0.0.1:$broker_port/v1/authorize" "$work/authorize.lua"
# mixed: callers of the cached token while others make the broker sign proofs (8 + 8 connections)
wrk -t1 -c8 -d"${seconds}s" --latency -s "$work/authorize.lua" -H 'X-Token-Broker: 1' \
  "http://127.0.0.1:$broker_port/v1/authorize" > "$work/wrk-mixed-authorize.txt" &
mixed=$!
wrk -t1 -c8 -d"${seconds}s" --latency -H 'X-Token-Broker: 1' "http://127.0.0.1:$broker_port/v1/token" > "$work/wrk.txt"
wait "$mixed"
printf '%-28s %12s %10s   (p50 %s)\n' "mixed: GET /v1/token" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" \
  "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")" "$(awk '$1=="50%" {print $2}' "$work/wrk.txt")"
printf '%-28s %12s %10s\n' "mixed: POST /v1/authorize" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-mixed-authorize.txt")" \
  "$(awk '$1=="99%" {print $2}' "$work/wrk-mixed-authorize.txt")"
