#!/usr/bin/env bash
# Times `cargo-onus check` against a parse-only run (read + `syn::parse_file` of the same files,
# same discovery, same rayon threads with the same stacks) on the vendored sources of popular
# crates in the local cargo registry. Nothing of the corpus is copied or committed.
#
#   benches/checker/run.sh            # 3 runs each, median
#   RUNS=5 benches/checker/run.sh
#   ONUS_BIN=/tmp/cargo-onus-base benches/checker/run.sh   # a build of another commit
#
# Targets: check within 1.3x of parse-only's time (issue 11; 1.5x in issue 3), under 2 s per
# million lines, and a peak memory (max RSS) within 1.25x of parse-only's.
set -euo pipefail

RUNS="${RUNS:-3}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REGISTRY="${CARGO_HOME:-$HOME/.cargo}/registry/src/index.crates.io-1949cf8c6b5b557f"

# The corpus: crate directories of the registry (versions as vendored when the benchmark was
# written; a missing one is skipped, at least 20 must be present).
CRATES=(
  tokio-1.54.1 tokio-util-0.7.20 mio-1.2.4 bytes-1.12.1 futures-util-0.3.34
  hyper-1.12.0 hyper-util-0.1.21 http-1.5.0 reqwest-0.12.28 axum-0.8.9
  tower-0.5.3 tower-http-0.6.11 tonic-0.14.9 actix-web-4.18.1 actix-http-3.20.0
  serde-1.0.229 serde_core-1.0.229 serde_json-1.0.154 syn-2.0.119 syn-3.0.9
  regex-1.13.1 regex-automata-0.4.18 regex-syntax-0.8.11 aho-corasick-1.1.5 memchr-2.8.3
  clap_builder-4.6.7 rayon-1.12.0 tracing-0.1.44 tracing-subscriber-0.3.23 hashbrown-0.17.1
  indexmap-2.14.2 time-0.3.55 ignore-0.4.34 bstr-1.13.1 insta-1.49.0 jsonschema-0.60.2
)

dirs=()
for crate in "${CRATES[@]}"; do
  if [[ -d "$REGISTRY/$crate" ]]; then
    dirs+=("$REGISTRY/$crate")
  else
    echo "skipping $crate: not in $REGISTRY" >&2
  fi
done
if (( ${#dirs[@]} < 20 )); then
  echo "only ${#dirs[@]} crates of the corpus are in the registry; need 20 (run a build first)" >&2
  exit 2
fi

# ONUS_BIN=path/to/cargo-onus measures another build (an earlier commit's) on the same corpus.
if [[ -n "${ONUS_BIN:-}" ]]; then
  BIN="$ONUS_BIN"
else
  echo "building cargo-onus (release)..." >&2
  cargo build --quiet --release -p onus-lints --bin cargo-onus --manifest-path "$REPO/Cargo.toml"
  BIN="$REPO/target/release/cargo-onus"
fi

# Run from an empty project so no configuration of this repository applies to the corpus.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
: > "$WORK/onus.toml"
cd "$WORK"

files=$(find "${dirs[@]}" -name '*.rs' -type f | wc -l)
lines=$(find "${dirs[@]}" -name '*.rs' -type f -print0 | xargs -0 cat | wc -l)

# "wall cpu rss" of one run of the binary with the given flags: seconds (cpu = user + sys, which
# other processes on the machine disturb much less than the wall clock) and the peak resident
# memory in MiB; output is discarded.
time_once() {
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" check --format json "$@" "${dirs[@]}" > /dev/null 2>&1 || true
  # GNU time puts "Command exited with non-zero status 1" (findings) on a line of its own first.
  tail -n 1 "$WORK/time" | awk '{ printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }'
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Warm the page cache so the first timed run does not pay for the disk.
"$BIN" check --parse-only "${dirs[@]}" > /dev/null 2>&1 || true

parse_wall=(); parse_cpu=(); parse_rss=(); check_wall=(); check_cpu=(); check_rss=()
for _ in $(seq "$RUNS"); do
  read -r wall cpu rss < <(time_once --parse-only)
  parse_wall+=("$wall"); parse_cpu+=("$cpu"); parse_rss+=("$rss")
  read -r wall cpu rss < <(time_once)
  check_wall+=("$wall"); check_cpu+=("$cpu"); check_rss+=("$rss")
done
parse=$(median "${parse_wall[@]}"); parse_cpu=$(median "${parse_cpu[@]}")
check=$(median "${check_wall[@]}"); check_cpu=$(median "${check_cpu[@]}")
parse_rss=$(median "${parse_rss[@]}"); check_rss=$(median "${check_rss[@]}")
load=$(cut -d' ' -f1 /proc/loadavg)

report="$WORK/report.json"
"$BIN" check --format json "${dirs[@]}" > "$report" 2>/dev/null || true
findings=$(grep -c '"reason":"compiler-message"' "$report" || true)

awk -v crates="${#dirs[@]}" -v files="$files" -v lines="$lines" -v parse="$parse" \
    -v check="$check" -v parse_cpu="$parse_cpu" -v check_cpu="$check_cpu" -v runs="$RUNS" \
    -v cores="$(nproc)" -v load="$load" -v findings="$findings" \
    -v parse_rss="$parse_rss" -v check_rss="$check_rss" 'BEGIN {
  mlines = lines / 1e6
  printf "corpus:      %d crates, %d files, %d lines of Rust\n", crates, files, lines
  printf "machine:     %d cores, load average %s at the end; median of %d runs each\n", cores, load, runs
  printf "parse-only:  %.3f s wall (%.3f s per million lines), %.2f s cpu\n", parse, parse / mlines, parse_cpu
  printf "check:       %.3f s wall (%.3f s per million lines), %.2f s cpu, %d findings\n", check, check / mlines, check_cpu, findings
  printf "ratio:       %.2fx parse-only wall, %.2fx cpu (target <= 1.3x)\n", check / parse, check_cpu / parse_cpu
  printf "memory:      %.1f MiB peak parse-only, %.1f MiB check: %.2fx (target <= 1.25x)\n", parse_rss, check_rss, check_rss / parse_rss
  printf "per Mline:   %.3f s wall (target < 2 s); %.3f cpu-s, i.e. %.3f s on %d free cores with perfect scaling\n", check / mlines, check_cpu / mlines, check_cpu / mlines / cores, cores
  if (load + 0 > cores) printf "note: the machine was busy (load %s > %d cores): wall times are inflated\n", load, cores
}'

echo "findings per rule on the corpus:"
grep -o '"code":{"code":"onus::[a-z_]*"' "$report" | sed 's/.*onus::\([a-z_]*\)"/\1/' | sort | uniq -c | sort -rn
