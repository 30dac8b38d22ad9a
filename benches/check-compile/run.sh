#!/usr/bin/env bash
# Compile-time cost of #[onus::check]: generates a crate of 500 functions in 10 modules (gen.py:
# SHAPES=io, the default: parsing, file IO and formatting with `?`, `match` and `map_err`;
# SHAPES=small: small functions without IO, where the plain build is cheapest; every 25th function
# swallows an error, so the checked crate prints 20 warnings), once without the attribute and once
# with `#[onus::check]` on every function, and prints the median build time of each and their
# ratio (target: under 1.5x).
#
# Dependencies (onus, onus-macros, onus-lints, syn, ...) are built first; each measured build then
# recompiles only the generated crate (touch + rebuild, incremental compilation off, so nothing is
# reused). Both crates depend on `onus`: only the attribute differs. Runs offline once the
# registry cache holds the workspace's dependencies (`cargo fetch` in the workspace).
#
#   benches/check-compile/run.sh                       # RUNS=3 FNS=500 FINDING_EVERY=25, cargo build
#   RUNS=5 COMMAND=check benches/check-compile/run.sh  # `cargo check`, what an editor runs
#   OPT_MACROS=1 benches/check-compile/run.sh          # proc macros built with opt-level 3
#   SHAPES=small COMMAND=check benches/check-compile/run.sh  # small functions, no file IO
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
workspace=$(cd "$here/../.." && pwd)
runs=${RUNS:-3}
command=${COMMAND:-build}
export FNS=${FNS:-500}
export FINDING_EVERY=${FINDING_EVERY:-25}
export SHAPES=${SHAPES:-io}
export ONUS_RUNTIME="$workspace/runtime"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

scratch=$(mktemp -d "${TMPDIR:-/tmp}/onus-check-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# One target directory for both crates: the dependencies are built once and shared.
export CARGO_TARGET_DIR="$scratch/target"

now() { date +%s.%N; }

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

prepare() {
  local mode=$1 dir="$scratch/$1"
  python3 "$here/gen.py" "$dir" "$mode"
  # The workspace's lock file pins the same dependency versions in both crates and lets
  # `--offline` resolve them; cargo drops the entries this crate does not use.
  cp "$workspace/Cargo.lock" "$dir/Cargo.lock"
  echo "== $mode: building dependencies" >&2
  quietly "$dir"
}

# Builds a generated crate; its warnings are not the point here, but a failure is.
quietly() {
  local output
  if ! output=$(cd "$1" && cargo "$command" --offline --quiet 2>&1); then
    echo "$output" >&2
    echo "error: building $1 failed" >&2
    exit 1
  fi
}

# Times one rebuild of the generated crate.
once() {
  local dir="$scratch/$1" start end
  touch "$dir"/src/*.rs
  start=$(now)
  quietly "$dir"
  end=$(now)
  echo "$end - $start" | bc -l
}

prepare plain
prepare check
# Alternate the two crates so that a slow moment of the machine hits both alike.
plain_times=()
check_times=()
for ((run = 1; run <= runs; run++)); do
  plain_times+=("$(once plain)")
  check_times+=("$(once check)")
  printf '   run %s: plain %.3fs, check %.3fs\n' "$run" "${plain_times[-1]}" "${check_times[-1]}" >&2
done
plain=$(median "${plain_times[@]}")
check=$(median "${check_times[@]}")
lines=$(cat "$scratch"/check/src/*.rs | wc -l)
warnings=$(cd "$scratch/check" && touch src/*.rs && cargo "$command" --offline 2>&1 | grep -c '^warning: use of deprecated macro `onus::' || true)

printf 'crate: %s %s functions in 10 modules (%s lines), %s with findings (%s warnings)\n' \
  "$FNS" "$( [[ $SHAPES == small ]] && echo "small (no IO)" || echo "IO and parsing")" "$lines" "$( ((FINDING_EVERY)) && echo "every ${FINDING_EVERY}th" || echo none)" "$warnings"
printf 'cargo %s, dev profile, proc macros %s, median of %s runs\n' \
  "$command" "$( [[ ${OPT_MACROS:-0} == 1 ]] && echo "at opt-level 3" || echo "unoptimized (the default)")" "$runs"
printf 'without the attribute:      %.3fs\n' "$plain"
printf 'with #[onus::check]:        %.3fs\n' "$check"
printf 'ratio:                      %.3fx (target < 1.5x)\n' "$(echo "$check / $plain" | bc -l)"
