"""Per-client rate limits (token buckets), thread-safe."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """Allow ``burst`` actions at once per key, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic, max_keys: int = 10000) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> float:
        """Take a token for ``key``: returns 0.0 if allowed, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self._max_keys:  # forget the stalest client
                    del self._buckets[min(self._buckets, key=lambda k: self._buckets[k].stamp)]
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate
