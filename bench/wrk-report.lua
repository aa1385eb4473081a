-- wrk script for bench/run.sh: keeps the session cookie the site renews, as a browser would, and reports one JSON line
-- with throughput, latency percentiles (ms) and errors.

-- The site re-issues the session cookie when it checks the security stamp (every minute) and as the sliding expiry
-- passes half way. A fixed cookie would make every request after the first minute pay for that check.
local session = nil

response = function(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then
    local value = set:match("circles%.session=([^;]*)")
    if value and value ~= "" then
      session = value
    end
  end
end

request = function()
  if session and wrk.headers["Cookie"] then
    wrk.headers["Cookie"] = wrk.headers["Cookie"]:gsub("circles%.session=[^;]*", function() return "circles.session=" .. session end)
  end
  return wrk.format()
end

done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    '{"requests":%d,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"errors":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
