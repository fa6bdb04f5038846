"""Guards on the Socket.IO wire: what a client may send, how much may wait for it, what reaches the log.

* **Bounded messages.** python-engineio bounds one frame (``max_http_buffer_size``), but a
  Socket.IO packet header may announce any number of binary attachments, each a frame of its
  own, kept in memory until the last arrives: a header announcing 999,999,999 attachments
  then 1 MiB frames grew a server by 300 MiB. ``bounded_packet_class`` refuses more than
  ``max_attachments`` per message and more than ``max_bytes`` per message in all.
* **Junk costs the sender its connection, not the server its log.** Anything the Socket.IO
  layer cannot decode drops that connection with one log line (``guard_messages``), and
  ``OneLineLogs`` turns library tracebacks into single, rate-limited lines.
* **A person's pace.** A connection that keeps sending more messages or bytes per second than a
  person at a page could (``InboundLimit``) is disconnected before its flood costs much parsing.
* **A bounded read-ahead.** simple-websocket reads frames into a list until the application
  takes them; under gevent a fast sender's reader never yields, so that list grew by hundreds
  of MiB. ``bound_websocket_reader`` yields after every chunk and drops a connection with more
  than ``max_pending`` messages read but not yet handled.
* **Back-pressure.** Replies wait in a per-socket queue until the socket's writer sends them;
  a client that does not read makes it grow. ``Outbox.send`` drops a client whose queue holds
  more than ``max_backlog`` replies instead of buffering for it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from socketio import packet as sio_packet

log = logging.getLogger("sim.wire")


def bounded_packet_class(max_attachments: int, max_bytes: int) -> type[sio_packet.Packet]:
    class BoundedPacket(sio_packet.Packet):
        """A Socket.IO packet that refuses oversized binary messages while they arrive."""

        def decode(self, encoded_packet: Any) -> int:
            count = super().decode(encoded_packet) or 0
            if count > max_attachments:
                raise ValueError(f"{count} binary attachments announced (limit {max_attachments})")
            self._bytes = len(encoded_packet) if isinstance(encoded_packet, (str, bytes)) else 0
            return count

        def add_attachment(self, attachment: Any) -> bool:
            self._bytes = getattr(self, "_bytes", 0) + len(attachment)
            if self._bytes > max_bytes:
                raise ValueError(f"message of more than {max_bytes} bytes")
            return super().add_attachment(attachment)

    return BoundedPacket


class ClientGone(Exception):
    """The client was disconnected (or left) while we had something to send it."""


class Outbox:
    """Send to one socket unless it has stopped reading."""

    def __init__(self, socketio: Any, max_backlog: int) -> None:
        self.socketio = socketio
        self.max_backlog = max_backlog

    def backlog(self, sid: str) -> int | None:
        """Replies queued for ``sid`` and not yet written (None: the client is gone)."""
        server = self.socketio.server
        if not server.manager.is_connected(sid, "/"):
            return None
        eio_sid = server.manager.eio_sid_from_sid(sid, "/")
        sock = server.eio.sockets.get(eio_sid) if eio_sid else None
        if sock is None:  # connected without an Engine.IO socket here: Flask-SocketIO's test client
            return 0
        if sock.closed:
            return None
        return sock.queue.qsize()

    def send(self, sid: str, event: str, data: Any) -> None:
        waiting = self.backlog(sid)
        if waiting is None:
            raise ClientGone(sid)
        if waiting > self.max_backlog:
            log.warning("client %s does not read its replies (%d waiting): disconnected", sid[:8], waiting)
            self.socketio.server.disconnect(sid)
            raise ClientGone(sid)
        self.socketio.emit(event, data, to=sid)


class InboundLimit:
    """Per-connection token buckets for incoming messages and bytes. A student sends a build of at
    most 512 KiB now and then and a drawing per second; a connection that keeps sending faster
    than ``bytes_per_second`` / ``messages_per_second`` (past a burst) is cut off, so a flood costs
    the server a fraction of a second of parsing, not all of its time."""

    def __init__(self, bytes_per_second: float, byte_burst: float, messages_per_second: float,
                 message_burst: float, clock: Any = time.monotonic) -> None:
        self.rates = (bytes_per_second, messages_per_second)
        self.bursts = (byte_burst, message_burst)
        self._clock = clock
        self._buckets: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def allow(self, sid: str, size: int) -> bool:
        now = self._clock()
        with self._lock:
            b = self._buckets.get(sid)
            if b is None:
                b = self._buckets[sid] = [self.bursts[0], self.bursts[1], now]
            elapsed = now - b[2]
            b[2] = now
            b[0] = min(self.bursts[0], b[0] + elapsed * self.rates[0]) - size
            b[1] = min(self.bursts[1], b[1] + elapsed * self.rates[1]) - 1
            return b[0] >= 0 and b[1] >= 0

    def forget(self, sid: str) -> None:
        with self._lock:
            self._buckets.pop(sid, None)


def guard_messages(socketio: Any, inbound: InboundLimit) -> None:
    """Wrap the Socket.IO message handler: a message it cannot decode, or a connection sending
    faster than ``inbound`` allows, disconnects its sender (one log line each)."""
    server = socketio.server
    eio = server.eio
    original = eio.handlers["message"]
    original_disconnect = eio.handlers["disconnect"]

    def drop(eio_sid: str, why: str) -> None:
        server._binary_packet.pop(eio_sid, None)
        log.warning("%s: disconnected the sender", why)
        try:
            eio.disconnect(eio_sid)
        except Exception:  # already gone
            pass

    def guarded(eio_sid: str, data: Any) -> Any:
        size = len(data) if isinstance(data, (str, bytes)) else 0
        if not inbound.allow(eio_sid, size):
            return drop(eio_sid, "a client sends faster than a person could")
        try:
            return original(eio_sid, data)
        except Exception as exc:  # ValueError and friends from decoding: the sender's problem
            return drop(eio_sid, f"malformed Socket.IO message ({str(exc)[:80] or type(exc).__name__})")

    def disconnected(eio_sid: str, *args: Any) -> Any:
        inbound.forget(eio_sid)
        return original_disconnect(eio_sid, *args)

    eio.on("message", guarded)
    eio.on("disconnect", disconnected)


class OneLineLogs(logging.Filter):
    """No tracebacks from the network libraries, and at most ``burst`` lines per ``window`` seconds
    per message; the rest are counted and reported in the next line that passes."""

    def __init__(self, burst: int = 5, window: float = 60.0) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._seen: dict[tuple[str, str], list[float]] = {}
        self._suppressed: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(exc).__name__}: {str(exc)[:160]}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        key = (record.name, str(record.msg)[:60])
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 1000:
                self._seen.clear()
            stamps = [t for t in self._seen.get(key, []) if now - t < self.window]
            if len(stamps) >= self.burst:
                self._suppressed[key] = self._suppressed.get(key, 0) + 1
                self._seen[key] = stamps
                return False
            stamps.append(now)
            self._seen[key] = stamps
            dropped = self._suppressed.pop(key, 0)
        if dropped:
            record.msg = f"{record.getMessage()} ({dropped} similar lines suppressed)"
            record.args = None
        return True


_FILTER = OneLineLogs()
NETWORK_LOGGERS = ("engineio.server", "socketio.server", "engineio", "socketio", "werkzeug", "gunicorn.error",
                   "sim.wire", "simple_websocket")


def quiet_network_logs() -> None:
    for name in NETWORK_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def bound_websocket_reader(max_pending: int) -> None:
    """Make python-engineio's WebSocket transport use a simple-websocket server with a bounded
    read-ahead (see the module docstring). Idempotent."""
    import types

    import simple_websocket
    from engineio.async_drivers import _websocket_wsgi
    from wsproto.frame_protocol import CloseReason

    class BoundedServer(simple_websocket.Server):  # type: ignore[misc]
        def _handle_events(self) -> bool:
            keep_going = super()._handle_events()
            if keep_going and len(self.input_buffer) > max_pending:
                log.warning("a client sends faster than the server reads (%d messages ahead): disconnected",
                            len(self.input_buffer))
                self.input_buffer.clear()
                try:
                    self.close(reason=CloseReason.POLICY_VIOLATION, message="too fast")
                except Exception:  # already closing
                    pass
                self.event.set()
                return False
            time.sleep(0)  # under gevent: let the application take what was read
            return keep_going

    _websocket_wsgi.simple_websocket = types.SimpleNamespace(  # type: ignore[attr-defined]
        Server=BoundedServer, ConnectionClosed=simple_websocket.ConnectionClosed)


def start_memory_trimmer(every: float = 10.0) -> None:
    """Give freed memory back to the system now and then (glibc keeps freed heap pages: after a
    flood the server stayed hundreds of MiB larger than it needed)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = libc.malloc_trim if libc is not None else None
    except (OSError, AttributeError):
        return
    if trim is None:
        return

    def loop() -> None:
        while True:
            time.sleep(every)
            trim(0)

    threading.Thread(target=loop, name="malloc-trim", daemon=True).start()
