#!/usr/bin/env bash
# bench/org: one `scan --org` of 20 member accounts against 20 sequential single-account scans, and the
# peak RSS of an organisation scan at 20 accounts against 5, all against moto.
# Usage: bench/org/run.sh   (builds the project first when the jars are missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cli="$root/doctor-cli/target/fargate-doctor.jar"
kit=$(ls "$root"/doctor-testkit/target/doctor-testkit-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)
if [ ! -f "$cli" ] || [ -z "$kit" ]; then
  mvn -q -B -DskipTests package
  kit=$(ls "$root"/doctor-testkit/target/doctor-testkit-*.jar | grep -v -e sources -e tests | head -n 1)
fi
deps="$root/doctor-testkit/target/bench.classpath"
[ -f "$deps" ] || mvn -q -B -pl doctor-testkit dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$deps"
exec java ${BENCH_OPTS:-} -Dbench.root="$root" -cp "$cli:$kit:$(cat "$deps")" "$root/bench/org/OrgBenchmark.java"
