#!/usr/bin/env bash
# Soak: many callers for a bounded time while Okta faults are injected and time is compressed.
# Prints requests, tokens served with < min-validity (must be 0), errors by type, upstream requests,
# and appends the SOAK line to bench/soak/last-result.txt.
# Usage: bench/soak/run.sh [seconds=120] [callers=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-120}"
callers="${2:-32}"
log="$(mktemp)"
./mvnw -B -ntp test -Dtest=SoakTest -Dgroups=soak -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.seconds="$seconds" -Dsoak.callers="$callers" | tee "$log" | grep -E "SOAK|Tests run:|FAIL" || true
line="$(grep -E '^SOAK ' "$log" | tail -1)"
if [ -n "$line" ]; then
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $line" >> bench/soak/last-result.txt
fi
grep -q "BUILD SUCCESS" "$log"
