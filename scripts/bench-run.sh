#!/usr/bin/env bash
# Wall time and peak memory of `churnops run` end to end, median of N runs (default 3), each in a
# fresh home so every run does the full work. Usage:
#   scripts/bench-run.sh [N] [churnops run arguments...]
# e.g. scripts/bench-run.sh 3 --data ../shared/data/telco-customer-churn.csv --label Churn --positive Yes --id customerID
# Needs GNU time (/usr/bin/time, Debian package "time").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
shift || true
[ -x /usr/bin/time ] || { echo "bench-run: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
"$root/churnops" --version >/dev/null   # build first, so no run pays for the build
walls=(); rss=()
for i in $(seq 1 "$runs"); do
  home="$(mktemp -d)"
  /usr/bin/time -f '%e %M' -o "$home.time" "$root/churnops" run --home "$home" "$@" >/dev/null 2>"$home.err" \
    || { cat "$home.err" >&2; exit 1; }
  read -r wall kb < "$home.time"
  walls+=("$wall"); rss+=("$kb")
  echo "run $i: wall ${wall} s, peak RSS $((kb / 1024)) MiB" >&2
  rm -rf "$home" "$home.time" "$home.err"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '{"runs": %d, "wall_seconds_median": %s, "peak_rss_mib_median": %s}\n' "$runs" "$(median "${walls[@]}")" \
  "$(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))"
