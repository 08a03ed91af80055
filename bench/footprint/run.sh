#!/usr/bin/env bash
# Footprint of the packaged broker with the JVM options the image ships (broker/src/main/docker/jvm.options):
# RSS when ready and idle, and after SECONDS of wrk at CONNECTIONS on cached GET /v1/token; then the
# same again with Native Memory Tracking for the breakdown (NMT itself costs a few MiB, so the RSS
# figures come from the run without it). Extra java options after "--" are appended to the argfile
# (to try one change at a time); OPTIONS=other.file replaces the argfile.
# Okta is the project's emulator. The key comes from a file unless KEY=vault (bench/support/VaultKv.java then
# answers Vault's KV v2 read: what production runs, ~450 classes more, Jackson databind and the Vault client).
# FLOOR=1 measures bench/startup/floor instead, the broker's extensions used once by the least code (Vault key).
# AOT=1 adds -XX:AOTCache=<app>/app.aot (the broker's comes from ./mvnw verify -Daot, see docs/operations.md; the floor's
# is trained here first, with JDK 25's -XX:AOTCacheOutput: its token, scrape and probe, 50 times).
# SERVERS=3 configures two named servers (broker.servers.s2/s3) beside the default target, custom authorization
# servers of the same emulator, each prefetched: wrk still asks the default target.
# Usage: [JAVA=/path/to/bin/java] [OPTIONS=file] [KEY=vault] [FLOOR=1] [AOT=1] [SERVERS=3] bench/footprint/run.sh [seconds=30] [connections=64] [-- java options…]
#        (NO_BUILD=1 measures the jar already built; NO_NMT=1 skips the NMT run;
#         NMT_KEEP=/path/prefix keeps the raw jcmd VM.native_memory output as PREFIX.idle.txt / .load.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"; [ $# -gt 0 ] && shift
conns="${1:-64}"; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
extra=("$@")
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
OPTIONS="${OPTIONS:-broker/src/main/docker/jvm.options}"
jcmd="$(dirname "$JAVA")/jcmd"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
app=broker/target/quarkus-app; pom=pom.xml   # the root's build: the broker and the emulator
if [ -n "${FLOOR:-}" ]; then app=bench/startup/floor/target/quarkus-app; pom=bench/startup/floor/pom.xml; KEY=vault; fi
if [ -n "${AOT:-}" ] && [ -z "${FLOOR:-}" ] && [ -z "${NO_BUILD:-}" ]; then
  echo "AOT=1 measures the broker's -Daot build as it is: add NO_BUILD=1 (a rebuild would make app.aot stale)" >&2; exit 2
fi
[ -n "${NO_BUILD:-}" ] || ./mvnw -B -q -ntp -DskipTests package -f "$pom"
custom=()
for s in $(seq 2 "${SERVERS:-1}"); do custom+=(--custom-server "s$s"); done
start_okta okta --scopes tokens.read "${custom[@]}"
if [ "${KEY:-file}" = vault ]; then
  start_vault_kv
  key=(BROKER_KEY_SOURCE=vault BROKER_KEY_VAULT_PATH=token-broker/okta
       QUARKUS_VAULT_URL="$vault_url" QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN=bench-token)
else
  key=(BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench)
fi
servers=()
for s in $(seq 2 "${SERVERS:-1}"); do servers+=("BROKER_SERVERS_S${s}_TOKEN_URL=$okta_url/oauth2/s$s/v1/token"); done

rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# committed KiB of the NMT categories that matter for a sidecar, one line
nmt() {
  "$jcmd" "$1" VM.native_memory summary scale=KB > "$work/nmt.txt"
  [ -z "${NMT_KEEP:-}" ] || cp "$work/nmt.txt" "$NMT_KEEP.$2.txt"
  python3 - "$work/nmt.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def committed(name):
    m = re.search(r"^-\s+" + re.escape(name) + r" \(reserved=\d+KB, committed=(\d+)KB", text, re.M)
    return int(m.group(1)) if m else 0
total = int(re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", text).group(1))
cls = re.search(r"Class space:\)\s*\(\s*reserved=\d+KB, committed=(\d+)KB", text)
threads = re.search(r"\(threads #(\d+)\)", text)
rows = [("total", total), ("heap", committed("Java Heap")),
        ("metaspace", committed("Metaspace")), ("class space", int(cls.group(1)) if cls else 0),
        ("code", committed("Code")), ("threads", committed("Thread")),
        ("GC", committed("GC")), ("compiler", committed("Compiler")), ("other (direct)", committed("Other")),
        ("symbol", committed("Symbol")), ("shared archive", committed("Shared class space")),
        ("internal", committed("Internal")), ("arena", committed("Arena Chunk")), ("NMT", committed("Native Memory Tracking"))]
print("  ".join(f"{k} {v/1024:.1f}" for k, v in rows) + f"  (MiB committed; {threads.group(1) if threads else '?'} threads)")
PY
}

run() { # nmt|plain|train
  local port mport pid args=("@$OPTIONS")
  [ "$1" = nmt ] && args+=(-XX:NativeMemoryTracking=summary)
  [ "$1" = train ] && args+=(-XX:AOTCacheOutput="$app/app.aot")
  [ "$1" != train ] && [ -n "${AOT:-}" ] && args+=(-XX:AOTCache="$app/app.aot")
  port="$(free_port)"; mport="$(free_port)"
  env "${key[@]}" "${servers[@]}" BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read \
    QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" \
    "$JAVA" "${args[@]}" "${extra[@]}" -jar "$app/quarkus-run.jar" > "$work/broker.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready" && break; sleep 0.05; done
  curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token" || { cat "$work/broker.log"; exit 1; }
  curl -sf -o /dev/null "http://127.0.0.1:$mport/q/metrics"
  if [ "$1" = train ]; then
    for _ in $(seq 1 50); do
      curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token"
      curl -sf -o /dev/null "http://127.0.0.1:$mport/q/metrics"; curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    test -s "$app/app.aot"; return
  fi
  sleep 10
  if [ "$1" = nmt ]; then echo "  idle:  $(nmt "$pid" idle)"; else idle="$(rss "$pid")"; fi
  wrk -t2 -c"$conns" -d"${seconds}s" --latency -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token" > "$work/wrk.txt"
  if [ "$1" = nmt ]; then echo "  load:  $(nmt "$pid" load)"; else
    printf '  RSS idle %s MiB, after %ss at %s connections %s MiB (%s req/s, p99 %s)\n' "$idle" "$seconds" "$conns" \
      "$(rss "$pid")" "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
echo "  $app, ${KEY:-file} key, ${SERVERS:-1} server(s), options: @$OPTIONS ${AOT:+-XX:AOTCache=$app/app.aot }${extra[*]}"
[ -n "${FLOOR:-}" ] && [ -n "${AOT:-}" ] && { rm -f "$app/app.aot"; run train; }
run plain
[ -n "${NO_NMT:-}" ] || run nmt
