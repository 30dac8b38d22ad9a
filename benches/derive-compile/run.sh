#!/usr/bin/env bash
# Compile-time cost of #[derive(onus::Classify)]: builds a generated crate of 200 error enums x 10
# variants with thiserror alone and with thiserror + onus::Classify, alternately, and prints the
# median build time of each and their ratio (target: under 1.3x): wall-clock time, and CPU time (user +
# system of cargo and rustc), which other processes on a shared machine disturb much less.
#
# Dependencies are built first; each measured build then recompiles only the generated crate
# (touch + rebuild, incremental compilation off so nothing is reused). Runs offline once the
# registry cache holds the workspace's dependencies (`cargo fetch` in the workspace).
#
#   benches/derive-compile/run.sh            # RUNS=3 ENUMS=200 by default
#   RUNS=5 benches/derive-compile/run.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
workspace=$(cd "$here/../.." && pwd)
runs=${RUNS:-3}
export ENUMS=${ENUMS:-200}
export ONUS_RUNTIME="$workspace/runtime"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

scratch=$(mktemp -d "${TMPDIR:-/tmp}/onus-derive-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# `time` reports wall-clock, user and system seconds of the build and all its processes.
TIMEFORMAT='%R %U %S'

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

prepare() {
  local mode=$1 dir="$scratch/$1"
  "$here/gen.sh" "$dir" "$mode"
  # The workspace's lock file pins the same dependency versions in both crates and lets
  # `--offline` resolve them; cargo drops the entries this crate does not use.
  cp "$workspace/Cargo.lock" "$dir/Cargo.lock"
  echo "== $mode: building dependencies" >&2
  (cd "$dir" && cargo build --offline --quiet)
}

# One timed rebuild of the generated crate; appends "wall cpu" to $scratch/<mode>.times.
build_once() {
  local mode=$1 run=$2 dir="$scratch/$1"
  touch "$dir/src/lib.rs"
  local wall user system
  # A failed build would be timed like a fast one: stop instead, with its output.
  read -r wall user system < <({ time (cd "$dir" && cargo build --offline --quiet >"$scratch/build.log" 2>&1 || echo failed >"$scratch/failed"); } 2>&1)
  if [ -e "$scratch/failed" ]; then
    cat "$scratch/build.log" >&2
    echo "== $mode: the build failed" >&2
    exit 1
  fi
  local cpu
  cpu=$(echo "$user + $system" | bc -l)
  echo "$wall $cpu" >>"$scratch/$mode.times"
  printf '   %s run %s: %.2fs wall, %.2fs cpu\n' "$mode" "$run" "$wall" "$cpu" >&2
}

# "median-wall median-cpu" of a mode's runs
medians() {
  local file="$scratch/$1.times"
  echo "$(median $(cut -d' ' -f1 "$file")) $(median $(cut -d' ' -f2 "$file"))"
}

prepare thiserror
prepare onus
# The two crates' runs alternate, so a change in the machine's load (other builds) weighs on
# both alike instead of on whichever crate happened to be measured second.
for ((run = 1; run <= runs; run++)); do
  build_once thiserror "$run"
  build_once onus "$run"
done
read -r plain_wall plain_cpu < <(medians thiserror)
read -r onus_wall onus_cpu < <(medians onus)
lines=$(wc -l < "$scratch/onus/src/lib.rs")

printf 'crate: %s enums x 10 variants (%s lines with onus), dev profile, median of %s runs\n' "$ENUMS" "$lines" "$runs"
printf '                         wall      cpu\n'
printf 'thiserror alone:       %6.2fs  %6.2fs\n' "$plain_wall" "$plain_cpu"
printf 'thiserror + Classify:  %6.2fs  %6.2fs\n' "$onus_wall" "$onus_cpu"
printf 'ratio:                 %6.3fx  %6.3fx   (target < 1.3x)\n' \
  "$(echo "$onus_wall / $plain_wall" | bc -l)" "$(echo "$onus_cpu / $plain_cpu" | bc -l)"
