"""The build cache heals (issue 13 case 7): only deterministic outcomes are stored, damaged entries
are rebuilt, leftovers of crashed processes are removed, and the size is capped (LRU).
Real builds with the real Emscripten where the compiler matters."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path

import pytest

from simulator import sandbox
from simulator.build import build, cache, toolchain

GOOD = '#include "mbed.h"\nint main() {{ printf("{tag}\\n"); }}\n'
SPIN = "#pragma clang __debug overflow_stack\nint main() {{}} // {tag}\n"


def tag() -> str:
    return uuid.uuid4().hex


def apps() -> cache.AppCache:
    return cache.AppCache(toolchain.cache_root() / "wasm" / "apps")


def test_timeouts_and_cancels_are_not_cached_but_compile_errors_are():
    src = {"main.cpp": SPIN.format(tag=tag())}
    with sandbox.request_budget(3):
        first = build(src, "wasm", untrusted=True)
    assert not first.ok and "time limit for the whole build" in first.log
    assert apps().lookup(first.key) is None and not apps().folder(first.key).exists()
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    t0 = time.monotonic()
    with sandbox.request_budget(60, cancel):
        second = build(src, "wasm", untrusted=True)
    assert not second.ok and not second.cache_hit and time.monotonic() - t0 < 10
    assert apps().lookup(second.key) is None
    bad = {"main.cpp": f"int main() {{ return nope; }} // {tag()}\n"}
    assert not build(bad, "wasm", untrusted=True).ok
    again = build(bad, "wasm", untrusted=True)
    assert again.cache_hit and not again.ok and again.diagnostics[0].line == 1


@pytest.mark.parametrize("damage", ["truncated result.json", "missing app.wasm", "changed app.js", "empty folder"])
def test_damaged_entries_are_rebuilt(damage):
    src = {"main.cpp": GOOD.format(tag=tag())}
    first = build(src, "wasm", untrusted=True)
    assert first.ok
    folder = apps().folder(first.key)
    if damage == "truncated result.json":
        text = (folder / "result.json").read_text()
        (folder / "result.json").write_text(text[: len(text) // 2])
    elif damage == "missing app.wasm":
        (folder / "app.wasm").unlink()
    elif damage == "changed app.js":
        with (folder / "app.js").open("a") as f:
            f.write("/* tampered */")
    else:
        for p in folder.iterdir():
            p.unlink()
        (folder / "result.json").write_text("{}")
    again = build(src, "wasm", untrusted=True)
    assert again.ok and not again.cache_hit, again.log
    assert (folder / "app.wasm").read_bytes()[:4] == b"\0asm"
    assert build(src, "wasm", untrusted=True).cache_hit


def test_leftover_temporary_folders_are_removed(tmp_path):
    root = tmp_path / "cache"
    apps_dir = root / "wasm" / "apps"
    apps_dir.mkdir(parents=True)
    host = cache._HOST
    dead = apps_dir / f".tmp-{host}-999999999-abc"  # a pid that cannot exist
    live = apps_dir / f".tmp-{host}-{os.getpid()}-def"
    old = apps_dir / ".tmp-otherhost-123-ghi"
    recent_other = apps_dir / ".tmp-otherhost-456-jkl"
    for d in (dead, live, old, recent_other):
        (d / "src").mkdir(parents=True)
        (d / "src" / "main.cpp").write_text("// a student's code")
    two_days = time.time() - 2 * 86400
    os.utime(old, (two_days, two_days))
    assert cache.clean_temporary(root) == 2
    assert not dead.exists() and not old.exists() and live.exists() and recent_other.exists()


def _publish(c: cache.AppCache, key: str, size: int) -> Path:
    work = cache.new_work_dir(c.root)
    (work / "app.wasm").write_bytes(os.urandom(size))
    return c.publish(work, key, {"ok": True, "log": "", "diagnostics": [], "outputs": {"wasm": "app.wasm"},
                                 "sizes": {}}, deterministic=True)


def test_lru_eviction_under_a_size_cap(tmp_path, monkeypatch):
    monkeypatch.setenv("SIM_CACHE_MAX_MB", str(3500 / (1 << 20)))
    c = cache.AppCache(tmp_path / "cache" / "wasm" / "apps")
    keys = [f"{i:024x}" for i in range(3)]
    for i, key in enumerate(keys):
        _publish(c, key, 1000)
        stamp = time.time() - 100 + i
        os.utime(c.folder(key) / "result.json", (stamp, stamp))
    assert all(c.lookup(k) for k in keys[1:])  # a hit refreshes keys 1 and 2; key 0 is now the oldest
    _publish(c, f"{3:024x}", 1000)  # 4 x ~1.2 KB > 3.5 KB: evict down to 90%
    assert not c.folder(keys[0]).exists()
    assert c.folder(keys[2]).exists() and c.folder(f"{3:024x}").exists()
    assert cache.total_size(tmp_path / "cache") <= 3500


def test_publish_verifies_and_a_non_deterministic_outcome_stays_private(tmp_path):
    c = cache.AppCache(tmp_path / "cache" / "wasm" / "apps")
    work = cache.new_work_dir(c.root)
    meta = {"ok": False, "log": "stopped after 60 s (time limit)", "diagnostics": [], "outputs": {}, "sizes": {}}
    assert c.publish(work, "a" * 24, meta, deterministic=False) == work
    assert c.lookup("a" * 24) is None
    folder = _publish(c, "b" * 24, 100)
    stored = json.loads((folder / "result.json").read_text())
    assert stored["checksums"]["app.wasm"]["size"] == 100
