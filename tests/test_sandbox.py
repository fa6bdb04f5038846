"""The sandbox used for untrusted compiles: tested with the real bubblewrap and real g++."""

from pathlib import Path

import pytest

from simulator import sandbox

pytestmark = pytest.mark.skipif(not sandbox.bubblewrap_available(), reason="bubblewrap cannot create namespaces here")


def test_server_files_are_not_visible(tmp_path):
    secret = Path(__file__).resolve()
    r = sandbox.run(["/bin/sh", "-c", f"cat /etc/passwd; cat {secret}; ls /root; echo done"], cwd=tmp_path)
    assert r.sandboxed and "done" in r.stdout
    assert "root:" not in r.stdout and "bubblewrap" not in r.stdout
    assert "No such file" in r.stderr


def test_compiler_cannot_include_server_files(tmp_path):
    (tmp_path / "a.cpp").write_text('#include "/etc/passwd"\nint main() {}\n')
    r = sandbox.run(["g++", "-c", "a.cpp", "-o", "a.o"], cwd=tmp_path)
    assert not r.ok
    assert "/etc/passwd: No such file" in r.stderr


def test_incbin_of_a_server_file_fails(tmp_path):
    src = f'asm(".incbin \\"{Path(__file__).resolve()}\\"");\nint main() {{}}\n'
    (tmp_path / "a.cpp").write_text(src)
    r = sandbox.run(["g++", "-c", "a.cpp", "-o", "a.o"], cwd=tmp_path)
    assert not r.ok
    assert "file not found" in r.stderr


def test_readonly_paths_are_visible_but_not_writable(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "h.h").write_text("#define V 42\n")
    work = tmp_path / "work"
    work.mkdir()
    r = sandbox.run(["/bin/sh", "-c", f"cat {ro}/h.h && touch {ro}/x; touch ok"], cwd=work, readonly=[ro])
    assert "#define V 42" in r.stdout
    assert not (ro / "x").exists() and (work / "ok").exists()


def test_no_network(tmp_path):
    """A server listening on the host's loopback is reachable without the sandbox, not from inside."""
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        probe = ["/bin/bash", "-c", f"echo hi > /dev/tcp/127.0.0.1/{port} && echo connected"]
        outside = sandbox.run(probe, cwd=tmp_path, sandbox=False)
        inside = sandbox.run(probe, cwd=tmp_path)
    assert "connected" in outside.stdout
    assert inside.sandboxed and "connected" not in inside.stdout and not inside.ok


def test_wall_clock_limit_kills_the_whole_group(tmp_path):
    r = sandbox.run(
        ["/bin/sh", "-c", "sleep 30 & sleep 30 & wait"],
        cwd=tmp_path,
        limits=sandbox.Limits(wall_seconds=1.0),
    )
    assert r.timed_out and not r.ok and r.seconds < 10
    assert "time limit" in r.notes[0]


def test_output_is_capped(tmp_path):
    r = sandbox.run(["/bin/sh", "-c", "yes x | head -c 1000000"], cwd=tmp_path, limits=sandbox.Limits(output_bytes=1000))
    assert len(r.stdout) == 1000 and r.output_dropped == 999000


def test_file_size_limit(tmp_path):
    r = sandbox.run(
        ["/bin/sh", "-c", "head -c 5000000 /dev/zero > big"], cwd=tmp_path, limits=sandbox.Limits(file_size_bytes=1 << 20)
    )
    assert not r.ok
    assert (tmp_path / "big").stat().st_size <= 1 << 20


def test_environment_is_cleared(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVER_SECRET", "hunter2")
    r = sandbox.run(["/bin/sh", "-c", "env"], cwd=tmp_path, env={"NODE_PATH": "/usr/share/nodejs"})
    assert "hunter2" not in r.stdout and "NODE_PATH=/usr/share/nodejs" in r.stdout
