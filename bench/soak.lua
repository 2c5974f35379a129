-- wrk script for the soak: cycles through the URL list given after `--`, counts any answer
-- that is not 200 as unexpected. Each thread keeps its own counters; done() adds them up.
local paths = {}
local index = 0
unexpected = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  index = math.random(#paths) - 1
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], { ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status ~= 200 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    "SOAK {\"requests\": %d, \"unexpected\": %d, \"connect\": %d, \"read\": %d, " ..
    "\"write\": %d, \"timeout\": %d, \"status_errors\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f}\n",
    summary.requests, total, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
