#!/usr/bin/env bash
# bench/timeouts: one 10,000-interface DescribeNetworkInterfaces page against the default timeouts.
# Usage: bench/timeouts/run.sh   (run it while another build runs: the defaults must hold on a loaded machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cli="$root/doctor-cli/target/fargate-doctor.jar"
kit=$(ls "$root"/doctor-testkit/target/doctor-testkit-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)
if [ ! -f "$cli" ] || [ -z "$kit" ]; then
  mvn -q -B -DskipTests package
  kit=$(ls "$root"/doctor-testkit/target/doctor-testkit-*.jar | grep -v -e sources -e tests | head -n 1)
fi
# The testkit's own SDK clients (CloudWatch Logs, ELB, ...) that the shaded CLI does not carry.
deps="$root/doctor-testkit/target/bench.classpath"
[ -f "$deps" ] || mvn -q -B -pl doctor-testkit dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$deps"
exec java ${BENCH_OPTS:-} -cp "$cli:$kit:$(cat "$deps")" "$root/bench/timeouts/EniPageBenchmark.java"
