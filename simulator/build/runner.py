"""Run a build headless and produce its run report, the same on every target.

A run is configured by a ``RunConfig`` (time limit, presses, pin levels and device inputs,
console input, files for /fs) written as the simulator's configuration text
(firmware/mbed/src/sim_io.cpp); the target object (simulator.build.toolchain) runs the build
and returns the report records (firmware/mbed/src/sim_report.cpp), which ``parse_records``
turns into a ``RunOutput``. ``RunOutput.report()`` is the JSON of ``sim run --report``:
exactly the keys status, serial, pins, pin_names, lcd_text, error.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulator.build import boards, toolchain
from simulator.errors import UserError

STATUSES = ("finished", "time_limit", "idle", "crashed")
NO_END = "the simulation ended without a report (the simulator itself failed)"
_TIME = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(ms|us|s)?\s*$")


def _ms(text: str) -> float:
    """"500ms", "1.5s", "200us", "40" (milliseconds) -> milliseconds."""
    m = _TIME.match(text)
    if not m:
        raise ValueError(text)
    scale = {"ms": 1.0, "us": 0.001, "s": 1000.0, None: 1.0}[m.group(2)]
    return float(m.group(1)) * scale


@dataclass
class Press:
    """A press of a button, a joystick direction or any input pin: ``NAME@T[:HOLD]``."""

    pin: str
    at_ms: float
    hold_ms: float = 100.0

    @classmethod
    def parse(cls, text: str, board: str | boards.Board | None = None) -> "Press":
        """"BUTTON1@500ms", "SW2@1.5s:200ms", "p14@300" (ms)."""
        bd = board if isinstance(board, boards.Board) else boards.get(board)
        try:
            pin, rest = text.split("@", 1)
            at, _, hold = rest.partition(":")
            press = cls(pin.strip(), _ms(at), _ms(hold) if hold else 100.0)
        except ValueError:
            raise UserError(f"--press {text!r}: expected NAME@TIME[:HOLD], e.g. BUTTON1@500ms or SW2@1s:200ms") from None
        bd.pin(press.pin, what="pin")
        if press.hold_ms <= 0:
            raise UserError(f"--press {text!r}: the hold time must be positive")
        return press


@dataclass
class SetInput:
    """``NAME=VALUE[@T]``: a device input (``temp=31.5``), a pot (``pot1=0.25``) or a pin's level
    (``A0=0.7``: 0..1 of the supply; a digital input reads it as 0 or 1)."""

    name: str
    value: float
    at_ms: float = 0.0

    @classmethod
    def parse(cls, text: str, board: str | boards.Board | None = None) -> "SetInput":
        bd = board if isinstance(board, boards.Board) else boards.get(board)
        try:
            name, rest = text.split("=", 1)
            value, _, at = rest.partition("@")
            item = cls(name.strip(), float(value), _ms(at) if at else 0.0)
        except ValueError:
            raise UserError(f"--set {text!r}: expected NAME=VALUE[@TIME], e.g. temp=31.5 or pot1=0.25@2s") from None
        settable = bd.settable()
        if item.name not in settable:
            names = sorted(k for k, (kind, _) in settable.items() if kind == "device") + ["pot1", "A0"]
            raise UserError(f"--set {text!r}: unknown input {item.name!r} on the {bd.name} board "
                            f"(e.g. {', '.join(names)} or any pin name)")
        kind, _ = settable[item.name]
        if kind == "pin" and not 0.0 <= item.value <= 1.0:
            raise UserError(f"--set {text!r}: a pin level is 0..1 of the supply voltage")
        return item


@dataclass
class RunConfig:
    until_ms: float = 2000.0
    presses: list[Press] = field(default_factory=list)
    sets: list[SetInput] = field(default_factory=list)
    stdin: bytes | list[tuple[float, bytes]] = b""  # typed at 0 ms, or [(at_ms, bytes), ...]
    fs_dir: Path | None = None
    board: str = boards.DEFAULT_BOARD

    def text(self) -> str:
        """The simulator's configuration (firmware/mbed/src/sim_io.cpp)."""
        bd = boards.get(self.board)
        ns = lambda ms: int(round(ms * 1e6))  # noqa: E731
        lines = [f"until {ns(self.until_ms)}"]
        for p in self.presses:
            pin = bd.pin(p.pin)
            lines += [f"press {ns(p.at_ms)} {pin} 1", f"press {ns(p.at_ms + p.hold_ms)} {pin} 0"]
        settable = bd.settable()
        for s in self.sets:
            kind, target = settable[s.name]
            if kind == "pin":
                lines.append(f"level {ns(s.at_ms)} {target} {s.value:.6g}")
            else:
                device, _, input_name = target
                lines.append(f"device {ns(s.at_ms)} {device} {input_name} {s.value:.6g}")
        chunks = [(0.0, self.stdin)] if isinstance(self.stdin, (bytes, bytearray)) else self.stdin
        for at_ms, data in chunks:
            if data:
                lines.append(f"serial {ns(at_ms)} {bytes(data).hex()}")
        return "\n".join(lines) + "\n"


