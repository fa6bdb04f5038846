"""One build job: the function the local pool and the RQ workers both run."""

from __future__ import annotations

import inspect
import logging
import threading
from typing import Any

from simulator import sandbox
from simulator.buildservice.request import BuildRequest, parse_request
from simulator.errors import UserError

log = logging.getLogger("sim.build")

#: Wall time for one whole request (every compiler run of it together), in seconds.
REQUEST_SECONDS = 60.0


def _build_accepts_board() -> bool:
    from simulator.build import build

    return "board" in inspect.signature(build).parameters


def execute(request: BuildRequest, cache_root: Any = None, seconds: float = REQUEST_SECONDS,
            cancel: threading.Event | None = None) -> dict[str, Any]:
    """Compile a validated request in the sandbox, within one wall-time budget; a JSON-able result.

    Never raises for what a client did: user errors, a missing sandbox and internal errors become
    ``{"ok": False, "error": ...}`` (an internal error is logged in one line, not sent in detail).
    """
    from simulator.build import build

    try:
        with sandbox.request_budget(seconds, cancel) as budget:
            if not sandbox.bubblewrap_available():
                from simulator.buildservice.preflight import check_unsandboxed

                check_unsandboxed(request.files, request.target)
            kwargs: dict[str, Any] = {"untrusted": True}
            if _build_accepts_board():
                kwargs["board"] = request.board
            result = build(request.files, request.target, **kwargs)
            if budget.cancel.is_set():
                return {"ok": False, "key": request.key(), "diagnostics": [], "log": "", "error": "cancelled",
                        "cancelled": True}
    except UserError as exc:
        return {"ok": False, "key": request.key(), "diagnostics": [], "log": str(exc), "error": str(exc)}
    except Exception as exc:  # a bug or a broken machine: one log line, a plain message to the client
        log.error("build %s failed inside the server: %s: %s", request.key()[:12], type(exc).__name__,
                  str(exc)[:200])
        return {"ok": False, "key": request.key(), "diagnostics": [], "log": "",
                "error": "the build failed inside the server (not your program); try again later"}
    data = result.to_dict()
    data["request_key"] = request.key()
    return data


def execute_payload(payload: dict[str, Any], seconds: float = REQUEST_SECONDS) -> dict[str, Any]:
    """Entry point for RQ workers: the payload is validated again on the worker."""
    return execute(parse_request(payload), seconds=seconds)
