#!/usr/bin/env bash
# One client assertion signed by Vault Transit (quarkus-vault -> loopback Vault stand-in, RSA 2048,
# pkcs1v15) next to one signed in memory, same JVM, sequential. Prints microseconds per assertion.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp test -Dtest=TransitRoundTripBench -Dgroups=bench -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E "TRANSIT-BENCH|Tests run:|FAIL"
