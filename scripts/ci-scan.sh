#!/usr/bin/env bash
# Runs Fargate Doctor as a CI gate: one scan, its exit code, and every report format written to a
# directory for the CI system to keep. The GitHub Action (action.yml) runs exactly this script; any
# other CI runs it the same way (docs/ci.md).
#
# Usage: scripts/ci-scan.sh [--release TARBALL|URL] [--launcher PATH] [--out-dir DIR]
#                           [--formats "text json markdown html"] [--] SCAN-ARGUMENTS...
#   --release   install this release archive first (a .tar.gz file or an https URL) and run it
#   --launcher  the fargate-doctor launcher to run (default: the release's own bin/, beside this
#               script's scripts/, else fargate-doctor on PATH)
#   --out-dir   where the reports go (default: fargate-doctor-reports)
#   --formats   the report formats, separated by spaces or commas (default: text json markdown html)
# SCAN-ARGUMENTS are scan's own: --region, --profile, --snapshot, --fail-on, --config, --min-score...
# (--output, --out and --save-snapshot are this script's to set).
#
# Exit code: the scan's, as the README defines it (0 ok, 1 findings at or above --fail-on, 2 bad
# input, 3 nothing collected, 4 incomplete, 5 internal error); a report that could not be written
# turns a 0 into that report's exit code, so a gate never passes with reports missing.
# The collection runs once: the other formats are rendered from the snapshot it saved.
set -uo pipefail

release=
launcher=
out_dir=fargate-doctor-reports
formats="text json markdown html"
while [ $# -gt 0 ]; do
  case $1 in
    --release) release=$2; shift 2 ;;
    --release=*) release=${1#*=}; shift ;;
    --launcher) launcher=$2; shift 2 ;;
    --launcher=*) launcher=${1#*=}; shift ;;
    --out-dir) out_dir=$2; shift 2 ;;
    --out-dir=*) out_dir=${1#*=}; shift ;;
    --formats) formats=$2; shift 2 ;;
    --formats=*) formats=${1#*=}; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
formats=${formats//,/ }

# The file name of each format's report. New formats need a line here only when their extension
# is not their name.
extension() {
  case $1 in
    text) echo txt ;;
    markdown) echo md ;;
    junit) echo xml ;;
    ocsf | asff) echo "$1.json" ;;
    *) echo "$1" ;;
  esac
}

fail() {
  echo "ci-scan: $*" >&2
  exit 2
}

if [ -n "$release" ]; then
  install_dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/fargate-doctor-release.$$
  mkdir -p "$install_dir" || fail "cannot create $install_dir"
  case $release in
    http://* | https://*)
      echo "ci-scan: downloading $release" >&2
      curl --fail --silent --show-error --location --retry 3 -o "$install_dir/release.tar.gz" "$release" \
        || fail "could not download $release"
      tarball=$install_dir/release.tar.gz
      ;;
    *) tarball=$release ;;
  esac
  [ -f "$tarball" ] || fail "no release archive at $tarball"
  tar -xzf "$tarball" -C "$install_dir" || fail "$tarball is not a .tar.gz release archive"
  launcher=$(ls "$install_dir"/fargate-doctor-*/bin/fargate-doctor 2>/dev/null | head -n 1)
  [ -n "$launcher" ] || fail "$tarball holds no fargate-doctor-*/bin/fargate-doctor"
elif [ -z "$launcher" ]; then
  here=$(cd "$(dirname "$0")" && pwd)
  if [ -x "$here/../bin/fargate-doctor" ]; then
    launcher=$here/../bin/fargate-doctor
  elif command -v fargate-doctor >/dev/null 2>&1; then
    launcher=$(command -v fargate-doctor)
  else
    fail "no fargate-doctor: give --release or --launcher, or put it on PATH"
  fi
fi
[ -x "$launcher" ] || fail "$launcher is not executable"

# The script owns where reports go: drop the user's --output/--out/--save-snapshot. Re-rendering
# from the saved snapshot also drops where the first run read from (--snapshot, --aws-cli-dir).
gate_args=()
render_args=()
while [ $# -gt 0 ]; do
  case $1 in
    -o | --output | --out | --save-snapshot) shift 2; continue ;;
    -o=* | --output=* | --out=* | --save-snapshot=*) shift; continue ;;
    --snapshot | --aws-cli-dir) gate_args+=("$1" "$2"); shift 2; continue ;;
    --snapshot=* | --aws-cli-dir=*) gate_args+=("$1"); shift; continue ;;
  esac
  gate_args+=("$1")
  render_args+=("$1")
  shift
done

mkdir -p "$out_dir" || fail "cannot create $out_dir"
snapshot=$out_dir/snapshot.json.gz
first=
for format in $formats; do
  first=$format
  break
done
[ -n "$first" ] || fail "no report format given"

echo "ci-scan: $("$launcher" --version 2>&1 | head -n 1)" >&2
"$launcher" scan "${gate_args[@]}" --save-snapshot "$snapshot" \
  --output "$first" --out "$out_dir/fargate-doctor.$(extension "$first")"
code=$?
echo "ci-scan: scan exited $code" >&2

if [ -f "$snapshot" ]; then
  for format in $formats; do
    [ "$format" = "$first" ] && continue
    "$launcher" scan --snapshot "$snapshot" "${render_args[@]}" --force-exit-zero \
      --output "$format" --out "$out_dir/fargate-doctor.$(extension "$format")"
    rendered=$?
    if [ "$rendered" -ne 0 ]; then
      echo "ci-scan: the $format report could not be written (exit $rendered)" >&2
      [ "$code" -eq 0 ] && code=$rendered
    fi
  done
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "report-dir=$out_dir"
  } >>"$GITHUB_OUTPUT"
fi
exit "$code"
