#!/usr/bin/env bash
# Are callers ever blocked by a refresh? wrk (64 connections) on the cached path while tokens live
# 30 s (min-validity capped at 15 s: a background refresh about every 12 s) and the token endpoint
# (the Okta emulator) answers in DELAY ms; run with DELAY=0 and DELAY=500 and compare p99 / max latency.
# Usage: bench/http/refresh-under-load.sh [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"   # the image's JDK: the argfile is for JDK 25
seconds="${1:-30}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
./mvnw -B -q -ntp -DskipTests package
for delay in 0 500; do
  broker_port="$(free_port)"; mgmt_port="$(free_port)"
  start_okta okta --scopes tokens.read --delay-ms "$delay" --expires-in 30
  BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench \
  BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read \
  QUARKUS_HTTP_PORT="$broker_port" QUARKUS_MANAGEMENT_PORT="$mgmt_port" \
    "$JAVA" @broker/src/main/docker/jvm.options -jar broker/target/quarkus-app/quarkus-run.jar > "$work/broker.log" 2>&1 &
  broker=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt_port/q/health/ready" && break; sleep 0.05; done
  wrk -t2 -c64 -d"${seconds}s" --latency -H 'X-Token-Broker: 1' "http://127.0.0.1:$broker_port/v1/token" > "$work/wrk.txt"
  printf 'token endpoint delay %4s ms: %s req/s, p99 %s, max %s, non-2xx %s, upstream requests %s\n' "$delay" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")" \
    "$(awk '/Latency/ && !/Distribution/ {print $4}' "$work/wrk.txt")" \
    "$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt" | grep . || echo 0)" "$(grep -c 'token issued' "$work/broker.log")"
  kill "$broker" "$okta_pid"; wait "$broker" "$okta_pid" 2>/dev/null || true
done
