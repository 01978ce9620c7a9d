-- wrk script: each thread stops after WRK_PER_THREAD responses (so a run makes a fixed number of requests).
local limit = tonumber(os.getenv("WRK_PER_THREAD") or "0")
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen >= limit then
    wrk.thread:stop()
  end
end
