#!/usr/bin/env bash
# Cold start of the packaged broker on JDK 25 with its key in Vault (bench/support/VaultKv.java answers the
# KV v2 read) and the Okta emulator as its token endpoint: process start -> /q/health/ready UP (key loaded,
# first token prefetched) -> first GET /v1/token, a serverless-style run (start, serve one token, exit; no
# prefetch) and the RSS when ready. Medians of ROUNDS rounds per variant, after one warm-up round for the
# page cache; variants alternate per round so that a burst of load on the machine hits all of them alike.
# Variants: stock JVM (no options); the shipped options (java @broker/src/main/docker/jvm.options); the
# shipped options + the AOT cache of the -Daot build (broker/target/quarkus-app/app.aot). And a reference
# measured in the same rounds: bench/startup/reference, the smallest Quarkus application (Quarkus REST +
# SmallRye Health, the broker's platform version) with the shipped options, to ready, without and with an AOT cache of
# its own (JDK 25's -XX:AOTCacheOutput training run, on Quarkus' aot-jar packaging as the broker's):
# what any Quarkus start costs here. And a floor, in the same rounds and the same two ways: bench/startup/floor,
# the extensions the contract names for the broker, each used once by the least code (Vault KV read, one
# smallrye-jwt signature, one REST client token call, a Micrometer counter, readiness UP once the token is
# there): what the broker's stack costs before any of the broker's own code.
# Usage: [JAVA=…/bin/java] [ONLY_AOT=1] [OTHER=<checkout>] bench/startup/run.sh [rounds=5]
#   ONLY_AOT=1: only the image's variant (argfile + AOT cache), no baselines: for an A/B of two builds.
#   OTHER=<checkout>: also measures that checkout's -Daot build (its broker/target/quarkus-app with its
#   app.aot; target/quarkus-app in a checkout from before the build had modules) as the variant other+aot,
#   alternating with this one's in every round.
#   With broker/target/quarkus-app/app.aot present (JAVA_HOME=<JDK 25> ./mvnw verify -Daot -DskipInterop) the
#   build is measured as it is (rebuilding would make the cache stale); otherwise it runs ./mvnw package
#   (the broker and the Okta emulator) first and leaves the AOT variant out.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
app=broker/target/quarkus-app
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
. bench/support/upstreams.sh

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
app_of() { # checkout -> its broker's quarkus-app directory
  if [ -d "$1/broker" ]; then echo "$1/broker/target/quarkus-app"; else echo "$1/target/quarkus-app"; fi
}
need_aot() { # checkout: refuses to go on without its -Daot build
  [ -f "$(app_of "$1")/app.aot" ] || { echo "no $(app_of "$1")/app.aot: build it with JAVA_HOME=<JDK 25> ./mvnw verify -Daot -DskipInterop" >&2; exit 1; }
}
if [ -n "${ONLY_AOT:-}" ]; then need_aot .; fi
if [ -n "${OTHER:-}" ]; then need_aot "$OTHER"; fi
[ -f "$app/app.aot" ] || ./mvnw -B -q -ntp -DskipTests package
baselines=(reference floor); [ -n "${ONLY_AOT:-}" ] && baselines=()
for baseline in "${baselines[@]}"; do
  ./mvnw -B -q -ntp -f "bench/startup/$baseline/pom.xml" -DskipTests package -Dquarkus.package.jar.aot.enabled=true
done
start_okta okta --scopes tokens.read
start_vault_kv

export BROKER_KEY_SOURCE=vault BROKER_KEY_VAULT_PATH=token-broker/okta
export QUARKUS_VAULT_URL="$vault_url" QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN=bench-token
export BROKER_OKTA_TOKEN_URL="$okta_url/oauth2/v1/token" BROKER_OKTA_DEFAULT_SCOPES=tokens.read

now_ms() { date +%s%3N; }

# Waits until URL answers 200, polling every 5 ms from this one process (a curl forked per poll took
# CPU from the measured JVM on 2 cores; kubelet probes, too, come from another process).
wait_for() { # url [header]
  python3 - "$@" <<'PY'
import socket, sys, time, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1]); header = sys.argv[2] + "\r\n" if len(sys.argv) > 2 else ""
request = f"GET {url.path} HTTP/1.1\r\nHost: localhost\r\n{header}Connection: close\r\n\r\n".encode()
while True:
    try:
        with socket.create_connection((url.hostname, url.port), timeout=5) as s:
            s.sendall(request)
            if s.recv(12).startswith(b"HTTP/1.1 200"):
                break
    except OSError:
        pass
    time.sleep(0.005)
PY
}

