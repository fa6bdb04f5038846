"""The demo every page starts with, built in the background when ``sim serve`` starts (never by the
app factory, so tests and extra web processes do not compile anything by creating an app)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from simulator import FIRMWARE_DIR

log = logging.getLogger("sim.server")
DEFAULT_DEMO = "mnist"


def demos() -> dict[str, str]:
    return {p.parent.name: p.read_text() for p in sorted((FIRMWARE_DIR / "apps").glob("*/main.cpp"))}


class DefaultBuild:
    def __init__(self) -> None:
        self.state = "idle"  # idle (not started) | building | ready | failed
        self.result: dict[str, Any] | None = None
        self._thread: threading.Thread | None = None

    def start(self, scheduler: Any) -> None:
        if self._thread is not None:
            return
        self.state = "building"
        self._thread = threading.Thread(target=self._run, args=(scheduler,), name="default-build", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> str:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.state

    def _run(self, scheduler: Any) -> None:
        from simulator.buildservice import parse_request

        try:
            job = scheduler.submit(parse_request({"source": demos()[DEFAULT_DEMO]}), client="server:default",
                                   conn="server:default", address="server")
            self.result = job.wait(timeout=900)
            self.state = "ready" if self.result.get("ok") else "failed"
            if self.state == "failed":
                log.error("the default demo did not build: %s", (self.result.get("error") or "compile errors")[:200])
        except Exception as exc:  # reported to the page; the server keeps serving
            log.error("the default demo did not build: %s: %s", type(exc).__name__, str(exc)[:200])
            self.result = {"ok": False, "error": "the demo could not be built on this server"}
            self.state = "failed"
