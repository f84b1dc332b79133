-- The wrk script of `npm run bench:server` (bench/server-wrk.ts sets the FK_* variables). One copy per wrk thread.
local base = {
  ["content-type"] = "application/x-amz-json-1.1",
  ["x-amz-date"] = "20261130T000000Z",
  -- Neither server checks signatures here, but both read the Region (and moto the account) from the scope.
  ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000",
}

local function headers(target)
  local h = {}
  for k, v in pairs(base) do h[k] = v end
  h["x-amz-target"] = "TrentService." .. target
  return h
end

wrk.method = "POST"

if os.getenv("FK_MODE") == "create-delete" then
  -- Create a store (its name and endpoint numbered), delete it once its id is back: at most one live store per connection.
  local template = os.getenv("FK_BODY")
  local createHeaders, deleteHeaders = headers("CreateCustomKeyStore"), headers("DeleteCustomKeyStore")
  local ids, n = {}, 0
  request = function()
    local id = table.remove(ids)
    if id then return wrk.format(nil, "/", deleteHeaders, '{"CustomKeyStoreId":"' .. id .. '"}') end
    n = n + 1
    return wrk.format(nil, "/", createHeaders, (template:gsub("%%N%%", tostring(n))))
  end
  response = function(status, _, body)
    local id = status == 200 and body:match('"CustomKeyStoreId"%s*:%s*"([^"]+)"')
    if id then table.insert(ids, id) end
  end
else
  -- One request repeated: built once by wrk itself, no Lua per request.
  wrk.headers = headers(os.getenv("FK_TARGET"))
  wrk.body = os.getenv("FK_BODY")
end

done = function(summary, latency)
  local e = summary.errors
  io.write(string.format(
    'FK_RESULT {"requests":%d,"microseconds":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d}\n',
    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
