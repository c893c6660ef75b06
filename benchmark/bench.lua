-- wrk script of the Circles benchmark (run by benchmark/run.sh). Settings come from the environment:
--   BENCH_TOKEN    bearer token sent with every request
--   BENCH_MODE     "get": cycle through the request paths of BENCH_PATHS (one a line), each thread from
--                  its own offset; "create": POST /v1/groups with a unique name per request into BENCH_ORG
--   BENCH_PATHS    file of request paths (mode get)
--                  "kc-create": POST to BENCH_CREATE_PATH (a Keycloak realm's /admin/realms/{r}/groups)
--                  with a unique name per request
--   BENCH_ORG      org id (mode create); BENCH_PHASE keeps names of the warm-up and the measured run apart
--   BENCH_NAME, BENCH_UNIT, BENCH_RESULTS
--                  when BENCH_RESULTS is set, done() appends one tab-separated line to it:
--                  name, unit, throughput, p50 ms, p99 ms, errors, requests, note

local token = os.getenv("BENCH_TOKEN")
local mode = os.getenv("BENCH_MODE") or "get"
local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   if mode == "get" then
      paths = {}
      for line in io.lines(os.getenv("BENCH_PATHS")) do
         if line ~= "" then
            table.insert(paths, line)
         end
      end
      counter = ((id or 1) - 1) * math.floor(#paths / 2)
   else
      org = os.getenv("BENCH_ORG")
      phase = os.getenv("BENCH_PHASE") or "run"
      stamp = tostring(os.time())
      create_path = os.getenv("BENCH_CREATE_PATH")
   end
end

local auth = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
local post = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json",
               ["Content-Type"] = "application/json" }

function request()
   counter = counter + 1
   if mode == "get" then
      return wrk.format("GET", paths[(counter % #paths) + 1], auth)
   end
   local name = string.format("Created %s %s t%d n%07d", phase, stamp, id or 0, counter)
   if mode == "kc-create" then
      return wrk.format("POST", create_path, post, '{"name":"' .. name .. '"}')
   end
   local body = '{"orgId":"' .. org .. '","name":"' .. name .. '","type":"project","kind":"static",'
      .. '"visibility":"organization","description":"Created by the benchmark"}'
   return wrk.format("POST", "/v1/groups", post, body)
end

function done(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
   local seconds = summary.duration / 1e6
   local throughput = summary.requests / seconds
   local line = string.format("%s\t%s\t%s\t%.2f\t%.2f\t%d\t%d\t%s\n",
      os.getenv("BENCH_NAME") or "wrk", os.getenv("BENCH_UNIT") or "req/s",
      throughput >= 100 and string.format("%.0f", throughput) or string.format("%.2f", throughput),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests,
      string.format("p90 %.2f ms, max %.2f ms, non-2xx %d, socket errors %d",
         latency:percentile(90) / 1000, latency.max / 1000, summary.errors.status,
         errors - summary.errors.status))
   io.write(line)
   local file = os.getenv("BENCH_RESULTS")
   if file and file ~= "" then
      local out = io.open(file, "a")
      out:write(line)
      out:close()
   end
end
