#!/usr/bin/env bash
# bench/paths: every service-to-endpoint path of a synthetic snapshot (500 subnets, 200 services,
# 10,000 network interfaces), then the same with everything doubled; prints both times and the ratio.
# Usage: bench/paths/run.sh   (builds the project first when the jar is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cli="$root/doctor-cli/target/fargate-doctor.jar"
if [ ! -f "$cli" ]; then
  mvn -q -B -DskipTests package
fi
exec java ${BENCH_OPTS:-} -cp "$cli" "$root/bench/paths/PathsBenchmark.java"
