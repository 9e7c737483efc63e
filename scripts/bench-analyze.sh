#!/usr/bin/env bash
# Times `pathfit analyze` on N synthetic respondents (default 100,000) of
# the bundled healthcare bank, beside `pathfit batch` on the same input in
# the same run, with /usr/bin/time -v for wall time and peak memory.
# Usage: scripts/bench-analyze.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/pathfit
model=()
if "$bin" sample --help | grep -q -- --model; then model=(--model latent); fi
echo "generating $n respondents (seed 1${model:+, ${model[*]}})..."
"$bin" sample "${model[@]}" --respondents "$n" --seed 1 --output "$work/class.csv"
ls -lh "$work/class.csv" | awk '{print "input: " $5}'

for format in text json html; do
  echo
  echo "analyze --format $format:"
  /usr/bin/time -v "$bin" analyze --answers "$work/class.csv" --format "$format" \
    --output "$work/analysis.$format" 2> "$work/time.txt" || true
  grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
done

echo
echo "batch on the same input, for comparison:"
/usr/bin/time -v "$bin" batch --answers "$work/class.csv" --output "$work/rows.csv" \
  2> "$work/time.txt" || true
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
