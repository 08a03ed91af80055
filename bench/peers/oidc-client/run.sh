#!/usr/bin/env bash
# The broker against the in-process alternative, quarkus-oidc-client (private_key_jwt, its TokensHelper
# cache), against the same token endpoint (the Okta emulator) answering in 500 ms:
#  1. 1,000 concurrent cold callers (wrk -c1000, 3 s): upstream token requests;
#  2. callers during refreshes: tokens live 30 s, both refresh when < 15 s are left (the broker in the
#     background, the peer when a caller asks), wrk -c64 for 40 s: p99 and max latency.
# Usage: bench/peers/oidc-client/run.sh [seconds=40]        (installs wrk from apt when missing)
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"   # the image's JDK: the argfile is for JDK 25
seconds="${1:-40}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
ulimit -n 65536 2>/dev/null || ulimit -n 4096 2>/dev/null || true
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
./mvnw -B -q -ntp -DskipTests package
(cd bench/peers/oidc-client && ../../../mvnw -B -q -ntp -DskipTests package)

start_app() { # broker|peer -> app pid, url
  local port mgmt; port="$(free_port)"; mgmt="$(free_port)"
  if [ "$1" = broker ]; then
    BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench \
    BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read \
    BROKER_TOKEN_PREFETCH=false BROKER_STARTUP_WARM_UP=false QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mgmt" \
      "$JAVA" @broker/src/main/docker/jvm.options -jar broker/target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
    app=$!; url="http://127.0.0.1:$port/v1/token"
    for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt/q/health/live" && break; sleep 0.05; done
  else
    PEER_PORT="$port" PEER_AUTH_SERVER="$okta_url/oauth2" PEER_KEY_FILE="$work/key.pem" \
      "$JAVA" @broker/src/main/docker/jvm.options -jar bench/peers/oidc-client/target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
    app=$!; url="http://127.0.0.1:$port/peer/token"
    for _ in $(seq 1 600); do grep -q "Listening on" "$work/app.log" 2>/dev/null && break; sleep 0.05; done
  fi
}
stop_all() { kill "$app" "$okta_pid" 2>/dev/null; wait "$app" "$okta_pid" 2>/dev/null || true; }
upstream() { grep -c '^issued' "$work/okta.log" || true; }

echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores; token endpoint answers in 500 ms"
echo "1. 1,000 concurrent cold callers (wrk -t2 -c1000 -d3s)"
for who in broker peer; do
  start_okta okta --scopes tokens.read --delay-ms 500 --expires-in 3600; start_app "$who"
  wrk -t2 -c1000 -d3s --timeout 10s -H 'X-Token-Broker: 1' "$url" > "$work/wrk.txt" 2>&1 || true
  printf '   %-7s upstream requests %3s, requests %8s, non-2xx %s, socket errors: %s\n' "$who" "$(upstream)" \
    "$(awk '/requests in/ {print $1}' "$work/wrk.txt")" "$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt" | grep . || echo 0)" \
    "$(grep 'Socket errors' "$work/wrk.txt" | sed 's/ *Socket errors: //' || echo none)"
  stop_all
done
echo "2. callers during refreshes: 30 s tokens, refresh below 15 s left, wrk -t2 -c64 -d${seconds}s"
for who in broker peer; do
  start_okta okta --scopes tokens.read --delay-ms 500 --expires-in 30; start_app "$who"
  curl -sf -o /dev/null -H 'X-Token-Broker: 1' "$url"      # first token outside the measurement
  wrk -t2 -c64 -d"${seconds}s" --timeout 10s --latency -H 'X-Token-Broker: 1' "$url" > "$work/wrk.txt"
  printf '   %-7s %10s req/s, p50 %8s, p99 %8s, max %8s, non-2xx %s, upstream requests %s\n' "$who" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" "$(awk '$1=="50%" {print $2}' "$work/wrk.txt")" \
    "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")" "$(awk '/Latency/ && !/Distribution/ {print $4}' "$work/wrk.txt")" \
    "$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt" | grep . || echo 0)" "$(upstream)"
  stop_all
done
