#!/usr/bin/env bash
# Times `pathfit batch` on 1,000,000 random respondents for the bundled
# healthcare bank (fixed seed), with /usr/bin/time -v for wall time and
# peak memory, pinned to one core. Usage: scripts/bench-batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/pathfit
echo "generating $n respondents (seed 1)..."
"$bin" sample --respondents "$n" --seed 1 --output "$work/class.csv"
ls -lh "$work/class.csv" | awk '{print "input: " $5}'

one_core=()
if command -v taskset >/dev/null; then one_core=(taskset -c 0); fi

for target in file stdout; do
  if [ "$target" = file ]; then out=(--output "$work/results.csv"); else out=(); fi
  echo
  echo "batch -> $target:"
  /usr/bin/time -v "${one_core[@]}" "$bin" batch --answers "$work/class.csv" "${out[@]}" \
    2> "$work/time.txt" > /dev/null || true
  grep -E "respondents scored|Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
done

echo
echo "score on the bundled bank, whole process:"
/usr/bin/time -v "$bin" score --answers examples/clinician.yaml 2> "$work/time.txt" > /dev/null
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
