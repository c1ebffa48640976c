#!/usr/bin/env bash
# Fuzzes every Jazzer target in the tree (@FuzzTest methods in *FuzzTest classes) for a while each,
# coverage-guided, and prints the executions each ran. `mvn verify` only replays the committed
# corpus (src/test/resources/<package>/<Class>Inputs/<method>/); this script looks for new inputs.
#
# Usage: scripts/fuzz.sh [seconds per target, default 60] [regex over Class.method, default all]
#   scripts/fuzz.sh 10                 # every target for 10 s, as CI does
#   scripts/fuzz.sh 600 RequestFuzz    # the HTTP targets for 10 min each
#   MERGE=1 scripts/fuzz.sh 600        # then add the inputs that reach new coverage to the
#                                      # committed corpus (libFuzzer -merge=1), to commit
#   FUZZ_TIMEOUT=30 scripts/fuzz.sh 60   # seconds one input may run before it counts as a hang
#                                      # (default 120: a busy machine makes 10 s false positives)
#
# The corpus each run grows is kept in <module>/target/fuzz/<Class.method>/corpus and reused by
# the next run. A crash stops that target and writes its input to
# <module>/target/fuzz/<Class.method>/crash-*: make it a regression test (copy it into the
# target's Inputs directory and add a named unit test), then fix the code. Exit status 1 when
# any target crashed.
set -euo pipefail

seconds="${1:-60}"
filter="${2:-.}"
input_timeout="${FUZZ_TIMEOUT:-120}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

# Modules with fuzz targets, and their targets as Class.method (the method after each @FuzzTest).
mapfile -t files < <(grep -rl --include='*FuzzTest.java' '@FuzzTest' -- */src/test/java | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "fuzz: no @FuzzTest targets found" >&2
  exit 1
fi
modules="$(printf '%s\n' "${files[@]}" | cut -d/ -f1 | sort -u | paste -sd, -)"

echo "fuzz: compiling ${modules} and resolving their test classpath" >&2
mvn -q -B -DskipTests -Dspotless.check.skip=true -pl "$modules" -am test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt

# Fuzz a copy of the classes, so that a build in the same tree meanwhile cannot change them under
# a running target.
for module in ${modules//,/ }; do
  rm -rf "$module/target/fuzz/classes"
  mkdir -p "$module/target/fuzz/classes"
  cp -r "$module/target/classes" "$module/target/fuzz/classes/main"
  cp -r "$module/target/test-classes" "$module/target/fuzz/classes/test"
  cp "$module/target/fuzz-classpath.txt" "$module/target/fuzz/classes/dependencies.txt"
done

# Executions a run made: libFuzzer's final stats, or, when the target died before printing them,
# the last status line (#N). Never fails, so that a crash cannot cost the summary.
executions() {
  local n
  n="$(grep -aEo 'stat::number_of_executed_units: *[0-9]+' "$1" | tail -1 | grep -aEo '[0-9]+$' || true)"
  if [ -z "$n" ]; then
    n="$(grep -aEo '^#[0-9]+' "$1" | tail -1 | tr -d '#' || true)"
  fi
  echo "${n:-?}"
}

summary=()
crashed=0
for file in "${files[@]}"; do
  module="${file%%/*}"
  class="$(sed -e "s#^$module/src/test/java/##" -e 's#\.java$##' -e 's#/#.#g' <<<"$file")"
  simple="${class##*.}"
  package_dir="$(dirname "${file#"$module"/src/test/java/}")"
  methods="$(awk '/@FuzzTest/ { want = 1; next } want && match($0, /void [A-Za-z0-9_]+\(/) {
      print substr($0, RSTART + 5, RLENGTH - 6); want = 0 }' "$file")"
  for method in $methods; do
    target="$simple.$method"
    [[ "$target" =~ $filter ]] || continue
    work="$module/target/fuzz/$target"
    mkdir -p "$work/corpus"
    corpora=("$work/corpus")
    seeds="$module/src/test/resources/$package_dir/${simple}Inputs/$method"
    [ -d "$seeds" ] && corpora+=("$seeds")
    echo "fuzz: $target for ${seconds}s" >&2
    started=$SECONDS
    set +e
    classes="$module/target/fuzz/classes"
    java -Xmx1g -cp "$classes/test:$classes/main:$(cat "$classes/dependencies.txt")" \
      com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --target_method="$method" \
      --instrumentation_includes='dev.fargatedoctor.**' --custom_hook_includes='dev.fargatedoctor.**' \
      -max_total_time="$seconds" -timeout="$input_timeout" -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/" "${corpora[@]}" >"$work/log.txt" 2>&1
    status=$?
    set -e
    took=$((SECONDS - started))
    if [ "$status" -eq 0 ] && [ "${MERGE:-0}" = 1 ]; then
      mkdir -p "$seeds"
      java -Xmx1g -cp "$classes/test:$classes/main:$(cat "$classes/dependencies.txt")" \
        com.code_intelligence.jazzer.Jazzer \
        --target_class="$class" --target_method="$method" \
        --instrumentation_includes='dev.fargatedoctor.**' --custom_hook_includes='dev.fargatedoctor.**' \
        -merge=1 "$seeds" "$work/corpus" >"$work/merge.txt" 2>&1 \
        || echo "fuzz: merging $target's corpus failed, see $work/merge.txt" >&2
    fi
    runs="$(executions "$work/log.txt")"
    corpus="$(find "$work/corpus" -type f | wc -l | tr -d ' ')"
    if [ "$status" -eq 0 ]; then
      result="ok"
    else
      crashed=1
      crash="$(ls -t "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -1 || true)"
      result="CRASH ${crash:-see $work/log.txt}"
      grep -a -m1 -A3 -E '== Java Exception|ERROR: libFuzzer' "$work/log.txt" >&2 || true
    fi
    summary+=("$(printf '%-72s %9s %6s %8s  %s' "$module $target" "$runs" "${took}s" "$corpus" "$result")")
  done
done

echo
printf '%-72s %9s %7s %8s  %s\n' "target" "runs" "time" "corpus" "result"
printf '%s\n' "${summary[@]}"
exit "$crashed"
