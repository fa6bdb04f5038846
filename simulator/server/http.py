"""HTTP routes: the page, its APIs, build outputs, and the headers the page's isolation relies on.

``/`` the page, ``/static/*`` its files (Flask's static route), ``/api/demos`` the demo
programs, ``/api/pins`` the board's pin numbers, ``/api/boards`` the boards a build may name,
``/api/default`` the prebuilt demo, ``/api/models`` the generated models' reports and arena
layouts (simulator/server/models.py), ``/builds/KEY/app.js|app.wasm`` build outputs.

Headers:
* ``/builds/*`` outputs are content-addressed and immutable, so they are cacheable forever and
  readable from any origin (``Access-Control-Allow-Origin: *``): the firmware runner is an
  iframe with an opaque origin (``sandbox="allow-scripts"``) and must be able to fetch them.
* The runner document (``/static/runner.html``) is served with ``Content-Security-Policy:
  sandbox allow-scripts`` (its own opaque origin even if a page frames it without the
  attribute, or it is opened directly) and ``frame-ancestors 'self'``.
* Every response: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``; the page
  itself may only be framed by this server (``X-Frame-Options: SAMEORIGIN``).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request, send_from_directory

from simulator import STATIC_DIR
from simulator.build import toolchain

bp = Blueprint("pages", __name__)

KEY_RE = re.compile(r"[0-9a-f]{24}")
OUTPUT_FILES = {"app.js": "text/javascript", "app.wasm": "application/wasm"}
RUNNER_DOCUMENTS = ("/static/runner.html",)
RUNNER_CSP = "sandbox allow-scripts; frame-ancestors 'self'"


@bp.get("/")
def index() -> Response:
    resp = send_from_directory(STATIC_DIR, "index.html", max_age=0)
    resp.headers["X-Frame-Options"] = "SAMEORIGIN"
    return resp


@bp.get("/api/demos")
def api_demos() -> Response:
    from simulator.server.default_build import demos

    return jsonify([{"name": name, "source": src} for name, src in demos().items()])


@bp.get("/api/pins")
def api_pins() -> Response:
    from simulator.build.pins import pin_table

    return jsonify(pin_table())


@bp.get("/api/boards")
def api_boards() -> Response:
    from simulator.buildservice.request import DEFAULT_BOARD, known_boards

    return jsonify({"boards": list(known_boards()), "default": DEFAULT_BOARD})


@bp.get("/api/models")
def api_models() -> Response:
    from simulator.server.models import model_reports

    return jsonify(model_reports())


@bp.get("/api/default")
def api_default() -> Response:
    from simulator.server.default_build import DEFAULT_DEMO
    from simulator.server.events import public_result

    default = current_app.extensions["sim"].default_build
    body: dict[str, Any] = {"state": default.state, "demo": DEFAULT_DEMO}
    if default.result:
        body["result"] = public_result(default.result)
    return jsonify(body)


@bp.get("/builds/<key>/<name>")
def build_output(key: str, name: str) -> Response:
    if not KEY_RE.fullmatch(key) or name not in OUTPUT_FILES:
        abort(404)
    folder = toolchain.cache_root() / "wasm" / "apps" / key
    if not (folder / name).is_file():
        abort(404)
    resp = send_from_directory(folder, name, mimetype=OUTPUT_FILES[name], max_age=31536000)
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return resp


@bp.after_app_request
def security_headers(resp: Response) -> Response:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path in RUNNER_DOCUMENTS:
        resp.headers["Content-Security-Policy"] = RUNNER_CSP
    return resp
