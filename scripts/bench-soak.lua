-- wrk script for scripts/bench-soak.sh: POSTs one request body to /v1/scores at a fixed rate.
--   wrk -t T -c C ... -s scripts/bench-soak.lua URL -- BODY_FILE API_KEY RATE_PER_THREAD
-- Each wrk thread sends RATE_PER_THREAD requests a second on a schedule of its own: before a connection sends,
-- delay() waits until the thread's next slot (wall clock through clock_gettime, via LuaJIT's FFI),
-- so the rate holds whatever the latency is, as long as enough connections are free.
-- Prints one JSON line with requests/s, latency percentiles and error counts when done.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } churnops_timespec;
  int clock_gettime(int clock_id, churnops_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("churnops_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local interval_ms
local next_ms

function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["x-api-key"] = args[2]
  interval_ms = 1000 / tonumber(args[3])
end

-- wrk waits whole milliseconds, so a request may go up to 1 ms early; the schedule itself never
-- drifts, so the rate over a second is the one asked for.
function delay()
  local now = now_ms()
  if next_ms == nil or next_ms < now - 1000 then
    -- First request, or more than a second behind: start the schedule afresh rather than bursting.
    next_ms = now
  end
  local wait = next_ms - now
  next_ms = next_ms + interval_ms
  if wait < 0 then
    return 0
  end
  return wait
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"non_2xx":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
