"""Run a built app headless: host executable, Cortex-M4 ELF under QEMU, or wasm under node.

All three report the same things: serial output, the LCD's text lines and pixels at the
end, and output pin changes. Input is scripted: presses (pin, time, hold) and files in /fs.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulator import EMSDK_BUILD_DIR
from simulator.build.pins import pin_table
from simulator.errors import UserError


@dataclass
class Press:
    pin: str
    at_ms: float
    hold_ms: float = 100.0

    @classmethod
    def parse(cls, text: str) -> "Press":
        """"BUTTON1@500ms", "p14@1.5s:200ms"."""
        try:
            pin, rest = text.split("@", 1)
            at, _, hold = rest.partition(":")
            press = cls(pin, _ms(at), _ms(hold) if hold else 100.0)
        except ValueError:
            raise UserError(f"--press {text!r}: expected PIN@TIME[:HOLD], e.g. BUTTON1@500ms") from None
        if pin not in pin_table():
            raise UserError(f"--press {text!r}: unknown pin {pin!r} (e.g. BUTTON1, p14, SW3)")
        return press

    def script(self) -> str:
        return f"{self.pin}@{self.at_ms:g}ms:{self.hold_ms:g}ms"


#: Named inputs of the board's parts (devices/shield.cpp) and their ranges.
INPUTS: dict[str, tuple[float, float, str]] = {
    "temp": (-55.0, 125.0, "degrees C at the LM75B and the SHT31"),
    "humidity": (0.0, 100.0, "%RH at the SHT31"),
    "accel_x": (-1.5, 1.5, "g along the MMA7660's X axis"),
    "accel_y": (-1.5, 1.5, "g along the MMA7660's Y axis"),
    "accel_z": (-1.5, 1.5, "g along the MMA7660's Z axis (1 lying flat)"),
    "pot1": (0.0, 1.0, "the left potentiometer (A0 / p19)"),
    "pot2": (0.0, 1.0, "the right potentiometer (A1 / p20)"),
}


@dataclass
class SetInput:
    """`--set NAME=VALUE[@TIME]`: a named input of the board's parts, or an analog pin's level."""

    name: str
    value: float
    at_ms: float = 0.0

    @classmethod
    def parse(cls, text: str) -> "SetInput":
        try:
            name, rest = text.split("=", 1)
            value, _, at = rest.partition("@")
            item = cls(name.strip(), float(value), _ms(at) if at else 0.0)
        except ValueError:
            raise UserError(f"--set {text!r}: expected NAME=VALUE[@TIME], e.g. temp=31.5 or pot1=0.25@2s") from None
        if item.name in INPUTS:
            low, high, _ = INPUTS[item.name]
        elif item.name in pin_table():
            low, high = 0.0, 1.0
        else:
            raise UserError(f"--set {text!r}: unknown input {item.name!r} (one of {', '.join(INPUTS)}, "
                            "or an analog pin such as p19)")
        if not low <= item.value <= high:
            raise UserError(f"--set {text!r}: {item.name} must be between {low:g} and {high:g}")
        return item

    def script(self) -> str:
        return f"{self.name}={self.value:g}@{self.at_ms:g}ms"


def _ms(text: str) -> float:
    text = text.strip()
    for suffix, scale in (("ms", 1.0), ("us", 0.001), ("s", 1000.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * scale
    return float(text)


@dataclass
class RunOutput:
    target: str
    serial: str = ""
    lcd_text: list[str] = field(default_factory=list)
    lcd_pixels: np.ndarray | None = None  # (32, 128) uint8 0/1
    gpio: list[tuple[float, str, float]] = field(default_factory=list)  # (ms, pin, value)
    pwm_periods: list[tuple[float, str, float]] = field(default_factory=list)  # (ms, pin, seconds): wasm only
    returncode: int = 0


def _pixels_from_hex(rows: list[str]) -> np.ndarray | None:
    if len(rows) != 32:
        return None
    return np.array([[(int(c, 16) >> (3 - b)) & 1 for c in row for b in range(4)] for row in rows], np.uint8)


def run_host(exe: Path, until_ms: float, presses: list[Press], fs_dir: Path | None, timeout: float = 60,
             inputs: list[SetInput] | None = None) -> RunOutput:
    with tempfile.TemporaryDirectory() as tmp:
        script = [p.script() for p in presses] + [i.script() for i in inputs or []]
        env = {"PATH": "/usr/bin:/bin", "SIM_UNTIL_MS": str(until_ms), "SIM_LCD_OUT": f"{tmp}/lcd",
               "SIM_TRACE": f"{tmp}/trace", "SIM_INPUT": ",".join(script),
               "SIM_FS_DIR": str(fs_dir or Path(tmp) / "fs")}
        try:
            r = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise UserError(f"the program did not finish within {timeout:g} s of real time "
                            "(a loop that never sleeps?)") from None
        out = RunOutput("host", serial=r.stdout, returncode=r.returncode)
        lcd_txt, lcd_pbm, trace = Path(tmp, "lcd.txt"), Path(tmp, "lcd.pbm"), Path(tmp, "trace")
        if lcd_txt.exists():
            out.lcd_text = [line for line in lcd_txt.read_text().splitlines()]
        if lcd_pbm.exists():
            rows = lcd_pbm.read_text().split("\n")[2:34]
            out.lcd_pixels = np.array([[int(c) for c in row] for row in rows], np.uint8)
        if trace.exists():
            for line in trace.read_text().splitlines():
                t, pin, value = line.split()
                out.gpio.append((int(t) / 1000.0, pin, float(value)))
        if r.returncode != 0:
            out.serial += r.stderr
        return out


def run_qemu(elf: Path, until_ms: float, presses: list[Press], fs_dir: Path | None, timeout: float = 120,
             inputs: list[SetInput] | None = None) -> RunOutput:
    with tempfile.TemporaryDirectory() as tmp:
        if fs_dir:
            shutil.copytree(fs_dir, Path(tmp) / "fs")
        args = ["app", f"--until={until_ms:g}", "--trace"]
        script = [p.script() for p in presses] + [i.script() for i in inputs or []]
        if script:
            args.append("--input=" + ";".join(script))
        config = "enable=on,target=native," + ",".join(f"arg={a}" for a in args)
        cmd = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none", "-semihosting-config", config,
               "-icount", "shift=0,sleep=off", "-kernel", str(elf)]
        try:
            r = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise UserError(f"QEMU did not finish within {timeout:g} s") from None
    out = RunOutput("cortex-m4", returncode=r.returncode)
    serial, pixels = [], []
    for line in r.stdout.splitlines(keepends=True):
        if line.startswith("[gpio] "):
            _, t, pin, value = line.split()
            out.gpio.append((int(t) / 1000.0, pin, float(value)))
        elif line.startswith("[lcd] "):
            out.lcd_text.append(line[6:].rstrip("\n"))
        elif line.startswith("[lcd-pixels] "):
            pixels.append(line.split()[1])
        else:
            serial.append(line)
    out.serial = "".join(serial) + r.stderr
    out.lcd_pixels = _pixels_from_hex(pixels)
    return out


def run_node(js: Path, until_ms: float, presses: list[Press], fs_dir: Path | None, timeout: float = 60,
             inputs: list[SetInput] | None = None) -> RunOutput:
    pins = pin_table()
    extra_inputs = inputs or []
    inputs = []
    for p in presses:
        inputs += [[pins[p.pin], p.at_ms, 1], [pins[p.pin], p.at_ms + p.hold_ms, 0]]
    files = {}
    if fs_dir:
        for f in Path(fs_dir).rglob("*"):
            if f.is_file():
                files["/fs/" + f.relative_to(fs_dir).as_posix()] = base64.b64encode(f.read_bytes()).decode()
    named = [[i.name, i.at_ms, i.value] for i in extra_inputs if i.name in INPUTS]
    inputs += [[pins[i.name], i.at_ms, i.value, "analog"] for i in extra_inputs if i.name not in INPUTS]
    config = json.dumps({"until_ms": until_ms, "input": inputs, "set": named, "files": files})
    cmd = ["node", "--no-experimental-fetch", str(EMSDK_BUILD_DIR / "node_runner.js"), str(js), config]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           env={"PATH": "/usr/bin:/bin", "NODE_PATH": "/usr/share/nodejs"})
    except subprocess.TimeoutExpired:
        raise UserError(f"node did not finish within {timeout:g} s") from None
    names = {v: k for k, v in pins.items() if k not in ("SW2",)}
    out = RunOutput("wasm", returncode=r.returncode)
    serial = []
    for line in r.stdout.splitlines():
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            serial.append(line + "\n")
            continue
        if "serial" in msg:
            serial.append(msg["serial"])
        elif "pwm_period" in msg:
            t, pin, seconds = msg["pwm_period"]
            out.pwm_periods.append((float(t), names.get(pin, str(pin)), float(seconds)))
        elif "gpio" in msg or "pwm" in msg:
            t, pin, value = msg.get("gpio") or msg["pwm"]
            out.gpio.append((float(t), names.get(pin, str(pin)), float(value)))
        elif msg.get("done"):
            out.lcd_text = msg["lcd_text"]
            out.lcd_pixels = _pixels_from_hex(msg["lcd_pixels"])
    out.serial = "".join(serial) + r.stderr
    return out


def run(outputs: dict[str, Path], target: str, until_ms: float = 2000, presses: list[Press] | None = None,
        fs_dir: Path | None = None, inputs: list[SetInput] | None = None) -> RunOutput:
    presses = presses or []
    if target == "host":
        return run_host(outputs["exe"], until_ms, presses, fs_dir, inputs=inputs)
    if target == "cortex-m4":
        return run_qemu(outputs["elf"], until_ms, presses, fs_dir, inputs=inputs)
    if target == "wasm":
        return run_node(outputs["js"], until_ms, presses, fs_dir, inputs=inputs)
    raise UserError(f"cannot run target {target!r}")
