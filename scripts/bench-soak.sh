#!/usr/bin/env bash
# Soak test of `churnops serve` (not part of the test run): a long load at a fixed share of the
# measured capacity, with the heap after a full GC compared before and after.
#
# Builds the CLI, trains the built-in table into a fresh home (`churnops run`), starts
# `churnops serve --port 0` (127.0.0.1 only), warms it up, then measures capacity: closed-loop wrk
# with one-customer POST /v1/scores at $CONNECTIONS connections, median requests/s of $CAPACITY_RUNS
# runs (or CAPACITY=<requests/s> to give it). Then: a full GC (jcmd GC.run) and the heap in use
# (jcmd GC.heap_info) and the process RSS; $DURATION seconds at $SHARE of capacity, paced by
# scripts/bench-soak.lua (each wrk thread on its own fixed schedule); again a full GC, the heap and
# the RSS. Prints one JSON document to stdout and to $OUT; exits 1 when any request failed (socket
# error, timeout, non-2xx) or the server refused any at capacity.
#
#   scripts/bench-soak.sh
# Environment (defaults): DURATION=300 SHARE=0.8 CONNECTIONS=32 WARMUP=20 CAPACITY_RUNS=3
#   CAPACITY_SECONDS=10 CAPACITY=(measured) WRK_THREADS=<cores> OUT=bench-soak.json
#   CHURNOPS_TARGET=target MVN_ARGS="" SKIP_BUILD=1 JAVA_OPTS="-XX:+UseSerialGC" (for the server JVM; the default is what ./churnops serve uses)
# Needs wrk (apt-get install -y wrk: it is built with LuaJIT, whose FFI the pacing uses), curl,
# and a JDK 17+ (java, jcmd).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-300}"
share="${SHARE:-0.8}"
connections="${CONNECTIONS:-32}"
warmup="${WARMUP:-20}"
capacity_runs="${CAPACITY_RUNS:-3}"
capacity_seconds="${CAPACITY_SECONDS:-10}"
cores="$(nproc 2>/dev/null || echo 2)"
wrk_threads="${WRK_THREADS:-$cores}"
out="${OUT:-bench-soak.json}"
target="${CHURNOPS_TARGET:-target}"
jar="$root/local/$target/churnops.jar"
key="soak-$RANDOM-$RANDOM"

for tool in wrk curl jcmd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-soak: $tool is needed (wrk: apt-get update && apt-get install -y wrk)" >&2; exit 1; }
done

name=bench-soak
. "$root/scripts/serve-bench-common.sh"
prepare_home
customer_bodies 1 > "$work/one.json"

start_server "$work/serve.out"
url="http://127.0.0.1:$port/v1/scores"
status="$(status_of "$port")"
[ "$status" = 200 ] || { echo "bench-soak: POST /v1/scores answers $status, expected 200" >&2; exit 1; }

closed_loop() {
  wrk -t "$wrk_threads" -c "$connections" -d "$1" --timeout 10s --latency -s "$root/scripts/bench-serve.lua" "$url" \
    -- "$work/one.json" "$key" | grep '^{"requests"'
}
# Heap in use right after a full collection, in KiB; and the resident set of the server, in KiB.
heap_after_gc_kib() {
  jcmd "$server_pid" GC.run >/dev/null
  # Every generation's "total NK, used NK" line, summed: one line for G1, young and old for the
  # serial and parallel collectors.
  jcmd "$server_pid" GC.heap_info | sed -n 's/.* total [0-9]*K, used \([0-9]*\)K.*/\1/p' | awk '{s += $1} END {print s + 0}'
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }

echo "bench-soak: warm-up ${warmup}s on port $port" >&2
closed_loop "${warmup}s" >/dev/null

if [ -n "${CAPACITY:-}" ]; then
  capacity="$CAPACITY"
  capacity_lines=""
else
  rates=(); lines=()
  for r in $(seq 1 "$capacity_runs"); do
    line="$(closed_loop "${capacity_seconds}s")"
    echo "bench-soak: capacity run $r: $line" >&2
    lines+=("$line"); rates+=("$(field rps "$line")")
  done
  capacity="$(median "${rates[@]}")"
  capacity_lines="$(IFS=,; echo "${lines[*]}")"
fi
rate="$(awk -v c="$capacity" -v s="$share" 'BEGIN {printf "%.0f", c * s}')"
per_thread="$(awk -v r="$rate" -v t="$wrk_threads" 'BEGIN {printf "%.3f", r / t}')"

heap_before="$(heap_after_gc_kib)"; rss_before="$(rss_kib)"
echo "bench-soak: capacity $capacity requests/s; ${duration}s at $rate requests/s ($share); heap after GC ${heap_before} KiB" >&2
soak="$(wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --timeout 10s -s "$root/scripts/bench-soak.lua" "$url" \
  -- "$work/one.json" "$key" "$per_thread" | grep '^{"requests"')"
echo "bench-soak: $soak" >&2
heap_after="$(heap_after_gc_kib)"; rss_after="$(rss_kib)"

stop_server
# "churnops serve: stopped; N requests answered, M refused at capacity; ..."
refused="$(cat "$work/serve.out" "$work/serve.out.err" | sed -n 's/.* \([0-9]*\) refused at capacity.*/\1/p')"
answered="$(cat "$work/serve.out" "$work/serve.out.err" | sed -n 's/.*stopped; \([0-9]*\) requests answered.*/\1/p')"

errors="$(sed -n 's/.*"errors":{"connect":\([0-9]*\),"read":\([0-9]*\),"write":\([0-9]*\),"timeout":\([0-9]*\),"non_2xx":\([0-9]*\)}.*/\1 \2 \3 \4 \5/p' <<<"$soak" \
  | awk '{print $1 + $2 + $3 + $4 + $5}')"
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
json="$(printf '{"java":"%s","cores":%d,"load_average_at_end":"%s","connections":%d,"wrk_threads":%d,"capacity_rps":%s,"capacity_runs":[%s],"share":%s,"target_rps":%s,"duration_seconds":%d,"soak":%s,"failed_requests":%s,"server_answered":%s,"server_refused_at_capacity":%s,"heap_used_after_full_gc_kib":{"before":%s,"after":%s},"rss_kib":{"before":%s,"after":%s}}' \
  "$(java -version 2>&1 | head -1 | sed 's/"//g')" "$cores" "$load" "$connections" "$wrk_threads" "$capacity" "$capacity_lines" \
  "$share" "$rate" "$duration" "$soak" "$errors" "${answered:-null}" "${refused:-null}" "$heap_before" "$heap_after" "$rss_before" "$rss_after")"
echo "$json" | tee "$out"
echo "bench-soak: written to $out" >&2
[ "$errors" = 0 ] && [ "${refused:-1}" = 0 ] || { echo "bench-soak: requests failed or were refused" >&2; exit 1; }
