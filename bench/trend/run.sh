#!/usr/bin/env bash
# bench/trend: MEMORY-LEAK-TREND over 2,000 services x 6 h of 1-minute memory points, compared with a
# least-squares pass over the same series in the same run.
# Usage: bench/trend/run.sh [services]   (builds the project first when the jar is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cli="$root/doctor-cli/target/fargate-doctor.jar"
if [ ! -f "$cli" ]; then
  mvn -q -B -DskipTests package
fi
exec java ${BENCH_OPTS:-} -cp "$cli" "$root/bench/trend/TrendBenchmark.java" "$@"
