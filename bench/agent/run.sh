#!/usr/bin/env bash
# Benchmark of the in-task agent (issue 7), measured against `ss` in the same run:
#   - one sample with N sockets open (default 10,000): CPU time and allocation of the agent's
#     read + count, against `ss -tan` counting the same (target <= 2x); the full sample with
#     socket owners against `ss -tanp`;
#   - the sidecar's resident memory at -Xmx32m while sampling every second (target <= 64 MiB);
#   - one walk of /proc/*/fd while processes and sockets churn, against a quiet machine
#     (target: at most 500 ms a scan, the speed SocketOwnersTest used to assert);
#   - the sidecar's /health latency (p50/p99) and RSS while 300 slow clients hold half-sent
#     requests for 30 s, against the same sidecar unattacked (target: no probe fails, p99 < 1 s).
# Usage: bench/agent/run.sh [sockets]
#   SIDECAR_OPTS overrides the sidecar's JVM options (default: those of bin/fargate-doctor-agent);
#   PLAIN=false skips the reference run of the sidecar with plain -Xmx32m;
#   ONLY=sample|churn|slow-clients runs one part; SLOW_CLIENTS=300 and HOLD_SECONDS=30 size the last.
# Linux only; needs ss (iproute2) and a JDK 17. Not a test: it prints numbers and ratios.
set -euo pipefail

sockets="${1:-10000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/../.." && pwd -P)"

command -v ss >/dev/null || { echo "bench: ss (iproute2) is required" >&2; exit 1; }
[ "$(getconf CLK_TCK)" = "100" ] || { echo "bench: expects USER_HZ 100 (getconf CLK_TCK)" >&2; exit 1; }

jar=""
for candidate in "$root"/doctor-agent/target/doctor-agent-*.jar; do
  [ -f "$candidate" ] || continue
  case "${candidate##*/}" in *-tests.jar|*-sources.jar|*-javadoc.jar) continue ;; esac
  if [ -z "$jar" ] || [ "$candidate" -nt "$jar" ]; then jar="$candidate"; fi
done
if [ -z "$jar" ]; then
  echo "bench: building the agent jar (mvn -q -DskipTests -pl doctor-agent -am package)" >&2
  (cd "$root" && mvn -q -B -DskipTests -pl doctor-agent -am package)
  jar="$(ls -t "$root"/doctor-agent/target/doctor-agent-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -1)"
fi

# Each socket is an fd in the benchmark JVM, which also holds a few hundred of its own.
need=$((sockets + 2048))
soft="$(ulimit -Sn)"
if [ "$soft" != "unlimited" ] && [ "$soft" -lt "$need" ]; then
  hard="$(ulimit -Hn)"
  if [ "$hard" != "unlimited" ] && [ "$hard" -lt "$need" ]; then
    echo "bench: open-files hard limit $hard < $need needed; raise it (e.g. as root: ulimit -Hn $need)" >&2
    exit 1
  fi
  ulimit -Sn "$need"
fi
echo "open-files limit: $(ulimit -Sn) (need $need)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -nowarn -d "$out" -cp "$jar" "$here"/src/dev/fargatedoctor/agent/*.java \
  "$root/doctor-agent/src/test/java/dev/fargatedoctor/agent/http/SlowLoris.java"

# The sidecar runs with the same options as bin/fargate-doctor-agent and the Dockerfile.
SIDECAR_OPTS="${SIDECAR_OPTS:--Xmx32m -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -Xshare:off -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError}"
echo "kernel $(uname -r), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
only="${ONLY:-all}"
if [ "$only" = all ] || [ "$only" = sample ]; then
  java -cp "$jar:$out" dev.fargatedoctor.agent.SampleBench "$sockets" "$jar" "$SIDECAR_OPTS" "${PLAIN:-true}"
  echo
fi
if [ "$only" = all ] || [ "$only" = churn ]; then
  java -cp "$jar:$out" dev.fargatedoctor.agent.ScanUnderChurnBench
  echo
fi
if [ "$only" = all ] || [ "$only" = slow-clients ]; then
  java -cp "$jar:$out" dev.fargatedoctor.agent.SlowClientsBench "$jar" "$SIDECAR_OPTS" \
    "${SLOW_CLIENTS:-300}" "${HOLD_SECONDS:-30}"
fi
