"""Flask app factory and Socket.IO events of `sim serve`.

HTTP: ``/`` the page, ``/static/*`` its files, ``/api/demos`` the demo programs,
``/api/pins`` the board's pin numbers, ``/api/default`` the prebuilt demo,
``/api/models`` the generated models' reports and arena layouts (simulator/server/models.py),
``/builds/KEY/app.js|app.wasm`` build outputs (content-addressed, served immutable).

Socket.IO (every event may carry an ``id`` that the answer echoes):
``build`` {source | files} -> ``build_status`` {state, position} ... -> ``build_result``
``digit`` {strokes, width, height, line_width} | {png} -> ``digit_result`` {idx, pixels}
anything malformed -> ``error_message`` {id, message}. Nothing a client sends reaches a
traceback, a log line unescaped, or HTML.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import Any

from flask import Flask, abort, jsonify, request, send_from_directory
from flask_socketio import SocketIO, emit

from simulator import FIRMWARE_DIR, STATIC_DIR
from simulator.build import toolchain
from simulator.buildservice import Busy, LocalBackend, RateLimiter, RequestLimits, parse_request
from simulator.errors import UserError

log = logging.getLogger("sim.server")
KEY_RE = re.compile(r"^[0-9a-f]{24}$")
OUTPUT_FILES = {"app.js": "text/javascript", "app.wasm": "application/wasm"}
DEFAULT_DEMO = "mnist"
MAX_MESSAGE_BYTES = 2 << 20


def demos() -> dict[str, str]:
    return {p.parent.name: p.read_text() for p in sorted((FIRMWARE_DIR / "apps").glob("*/main.cpp"))}


class DefaultBuild:
    """The demo every page starts with, built in the background at start-up."""

    def __init__(self, backend: Any) -> None:
        self.state = "building"
        self.result: dict[str, Any] | None = None
        self._thread = threading.Thread(target=self._run, args=(backend,), daemon=True)
        self._thread.start()

    def _run(self, backend: Any) -> None:
        try:
            ticket = backend.submit(parse_request({"source": demos()[DEFAULT_DEMO]}))
            self.result = ticket.wait(timeout=900)
            self.state = "ready" if self.result.get("ok") else "failed"
        except Exception as exc:  # reported to the page, the server keeps serving
            log.exception("default build failed")
            self.result = {"ok": False, "error": str(exc)}
            self.state = "failed"


def create_app(backend: Any = None, build_rate: float = 0.5, build_burst: int = 5, digit_rate: float = 10.0,
               digit_burst: int = 20, limits: RequestLimits = RequestLimits()) -> tuple[Flask, SocketIO]:
    app = Flask(__name__, static_folder=str(STATIC_DIR), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = MAX_MESSAGE_BYTES
    sio = SocketIO(app, async_mode="threading", max_http_buffer_size=MAX_MESSAGE_BYTES, cors_allowed_origins=[])
    backend = backend or LocalBackend(workers=2, max_queue=32)
    build_limiter = RateLimiter(build_rate, build_burst)
    digit_limiter = RateLimiter(digit_rate, digit_burst)
    default = DefaultBuild(backend)
    app.extensions["sim_backend"] = backend
    app.extensions["sim_default"] = default

    @app.get("/")
    def index():  # noqa: ANN202
        return send_from_directory(STATIC_DIR, "index.html", max_age=0)

    @app.get("/api/demos")
    def api_demos():  # noqa: ANN202
        return jsonify([{"name": name, "source": src} for name, src in demos().items()])

    @app.get("/api/pins")
    def api_pins():  # noqa: ANN202
        from simulator.build.pins import pin_table

        return jsonify(pin_table())

    @app.get("/api/models")
    def api_models():  # noqa: ANN202
        from simulator.server.models import model_reports

        return jsonify(model_reports())

    @app.get("/api/default")
    def api_default():  # noqa: ANN202
        body: dict[str, Any] = {"state": default.state, "demo": DEFAULT_DEMO}
        if default.result:
            body["result"] = _public(default.result)
        return jsonify(body)

    @app.get("/builds/<key>/<name>")
    def build_output(key: str, name: str):  # noqa: ANN202
        if not KEY_RE.match(key) or name not in OUTPUT_FILES:
            abort(404)
        folder = toolchain.cache_root() / "wasm" / "apps" / key
        if not (folder / name).is_file():
            abort(404)
        resp = send_from_directory(folder, name, mimetype=OUTPUT_FILES[name], max_age=31536000)
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return resp

    def client_key() -> str:
        # One key per connection (a browser tab): a classroom behind one NAT address shares an IP.
        return getattr(request, "sid", None) or request.remote_addr or "local"

    def fail(event_id: Any, message: str) -> None:
        emit("error_message", {"id": _safe_id(event_id), "message": message})

    @sio.on("build")
    def on_build(data: Any = None) -> None:
        event_id = data.get("id") if isinstance(data, dict) else None
        try:
            wait = build_limiter.allow(client_key())
            if wait:
                raise UserError(f"too many builds: wait {wait:.0f} s before the next one")
            req = parse_request({k: v for k, v in data.items() if k != "id"} if isinstance(data, dict) else data, limits)
            ticket = backend.submit(req)
            started = time.monotonic()
            emit("build_status", {"id": _safe_id(event_id), "state": "queued", "position": ticket.position(), "seconds": 0})
            while True:
                try:
                    result = ticket.wait(timeout=0.5)
                    break
                except TimeoutError:
                    position = ticket.position()
                    emit("build_status", {"id": _safe_id(event_id), "state": "waiting" if position else "building",
                                          "position": position, "seconds": round(time.monotonic() - started, 1)})
            emit("build_result", {"id": _safe_id(event_id), **_public(result)})
        except Busy as exc:
            emit("build_status", {"id": _safe_id(event_id), "state": "busy", "message": str(exc)})
        except UserError as exc:
            fail(event_id, str(exc))
        except Exception:  # a bug must not take the server down or leak a traceback
            log.exception("build event failed")
            fail(event_id, "internal error while building; the server keeps running")

    @sio.on("digit")
    def on_digit(data: Any = None) -> None:
        event_id = data.get("id") if isinstance(data, dict) else None
        try:
            wait = digit_limiter.allow(client_key())
            if wait:
                raise UserError("too many drawings at once: slow down")
            from simulator import idx
            from simulator.harness import canvas_to_image

            digit = canvas_to_image({k: v for k, v in data.items() if k != "id"} if isinstance(data, dict) else data)
            emit("digit_result", {"id": _safe_id(event_id), "idx": idx.encode(digit), "pixels": digit.reshape(-1).tolist()})
        except UserError as exc:
            fail(event_id, str(exc))
        except Exception:
            log.exception("digit event failed")
            fail(event_id, "internal error while reading the drawing")

    @sio.on_error_default
    def on_error(exc: Exception) -> None:
        log.warning("socket event error: %s", type(exc).__name__)
        emit("error_message", {"id": None, "message": "malformed message"})

    return app, sio


def _safe_id(value: Any) -> Any:
    """Echo a client's request id only if it is a small plain value."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and len(value) <= 64:
        return value
    return None


def _public(result: dict[str, Any]) -> dict[str, Any]:
    """What a client may see of a build result: no server paths."""
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
    if out["ok"] and KEY_RE.match(key or ""):
        out["js_url"] = f"/builds/{key}/app.js"
        out["wasm_url"] = f"/builds/{key}/app.wasm"
    return out

