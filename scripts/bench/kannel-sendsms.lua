-- wrk script: sends COUNT messages through Kannel's HTTP sendsms interface, the texts of
-- TEXTS_FILE in turn, each message to a number of its own; every answer must be 202.
--
--   wrk -t THREADS -c CONNECTIONS -d 1h -s scripts/bench/kannel-sendsms.lua \
--       http://127.0.0.1:SENDSMS_PORT -- TEXTS_FILE COUNT THREADS USERNAME PASSWORD [DLR_URL]
--
-- TEXTS_FILE has one text a line: its Kannel `coding` (0 GSM-7, 2 UCS-2), a space, and the
-- text percent-encoded as UTF-8 (`loa-bench delivery` writes it from Loa's own templates).
-- Message i (0 ≤ i < COUNT) has text i mod (number of texts) and goes to +849 and i in 8 digits.
-- THREADS must be the `-t` given to wrk: thread t sends messages t, t + THREADS, ...
-- With DLR_URL (percent-encoded), every message asks for a delivery report (dlr-mask 1) there.
--
-- When a thread has had every answer it waits for, it writes `kannel-sendsms: thread T
-- answered N` to standard error and stops; its connections send nothing more meanwhile.
-- wrk itself runs until `-d` is over, so the caller watches standard error (and the SMSC)
-- and then ends wrk (`loa-bench delivery` kills it; by hand, Ctrl-C prints wrk's summary and
-- `kannel-sendsms: N answered 202`). Any answer other than 202 is written to standard error
-- and ends wrk with exit status 3.

local threads = {}

function setup(thread)
    thread:set("thread_number", #threads)
    table.insert(threads, thread)
end

function init(args)
    local texts_file, count, thread_count = args[1], tonumber(args[2]), tonumber(args[3])
    local username, password, dlr_url = args[4], args[5], args[6]
    if not (texts_file and count and thread_count and username and password) then
        io.stderr:write("usage: wrk ... -s kannel-sendsms.lua URL -- TEXTS_FILE COUNT THREADS USERNAME PASSWORD\n")
        os.exit(2)
    end
    texts = {}
    for line in io.lines(texts_file) do
        local coding, text = line:match("^(%d) (%S+)$")
        if coding then table.insert(texts, "&coding=" .. coding .. "&text=" .. text) end
    end
    if #texts == 0 then
        io.stderr:write("kannel-sendsms: no texts in " .. texts_file .. "\n")
        os.exit(2)
    end
    local report = dlr_url and ("&dlr-mask=1&dlr-url=" .. dlr_url) or ""
    prefix = "/cgi-bin/sendsms?username=" .. username .. "&password=" .. password .. report .. "&from=Loa&charset=UTF-8&to=%2B849"
    message_count, step, next_message = count, thread_count, thread_number
    expected = thread_number < count and math.floor((count - 1 - thread_number) / thread_count) + 1 or 0
    answered = 0
    if expected == 0 then
        io.stderr:write(string.format("kannel-sendsms: thread %d answered 0\n", thread_number))
    end
    -- wrk asks the first thread for one request before any thread runs, only to check the
    -- script; that request is never sent, so it must not use up a message.
    checking = thread_number == 0
end

local function sendsms(message)
    return wrk.format("GET", prefix .. string.format("%08d", message % 100000000) .. texts[message % #texts + 1])
end

function request()
    if checking then
        checking = false
        return sendsms(next_message)
    end
    if next_message >= message_count then
        -- Nothing left for this connection: an empty request leaves it idle.
        return ""
    end
    local message = next_message
    next_message = next_message + step
    return sendsms(message)
end

function response(status, headers, body)
    if status ~= 202 then
        io.stderr:write(string.format("kannel-sendsms: Kannel answered %d: %s\n", status, body))
        os.exit(3)
    end
    answered = answered + 1
    if answered == expected then
        io.stderr:write(string.format("kannel-sendsms: thread %d answered %d\n", thread_number, answered))
        wrk.thread:stop()
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do total = total + thread:get("answered") end
    io.write(string.format("kannel-sendsms: %d answered 202\n", total))
end
