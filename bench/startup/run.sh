#!/usr/bin/env bash
# Cold start of the packaged broker (fast-jar): process start -> ready -> first token served, and a
# serverless-style run (start, serve one token, exit). Several rounds per variant, medians printed.
# Variants: JDK 17 plain, JDK 17 + AppCDS archive, JDK 25 plain, JDK 25 + AOT cache (JEP 483/514).
# Usage: bench/startup/run.sh [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
issuer_port="$(free_port)"
"$JDK17/bin/java" bench/startup/StubIssuer.java "$issuer_port" > "$work/issuer.log" 2>&1 &
for _ in $(seq 1 100); do grep -q "stub issuer" "$work/issuer.log" 2>/dev/null && break; sleep 0.1; done

./mvnw -B -q -ntp -DskipTests package
app=target/quarkus-app

export BROKER_KEY_SOURCE=file BROKER_KEY_FILE="$work/key.pem" BROKER_KEY_KID=bench
export BROKER_OKTA_TOKEN_URL="http://127.0.0.1:$issuer_port/oauth2/v1/token" BROKER_OKTA_CLIENT_ID=bench-client
export BROKER_OKTA_DEFAULT_SCOPES=tokens.read

now_ms() { date +%s%3N; }

# one round: prints "ready_ms first_token_ms rss_kb"
round() {
  local java="$1"; shift
  local port mport t0 ready token pid
  port="$(free_port)"; mport="$(free_port)"
  t0="$(now_ms)"
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" "$java" "$@" -jar "$app/quarkus-run.jar" > "$work/broker.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do sleep 0.005; done
  ready=$(( $(now_ms) - t0 ))
  curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token"
  token=$(( $(now_ms) - t0 ))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $token $rss"
}

# serverless: start, serve one token (no readiness polling), exit; prints total ms
serverless() {
  local java="$1"; shift
  local port mport t0 pid
  port="$(free_port)"; mport="$(free_port)"
  t0="$(now_ms)"
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" BROKER_TOKEN_PREFETCH=false "$java" "$@" -jar "$app/quarkus-run.jar" > "$work/broker.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:$port/v1/token"; do sleep 0.005; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( $(now_ms) - t0 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {
  local name="$1"; shift
  local java="$1"; shift
  : > "$work/r"; : > "$work/s"
  round "$java" "$@" > /dev/null # warm the page cache
  for _ in $(seq 1 "$rounds"); do round "$java" "$@" >> "$work/r"; serverless "$java" "$@" >> "$work/s"; done
  printf '%-28s ready %5s ms  first token %5s ms  serverless %5s ms  RSS %6s KiB\n' "$name" \
    "$(cut -d' ' -f1 "$work/r" | median)" "$(cut -d' ' -f2 "$work/r" | median)" \
    "$(median < "$work/s")" "$(cut -d' ' -f3 "$work/r" | median)"
}

echo "rounds=$rounds $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores"
BROKER_STARTUP_WARM_UP=false measure "JDK 17, no warm-up" "$JDK17/bin/java"
measure "JDK 17" "$JDK17/bin/java"
measure "JDK 17 -XX:TieredStopAtLevel=1" "$JDK17/bin/java" -XX:TieredStopAtLevel=1

# AppCDS (JDK 17): archive written by a training run at exit
"$JDK17/bin/java" -XX:ArchiveClassesAtExit="$work/app17.jsa" -jar "$app/quarkus-run.jar" > /dev/null 2>&1 &
trainer=$!; sleep 6; kill "$trainer"; wait "$trainer" 2>/dev/null || true
measure "JDK 17 + AppCDS" "$JDK17/bin/java" -XX:SharedArchiveFile="$work/app17.jsa"

if [ -x "$JDK25/bin/java" ]; then
  BROKER_STARTUP_WARM_UP=false measure "JDK 25, no warm-up" "$JDK25/bin/java"
  measure "JDK 25" "$JDK25/bin/java"
  # JDK 25 AOT cache (JEP 514 one-step: record a training run, create the cache at exit)
  "$JDK25/bin/java" -XX:AOTCacheOutput="$work/app25.aot" -jar "$app/quarkus-run.jar" > "$work/aot.log" 2>&1 &
  trainer=$!
  tport=$(grep -o 'Listening on: http://127.0.0.1:[0-9]*' "$work/aot.log" 2>/dev/null | tail -1 | cut -d: -f4 || true)
  sleep 6; curl -sf -o /dev/null -H 'X-Token-Broker: 1' "http://127.0.0.1:7523/v1/token" || true
  kill "$trainer"; wait "$trainer" 2>/dev/null || true
  if [ -f "$work/app25.aot" ]; then
    measure "JDK 25 + AOT cache" "$JDK25/bin/java" -XX:AOTCache="$work/app25.aot"
    measure "JDK 25 + AOT cache + C1 only" "$JDK25/bin/java" -XX:AOTCache="$work/app25.aot" -XX:TieredStopAtLevel=1
  else
    echo "JDK 25 AOT cache: not created (see $work/aot.log)"
  fi
fi
