"""HTTP routes: the page, its APIs, build outputs, and the headers the page's isolation relies on.

``/`` the page, ``/static/*`` its files (Flask's static route), ``/api/demos`` the demo
programs, ``/api/pins`` the board's pin numbers, ``/api/boards`` the boards a build may name,
``/api/default`` the prebuilt demo, ``/api/models`` the generated models' reports and arena
layouts (simulator/server/models.py), ``/builds/KEY/app.js|app.wasm`` build outputs.

Headers:
* ``/builds/*`` outputs are content-addressed and immutable, so they are cacheable forever and
  readable from any origin (``Access-Control-Allow-Origin: *``): the firmware runner is an
  iframe with an opaque origin (``sandbox="allow-scripts"``) and must be able to fetch them.
* The runner document (``/static/runner.html``, its scripts inline under their hash) is served
  with ``Content-Security-Policy: sandbox allow-scripts`` (its own opaque origin even if a page
  frames it without the attribute, or it is opened directly) and ``frame-ancestors 'self'``.
* The page's bundled modules (``/static/vendor/page-<hash>/``) are named by their sources' hash
  and cacheable forever.
* Every response: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``; the page
  itself may only be framed by this server (``X-Frame-Options: SAMEORIGIN``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, render_template_string, request, send_from_directory

from simulator import STATIC_DIR
from simulator.build import toolchain

bp = Blueprint("pages", __name__)

KEY_RE = re.compile(r"[0-9a-f]{24}")
OUTPUT_FILES = {"app.js": "text/javascript", "app.wasm": "application/wasm"}
RUNNER_DOCUMENTS = ("/static/runner.html",)
RUNNER_CSP = "sandbox allow-scripts; frame-ancestors 'self'"


@bp.get("/")
def index() -> Response:
    """The page, with its start-up data in it (static/index.html is a Jinja template)."""
    from simulator.server.page_bundle import page_scripts, unbundled

    scripts = unbundled() if current_app.config.get("SIM_UNBUNDLED") else page_scripts()
    worker = STATIC_DIR / "runner" / "worker.js"
    html = render_template_string((STATIC_DIR / "index.html").read_text(), boot=_boot_data(), scripts=scripts,
                                  worker_js=_inline_script(worker) if worker.exists() else "")
    resp = Response(html, mimetype="text/html")
    resp.headers["Cache-Control"] = "no-cache"
    resp.headers["X-Frame-Options"] = "SAMEORIGIN"
    return resp


def _inline_script(path: Path) -> str:
    """A classic script's text, to put between <script> and </script>."""
    text = path.read_text()
    if "</script" in text.lower() or "<!--" in text:
        raise ValueError(f"{path} cannot be inlined: it contains '</script' or '<!--'")
    return text


def _boot_data() -> dict[str, Any]:
    """What the page needs before it can run the demo: the same bodies as /api/default, /api/pins
    (of the default board) and /api/demos, so it asks for none of them at start-up."""
    from simulator.build.boards import DEFAULT_BOARD
    from simulator.build.pins import pin_table
    from simulator.server.default_build import demos

    return {"default": _default_info(), "pins": {DEFAULT_BOARD: pin_table(DEFAULT_BOARD)},
            "demos": [{"name": name, "source": src} for name, src in demos().items()]}


#: The runner document's scripts, in order, inlined into static/runner.html.
RUNNER_SCRIPTS = ("runner/protocol.js", "runner/worker.js", "runner/frame.js")
_runner: tuple[tuple, str] | None = None


@bp.get("/static/runner.html")
def runner_document() -> Response:
    """The isolated runner (static/runner.html), with its scripts inline and allowed by hash."""
    global _runner
    paths = [STATIC_DIR / "runner.html", *(STATIC_DIR / name for name in RUNNER_SCRIPTS)]
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)
    if _runner is None or _runner[0] != stamp:
        script = "\n".join(_inline_script(p) for p in paths[1:] if p.exists())
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        html = render_template_string(paths[0].read_text(), script=script, script_hash=f"sha256-{digest}")
        _runner = (stamp, html)
    resp = Response(_runner[1], mimetype="text/html")
    resp.headers["Cache-Control"] = "no-cache"
    return resp


@bp.get("/api/demos")
def api_demos() -> Response:
    from simulator.server.default_build import demos

    return jsonify([{"name": name, "source": src} for name, src in demos().items()])


@bp.get("/api/pins")
def api_pins() -> Response:
    from simulator.build.boards import BOARDS, DEFAULT_BOARD
    from simulator.build.pins import pin_table

    board = request.args.get("board", DEFAULT_BOARD)
    if board not in BOARDS:
        abort(404)
    return jsonify(pin_table(board))


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
    return jsonify(_default_info())


def _default_info() -> dict[str, Any]:
    from simulator.server.default_build import DEFAULT_DEMO
    from simulator.server.events import public_result

    default = current_app.extensions["sim"].default_build
    body: dict[str, Any] = {"state": default.state, "demo": DEFAULT_DEMO}
    if default.result:
        body["result"] = public_result(default.result)
    return body


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
    if request.path.startswith("/static/vendor/page-"):  # named by the hash of their sources
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return resp
