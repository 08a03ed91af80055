#!/usr/bin/env bash
# CPU profile of the broker under load with async-profiler (tools.profiler:async-profiler from Maven
# Central): cached GET /v1/token at 64 connections, or POST /v1/authorize with DPoP proofs; the Okta emulator
# is the token endpoint.
# Writes the top frames (flat) and the collapsed stacks (for flame graphs) to bench/profile/out/.
# Usage: [JAVA=/path/to/bin/java] bench/profile/run.sh [token|authorize] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"   # the image's JDK: the argfile is for JDK 25
what="${1:-token}"
seconds="${2:-15}"
version=4.2
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
work="$(mktemp -d)"
out="bench/profile/out"; mkdir -p "$out"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh

./mvnw -B -q -ntp -N dependency:copy -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory="$work"
(cd "$work" && unzip -q -o "async-profiler-$version.jar" 'linux-x64/*')
lib="$work/linux-x64/libasyncProfiler.so"
# perf_events need kernel.perf_event_paranoid <= 1; itimer works everywhere
event=cpu; [ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -le 1 ] || event=itimer

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
broker_port="$(free_port)"; mgmt_port="$(free_port)"
./mvnw -B -q -ntp -DskipTests package
start_okta okta --scopes tokens.read
dpop=never; [ "$what" = authorize ] && dpop=always
stamp="$(date -u +%Y%m%dT%H%M%SZ)-$what"
BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench \
BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read BROKER_OKTA_DPOP="$dpop" \
BROKER_DPOP_ALLOWED_ORIGINS=https://api.example.com \
QUARKUS_HTTP_PORT="$broker_port" QUARKUS_MANAGEMENT_PORT="$mgmt_port" \
  "$JAVA" @broker/src/main/docker/jvm.options -jar broker/target/quarkus-app/quarkus-run.jar > "$work/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mgmt_port/q/health/ready" && break; sleep 0.05; done

cat > "$work/authorize.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"method":"GET","url":"https://api.example.com/v1/users?limit=5","scope":"tokens.read"}'
wrk.headers["Content-Type"] = "application/json"
LUA
if [ "$what" = authorize ]; then url="http://127.0.0.1:$broker_port/v1/authorize"; script=(-s "$work/authorize.lua"); conns=16
else url="http://127.0.0.1:$broker_port/v1/token"; script=(); conns=64; fi
wrk -t2 -c"$conns" -d5s "${script[@]}" -H 'X-Token-Broker: 1' "$url" > /dev/null          # JIT warm-up
# attach through the JDK's attach API: the agent library is loaded into the running broker
cat > "$work/Attach.java" <<JAVA
public class Attach {
    public static void main(String[] a) throws Exception {
        var vm = com.sun.tools.attach.VirtualMachine.attach(a[0]);
        vm.loadAgentPath(a[1], a[2]);
        vm.detach();
    }
}
JAVA
"$JAVA" "$work/Attach.java" "$broker_pid" "$lib" "start,event=$event,interval=1ms"
wrk -t2 -c"$conns" -d"${seconds}s" --latency "${script[@]}" -H 'X-Token-Broker: 1' "$url" > "$out/$stamp-wrk.txt"
"$JAVA" "$work/Attach.java" "$broker_pid" "$lib" "stop,flat=30,traces=0,file=$PWD/$out/$stamp-flat.txt"
"$JAVA" "$work/Attach.java" "$broker_pid" "$lib" "start,event=$event,interval=1ms"
wrk -t2 -c"$conns" -d"${seconds}s" "${script[@]}" -H 'X-Token-Broker: 1' "$url" > /dev/null
"$JAVA" "$work/Attach.java" "$broker_pid" "$lib" "stop,collapsed,file=$PWD/$out/$stamp.collapsed"
echo "event=$event; wrk: $(awk '/Requests\/sec/ {print $2}' "$out/$stamp-wrk.txt") req/s"
echo "top frames: $out/$stamp-flat.txt; stacks (collapsed, for flamegraph tools): $out/$stamp.collapsed"
head -45 "$out/$stamp-flat.txt"
