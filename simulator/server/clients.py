"""Who is connected: one record per socket, keyed per browser and counted per address.

The page sends ``auth: {client: ID}`` when it connects (CONTRACTS.md #4), ID a random string it
keeps in localStorage ("sim-client-id"): the browser's budgets and priority survive reconnecting
and reloading. Without a valid ID the client is keyed by its address. Addresses are counted so
one address cannot open unbounded sockets (``SIM_PER_ADDRESS_CONNECTIONS``; a classroom NAT
raises it).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from simulator.errors import UserError

CLIENT_ID_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")


@dataclass(frozen=True)
class Connection:
    sid: str
    client: str  # budget and priority key: "browser:ID" or "address:ADDR"
    address: str


class TooManyConnections(UserError):
    pass


def client_key(auth: Any, address: str) -> str:
    cid = auth.get("client") if isinstance(auth, dict) else None
    if isinstance(cid, str) and CLIENT_ID_RE.fullmatch(cid):
        return f"browser:{cid}"
    return f"address:{address}"


class Connections:
    def __init__(self, per_address: int) -> None:
        self.per_address = per_address
        self._by_sid: dict[str, Connection] = {}
        self._per_address: dict[str, int] = {}
        self._lock = threading.Lock()

    def add(self, sid: str, auth: Any, address: str) -> Connection:
        with self._lock:
            n = self._per_address.get(address, 0)
            if n >= self.per_address:
                raise TooManyConnections(f"too many connections from your network address ({n}); "
                                         f"close some tabs or ask the teacher to raise the limit")
            conn = Connection(sid, client_key(auth, address), address)
            self._by_sid[sid] = conn
            self._per_address[address] = n + 1
            return conn

    def get(self, sid: str) -> Connection | None:
        with self._lock:
            return self._by_sid.get(sid)

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            conn = self._by_sid.pop(sid, None)
            if conn is not None:
                left = self._per_address.get(conn.address, 1) - 1
                if left > 0:
                    self._per_address[conn.address] = left
                else:
                    self._per_address.pop(conn.address, None)
            return conn

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_sid)
