#!/usr/bin/env bash
# The benchmark of docs/PERFORMANCE.md: `coach check` and `coach status` over a
# generated practice of 1,000 engagements and 24,000 session files, against `cat`
# of the same files, measured in the same run and reported as ratios (the machines
# are shared and noisy, so only ratios are comparable). Not part of `cargo test`.
#
#   bash benches/run.sh [RUNS] [ENGAGEMENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
engagements=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
cargo run --release --quiet --example generate_practice -- "$work/practice" "$engagements" 24
coach=$PWD/target/release/coach
files=$(find "$work/practice" -type f | wc -l)
bytes=$(find "$work/practice" -type f -print0 | xargs -0 cat | wc -c)
echo "practice: $engagements engagements, $files files, $((bytes / 1000000)) MB; $runs runs each, warm cache"

# Seconds of one run of "$@", from bash's own clock.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

cd "$work/practice"
read_all() { find . -type f -print0 | xargs -0 cat > /dev/null; }
read_all # warm the page cache
declare -A samples
for ((i = 0; i < runs; i++)); do
  # Interleaved, so a burst of load on the shared machine hits all three alike.
  samples[cat]+="$(seconds read_all) "
  samples[check]+="$(seconds "$coach" check) "
  samples[status]+="$(seconds "$coach" --today 2026-03-28 status) "
done
cat_median=$(echo "${samples[cat]}" | tr ' ' '\n' | grep . | median)
printf '%-8s %8s %8s\n' command median "x cat"
for name in cat check status; do
  m=$(echo "${samples[$name]}" | tr ' ' '\n' | grep . | median)
  printf '%-8s %7.3fs %7.2fx\n' "$name" "$m" "$(echo "$m / $cat_median" | bc -l)"
done

if [ -x /usr/bin/time ]; then
  for name in check status; do
    kb=$(/usr/bin/time -f %M "$coach" --today 2026-03-28 "$name" 2>&1 >/dev/null | tail -1)
    echo "peak memory of $name: $((kb / 1024)) MB"
  done
fi

cd - > /dev/null
# Each command on one engagement (the sample): 50 runs in a row, the mean in ms,
# beside the same loop of /bin/true (what starting a process costs here).
one() {
  local name=$1
  shift
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < 50; i++)); do "$@" > /dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  printf 'one engagement, %-28s %5.1f ms\n' "$name:" "$(echo "($end - $start) * 1000 / 50" | bc -l)"
}
one "(/bin/true)" /bin/true
one_coach() { one "$1" "$coach" -C sample-engagement --today 2026-03-28 "${@:2}"; }
one_coach "check" check
one_coach "status" status
one_coach "agenda" agenda 9
one_coach "prompt" prompt 9
one_coach "summary" summary 8
one_coach "report (coach, html)" report --midpoint --audience coach --format html
one_coach "report (sponsor, eml)" report --midpoint --format eml
one_coach "schedule --ics" schedule --ics
one_coach "commitments" commitments
one_coach "show (html)" show --format html
one_coach "insights" insights
