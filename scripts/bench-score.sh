#!/usr/bin/env bash
# In-process scoring benchmarks (JMH, 3 forks): trains a model with `churnops run` in a fresh home
# (on the file given, else the built-in table), builds the benchmark jar (Maven profile `bench`) and
# runs every benchmark in bench/ against that model. JMH's JSON result goes to $OUT (default
# bench-score.json); the human table to stdout.
#   scripts/bench-score.sh [--data CSV --label COL --positive VALUE --id COL] [JMH options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-bench-score.json}"
run_args=()
while [ $# -gt 0 ] && [[ "$1" == --data || "$1" == --label || "$1" == --positive || "$1" == --id ]]; do
  run_args+=("$1" "$2"); shift 2
done
[ ${#run_args[@]} -gt 0 ] || run_args=(--table)
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
"$root/churnops" run --home "$home" "${run_args[@]}" >/dev/null
model="$(find "$home/models" -name model.tar.gz | sort | head -1)"
(cd "$root" && mvn -B -q -Pbench -pl bench -am package -DskipTests)
java -Dchurnops.model="$model" -jar "$root/bench/target/benchmarks.jar" -jvmArgsAppend "-Dchurnops.model=$model" \
  -rf json -rff "$out" "$@"
echo "JMH results: $out" >&2
