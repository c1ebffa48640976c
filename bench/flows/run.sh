#!/usr/bin/env bash
# bench/flows: the local flow-log analyser against `zcat | awk` counting rejects per destination,
# over the same generated file in the same run (10 million default-format records, about 1 GB of
# text), then over twice the records. Targets: analyser time <= 1.0x awk's, peak heap <= 256 MiB
# (the analyser runs with -Xmx256m), twice the records <= 2.1x the time. The data is generated here
# into a temporary directory and deleted after; it is never committed. awk uses two processes (zcat
# and awk), the analyser three threads (one inflates, two parse): on a shared machine both slow down
# with the load, so compare the ratio, not the seconds. Measured figures: bench/flows/README.md.
# Usage: bench/flows/run.sh [records]   (builds the project first when the jar is missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
records=${1:-10000000}
cli="$root/doctor-cli/target/fargate-doctor.jar"
if [ ! -f "$cli" ]; then
  mvn -q -B -DskipTests package
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$cli" "$root/bench/flows/FlowBenchmark.java"
bench() { java -Xmx256m ${BENCH_OPTS:-} -cp "$cli:$work/classes" FlowBenchmark "$@"; }
now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }

echo "generating $records records and $((records * 2)) records (not timed)..."
bench generate "$records" "$work/flows.log.gz"
bench generate "$((records * 2))" "$work/flows2.log.gz"
text=$(zcat "$work/flows.log.gz" | wc -c)
printf 'file: %s gzip, %s text\n' "$(du -h "$work/flows.log.gz" | cut -f1)" "$(numfmt --to=iec "$text")"

cpu() { awk '{ printf "%.2f", $1 + $2 }' "$1"; } # user + system seconds, children included
t0=$(now)
awk_out=$(/usr/bin/time -f '%U %S' -o "$work/awk.cpu" bash -c "zcat '$work/flows.log.gz' | awk '\$13 == \"REJECT\" { n[\$5]++ } END { for (d in n) { k++; s += n[d] } print k, s }'")
t1=$(now)
one=$(/usr/bin/time -f '%U %S' -o "$work/one.cpu" java -Xmx256m ${BENCH_OPTS:-} -cp "$cli:$work/classes" FlowBenchmark analyse "$work/flows.log.gz" 2>&1)
t2=$(now)
two=$(bench analyse "$work/flows2.log.gz" 2>&1)
t3=$(now)

awk_s=$(seconds "$t0" "$t1")
one_s=$(seconds "$t1" "$t2")
two_s=$(seconds "$t2" "$t3")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
echo "zcat | awk (reject destinations, rejects): $awk_out in $(printf '%.2f' "$awk_s") s, $(cpu "$work/awk.cpu") s CPU"
echo "analyser, $records records: $one in $(printf '%.2f' "$one_s") s (wall, JVM start included), $(cpu "$work/one.cpu") s CPU"
echo "analyser, $((records * 2)) records: $two in $(printf '%.2f' "$two_s") s"
ratio=$(echo "$one_s / $awk_s" | bc -l)
cpu_ratio=$(echo "$(cpu "$work/one.cpu") / $(cpu "$work/awk.cpu")" | bc -l)
scale=$(echo "$two_s / $one_s" | bc -l)
heap=$(echo "$one" | sed -n 's/.*peak-heap-mib=\([0-9.]*\).*/\1/p')
printf 'analyser / awk:            %.2fx (target <= 1.00x)\n' "$ratio"
printf 'analyser / awk, CPU:       %.2fx (what the ratio tends to when the cores are busy)\n' "$cpu_ratio"
printf 'peak heap:                 %s MiB (target <= 256 MiB, run with -Xmx256m)\n' "$heap"
printf 'twice the records:         %.2fx the time (target <= 2.10x)\n' "$scale"
