#!/usr/bin/env bash
# JMH: cost of signing one client assertion (RS256 2048/3072, ES256) with the broker's code.
# Usage: bench/jmh/run.sh [JMH options, default: -f 1 -wi 3 -w 1s -i 5 -r 1s]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -ntp -DskipTests install
./mvnw -B -q -ntp -f bench/jmh/pom.xml package
java -cp "bench/jmh/target/classes:bench/jmh/target/lib/*" org.openjdk.jmh.Main AssertionSigningBenchmark \
  ${@:--f 1 -wi 3 -w 1s -i 5 -r 1s}
