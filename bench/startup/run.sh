#!/usr/bin/env bash
# bench/startup: CPU (user + sys) of `--version` and `demo` with the release archive's launcher,
# against the checkout's launcher before the release existed (plain `java -jar fargate-doctor.jar`),
# run side by side, alternating, on the same machine. Targets: both ratios <= 0.6.
#
# Usage: bench/startup/run.sh [runs]     (default 10 runs of each; builds the archive when missing)
#
# The archive is unpacked into a temporary directory and given its class-data archive the way a
# user gets it (FARGATE_DOCTOR_CDS=dump, what an interactive first run does in the background).
# The median of the runs is compared, so a run slowed by another process on the machine counts once.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${1:-10}
archive=$(ls doctor-dist/target/fargate-doctor-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$archive" ] || [ ! -f doctor-cli/target/fargate-doctor.jar ]; then
  mvn -q -B -DskipTests package
  archive=$(ls doctor-dist/target/fargate-doctor-*.tar.gz | head -n 1)
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
release=$(echo "$work"/fargate-doctor-*/bin/fargate-doctor)
export FARGATE_DOCTOR_CACHE="$work/cache"
FARGATE_DOCTOR_CDS=dump "$release" 2>/dev/null
baseline_jar="$root/doctor-cli/target/fargate-doctor.jar"

# CPU seconds (user + sys) of one run of "$@", its output discarded.
cpu() {
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
  awk '{ t = $1 + $2 } END { printf "%.3f\n", t }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

measure() { # label, args...
  local label=$1
  shift
  local base=() new=()
  "$java" -jar "$baseline_jar" "$@" >/dev/null 2>&1 || true # warm the page cache for both
  "$release" "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    base+=("$(cpu "$java" -jar "$baseline_jar" "$@")")
    new+=("$(cpu "$release" "$@")")
  done
  local b n
  b=$(printf '%s\n' "${base[@]}" | median)
  n=$(printf '%s\n' "${new[@]}" | median)
  awk -v l="$label" -v b="$b" -v n="$n" 'BEGIN {
    if (b <= 0) { print l ": no measurement"; exit 1 }
    r = n / b
    printf "%-10s java -jar %6.3f s   release launcher %6.3f s   ratio %.2f  %s\n", l, b, n, r, (r <= 0.6 ? "(target <= 0.60: met)" : "(target <= 0.60: NOT met)")
  }'
}

echo "startup CPU (user+sys), median of $runs runs each, $("$java" -version 2>&1 | head -n 1)"
measure --version --version
measure demo demo
