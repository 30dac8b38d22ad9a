#!/usr/bin/env bash
# Writes a crate with ENUMS error enums of 10 variants each (unit, tuple and struct variants,
# thiserror messages, one `#[from]` wrapper per enum).
#
#   gen.sh <dir> thiserror   # #[derive(Debug, thiserror::Error)] only
#   gen.sh <dir> onus        # the same plus onus::Classify and its #[onus(...)] declarations
#
# Environment: ENUMS (default 200), ONUS_RUNTIME (path of the onus runtime crate).
set -euo pipefail

dir=$1
mode=$2
enums=${ENUMS:-200}
runtime=${ONUS_RUNTIME:-}

case $mode in
  thiserror | onus) ;;
  *) echo "mode must be thiserror or onus, not $mode" >&2; exit 2 ;;
esac

mkdir -p "$dir/src"
{
  echo '[package]'
  echo 'name = "derive-bench"'
  echo 'version = "0.0.0"'
  echo 'edition = "2024"'
  echo 'publish = false'
  echo
  echo '[dependencies]'
  echo 'thiserror = "2"'
  if [ "$mode" = onus ]; then
    echo "onus = { path = \"$runtime\" }"
  fi
  echo
  echo '[workspace]'
} > "$dir/Cargo.toml"

# Statuses for the business variants, cycling; every one is a 4xx so the declarations are valid.
business_statuses=(400 404 409 422 429)

{
  echo '//! Generated: error enums for the derive compile-time benchmark.'
  echo '#![allow(dead_code)]'
  for ((i = 0; i < enums; i++)); do
    echo
    if [ "$mode" = onus ]; then
      echo '#[derive(Debug, thiserror::Error, onus::Classify)]'
      echo '#[onus(class = system, status = 500, severity = error)]'
    else
      echo '#[derive(Debug, thiserror::Error)]'
    fi
    echo "pub enum Error$i {"
    for ((j = 0; j < 9; j++)); do
      declaration=""
      if ((j < 5)); then
        declaration="class = business, status = ${business_statuses[j]}, severity = info"
        if ((j == 4)); then declaration+=", code = \"bench.e$i.throttled\""; fi
      elif ((j == 5)); then
        declaration="status = 503, retryable, retry_after = 30"
      elif ((j == 6)); then
        declaration="status = BAD_GATEWAY, severity = warn"
      elif ((j == 7)); then
        declaration="severity = fatal, runbook = \"https://runbooks.example/e$i\""
      fi
      case $((j % 3)) in
        0)
          echo "    #[error(\"variant $j of enum $i failed\")]"
          [ "$mode" = onus ] && [ -n "$declaration" ] && echo "    #[onus($declaration)]"
          echo "    V$j,"
          ;;
        1)
          echo "    #[error(\"value {0:?} rejected by variant $j\")]"
          [ "$mode" = onus ] && [ -n "$declaration" ] && echo "    #[onus($declaration)]"
          echo "    V$j(String),"
          ;;
        2)
          echo "    #[error(\"item {id} failed: {reason}\")]"
          [ "$mode" = onus ] && [ -n "$declaration" ] && echo "    #[onus($declaration)]"
          echo "    V$j { id: u64, reason: String },"
          ;;
      esac
    done
    # The tenth variant wraps the previous enum (or a std error for the first one).
    echo '    #[error(transparent)]'
    if ((i == 0)); then
      [ "$mode" = onus ] && echo '    #[onus(class = system, status = 500, severity = error, public = "try again later")]'
      echo '    Io(#[from] std::io::Error),'
    else
      [ "$mode" = onus ] && echo '    #[onus(transparent)]'
      echo "    Inner(#[from] Error$((i - 1))),"
    fi
    echo '}'
  done
} > "$dir/src/lib.rs"
