#!/usr/bin/env python3
"""Signs in to Loa's dashboard with a real headless Chromium and saves what it rendered.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on
fd 3, answers on fd 4, each a JSON text ended by NUL), so only the standard library is needed.
The browser loads /sign-in, types the key into the form and submits it as a person would (the
session cookie is the one the server sets), waits for the overview to load, then writes its DOM
and a full-page PNG screenshot.

usage: dashboard_browser.py BASE_URL API_KEY DOM_OUT PNG_OUT [CHROMIUM]
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

DEADLINE_SECONDS = 60  # a safety net for a browser that hangs, not what is tested


class Browser:
    def __init__(self, executable, profile):
        to_child_read, self.to_child = os.pipe()
        self.from_child, from_child_write = os.pipe()

        def wire_fds():
            read_high = fcntl.fcntl(to_child_read, fcntl.F_DUPFD, 100)
            write_high = fcntl.fcntl(from_child_write, fcntl.F_DUPFD, 100)
            os.dup2(read_high, 3)
            os.dup2(write_high, 4)

        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--remote-debugging-pipe", "--user-data-dir=" + profile, "--window-size=1280,1600", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            close_fds=False, preexec_fn=wire_fds)
        os.close(to_child_read)
        os.close(from_child_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + DEADLINE_SECONDS

    def _read_message(self):
        while b"\0" not in self.buffer:
            if time.monotonic() > self.deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe: " + self.process.stderr.read().decode(errors="replace")[-2000:])
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self.to_child, json.dumps(request).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, session):
        """Waits for an event (one that already came counts), then forgets the events so far."""
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[: index + 1]
                    return event
            self.events.append(self._read_message())

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    base, key, dom_out, png_out = sys.argv[1:5]
    executable = sys.argv[5] if len(sys.argv) > 5 else (shutil.which("chromium") or "chromium")
    profile = tempfile.mkdtemp(prefix="loa-chromium-")
    browser = Browser(executable, profile)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Page.navigate", {"url": base + "/sign-in"}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        browser.call("Runtime.evaluate", {
            "expression": "document.getElementById('key').value = %s; document.getElementById('sign-in').submit(); true" % json.dumps(key),
        }, session=session)
        browser.wait_for("Page.loadEventFired", session)
        path = browser.call("Runtime.evaluate", {"expression": "location.pathname", "returnByValue": True}, session=session)
        dom = browser.call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML", "returnByValue": True}, session=session)
        with open(dom_out, "w", encoding="utf-8") as out:
            out.write(dom["result"]["value"])
        shot = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session)
        with open(png_out, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        print(json.dumps({"path": path["result"]["value"]}))
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
