-- wrk script: GET /hub/api/users/<name>, rotating over the users HubLoad created.
-- Usage: wrk ... -H 'Authorization: token T' -s get-user.lua URL -- USERS PREFIX
-- Names are PREFIX followed by a six-digit index (HubLoad.userName); each thread starts at its
-- own offset so that threads do not ask for the same user at the same moment.
local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   users = tonumber(args[1]) or 1
   prefix = args[2] or "user"
   counter = (id or 0) * math.floor(users / 2)
end

function request()
   counter = (counter + 1) % users
   return wrk.format("GET", string.format("/hub/api/users/%s%06d", prefix, counter))
end
