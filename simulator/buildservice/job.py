"""One build job: the function the local pool and the RQ workers both run."""

from __future__ import annotations

from typing import Any

from simulator.buildservice.request import BuildRequest, parse_request
from simulator.errors import UserError


def execute(request: BuildRequest, cache_root: Any = None) -> dict[str, Any]:
    """Compile a validated request in the sandbox; a JSON-able result (never raises for user errors)."""
    from simulator.build import build

    try:
        result = build(request.files, request.target, untrusted=True)
    except UserError as exc:
        return {"ok": False, "key": request.key(), "diagnostics": [], "log": str(exc), "error": str(exc)}
    data = result.to_dict()
    data["request_key"] = request.key()
    return data


def execute_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Entry point for RQ workers: the payload is validated again on the worker."""
    return execute(parse_request(payload))
