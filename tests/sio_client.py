"""A small synchronous Socket.IO test client: send an event, collect the answers with its id."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from typing import Any

import socketio


class Client:
    """Connects like the page: ``auth: {client: ID}`` with a fresh random ID unless one is given
    (``client_id=None`` sends no auth: the server then keys the client by its address)."""

    def __init__(self, url: str, client_id: str | None = "", headers: dict[str, str] | None = None) -> None:
        self.events: "queue.Queue[tuple[str, Any]]" = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        for name in ("build_status", "build_result", "digit_result", "error_message"):
            self.sio.on(name, lambda data, name=name: self.events.put((name, data)))
        self.disconnected = threading.Event()
        self.sio.on("disconnect", lambda *a: self.disconnected.set())
        if client_id == "":
            client_id = uuid.uuid4().hex
        self.client_id = client_id
        self.sio.connect(url, transports=["websocket"], wait_timeout=10, headers=headers or {},
                         auth={"client": client_id} if client_id is not None else None)

    def ask(self, event: str, payload: Any, until: tuple[str, ...] = ("build_result", "digit_result", "error_message"),
            timeout: float = 120.0) -> tuple[str, Any, list]:
        """Emit and wait for the first answer named in `until` (for dict payloads: with the same id)."""
        self.sio.emit(event, payload)
        seen = []
        want_id = payload.get("id") if isinstance(payload, dict) else None
        if not isinstance(want_id, (str, int, float)):  # the server echoes only plain ids
            want_id = None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                name, data = self.events.get(timeout=0.2)
            except queue.Empty:
                if self.disconnected.is_set():
                    return "disconnected", None, seen
                continue
            seen.append((name, data))
            if name in until and (want_id is None or (isinstance(data, dict) and data.get("id") == want_id)):
                return name, data, seen
        raise TimeoutError(f"no answer to {event} in {timeout} s; saw {seen}")

    def close(self) -> None:
        self.sio.disconnect()


class RawSocket:
    """A Socket.IO connection spoken by hand over a WebSocket, to send what no well-behaved client
    sends (junk frames, binary attachment bombs) and to not read replies at all."""

    def __init__(self, url: str, client_id: str | None = None, origin: str | None = None,
                 host: str | None = None, read_buffer: int | None = None) -> None:
        import json
        import socket as socket_mod

        import websocket

        ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        headers = []
        if host:
            headers.append(f"Host: {host}")
        sockopt = [(socket_mod.SOL_SOCKET, socket_mod.SO_RCVBUF, read_buffer)] if read_buffer else []
        self.ws = websocket.create_connection(ws_url, timeout=10, origin=origin, header=headers, sockopt=sockopt,
                                              suppress_origin=origin is None)
        opening = self.ws.recv()
        assert opening.startswith("0"), opening
        self.ws.send("40" + json.dumps({"client": client_id or uuid.uuid4().hex}))
        answer = self.ws.recv()
        if not answer.startswith("40"):
            raise ConnectionRefusedError(answer)

    def emit(self, event: str, data: Any) -> None:
        import json

        self.ws.send("42" + json.dumps([event, data]))

    def send(self, frame: str | bytes) -> None:
        if isinstance(frame, bytes):
            self.ws.send_binary(frame)
        else:
            self.ws.send(frame)

    def closed_by_server(self, timeout: float = 10.0) -> bool:
        """Read (and drop) until the server closes the connection, or the timeout passes."""
        import websocket

        deadline = time.monotonic() + timeout
        self.ws.settimeout(0.5)
        while time.monotonic() < deadline:
            try:
                frame = self.ws.recv()
                if frame in ("", b"") or frame is None:
                    return True
                if frame == "2":  # Engine.IO ping: stay alive only by answering
                    self.ws.send("3")
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError):
                return True
        return False

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
