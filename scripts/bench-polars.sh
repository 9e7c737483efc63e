#!/usr/bin/env bash
# Optional, not run by CI: `pathfit batch` against a vectorised Polars
# pipeline of the same scoring contract (scripts/polars_batch.py), side by
# side in one run on the same respondents. Installs polars and PyYAML with
# pip into a virtual environment under target/ (never committed).
# Usage: scripts/bench-polars.sh [N]   (N respondents, default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-1000000}
venv=target/polars-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet polars pyyaml
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
bin=target/release/pathfit
"$bin" sample --respondents "$n" --seed 1 --output "$work/class.csv"
ls -lh "$work/class.csv" | awk '{print "input: " $5}'

run() {
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$work/time.txt" > /dev/null || { cat "$work/time.txt"; exit 1; }
  local wall user sys rss
  wall=$(grep -F "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  user=$(grep -F "User time" "$work/time.txt" | awk '{print $NF}')
  sys=$(grep -F "System time" "$work/time.txt" | awk '{print $NF}')
  rss=$(grep -F "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  printf '%-28s wall %8s  cpu %6.2f s  peak %6d MiB\n' "$name" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

run "pathfit batch" "$bin" batch --answers "$work/class.csv" --output "$work/pathfit.csv"
run "polars pipeline" "$venv/bin/python" scripts/polars_batch.py \
  questions/healthcare.yaml "$work/class.csv" "$work/polars.csv"

# The same recommendations, as a check that the contract is the same.
"$venv/bin/python" - "$work/pathfit.csv" "$work/polars.csv" <<'PY'
import sys, polars as pl
a = pl.read_csv(sys.argv[1]).select("respondent", "role", "verdict", "margin")
b = pl.read_csv(sys.argv[2]).select("respondent", "role", "verdict", "margin")
same_role = (a["role"] == b["role"]).sum()
close = ((a["margin"] - b["margin"]).abs() < 1e-9).sum()
print(f"same role for {same_role} of {a.height}; margins within 1e-9 for {close}")
PY