# CPU time (user + system) the process has used, in ms: a figure other processes' load barely moves
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# one round: appends "ready_ms first_token_ms rss_kb cpu_ms_at_ready" to $work/$name.r and the serverless ms to $work/$name.s
round() {
  local name="$1"; shift
  local port mport t0 ready token pid rss dir="${apps[${name#warm-}]:-$app}"
  port="$(free_port)"; mport="$(free_port)"
  t0="$(now_ms)"
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" "$JAVA" "$@" -jar "$dir/quarkus-run.jar" > "$work/broker.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$mport/q/health/ready"
  ready=$(( $(now_ms) - t0 ))
  cpu="$(cpu_ms "$pid")"
  curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token"
  token=$(( $(now_ms) - t0 ))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $token $rss $cpu" >> "$work/$name.r"
  port="$(free_port)"; mport="$(free_port)"
  t0="$(now_ms)"
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" BROKER_TOKEN_PREFETCH=false "$JAVA" "$@" -jar "$dir/quarkus-run.jar" > "$work/broker.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$port/v1/token" 'X-Token-Broker: 1'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( $(now_ms) - t0 )) >> "$work/$name.s"
}

# a baseline application (reference or floor): "ready_ms cpu_ms_at_ready rss_kb" to $work/<name>.r
baseline_round() { # name [java options]; the name starts with the application's directory name
  local name="$1" app="${1%%[+-]*}" port mport t0 ready pid; shift
  port="$(free_port)"; mport="$(free_port)"
  t0="$(now_ms)"
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" "$JAVA" @broker/src/main/docker/jvm.options "$@" \
    -jar "bench/startup/$app/target/quarkus-app/quarkus-run.jar" > "$work/$app.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$mport/q/health/ready"
  ready=$(( $(now_ms) - t0 ))
  echo "$ready $(cpu_ms "$pid") $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")" >> "$work/$name.r"
  if [ -n "${train:-}" ]; then # the AOT training run: the endpoints, the probe (and the scrape), then exit (the JVM writes the cache)
    for _ in $(seq 1 50); do
      if [ "$app" = reference ]; then
        curl -sf -o /dev/null "http://127.0.0.1:$port/hello"; curl -sf -o /dev/null "http://127.0.0.1:$port/bare"
      else
        curl -sf -o /dev/null "http://127.0.0.1:$port/v1/token"; curl -sf -o /dev/null "http://127.0.0.1:$mport/q/metrics"
      fi
      curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"
    done
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

names=(stock argfile); declare -A opts=([stock]="" [argfile]="@broker/src/main/docker/jvm.options") apps=()
[ -n "${ONLY_AOT:-}" ] && names=()
if [ -f "$app/app.aot" ]; then names+=(argfile+aot); opts[argfile+aot]="@broker/src/main/docker/jvm.options -XX:AOTCache=$app/app.aot"; fi
if [ -n "${OTHER:-}" ]; then # the other build, with this checkout's argfile: an A/B of the code
  names+=(other+aot); apps[other+aot]="$(app_of "$OTHER")"
  opts[other+aot]="@broker/src/main/docker/jvm.options -XX:AOTCache=${apps[other+aot]}/app.aot"
fi

echo "rounds=$rounds $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); Vault key"
for name in "${names[@]}"; do
  # shellcheck disable=SC2086
  round "warm-$name" ${opts[$name]}
done
# the baselines' AOT caches: JDK 25's own training run (-XX:AOTCacheOutput) on their aot-jar packaging, as
# Quarkus' AOT packaging does for the broker during its integration tests
for baseline in "${baselines[@]}"; do
  train=1 baseline_round "$baseline-training" -XX:AOTCacheOutput="$work/$baseline.aot"
  test -s "$work/$baseline.aot"
  baseline_round "$baseline"; baseline_round "$baseline+aot" -XX:AOTCache="$work/$baseline.aot"
done
rm -f "$work"/reference*.r "$work"/floor*.r
for _ in $(seq 1 "$rounds"); do
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086
    round "$name" ${opts[$name]}
  done
  for baseline in "${baselines[@]}"; do
    baseline_round "$baseline"
    baseline_round "$baseline+aot" -XX:AOTCache="$work/$baseline.aot"
  done
done
for name in "${names[@]}"; do
  printf '%-14s ready %5s ms  first token %5s ms  serverless %5s ms  CPU to ready %5s ms  RSS %6s KiB  (%s)\n' "$name" \
    "$(cut -d' ' -f1 "$work/$name.r" | median)" "$(cut -d' ' -f2 "$work/$name.r" | median)" \
    "$(median < "$work/$name.s")" "$(cut -d' ' -f4 "$work/$name.r" | median)" "$(cut -d' ' -f3 "$work/$name.r" | median)" \
    "${opts[$name]:-no options}"
done
declare -A what=([reference]="minimal Quarkus app" [floor]="the broker's stack")
for name in $(for b in "${baselines[@]}"; do echo "$b $b+aot"; done); do
  printf '%-14s ready %5s ms  (%-19s, argfile%-4s)     CPU to ready %5s ms  RSS %6s KiB\n' "$name" \
    "$(cut -d' ' -f1 "$work/$name.r" | median)" "${what[${name%+aot}]}" "${name#"${name%+aot}"}" \
    "$(cut -d' ' -f2 "$work/$name.r" | median)" "$(cut -d' ' -f3 "$work/$name.r" | median)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
