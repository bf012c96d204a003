#!/usr/bin/env bash
# End-to-end throughput of `churnops score-batch` in customers per minute, median of N runs
# (default 3), on a generated table of ROWS customers (default 500,000) in partitions of
# PARTITION_ROWS (default 50,000). Each measured run is one whole `churnops score-batch` process:
# JVM start, the batch-scoring state machine, listing, the Map of partitions (4 at a time), the
# summary and the notification. Setup, not measured: `churnops generate-table` writes the table,
# `churnops run` trains the built-in model (logistic regression), and one `score-batch --data`
# ingests the table as source `bench` and scores it (reported separately, as ingest_and_score).
# CPU seconds (user + system) are reported too: on a shared machine they vary less than wall time.
# Usage:
#   scripts/bench-batch.sh [N] [ROWS] [PARTITION_ROWS]
# CHURNOPS_JAR=local/target/churnops.jar runs that jar rather than the launcher (which may build);
# CHURNOPS_JAVA_OPTS passes JVM options either way. Needs GNU time (/usr/bin/time, package "time").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
rows="${2:-500000}"
partition_rows="${3:-50000}"
[ -x /usr/bin/time ] || { echo "bench-batch: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
if [ -n "${CHURNOPS_JAR:-}" ]; then
  # shellcheck disable=SC2206 # options are meant to split
  churnops=(java ${CHURNOPS_JAVA_OPTS:-} -jar "$CHURNOPS_JAR")
else
  churnops=("$root/churnops")
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
home="$work/home"

"${churnops[@]}" --version >/dev/null   # build first, so no run pays for the build
"${churnops[@]}" generate-table --rows "$rows" --seed 11 --out "$work/bench.csv" >/dev/null
"${churnops[@]}" run --table --home "$home" --algorithms logistic_regression >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
printf '{"name": "bench", "label_column": "churned", "positive_label": "yes", "id_column": "customer_id"}\n' > "$work/bench.json"
/usr/bin/time -f '%e %M' -o "$work/time" "${churnops[@]}" score-batch --home "$home" --data "$work/bench.csv" \
  --source bench --dataset-config "$work/bench.json" --model churn --partition-rows "$partition_rows" \
  >"$work/out" 2>"$work/err" || { cat "$work/out" "$work/err" >&2; exit 1; }
read -r ingest_wall _ < "$work/time"
echo "setup: ingest and score $(awk '/^ingested /{print $2}' "$work/out") rows in ${ingest_wall} s" >&2

walls=(); rates=(); rss=(); cpus=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "${churnops[@]}" score-batch --home "$home" --source bench --model churn \
    --partition-rows "$partition_rows" >"$work/out" 2>"$work/err" || { cat "$work/out" "$work/err" >&2; exit 1; }
  read -r wall kb user sys < "$work/time"
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
  scored="$(awk '/^rows /{print $4}' "$work/out")"
  rate="$(awk -v n="$scored" -v s="$wall" 'BEGIN {printf "%.0f", n / s * 60}')"
  walls+=("$wall"); rates+=("$rate"); rss+=("$kb"); cpus+=("$cpu")
  echo "run $i: $scored customers scored in ${wall} s = $rate customers/minute, CPU ${cpu} s, peak RSS $((kb / 1024)) MiB" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '{"runs": %d, "customers_scored": %s, "partition_rows": %d, "wall_seconds_median": %s, "customers_per_minute_median": %s, "cpu_seconds_median": %s, "peak_rss_mib_median": %s, "ingest_and_score_seconds": %s}\n' \
  "$runs" "$scored" "$partition_rows" "$(median "${walls[@]}")" "$(median "${rates[@]}")" "$(median "${cpus[@]}")" \
  "$(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))" "$ingest_wall"
