#!/usr/bin/env python3
"""End-to-end check of the Kannel test peer (scripts/peers/kannel.sh), stdlib only.

Starts Kannel in a temp dir, runs a dlr-url listener on 127.0.0.1, sends GSM, UCS-2 and
concatenated messages plus the error cases, checks what fakesmsc received and which
delivery-report callbacks arrived, then stops Kannel and checks nothing is left running.
Ports come from the same KANNEL_* variables as kannel.sh. Prints 'N passed, N failed'.

    python3 scripts/peers/kannel_smoke.py
"""
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "kannel.sh")
SENDSMS_PORT = int(os.environ.get("KANNEL_SENDSMS_PORT", "13013"))
ADMIN_PORT = int(os.environ.get("KANNEL_ADMIN_PORT", "13000"))
USER = os.environ.get("KANNEL_USER", "loa")
PASSWORD = os.environ.get("KANNEL_PASSWORD", "loa-secret")
ADMIN_PASSWORD = os.environ.get("KANNEL_ADMIN_PASSWORD", "loa-admin")

VIETNAMESE = "Hồ sơ của ông Giàng A Vảng đã có kết quả"
CALLBACKS = []  # (time, path, query dict)
CB_LOCK = threading.Lock()


class Receipts(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        with CB_LOCK:
            CALLBACKS.append((time.time(), self.path, {k: v[0] for k, v in query.items()}))
        self.send_response(200)  # Kannel counts only 200/202 as success
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def sendsms(params):
    url = f"http://127.0.0.1:{SENDSMS_PORT}/cgi-bin/sendsms?" + urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def fakesmsc_lines(kdir):
    """Messages fakesmsc received: list of (from, to, kind, payload)."""
    out = []
    with open(os.path.join(kdir, "fakesmsc.log"), encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"Got message \d+: <(\S*) (\S*) (\S+) (.*)>$", line.rstrip("\n"))
            if m:
                out.append(m.groups())
    return out


def decode_part(kind, payload):
    """-> (udh bytes or None, text). 'text' payloads are raw UTF-8; the others are
    URL-encoded (space as '+'); UCS-2 is UTF-16BE, GSM-coded parts are UTF-8."""
    def unq(s):
        return urllib.parse.unquote_to_bytes(s.replace("+", " "))
    if kind == "text":
        return None, payload
    if kind == "ucs-2":
        return None, unq(payload).decode("utf-16-be")
    if kind == "udh":
        udh, _data_kind, data = payload.split(" ", 2)
        return unq(udh), unq(data)
    return None, unq(payload)


def wait_for(pred, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    return pred()


def main():
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receipts)
    cb_port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()

    kdir = tempfile.mkdtemp(prefix="loa-kannel-")
    t0 = time.time()
    r = subprocess.run([SCRIPT, "start", kdir])
    check("start", r.returncode == 0, f"exit {r.returncode}")
    if r.returncode != 0:
        print(f"0 passed, {len(results)} failed")
        return 1
    print(f"started in {time.time() - t0:.2f}s", flush=True)

    def dlr_url(mid):
        # Our own params must not contain '%' + letter (Kannel would expand it).
        return (f"http://127.0.0.1:{cb_port}/v1/providers/kannel/receipts?messageId={mid}"
                "&sig=abc&type=%d&status=%A&ts=%T&smscid=%i&foreign=%F")

    def base(mid, to, text, **extra):
        p = {"username": USER, "password": PASSWORD, "from": "Loa", "to": to, "text": text,
             "dlr-mask": "31", "dlr-url": dlr_url(mid)}
        p.update(extra)
        return p

    def callbacks(mid):
        with CB_LOCK:
            return [c for c in CALLBACKS if c[2].get("messageId") == mid]

    def received_since(n, count):
        return wait_for(lambda: len(fakesmsc_lines(kdir)) >= n + count and fakesmsc_lines(kdir)[n:])

    # (a) plain GSM
    n = len(fakesmsc_lines(kdir))
    sent_at = time.time()
    st, body = sendsms(base("msg_gsm", "+84901234567", "Hello from Loa @ 100% [ok]"))
    check("gsm answer", (st, body) == (202, "0: Accepted for delivery"), (st, body))
    got = received_since(n, 1)
    check("gsm fakesmsc line", got and got[0] == ("Loa", "+84901234567", "text", "Hello from Loa @ 100% [ok]"), got)
    cbs = wait_for(lambda: len(callbacks("msg_gsm")) >= 2 and callbacks("msg_gsm"))
    types = sorted(c[2]["type"] for c in cbs or [])
    check("gsm callbacks 1 and 8", types == ["1", "8"], cbs)
    if cbs:
        by = {c[2]["type"]: c[2] for c in cbs}
        check("gsm callback values", by.get("8", {}).get("status") == "ACK/" and by.get("1", {}).get("status") == ""
              and by["8"]["smscid"] == "fake" and by["8"]["sig"] == "abc" and by["8"]["ts"].isdigit(), by)
        print(f"callbacks after {max(c[0] for c in cbs) - sent_at:.3f}s", flush=True)

    # (b) UCS-2
    n = len(fakesmsc_lines(kdir))
    st, body = sendsms(base("msg_ucs2", "84901234567", VIETNAMESE, coding="2", charset="UTF-8"))
    check("ucs2 answer", st == 202, (st, body))
    got = received_since(n, 1)
    check("ucs2 fakesmsc text", got and got[0][2] == "ucs-2" and decode_part(got[0][2], got[0][3])[1] == VIETNAMESE, got)
    check("ucs2 callbacks", wait_for(lambda: len(callbacks("msg_ucs2")) >= 2), callbacks("msg_ucs2"))

    # (c) concatenated GSM, 400 chars -> 153 + 153 + 94
    long_text = "".join(f"Part of a long Loa message number {i:02d}. " for i in range(12))[:400]
    n = len(fakesmsc_lines(kdir))
    st, body = sendsms(base("msg_long", "84901234567", long_text))
    check("long answer", st == 202, (st, body))
    got = received_since(n, 3)
    parts = [decode_part(k, p) for (_f, _t, k, p) in (got or [])]
    check("long 3 udh parts", len(parts) == 3 and all(u is not None and u[:3] == b"\x05\x00\x03" for u, _ in parts), got)
    check("long reassembled", b"".join(d for _u, d in parts).decode("utf-8") == long_text, parts)
    time.sleep(0.5)
    check("long one pair of callbacks", sorted(c[2]["type"] for c in callbacks("msg_long")) == ["1", "8"],
          callbacks("msg_long"))

    # (c') concatenated UCS-2, 4 x Vietnamese = 167 chars -> 67 + 67 + 33
    long_vi = ". ".join([VIETNAMESE] * 4) + "."
    n = len(fakesmsc_lines(kdir))
    st, body = sendsms(base("msg_long_vi", "84901234567", long_vi, coding="2", charset="UTF-8"))
    got = received_since(n, 3)
    parts = [decode_part(k, p) for (_f, _t, k, p) in (got or [])]
    check("long ucs2 reassembled", st == 202 and len(parts) == 3
          and b"".join(d for _u, d in parts).decode("utf-16-be") == long_vi, got)

    # errors
    p = base("x", "1", "hi")
    del p["to"]
    check("missing to", sendsms(p) == (400, "Missing receiver number, rejected"), sendsms(p))
    p = base("x", "1", "hi", password="wrong")
    check("bad password", sendsms(p) == (403, "Authorization failed for sendsms"), sendsms(p))
    p = base("x", "1", "hi")
    del p["from"]
    check("missing from", sendsms(p) == (400, "Sender missing and no global set, rejected"), sendsms(p))
    st_body = sendsms(base("msg_rej", "99912345", "rejected"))
    check("no route answer", st_body == (403, "Not routable. Do not try again."), st_body)
    cbs = wait_for(lambda: callbacks("msg_rej"))
    check("no route callback 16", [c[2]["type"] for c in cbs or []] == ["16"]
          and cbs[0][2]["status"] == "NACK/no SMSC", cbs)

    # fakesmsc gone -> queued
    with open(os.path.join(kdir, "fakesmsc.pid")) as f:
        os.kill(int(f.read().strip()), 15)

    def smsc_down():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{ADMIN_PORT}/status.txt?password={ADMIN_PASSWORD}",
                                        timeout=3) as r:
                return "re-connecting" in r.read().decode()
        except OSError:
            return False
    wait_for(smsc_down, 10)
    st_body = sendsms(base("msg_q", "1", "queued"))
    check("queued while no SMSC", st_body == (202, "3: Queued for later delivery"), st_body)

    t1 = time.time()
    r = subprocess.run([SCRIPT, "stop", kdir])
    check("stop", r.returncode == 0, f"exit {r.returncode}")
    print(f"stopped in {time.time() - t1:.2f}s", flush=True)
    alive = []
    for b in ("bearerbox", "smsbox", "fakesmsc"):
        pf = os.path.join(kdir, b + ".pid")
        if os.path.exists(pf):
            alive.append(b)
    check("no pid files left", not alive, alive)
    server.shutdown()

    passed = sum(results)
    if passed == len(results):
        shutil.rmtree(kdir, ignore_errors=True)
    else:
        print(f"logs kept in {kdir}")
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
