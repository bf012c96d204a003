# Shared by scripts/bench-serve.sh and scripts/bench-soak.sh, which source it: build the CLI, train
# the built-in table into a fresh work directory, make request bodies, start and stop
# `churnops serve`. The caller sets name (for messages), root, target, jar and key; these functions
# set work, home, server_pid and port.

# Builds the CLI (unless SKIP_BUILD), makes the work directory (removed on exit, with the server
# stopped) and trains the built-in table into $work/home.
prepare_home() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "$name: building ($target)..." >&2
    (cd "$root" && mvn -B -q ${MVN_ARGS:-} -Dchurnops.target="$target" -Dmaven.test.skip=true -pl local -am package)
  fi
  [ -f "$jar" ] || { echo "$name: no $jar; build first" >&2; exit 1; }
  work="$(mktemp -d)"
  server_pid=""
  trap cleanup EXIT
  home="$work/home"
  echo "$name: churnops run (built-in table) into $home..." >&2
  java -jar "$jar" run --table --home "$home" >/dev/null
}

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

# A POST /v1/scores body with the inline features of the first $1 customers of the validated table
# (numbers as numbers, true/false as booleans, the rest as strings; id and label left out).
customer_bodies() {
  local csv
  csv="$(find "$home/validated/customers" -name '*.csv' | sort | tail -1)"
  awk -F, -v n="$1" '
    NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
    NR > n + 1 { exit }
    {
      f = ""
      for (i = 1; i <= NF; i++) {
        if (name[i] == "customer_id" || name[i] == "churned") continue
        v = $i
        if (v == "") v = "null"
        else if (v !~ /^-?[0-9]+(\.[0-9]+)?$/ && v != "true" && v != "false") v = "\"" v "\""
        f = f (f == "" ? "" : ",") "\"" name[i] "\":" v
      }
      items = items (items == "" ? "" : ",") "{\"customerId\":\"" $1 "\",\"features\":{" f "}}"
    }
    END { printf "{\"customers\":[%s]}", items }' "$csv"
}

# Starts `churnops serve --port 0` in the background (extra JVM options after the log file); sets
# server_pid and port. Its stderr goes to the log file + .err.
start_server() {
  local log="$1"
  shift
  : > "$log"
  # The collector ./churnops serve uses (JAVA_OPTS may choose another).
  CHURNOPS_API_KEYS="$key" java ${JAVA_OPTS:--XX:+UseSerialGC} "$@" -jar "$jar" serve --home "$home" --port 0 >"$log" 2>"$log.err" &
  server_pid=$!
  port=""
  local deadline=$((SECONDS + 60))
  while [ -z "$port" ]; do
    port="$(sed -n 's#^serving .* on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$log")"
    kill -0 "$server_pid" 2>/dev/null || { cat "$log.err" >&2; echo "$name: serve exited" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "$name: serve did not start within 60 s" >&2; exit 1; }
    [ -n "$port" ] || sleep 0.01
  done
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# The HTTP status of POST /v1/scores with $work/one.json on port $1.
status_of() {
  curl -s -o /dev/null -w '%{http_code}' -X POST -H "x-api-key: $key" -H 'Content-Type: application/json' \
    --data-binary "@$work/one.json" "http://127.0.0.1:$1/v1/scores" || true
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" <<<"$2"; }
