-- wrk script for bench/load.sh: every request carries the session cookie of a session of its own.
--
--   wrk -t T -c C -d D -s bench/session.lua http://127.0.0.1:PORT -- KIND SEED_PATH SLOTS_PER_THREAD
--
-- KIND is plain, read, write or list (GET /plain, GET /read, POST /write, POST /list), or mix: the four in turn (the
-- harness's smoke check). SEED_PATH is /seed or /seed?wide=true. SLOTS_PER_THREAD is the number of connections each wrk thread holds (connections / threads).
--
-- wrk runs one Lua state per thread, and its request()/response() callbacks are not told which connection they serve.
-- So each thread keeps a pool of session slots, as many as its connections: request() takes a free slot, names it in
-- the X-Load-Slot header (the load app echoes that header), and response() reads the echo and frees the slot. A
-- connection has at most one request in flight, so a free slot always exists and no two requests in flight share a
-- session: each session is used by one connection at a time, as if every connection held its own cookie.
--
-- A slot without a session first POSTs SEED_PATH; response() keeps every Set-Cookie it sees for the slot and the slot's
-- later requests send them back in a Cookie header. Seed responses are counted apart (done() reports them) so that the
-- harness can take them out of requests/s and out of the Redis figures. (wrk calls request() once more than it sends,
-- on thread 1, to check the script; that slot's seed is never sent and is not counted.)
--
-- done() prints one line, "LOADSTATS key=value ...", that bench/load.sh parses.

local kind, seed_path, slots_per_thread
local routes = {
   plain = { "GET", "/plain" },
   read = { "GET", "/read" },
   write = { "POST", "/write" },
   list = { "POST", "/list" },
}
local rotation       -- the routes this run sends, in turn
local turn = 0
local sent = {}      -- slot -> index in rotation of the request in flight
local free = {}        -- stack of free slot numbers
local slot_count = 0
local cookies = {}     -- slot -> { cookie name -> "name=value" }
local requests = {}    -- slot -> the slot's request, built once its cookie is known
local seed_requests = {}

-- Per-thread counters, read by done() through thread:get.
seeds = 0
measured = 0
bad = 0          -- responses that are not 2xx (wrk itself counts only status > 399)
lost = 0         -- responses without a known X-Load-Slot
first_bad = ""   -- the first bad response, for the error message

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function new_slot()
   slot_count = slot_count + 1
   return slot_count
end

function init(args)
   kind = args[1] or "read"
   seed_path = args[2] or "/seed"
   slots_per_thread = tonumber(args[3] or "1")
   if kind == "mix" then
      rotation = { routes.plain, routes.read, routes.write, routes.list }
   elseif routes[kind] ~= nil then
      rotation = { routes[kind] }
   else
      error("session.lua: unknown request kind '" .. kind .. "' (plain, read, write, list, mix)")
   end
   for _ = 1, slots_per_thread do
      table.insert(free, new_slot())
   end
end

local function cookie_header(slot)
   local pairs_ = {}
   for _, pair in pairs(cookies[slot] or {}) do
      table.insert(pairs_, pair)
   end
   table.sort(pairs_)
   return table.concat(pairs_, "; ")
end

local function build(slot)
   local built = {}
   local cookie = cookie_header(slot)
   for i, route in ipairs(rotation) do
      local body = nil
      if route[1] == "POST" then body = "" end
      built[i] = wrk.format(route[1], route[2], { ["X-Load-Slot"] = tostring(slot), ["Cookie"] = cookie }, body)
   end
   requests[slot] = built
end

function request()
   local slot = table.remove(free)
   if slot == nil then
      -- Only if a response never came back (a reset connection): start another session.
      slot = new_slot()
   end
   local built = requests[slot]
   if built ~= nil then
      turn = turn % #built + 1
      sent[slot] = turn
      return built[turn]
   end
   local s = seed_requests[slot]
   if s == nil then
      s = wrk.format("POST", seed_path, { ["X-Load-Slot"] = tostring(slot) }, "")
      seed_requests[slot] = s
   end
   return s
end

function response(status, headers, body)
   local slot = tonumber(headers["X-Load-Slot"] or headers["x-load-slot"] or "")
   if slot == nil or slot < 1 or slot > slot_count then
      lost = lost + 1
      if first_bad == "" then first_bad = "status " .. status .. " without a known X-Load-Slot header" end
      return
   end
   local seeding = requests[slot] == nil
   if seeding then seeds = seeds + 1 end
   if status < 200 or status > 299 then
      bad = bad + 1
      if first_bad == "" then
         first_bad = "status " .. status .. (seeding and (" on POST " .. seed_path)
            or (" on " .. rotation[sent[slot] or 1][1] .. " " .. rotation[sent[slot] or 1][2]))
            .. ": " .. string.sub(body or "", 1, 200)
      end
   elseif not seeding then
      measured = measured + 1
   end
   local set_cookie = headers["Set-Cookie"] or headers["set-cookie"]
   if set_cookie ~= nil then
      local pair = string.match(set_cookie, "^%s*([^;]+)")
      local name = pair and string.match(pair, "^([^=]+)=")
      if name ~= nil then
         cookies[slot] = cookies[slot] or {}
         if cookies[slot][name] ~= pair then
            cookies[slot][name] = pair
            if not seeding then build(slot) end
         end
      end
   end
   if seeding and status >= 200 and status <= 299 then
      build(slot)  -- the slot is seeded: its later requests carry its cookie
   end
   table.insert(free, slot)
end

function done(summary, latency, requests_)
   local t = { seeds = 0, measured = 0, bad = 0, lost = 0 }
   local first = ""
   for _, thread in ipairs(threads) do
      for key, _ in pairs(t) do
         t[key] = t[key] + (tonumber(thread:get(key)) or 0)
      end
      local f = thread:get("first_bad")
      if first == "" and f ~= nil and f ~= "" then first = f end
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "LOADSTATS requests=%d seeds=%d measured=%d rps=%.1f p50_us=%d p99_us=%d bad=%d lost=%d status_errors=%d connect=%d read=%d write=%d timeout=%d seconds=%.3f\n",
      summary.requests, t.seeds, t.measured, (summary.requests - t.seeds) / seconds,
      latency:percentile(50), latency:percentile(99), t.bad, t.lost, e.status, e.connect, e.read, e.write, e.timeout,
      seconds))
   if first ~= "" then
      io.write("LOADSTATS-FIRST-BAD " .. string.gsub(first, "\n", " ") .. "\n")
   end
end
