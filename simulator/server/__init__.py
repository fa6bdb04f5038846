"""The web simulator: Flask serves the page and build outputs, Socket.IO carries builds and drawings.

``create_app(test_config)`` is side-effect free (no build starts, nothing listens): routes live
in ``simulator.server.http`` (a Blueprint), events in ``simulator.server.events``, the Socket.IO
extension in ``simulator.server.extensions`` wired with ``init_app``. ``sim serve``
(``simulator.server.cli``) starts the default build and a production server
(``simulator.server.serving``). Tests use Flask's and Flask-SocketIO's test clients.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from simulator import STATIC_DIR
from simulator.server.extensions import socketio

__all__ = ["create_app", "socketio"]


@dataclass
class ServerState:
    """Everything the routes and events share, at ``app.extensions["sim"]``."""

    scheduler: Any
    drawings: Any
    connections: Any
    outbox: Any
    default_build: Any
    build_limiter: Any
    digit_limiter: Any
    request_limits: Any


def origin_check(allowed_origins: list[str] | None, allowed_hosts: list[str] | None):  # noqa: ANN201
    """The WebSocket's Origin check (python-engineio calls it with the request's Origin).

    ``cors_allowed_origins=[]`` would turn the check off in python-engineio; this never does.
    Allowed: an origin in ``allowed_origins`` (a reverse proxy's public origin); when none are
    configured, this server's own origin (the scheme and Host of the request), and then only for
    the ``allowed_hosts`` names if given (a loopback server accepts loopback names only, so a
    DNS-rebinding page cannot pose as it). Clients that send no Origin are not browsers: an
    Origin check cannot apply to them, and the other limits do."""

    def allowed(origin: str | None, environ: dict[str, Any]) -> bool:
        if not origin:
            return True
        if allowed_origins:
            return origin.rstrip("/") in allowed_origins
        host = environ.get("HTTP_HOST", "")
        if allowed_hosts is not None and urlsplit(f"//{host}").hostname not in allowed_hosts:
            return False
        return origin == f"{environ.get('wsgi.url_scheme', 'http')}://{host}"

    return allowed


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from simulator.buildservice import FairScheduler, RateLimiter, RequestLimits, SchedulerConfig
    from simulator.server import events  # noqa: F401  (registers the Socket.IO handlers)
    from simulator.server.clients import Connections
    from simulator.server.config import DEFAULTS
    from simulator.server.default_build import DefaultBuild
    from simulator.server.drawings import DrawingService
    from simulator.server.http import bp
    from simulator.server.wire import (InboundLimit, Outbox, bound_websocket_reader, bounded_packet_class, guard_messages,
                                       quiet_network_logs)

    app = Flask(__name__, static_folder=str(STATIC_DIR), static_url_path="/static")
    app.config.from_mapping(DEFAULTS)
    if test_config:
        app.config.update(test_config)
    cfg = app.config
    app.config["MAX_CONTENT_LENGTH"] = cfg["SIM_MAX_MESSAGE_BYTES"]
    origins = [o.rstrip("/") for o in cfg["SIM_ALLOWED_ORIGINS"]] if cfg["SIM_ALLOWED_ORIGINS"] else None

    socketio.init_app(
        app,
        async_mode=cfg["SIM_ASYNC_MODE"],
        cors_allowed_origins=origin_check(origins, cfg["SIM_ALLOWED_HOSTS"]),
        cors_credentials=False,
        max_http_buffer_size=cfg["SIM_MAX_MESSAGE_BYTES"],
        serializer=bounded_packet_class(cfg["SIM_MAX_ATTACHMENTS"], cfg["SIM_MAX_MESSAGE_BYTES"]),
        message_queue=cfg["SIM_MESSAGE_QUEUE"],
        ping_interval=cfg["SIM_PING_INTERVAL"],
        ping_timeout=cfg["SIM_PING_TIMEOUT"],
        logger=False,
        engineio_logger=False,
    )
    bound_websocket_reader(cfg["SIM_MAX_READ_AHEAD"])
    guard_messages(socketio, InboundLimit(cfg["SIM_INBOUND_BYTES_PER_SECOND"], cfg["SIM_INBOUND_BYTE_BURST"],
                                          cfg["SIM_INBOUND_MESSAGES_PER_SECOND"], cfg["SIM_INBOUND_MESSAGE_BURST"]))
    quiet_network_logs()
    if cfg["SIM_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(cfg["SIM_PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    executor = cfg["SIM_EXECUTOR"]
    if executor is None and cfg["SIM_BUILD_BACKEND"]:
        from simulator.buildservice.rq_backend import RQExecutor

        executor = RQExecutor(cfg["SIM_BUILD_BACKEND"])
    scheduler = FairScheduler(executor, SchedulerConfig(
        workers=cfg["SIM_BUILD_WORKERS"], max_queue=cfg["SIM_BUILD_QUEUE"], per_address=cfg["SIM_PER_ADDRESS_BUILDS"],
        budget_seconds=cfg["SIM_BUDGET_SECONDS"], refill_per_second=cfg["SIM_BUDGET_REFILL"],
        request_seconds=cfg["SIM_REQUEST_SECONDS"]), still_valid=_outputs_exist)
    app.extensions["sim"] = ServerState(
        scheduler=scheduler,
        drawings=DrawingService(workers=cfg["SIM_DRAWING_WORKERS"], cpu_seconds=cfg["SIM_DRAWING_CPU_SECONDS"],
                                refill_per_second=cfg["SIM_DRAWING_CPU_REFILL"]),
        connections=Connections(cfg["SIM_PER_ADDRESS_CONNECTIONS"]),
        outbox=Outbox(socketio, cfg["SIM_MAX_BACKLOG"]),
        default_build=DefaultBuild(),
        build_limiter=RateLimiter(cfg["SIM_BUILD_RATE"], cfg["SIM_BUILD_BURST"]),
        digit_limiter=RateLimiter(cfg["SIM_DIGIT_RATE"], cfg["SIM_DIGIT_BURST"]),
        request_limits=RequestLimits(),
    )
    app.register_blueprint(bp)
    return app


def _outputs_exist(result: dict[str, Any]) -> bool:
    """A remembered successful build is still served (not evicted from the cache)."""
    from simulator.build import toolchain

    key = result.get("key", "")
    return bool(key) and (toolchain.cache_root() / "wasm" / "apps" / key / "app.wasm").is_file()
