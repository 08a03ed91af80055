#!/usr/bin/env bash
# The ceiling of the cached-token ratio: what the smallest Quarkus application (bench/startup/reference,
# the broker's platform) serves against nginx (1 worker) with the broker's shipped JVM options, for a
# body of /v1/token's size, through a bare Vert.x route and through Quarkus REST; with the shipped
# C1-only compiler setting and with C2 appended, in one run. The RSS of the reference after the load.
# Usage: [JAVA=…/bin/java] bench/http/ceiling.sh [seconds=10]      (CONNECTIONS="16 64" picks the points)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
. bench/http/nginx.sh
need_wrk_and_nginx
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
./mvnw -B -q -ntp -f bench/startup/reference/pom.xml -DskipTests package
app_port="$(free_port)"; mgmt_port="$(free_port)"; nginx_port="$(free_port)"


rps() { wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${seconds}s" --latency "$1" > "$work/wrk.txt"
        echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") $(awk '$1=="99%" {print $2}' "$work/wrk.txt")"; }
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -d${seconds}s, reference @broker/src/main/docker/jvm.options"
printf '%-34s %5s %10s %9s %10s %9s %10s %9s %6s %6s\n' variant conns nginx_rps p99 bare_rps p99 rest_rps p99 bare/n rest/n
for compiler in "" "-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2"; do
  QUARKUS_HTTP_PORT="$app_port" QUARKUS_MANAGEMENT_PORT="$mgmt_port" \
    "$JAVA" @broker/src/main/docker/jvm.options $compiler -jar bench/startup/reference/target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt_port/q/health/ready" && break; sleep 0.05; done
  if [ ! -f "$work/token.json" ]; then
    curl -sf "http://127.0.0.1:$app_port/bare" > "$work/token.json"
    serve_like_nginx "$work" "$nginx_port"
  fi
  # warm-up: both routes, until C2 (when on) has compiled the hot paths
  rps "http://127.0.0.1:$app_port/bare" 64 > /dev/null; rps "http://127.0.0.1:$app_port/hello" 64 > /dev/null
  for c in ${CONNECTIONS:-16 64}; do
    read -r n np < <(rps "http://127.0.0.1:$nginx_port/v1/token" "$c")
    read -r b bp < <(rps "http://127.0.0.1:$app_port/bare" "$c")
    read -r r rp < <(rps "http://127.0.0.1:$app_port/hello" "$c")
    printf '%-34s %5s %10s %9s %10s %9s %10s %9s %6s %6s\n' "${compiler:-shipped (C1 only)}" "$c" "$n" "$np" "$b" "$bp" "$r" "$rp" \
      "$(python3 -c "print(f'{$b/$n:.2f}')")" "$(python3 -c "print(f'{$r/$n:.2f}')")"
  done
  echo "reference RSS after load (${compiler:-C1 only}): $(awk '/VmRSS/ {print $2}' /proc/$pid/status) KiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
