-- wrk script: a mix of GET /api/v1/quotes with filters and POST /api/v1/articles.
--
-- WRITE_SHARE (env, default 0.2) of the requests post a new article (a unique text and
-- external_id each), the rest read quotes through one of the filters below. At the end it
-- prints one JSON line: requests/s, latency percentiles, statuses, errors.
-- API_KEY (env) is sent with the writes.

local write_share = tonumber(os.getenv("WRITE_SHARE") or "0.2")
local api_key = os.getenv("API_KEY") or ""

local filters = {
  "/api/v1/quotes",
  "/api/v1/quotes?speaker=Ann%20Lee",
  "/api/v1/quotes?speaker=mayo&kind=direct",
  "/api/v1/quotes?kind=direct&min_confidence=0.6&page_size=20",
  "/api/v1/quotes?source=Gazette&sort=-published_at",
  "/api/v1/quotes?cue=said&sort=-confidence",
  "/api/v1/quotes?q=bridges",
  "/api/v1/quotes?published_after=2024-03-01T00:00:00Z&published_before=2024-06-01T00:00:00Z",
  "/api/v1/quotes?kind=indirect&page_size=10",
  "/api/v1/quotes?speaker=Omar%20Haddad&sort=published_at",
}
local names = {"Karen Reissmann", "Ed Mayo", "Ann Lee", "Omar Haddad", "Maria Santos", "Jon Berg"}

local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  math.randomseed(id * 7919 + os.time())
end

local function article_body()
  counter = counter + 1
  local tag = string.format("load-%d-%d-%d", id, os.time(), counter)
  local a = names[counter % #names + 1]
  local b = names[(counter * 5 + 1) % #names + 1]
  local paragraphs = {}
  for p = 1, 6 do
    paragraphs[p] = string.format(
      '\\"We will build %d new bridges before winter,\\" said %s, a council member. ' ..
      '%s said the plan for district %d would cost more than expected. ' ..
      '\\"It is a matter of trust,\\" %s told reporters (%s).', counter * 10 + p, a, b, p, b, tag)
  end
  return string.format('{"external_id": "%s", "source": "Gazette", "published_at": "2024-04-0%dT10:00:00Z", ' ..
    '"title": "Council story %s", "text": "%s"}', tag, counter % 9 + 1, tag, table.concat(paragraphs, "\\n\\n"))
end

function request()
  if math.random() < write_share then
    local headers = {["Content-Type"] = "application/json"}
    if api_key ~= "" then headers["X-API-Key"] = api_key end
    return wrk.format("POST", "/api/v1/articles", headers, article_body())
  end
  return wrk.format("GET", filters[math.random(#filters)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(total) do table.insert(parts, string.format('"%d": %d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
