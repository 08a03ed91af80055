#!/usr/bin/env bash
# Cached GET /v1/token under wrk against nginx (1 worker) serving the same JSON bytes as a static
# file, side by side in one run, at 1/16/64/256 connections; then the seed approach (each caller
# signs and calls the token endpoint) for comparison; RSS of the broker after the load. The broker runs
# with the shipped JVM options (java @broker/src/main/docker/jvm.options) on JDK 25; the Okta emulator is
# the token endpoint of both.
# Usage: [JAVA=…/bin/java] bench/http/run.sh [seconds=10]       (installs wrk and nginx from apt when missing)
#   CONNECTIONS="16 64" picks the points; NO_BUILD=1 measures broker/target/quarkus-app as it is; EXTRA_JAVA_OPTIONS
#   appends options to the argfile's for an experiment (never for a recorded figure of the shipped profile).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"   # the image's JDK: the argfile is for JDK 25
. bench/http/nginx.sh
need_wrk_and_nginx
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
broker_port="$(free_port)"; mgmt_port="$(free_port)"; nginx_port="$(free_port)"
[ -n "${NO_BUILD:-}" ] || ./mvnw -B -q -ntp -DskipTests package
start_okta okta --scopes tokens.read

BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench \
BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read \
QUARKUS_HTTP_PORT="$broker_port" QUARKUS_MANAGEMENT_PORT="$mgmt_port" \
  "$JAVA" @broker/src/main/docker/jvm.options ${EXTRA_JAVA_OPTIONS:-} -jar broker/target/quarkus-app/quarkus-run.jar > "$work/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt_port/q/health/ready" && break; sleep 0.05; done
curl -sf -H 'X-Token-Broker: 1' "http://127.0.0.1:$broker_port/v1/token" > "$work/token.json"

serve_like_nginx "$work" "$nginx_port"

run_wrk() { # url connections -> "rps p99"
  threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d"${seconds}s" --latency -H 'X-Token-Broker: 1' "$1" > "$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  echo "$rps $p99"
}
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t2 -d${seconds}s, broker @broker/src/main/docker/jvm.options ${EXTRA_JAVA_OPTIONS:-}, body $(wc -c < "$work/token.json") bytes"
printf '%-6s %12s %10s %12s %10s %8s %9s\n' conns nginx_rps nginx_p99 broker_rps broker_p99 ratio p99_ratio
for c in ${CONNECTIONS:-1 16 64 256}; do
  read -r nrps np99 < <(run_wrk "http://127.0.0.1:$nginx_port/v1/token" "$c")
  read -r brps bp99 < <(run_wrk "http://127.0.0.1:$broker_port/v1/token" "$c")
  ratio=$(python3 -c "print(f'{$brps/$nrps:.2f}')")
  p99ratio=$(python3 - "$bp99" "$np99" <<'PY'
import sys
ms = lambda v: float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
print(f"{ms(sys.argv[1]) / ms(sys.argv[2]):.2f}")
PY
)
  printf '%-6s %12s %10s %12s %10s %8s %9s\n' "$c" "$nrps" "$np99" "$brps" "$bp99" "$ratio" "$p99ratio"
done
echo "broker RSS after load: $(awk '/VmRSS/ {print $2}' /proc/$broker_pid/status) KiB"
grep -c "token issued" "$work/broker.log" | xargs echo "broker upstream token requests during the whole run:"
java bench/peers/SeedClient.java "$okta_url/oauth2/v1/token" "$work/key.pem" 16 "$seconds"
