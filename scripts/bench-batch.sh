#!/usr/bin/env bash
# Every figure of the README's Performance section that is a whole
# process, side by side in one run: `pathfit batch` on 1,000,000 random
# respondents of the bundled healthcare bank (fixed seed), CSV and JSON
# Lines in, with one worker and with the default (one per core), to a file
# and to standard output; wall time, CPU time and peak memory from
# /usr/bin/time -v; then `pathfit validate` on a generated 10,000-question
# bank against PyYAML's C loader parsing the same file.
#   scripts/bench-batch.sh [N] [--polars]
# N respondents (default 1,000,000); --polars also runs
# scripts/bench-polars.sh (installs Polars into target/polars-venv).
# Other builds and tests on the machine make wall times noisy: say how
# loaded it was (`uptime`, printed first) with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

n=1000000
polars=no
for arg in "$@"; do
  case $arg in
    --polars) polars=yes ;;
    *) n=$arg ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load: $(uptime)"
echo "cores: $(nproc)"
cargo build --release --locked --quiet
bin=target/release/pathfit
echo "generating $n respondents (seed 1)..."
"$bin" sample --respondents "$n" --seed 1 --output "$work/class.csv"
"$bin" sample --respondents "$n" --seed 1 --format jsonl --output "$work/class.jsonl"
ls -lh "$work/class.csv" "$work/class.jsonl" | awk '{print "input: " $5 " " $NF}'

# Runs a command under /usr/bin/time -v, best of five, and prints one line
# (and keeps the best wall time in $best, for ratios).
run() {
  local name=$1; shift
  local line
  best=""
  for _ in 1 2 3 4 5; do
    /usr/bin/time -v "$@" 2> "$work/time.txt" > /dev/null || true
    local wall user sys rss
    wall=$(grep -F "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    user=$(grep -F "User time" "$work/time.txt" | awk '{print $NF}')
    sys=$(grep -F "System time" "$work/time.txt" | awk '{print $NF}')
    rss=$(grep -F "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
    # m:ss.cc -> seconds
    local seconds
    seconds=$(echo "$wall" | awk -F: '{ if (NF == 2) print $1 * 60 + $2; else print $1 * 3600 + $2 * 60 + $3 }')
    line=$(printf '%-40s wall %7.3f s  cpu %6.2f s  peak %5d MiB' "$name" "$seconds" \
      "$(echo "$user + $sys" | bc)" "$((rss / 1024))")
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
      best_line=$line
    fi
  done
  echo "$best_line"
}

echo
echo "batch, $n respondents (best of 5):"
declare -A to_file
for input in csv jsonl; do
  for jobs in 1 default; do
    flags=()
    [ "$jobs" = 1 ] && flags=(--jobs 1)
    run "$input -> file, $jobs worker(s)" "$bin" batch --answers "$work/class.$input" \
      "${flags[@]}" --output "$work/results.csv"
    to_file[$input-$jobs]=$best
    run "$input -> standard output, $jobs worker(s)" "$bin" batch \
      --answers "$work/class.$input" "${flags[@]}"
  done
done
for jobs in 1 default; do
  echo "JSON Lines / CSV to a file, $jobs worker(s): $(echo "${to_file[jsonl-$jobs]} ${to_file[csv-$jobs]}" | awk '{printf "%.2f", $1 / $2}')x"
done
cmp <("$bin" batch --answers "$work/class.csv" --jobs 1 2> /dev/null) \
  <("$bin" batch --answers "$work/class.csv" 2> /dev/null) &&
  echo "(one worker and the default wrote the same bytes)"

echo
echo "validate a generated 10,000-question bank (best of 5):"
python3 scripts/generated-bank.py 10000 > "$work/big.yaml"
ls -lh "$work/big.yaml" | awk '{print "bank: " $5}'
run "pathfit validate, whole process" "$bin" validate "$work/big.yaml"
if python3 -c 'import yaml; yaml.CSafeLoader' 2> /dev/null; then
  run "PyYAML C loader, parsing only" python3 -c \
    'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)' "$work/big.yaml"
  run "python3 starting, for reference" python3 -c 'import yaml'
else
  echo "(PyYAML with its C loader is not installed: pip install pyyaml)"
fi

if [ "$polars" = yes ]; then
  echo
  echo "against Polars:"
  scripts/bench-polars.sh "$n"
fi
