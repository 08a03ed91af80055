#!/usr/bin/env bash
# The native executable beside the JVM image (shipped argfile + AOT cache when broker/target/quarkus-app/app.aot
# exists), in one run against the Okta emulator and bench/support/VaultKv.java (the Vault KV read), and nginx
# serving the same bytes as a static file:
#   start to ready (key loaded, first token prefetched) and to the first 200 of GET /v1/token, with the key
#   from a file and from Vault: median of ROUNDS starts each (bench/native/startwatch.py, 2 ms polling);
#   RSS when idle (10 s after ready) and after SECONDS of wrk at 64 connections on cached GET /v1/token;
#   cached throughput and p99 at 16 and 64 connections, against nginx at the same points;
#   the executable's size.
# Build both first (docs/native-and-build.md, "Native executable"):
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B verify -Daot -DskipInterop    (jar + app.aot)
#   ./mvnw -B package -Dnative -DskipTests -Dquarkus.native.graalvm-home=<home>         (executable)
# (both at the root: each also packages the Okta emulator, which this script runs)
# Usage: [ROUNDS=5] [RUNNER=broker/target/...-runner] [APP=broker/target/quarkus-app] [NATIVE_OPTIONS="options for the executable"] bench/native/run.sh [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
rounds="${ROUNDS:-5}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
RUNNER="${RUNNER:-broker/target/token-broker-0.1.0-SNAPSHOT-runner}"
app="${APP:-broker/target/quarkus-app}"
[ -x "$RUNNER" ] || { echo "no native executable at $RUNNER: build it first (see the header)" >&2; exit 2; }
[ -f "$app/quarkus-run.jar" ] || { echo "no $app: build the jar first (see the header)" >&2; exit 2; }
. bench/http/nginx.sh
need_wrk_and_nginx
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
. bench/support/upstreams.sh

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
start_okta okta --scopes tokens.read
start_vault_kv

# the command of one flavour: the executable as the native image runs it, the jar as Dockerfile.jvm runs it
command_of() {
  if [ "$1" = native ]; then
    # shellcheck disable=SC2086
    echo "$RUNNER ${NATIVE_OPTIONS:-}"
  else
    echo "$JAVA @broker/src/main/docker/jvm.options $([ -f "$app/app.aot" ] && echo "-XX:AOTCache=$app/app.aot") -jar $app/quarkus-run.jar"
  fi
}

key_env() {
  if [ "$1" = vault ]; then
    echo "BROKER_KEY_SOURCE=vault BROKER_KEY_VAULT_PATH=token-broker/okta QUARKUS_VAULT_URL=$vault_url QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN=bench-token"
  else
    echo "BROKER_KEY_SOURCE=file BROKER_KEY_FILE=$work/key.pem BROKER_KEY_KID=bench BROKER_OKTA_CLIENT_ID=bench"
  fi
}

common_env() { # api_port mgmt_port
  echo "BROKER_OKTA_TOKEN_URL=$okta_url/oauth2/v1/token BROKER_OKTA_DEFAULT_SCOPES=tokens.read QUARKUS_HTTP_PORT=$1 QUARKUS_MANAGEMENT_PORT=$2"
}

starts() { # flavour key -> "ready_ms first_token_ms" medians
  local port mport
  : > "$work/starts"
  for _ in $(seq 1 "$rounds"); do
    port="$(free_port)"; mport="$(free_port)"
    # shellcheck disable=SC2046
    env $(key_env "$2") $(common_env "$port" "$mport") python3 bench/native/startwatch.py "$mport" "$port" "$work/start.log" \
      -- $(command_of "$1") >> "$work/starts"
  done
  echo "$(cut -d' ' -f1 "$work/starts" | median) $(cut -d' ' -f2 "$work/starts" | median)"
}

wrk_point() { # url connections -> "req/s p99"
  wrk -t2 -c"$2" -d10s --latency -H 'X-Token-Broker: 1' "$1" > "$work/wrk.txt"
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") $(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
}

serve() { # flavour: memory and throughput of one running broker (file key)
  local port mport pid idle
  port="$(free_port)"; mport="$(free_port)"
  # shellcheck disable=SC2046
  env $(key_env file) $(common_env "$port" "$mport") $(command_of "$1") > "$work/$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready" && break; sleep 0.05; done
  curl -sf -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token" > "$work/token.json" || { cat "$work/$1.log"; exit 1; }
  sleep 10
  idle="$(rss "$pid")"
  echo "$1 16 $(wrk_point "http://127.0.0.1:$port/v1/token" 16)" >> "$work/throughput"
  echo "$1 64 $(wrk_point "http://127.0.0.1:$port/v1/token" 64)" >> "$work/throughput"
  wrk -t2 -c64 -d"${seconds}s" -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token" > /dev/null
  echo "$1 $idle $(rss "$pid")" >> "$work/memory"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); ${rounds} starts each"
echo "  native: $(command_of native)   ($(stat -c %s "$RUNNER" | awk '{printf "%.1f MB", $1/1e6}'))"
echo "  jvm:    $(command_of jvm)"
: > "$work/throughput"; : > "$work/memory"
for flavour in native jvm; do
  for key in file vault; do
    echo "$flavour $key $(starts "$flavour" "$key")" >> "$work/start"
  done
  serve "$flavour"
done
nginx_port="$(free_port)"
serve_like_nginx "$work" "$nginx_port"
echo "nginx 16 $(wrk_point "http://127.0.0.1:$nginx_port/v1/token" 16)" >> "$work/throughput"
echo "nginx 64 $(wrk_point "http://127.0.0.1:$nginx_port/v1/token" 64)" >> "$work/throughput"

echo "start (median of $rounds; ms to ready / to the first token):"
awk '{printf "  %-6s key %-5s %5s / %5s\n", $1, $2, $3, $4}' "$work/start"
echo "memory (MiB RSS; idle, after ${seconds}s at 64 connections):"
awk '{printf "  %-6s %6s  %6s\n", $1, $2, $3}' "$work/memory"
echo "cached GET /v1/token (10 s per point; req/s, p99, ratio to nginx at the same point):"
awk '{rate[$1" "$2]=$3; p99[$1" "$2]=$4} END {
  for (c = 16; c <= 64; c *= 4) for (f = 0; f < 3; f++) {
    split("native jvm nginx", names, " "); n = names[f + 1]; k = n " " c
    printf "  %-6s %2d conns %9s req/s  p99 %8s  %.2fx nginx\n", n, c, rate[k], p99[k], rate[k] / rate["nginx " c]
  }
}' "$work/throughput"
