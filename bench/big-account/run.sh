#!/usr/bin/env bash
# bench/big-account: offline analysis of a big account against only reading its snapshot.
# Writes the snapshot of one account (100,000 network interfaces, 2,000 services, 6,000 tasks) and of
# one eight times its size, then for each runs 'snapshot stats' (read only) and 'scan --snapshot'
# (read and every check) in alternation and keeps each one's least CPU time (user + system of the
# whole JVM) over the rounds: the least is what the work costs, the rest is other load on the machine.
# Prints scan/read at each size (target <= 2.0x) and scan 8x/1x (target <= 8.5x). Both run through
# bin/fargate-doctor, so with the JVM settings the launcher gives a user; BENCH_OPTS adds JVM options
# (passed as JAVA_OPTS).
# Usage: bench/big-account/run.sh [ROUNDS]   (default 3; builds the project first when the jar is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rounds=${1:-3}
cli="$root/doctor-cli/target/fargate-doctor.jar"
if [ ! -f "$cli" ]; then
  mvn -q -B -DskipTests package
fi
work="$root/target/bench-big-account"
mkdir -p "$work"
for scale in 1 8; do
  snap="$work/account-x$scale.json.gz"
  # A snapshot from an older build may no longer read; write it again then.
  if [ ! -f "$snap" ] || [ "$snap" -ot "$cli" ]; then
    java ${BENCH_OPTS:-} -cp "$cli" "$root/bench/big-account/BigAccount.java" "$scale" "$snap"
  fi
done

# CPU seconds (user + system) and wall seconds of one command, as "cpu wall".
measure() {
  local TIMEFORMAT='%U %S %R' t rc=0
  t=$( { time JAVA_OPTS="${BENCH_OPTS:-}" "$root/bin/fargate-doctor" "$@" >/dev/null \
    2>"$work/stderr.txt"; } 2>&1 ) || rc=$?
  # scan exits 1 when it has failing findings, which this account has on purpose
  if [ "$rc" -gt 1 ]; then
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  echo "$t" | awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }'
}

declare -A best_cpu best_wall
for round in $(seq 1 "$rounds"); do
  for scale in 1 8; do
    snap="$work/account-x$scale.json.gz"
    for what in read scan; do
      if [ "$what" = read ]; then
        r=$(measure snapshot stats --max-input-mb 4096 "$snap")
      else
        r=$(measure scan --snapshot "$snap" --max-input-mb 4096 --output json)
      fi
      cpu=${r% *}
      wall=${r#* }
      key="$what-$scale"
      echo "round $round: x$scale $what: ${cpu} s CPU, ${wall} s wall"
      if [ -z "${best_cpu[$key]:-}" ] || awk -v a="$cpu" -v b="${best_cpu[$key]}" 'BEGIN{exit !(a<b)}'; then
        best_cpu[$key]=$cpu
        best_wall[$key]=$wall
      fi
    done
  done
done

echo
echo "least CPU of $rounds rounds (wall time of that run in brackets):"
for scale in 1 8; do
  printf 'x%s: read %6.2f s (%6.2f s), scan %6.2f s (%6.2f s), scan/read %.2fx (target <= 2.0x)\n' \
    "$scale" "${best_cpu[read-$scale]}" "${best_wall[read-$scale]}" \
    "${best_cpu[scan-$scale]}" "${best_wall[scan-$scale]}" \
    "$(awk -v a="${best_cpu[scan-$scale]}" -v b="${best_cpu[read-$scale]}" 'BEGIN{print a/b}')"
done
printf 'scan x8/x1: %.2fx CPU (target <= 8.5x)\n' \
  "$(awk -v a="${best_cpu[scan-8]}" -v b="${best_cpu[scan-1]}" 'BEGIN{print a/b}')"