@dataclass
class RunOutput:
    target: str
    board: str = boards.DEFAULT_BOARD
    status: str = "crashed"
    error: str | None = None
    serial: str = ""
    lcd_text: list[str] = field(default_factory=list)
    lcd_pixels: np.ndarray | None = None  # (32, 128) uint8 0/1
    gpio: list[tuple[float, str, float]] = field(default_factory=list)  # (ms, pin name, value)
    end_ms: float = 0.0
    returncode: int = 0
    stderr: str = ""

    @property
    def pins(self) -> list[list]:
        return [[t, name, v] for t, name, v in self.gpio]

    def report(self) -> dict:
        """The ``--report`` JSON: exactly status, serial, pins, pin_names, lcd_text, error."""
        return {"status": self.status, "serial": self.serial,
                "pins": [[round(t, 6), name, int(v) if float(v).is_integer() else round(v, 6)]
                         for t, name, v in self.gpio],
                "pin_names": boards.get(self.board).pin_names(), "lcd_text": list(self.lcd_text),
                "error": self.error}

    def summary(self) -> str:
        """One line for people: how the run ended."""
        t = f"{self.end_ms:g} ms"
        return {"finished": f"main returned; the run ended at {t}",
                "time_limit": f"stopped at the time limit ({t})",
                "idle": f"main is idle in a loop without touching the hardware (stopped at {t})",
                "crashed": f"crashed at {t}: {self.error}"}.get(self.status, self.status)


def parse_records(text: str, target: str, board: str) -> RunOutput:
    """Report records -> RunOutput. A run cut short (no end record) is 'crashed'."""
    bd = boards.get(board)
    out = RunOutput(target, board)
    serial = bytearray()
    lcd_text: list[str] = []
    pixels: list[str] = []
    ended = False
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        parts = line.split(" ")
        kind = parts[0]
        try:
            if kind == "S" and len(parts) >= 2:
                serial += bytes.fromhex(parts[1])
            elif kind in ("P", "A") and len(parts) == 4:
                value = int(parts[3]) if kind == "P" else int(parts[3]) / 1e6
                out.gpio.append((int(parts[1]) / 1e6, bd.name_of(int(parts[2])), float(value)))
            elif kind == "T" and len(parts) >= 2:
                lcd_text = ["" if p == "-" else bytes.fromhex(p).decode("latin-1") for p in parts[2:]]
            elif kind == "X" and len(parts) >= 3:
                pixels = parts[3:]
            elif kind == "E" and len(parts) >= 4 and not ended:
                ended = True
                out.end_ms = int(parts[1]) / 1e6
                out.status = parts[2] if parts[2] in STATUSES else "crashed"
                msg = parts[3]
                out.error = None if msg == "-" else bytes.fromhex(msg).decode("utf-8", "replace")
        except ValueError:
            continue  # a line cut short by a crash
    out.serial = serial.decode("utf-8", "replace")
    out.lcd_text = lcd_text
    if pixels and len(pixels) == 32 and all(len(r) == 32 for r in pixels):
        out.lcd_pixels = np.array([[(int(c, 16) >> (3 - b)) & 1 for c in row for b in range(4)] for row in pixels],
                                  np.uint8)
    if not ended:
        out.status = "crashed"
        out.error = NO_END
    if out.status == "crashed" and not out.error:
        out.error = "crashed"
    if out.status == "crashed" and out.gpio and not out.end_ms:
        out.end_ms = max(t for t, _, _ in out.gpio)
    return out


def run(outputs: dict[str, Path], target: str, until_ms: float = 2000, presses: list[Press] | None = None,
        fs_dir: Path | None = None, *, board: str = boards.DEFAULT_BOARD, sets: list[SetInput] | None = None,
        stdin: bytes | str | list[tuple[float, bytes]] = b"", timeout: float | None = None) -> RunOutput:
    """Run a build headless (host executable, wasm under node, Cortex-M4 under QEMU)."""
    config = RunConfig(until_ms=until_ms, presses=list(presses or []), sets=list(sets or []),
                       stdin=stdin.encode() if isinstance(stdin, str) else stdin, fs_dir=fs_dir, board=board)
    return run_config(outputs, target, config, timeout=timeout)


def run_config(outputs: dict[str, Path], target: str, config: RunConfig, timeout: float | None = None) -> RunOutput:
    tgt = toolchain.get(target)
    with tempfile.TemporaryDirectory(prefix="sim-run-") as tmp:
        run_dir = Path(tmp)
        (run_dir / "config.txt").write_text(config.text())
        fs = run_dir / "fs"
        if config.fs_dir:
            if not Path(config.fs_dir).is_dir():
                raise UserError(f"--fs {config.fs_dir}: not a folder")
            shutil.copytree(config.fs_dir, fs)
        else:
            fs.mkdir()
        ex = tgt.execute(outputs, run_dir, timeout)
    out = parse_records(ex.records, target, config.board)
    out.returncode = ex.returncode
    out.stderr = ex.stderr
    if ex.timed_out and out.status == "time_limit" and out.error and out.error.startswith("stopped by the real-time"):
        out.error = (f"the simulation took longer than {timeout or tgt.timeout_s:g} s of real time and was stopped "
                     "(the output so far is kept)")
    if out.error == NO_END:
        if ex.timed_out:
            out.status = "time_limit"
            out.error = (f"the simulation took longer than {timeout or tgt.timeout_s:g} s of real time and was "
                         "stopped (the output so far is kept)")
        elif "Lockup" in ex.stderr:
            out.error = "the CPU locked up: a fault while handling a fault (a corrupted stack?)"
        elif ex.stderr.strip():
            out.error += ": " + ex.stderr.strip().splitlines()[-1][:300]
    if out.status != "crashed":
        out.returncode = 0
    return out
