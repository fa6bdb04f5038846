"""Page loads in headless Chromium with nothing attached to the page while it loads.

Playwright attaches to every page, frame and worker it can see: it enables the Network,
Page and Runtime domains (every request and execution context becomes an event sent to its
driver) and holds each new frame and worker until its driver lets it run. On a 2-core machine
that work competes with the page it measures. A user's browser has none of it. So this loader
drives a Chromium of its own over the DevTools protocol (a WebSocket, `websocket-client`):

1. a new browser context (a cold HTTP cache) with an `about:blank` tab;
2. wait until the machine is idle (the new window's own work is not the page's load);
3. attach, `Page.navigate`, detach at once: nothing is attached during the load;
4. wait until the machine is idle again, attach, and read the page's marks.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import websocket

# The window's size: the page's viewport is then 1280x720, Playwright's default viewport.
WINDOW = "--window-size=1280,807"


class QuietChromium:
    """A headless Chromium of its own, driven over a raw DevTools WebSocket."""

    def __init__(self, executable: str, args: list[str]) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="bench-chromium-")
        self.proc = subprocess.Popen([executable, "--headless", WINDOW, "--remote-debugging-port=0",
                                      f"--user-data-dir={self.profile.name}", *args, "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while True:
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2:
                break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{lines[0]}{lines[1]}", timeout=60)
        self.ids = itertools.count(1)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """One command; the events that arrive meanwhile are dropped."""
        ident = next(self.ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def load(self, url: str, settle: Callable[[], float], read: str, before: int = 0) -> Any:
        """Loads `url` in a new context with nothing attached, then returns the value of the
        expression `read` (a promise is awaited) once the machine is idle again. With `before`,
        the page is loaded that many times first in the same context: a repeat visit (the
        HTTP cache, and from the third load V8's code cache, are warm)."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        try:
            target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
            for _ in range(before + 1):
                settle()
                session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
                self.send("Page.navigate", {"url": url}, session)
                self.send("Target.detachFromTarget", {"sessionId": session})
            settle()
            session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            result = self.send("Runtime.evaluate", {"expression": read, "awaitPromise": True, "returnByValue": True},
                               session)
            if "exceptionDetails" in result:
                raise RuntimeError(f"{url}: {result['exceptionDetails'].get('text', 'the page threw')}")
            return result["result"].get("value")
        finally:
            self.send("Target.disposeBrowserContext", {"browserContextId": context})

    def close(self) -> None:
        if getattr(self, "ws", None):
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.profile.cleanup()
