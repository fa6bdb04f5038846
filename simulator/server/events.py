"""Socket.IO events of `sim serve` (the contract with the page; see docs/classroom-server.md).

Connecting: ``auth: {client: ID}`` (a random id the page keeps in localStorage) keys the browser;
without it the address does. Every event may carry an ``id`` that the answers echo.

``build`` {source | files, board?} -> ``build_status`` {state: queued|waiting|building, position,
seconds} ... -> ``build_result`` {ok, key, diagnostics, log, cache_hit, seconds, sizes, js_url,
wasm_url}; or ``build_status`` {state: busy, message} (refused for now: queue, budget or address
limit) or {state: replaced, message} (this connection sent a newer build before this one started).
``digit`` {strokes, width, height, line_width} | {png} -> ``digit_result`` {idx, pixels}.
Anything malformed -> ``error_message`` {id, message}. Nothing a client sends reaches a
traceback, a log line unescaped, or HTML; no server path reaches a client.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from flask import current_app, request
from flask_socketio import ConnectionRefusedError

from simulator.buildservice import AddressBusy, BudgetExceeded, Busy, parse_request
from simulator.errors import UserError
from simulator.server.clients import TooManyConnections
from simulator.server.extensions import socketio
from simulator.server.wire import ClientGone

log = logging.getLogger("sim.server")
STATUS_EVERY = 0.5  # seconds between build_status updates


def _state() -> Any:
    return current_app.extensions["sim"]


def _payload(data: Any) -> tuple[Any, Any]:
    if isinstance(data, dict):
        return _safe_id(data.get("id")), {k: v for k, v in data.items() if k != "id"}
    return None, data


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    st = _state()
    try:
        st.connections.add(request.sid, auth, request.remote_addr or "unknown")
    except TooManyConnections as exc:
        log.warning("refused a connection from %s: too many from that address", request.remote_addr)
        raise ConnectionRefusedError(str(exc)) from None


@socketio.on("disconnect")
def on_disconnect(*_reason: Any) -> None:
    st = _state()
    st.connections.remove(request.sid)
    st.scheduler.cancel_connection(request.sid)
    st.drawings.cancel_connection(request.sid)


@socketio.on("build")
def on_build(data: Any = None) -> None:
    st = _state()
    sid = request.sid
    event_id, payload = _payload(data)
    conn = st.connections.get(sid)
    if conn is None:
        return
    try:
        wait = st.build_limiter.allow(conn.client)
        if wait:
            raise UserError(f"too many builds: wait {wait:.0f} s before the next one")
        req = parse_request(payload, st.request_limits)
        job = st.scheduler.submit(req, conn.client, sid, conn.address)
        started = time.monotonic()
        st.outbox.send(sid, "build_status", {"id": event_id, "state": "queued", "position": job.position(),
                                             "seconds": 0})
        while True:
            try:
                result = job.wait(timeout=STATUS_EVERY)
                break
            except TimeoutError:
                position = job.position()
                st.outbox.send(sid, "build_status", {"id": event_id, "state": "waiting" if position else "building",
                                                     "position": position,
                                                     "seconds": round(time.monotonic() - started, 1)})
        if result.get("replaced"):
            st.outbox.send(sid, "build_status", {"id": event_id, "state": "replaced", "message": result["error"]})
            return
        st.outbox.send(sid, "build_result", {"id": event_id, **public_result(result)})
    except ClientGone:
        return
    except (Busy, AddressBusy, BudgetExceeded) as exc:
        _quietly(st, sid, "build_status", {"id": event_id, "state": "busy", "message": str(exc)})
    except UserError as exc:
        _quietly(st, sid, "error_message", {"id": event_id, "message": str(exc)})
    except Exception as exc:  # a bug must not take the server down, flood the log or leak a path
        log.error("build event failed: %s: %s", type(exc).__name__, str(exc)[:200])
        _quietly(st, sid, "error_message", {"id": event_id, "message": "internal error while building; the server "
                                                                       "keeps running"})


@socketio.on("digit")
def on_digit(data: Any = None) -> None:
    st = _state()
    sid = request.sid
    event_id, payload = _payload(data)
    conn = st.connections.get(sid)
    if conn is None:
        return
    try:
        if st.digit_limiter.allow(conn.client):
            raise UserError("too many drawings at once: slow down")
        future = st.drawings.submit(conn.client, sid, payload)
        digit = future.result(timeout=30)
        from simulator import idx

        st.outbox.send(sid, "digit_result", {"id": event_id, "idx": idx.encode(digit),
                                             "pixels": digit.reshape(-1).tolist()})
    except (ClientGone, CancelledError):
        return
    except FutureTimeout:
        _quietly(st, sid, "error_message", {"id": event_id, "message": "the server is too busy to read drawings now"})
    except UserError as exc:
        _quietly(st, sid, "error_message", {"id": event_id, "message": str(exc)})
    except Exception as exc:
        log.error("digit event failed: %s: %s", type(exc).__name__, str(exc)[:200])
        _quietly(st, sid, "error_message", {"id": event_id, "message": "internal error while reading the drawing"})


@socketio.on_error_default
def on_error(exc: Exception) -> None:
    log.warning("socket event error: %s", type(exc).__name__)
    _quietly(_state(), request.sid, "error_message", {"id": None, "message": "malformed message"})


def _quietly(st: Any, sid: str, event: str, data: dict[str, Any]) -> None:
    try:
        st.outbox.send(sid, event, data)
    except ClientGone:
        pass


def _safe_id(value: Any) -> Any:
    """Echo a client's request id only if it is a small plain value."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and len(value) <= 64:
        return value
    return None


def public_result(result: dict[str, Any]) -> dict[str, Any]:
    """What a client may see of a build result: no server paths."""
    from simulator.server.http import KEY_RE

    key = result.get("key", "")
    out = {
        "ok": bool(result.get("ok")),
        "key": key,
        "diagnostics": result.get("diagnostics", []),
        "log": result.get("log", ""),
        "cache_hit": bool(result.get("cache_hit")),
        "seconds": result.get("seconds"),
        "sizes": result.get("sizes", {}),
    }
    if result.get("error"):
        out["error"] = result["error"]
    if out["ok"] and KEY_RE.fullmatch(key or ""):
        out["js_url"] = f"/builds/{key}/app.js"
        out["wasm_url"] = f"/builds/{key}/app.wasm"
    return out
