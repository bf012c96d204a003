#!/usr/bin/env bash
# Load and cold-start benchmark of `churnops serve` (not part of the test run).
#
# Builds the CLI, trains the built-in table into a fresh home (`churnops run`), starts
# `churnops serve --port 0` on it (127.0.0.1 only) and drives POST /v1/scores with wrk: a body of one
# customer and a body of 100 customers (inline features of customers from the validated table),
# $RUNS runs of $DURATION seconds at each of $CONNECTIONS, after a warm-up. Then measures cold start:
# a new JVM (`java -jar churnops.jar serve`) until the first 200 from POST /v1/scores, median of
# $COLD_RUNS. Prints one JSON document (medians per case, every run too) to stdout and to $OUT.
#
#   scripts/bench-serve.sh
# Environment (defaults): RUNS=3 DURATION=20 WARMUP=10 CONNECTIONS="8 32 128" WRK_THREADS=<cores>
#   COLD_RUNS=3 OUT=bench-serve.json CHURNOPS_TARGET=target (Maven build directory name)
#   (CONNECTIONS="" measures cold start only)
#   MVN_ARGS="" (e.g. -o) SKIP_BUILD=1 (use the jar as built) JAVA_OPTS="-XX:+UseSerialGC" (for the server JVM; the default is what ./churnops serve uses)
# Needs wrk (Debian/Ubuntu: apt-get update && apt-get install -y wrk), curl and Java 17+.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
duration="${DURATION:-20}"
warmup="${WARMUP:-10}"
connections="${CONNECTIONS-8 32 128}"
cores="$(nproc 2>/dev/null || echo 2)"
wrk_threads="${WRK_THREADS:-$cores}"
cold_runs="${COLD_RUNS:-3}"
out="${OUT:-bench-serve.json}"
target="${CHURNOPS_TARGET:-target}"
jar="$root/local/$target/churnops.jar"
key="bench-$RANDOM-$RANDOM"

[ -z "$connections" ] || command -v wrk >/dev/null 2>&1 || {
  echo "bench-serve: wrk is needed: apt-get update && apt-get install -y wrk (or brew install wrk)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "bench-serve: curl is needed" >&2; exit 1; }

name=bench-serve
. "$root/scripts/serve-bench-common.sh"
prepare_home
customer_bodies 1 > "$work/one.json"
customer_bodies 100 > "$work/hundred.json"

start_server "$work/serve.out"
[ "$(status_of "$port")" = 200 ] || { echo "bench-serve: POST /v1/scores does not answer 200" >&2; exit 1; }
url="http://127.0.0.1:$port/v1/scores"
echo "bench-serve: serving on port $port; $cores cores, wrk threads $wrk_threads" >&2

cases=()
for body in $([ -n "$connections" ] && echo one hundred); do
  echo "bench-serve: warm-up $body ${warmup}s" >&2
  wrk -t "$wrk_threads" -c 32 -d "${warmup}s" --latency -s "$root/scripts/bench-serve.lua" "$url" -- "$work/$body.json" "$key" >/dev/null
  for c in $connections; do
    t="$wrk_threads"; [ "$t" -gt "$c" ] && t="$c"
    rps=(); p50=(); p99=(); results=()
    for r in $(seq 1 "$runs"); do
      line="$(wrk -t "$t" -c "$c" -d "${duration}s" --timeout 10s --latency -s "$root/scripts/bench-serve.lua" "$url" \
        -- "$work/$body.json" "$key" | grep '^{"requests"')"
      echo "bench-serve: $body c=$c run $r: $line" >&2
      results+=("$line")
      rps+=("$(field rps "$line")"); p50+=("$(field p50_ms "$line")"); p99+=("$(field p99_ms "$line")")
    done
    customers=1; [ "$body" = hundred ] && customers=100
    cases+=("$(printf '{"customers_per_request":%d,"connections":%d,"rps_median":%s,"p50_ms_median":%s,"p99_ms_median":%s,"runs":[%s]}' \
      "$customers" "$c" "$(median "${rps[@]}")" "$(median "${p50[@]}")" "$(median "${p99[@]}")" "$(IFS=,; echo "${results[*]}")")")
  done
done
stop_server

# Cold start: from just before `java -jar` to the first 200 of POST /v1/scores, polling with curl
# every 10 ms. Measured as is, then with the AppCDS archive ./churnops keeps for serve (a static
# archive of the classes one run of serve loaded).
cold_start() {
  local t0 t1 deadline
  t0="$(date +%s%N)"
  start_server "$work/cold.out" "$@"
  deadline=$((SECONDS + 60))
  until [ "$(status_of "$port")" = 200 ]; do
    kill -0 "$server_pid" 2>/dev/null || { echo "bench-serve: serve exited during cold start" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench-serve: no 200 within 60 s of starting" >&2; exit 1; }
    sleep 0.01
  done
  t1="$(date +%s%N)"
  stop_server
  echo $(( (t1 - t0) / 1000000 ))
}
colds=()
for r in $(seq 1 "$cold_runs"); do
  colds+=("$(cold_start)")
  echo "bench-serve: cold start $r: ${colds[-1]} ms" >&2
done
# The archive as ./churnops makes it: one run lists the classes it loads, then a static dump.
classes="$work/serve.classes"
jsa="$work/serve.jsa"
cold_start -XX:DumpLoadedClassList="$classes" >/dev/null
java -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$jsa" -cp "$jar" >/dev/null 2>&1
colds_cds=()
for r in $(seq 1 "$cold_runs"); do
  colds_cds+=("$(cold_start -XX:SharedArchiveFile="$jsa" -Xshare:auto -Xlog:cds=off)")
  echo "bench-serve: cold start with AppCDS $r: ${colds_cds[-1]} ms" >&2
done

load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
json="$(printf '{"java":"%s","cores":%d,"load_average_at_end":"%s","duration_seconds":%d,"runs":%d,"wrk_threads":%d,"cases":[%s],"cold_start_ms_median":%s,"cold_start_ms":[%s],"cold_start_appcds_ms_median":%s,"cold_start_appcds_ms":[%s]}' \
  "$(java -version 2>&1 | head -1 | sed 's/"//g')" "$cores" "$load" "$duration" "$runs" "$wrk_threads" \
  "$(IFS=,; echo "${cases[*]}")" "$(median "${colds[@]}")" "$(IFS=,; echo "${colds[*]}")" \
  "$(median "${colds_cds[@]}")" "$(IFS=,; echo "${colds_cds[*]}")")"
echo "$json" | tee "$out"
echo "bench-serve: written to $out" >&2
