#!/usr/bin/env bash
# bench/preflight: preflight over a snapshot of 2,000 services, against a full scan of the same snapshot.
# Usage: bench/preflight/run.sh   (builds the project first when the jar is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cli="$root/doctor-cli/target/fargate-doctor.jar"
if [ ! -f "$cli" ]; then
  mvn -q -B -DskipTests package
fi
exec java ${BENCH_OPTS:-} -cp "$cli" "$root/bench/preflight/PreflightBenchmark.java"
