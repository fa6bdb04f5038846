"""Programs written for this project (tests/mbed_programs/) that pin down the Mbed OS API surface
beyond the corpus: Callback forms, EventQueue/Event/UserAllocatedEvent semantics, platform
utilities with known answers (CRC check values from Python's zlib/binascii or a bitwise
reference, calendar values from Python's time module, newlib's rand()), fatal errors and the
Mbed OS 5 waits. Each runs on host, wasm and Cortex-M4 and must print the same."""

from __future__ import annotations

import binascii
import calendar
import time
import zlib
from pathlib import Path

import pytest

from simulator.build import build
from simulator.build.runner import Press, run

PROGRAMS = Path(__file__).parent / "mbed_programs"
TARGETS = ["host", "wasm", "cortex-m4"]


def crc_bitwise(data: bytes, width: int, poly: int, init: int, refin: bool, refout: bool, xorout: int) -> int:
    """A plain bit-at-a-time CRC (the Rocksoft model), as a reference."""
    def reflect(v: int, bits: int) -> int:
        return int(f"{v:0{bits}b}"[::-1], 2)
    mask = (1 << width) - 1
    reg = init
    for byte in data:
        if refin:
            byte = reflect(byte, 8)
        for i in range(8):
            bit = (byte >> (7 - i)) & 1
            top = (reg >> (width - 1)) & 1
            reg = ((reg << 1) & mask) ^ (poly if top ^ bit else 0)
    if refout:
        reg = reflect(reg, width)
    return reg ^ xorout


def newlib_rand(seed: int, count: int) -> list[int]:
    out, state = [], seed
    for _ in range(count):
        state = (state * 6364136223846793005 + 1) % 2**64
        out.append((state >> 32) & 0x7FFFFFFF)
    return out


def expected_platform() -> str:
    check = b"123456789"
    assert crc_bitwise(check, 32, 0x04C11DB7, 0xFFFFFFFF, True, True, 0xFFFFFFFF) == zlib.crc32(check)
    crc16_ibm = crc_bitwise(check, 16, 0x8005, 0, True, True, 0)
    crc8 = crc_bitwise(check, 8, 0x07, 0, False, False, 0)
    crc7 = crc_bitwise(check, 7, 0x09, 0, False, False, 0) << 1  # Mbed OS returns CRC-7 shifted left
    t = time.gmtime(1600000000)
    leap_noon = calendar.timegm((2000, 2, 29, 12, 0, 0))
    r1, r2 = (v % 1000 for v in newlib_rand(1, 2))
    return (
        "Mbed OS 6.17.0 (61700)\n"
        "span 5 2 2 4 5\n"
        "span equal 1 1\n"
        "ring peek 3 pop 4: 3 4 5 6 empty 1\n"
        f"crc32 {zlib.crc32(check):08X}\n"
        f"crc16 ccitt {binascii.crc_hqx(check, 0xFFFF):04X}\n"
        f"crc16 ibm {crc16_ibm:04X}\n"
        f"crc8 {crc8:02X}\n"
        f"crc7 {crc7:02X}\n"
        f"crc32 in parts {zlib.crc32(check):08X}\n"
        "atomic 40 1\n"
        "critical 0 1 0 0\n"
        "scoped 1 0\n"
        # MBED_MAKE_ERROR(I2C driver = 11, TIME_OUT = 256 + 13): bit 31 | module << 16 | code
        f"error 0x{0x80000000 | 11 << 16 | 269:08X} code 269 module 11 type 0\n"
        f"warnings 1 last 0x{0x80000000 | 255 << 16 | 257:08X}\n"
        "deep sleep 1 0 1\n"
        f"rtc 1600000000 {t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}\n"
        f"mktime {leap_noon} wday {time.gmtime(leap_noon).tm_wday + 1 if time.gmtime(leap_noon).tm_wday < 6 else 0}\n"
        "rtc after 2 s: +2\n"
        f"rand {r1} {r2}\n"
    )


EXPECTED = {
    "callbacks": ("plain: 42\nbound: 12\nbound const: 12\nmember: 42\nlambda: 101\ndeduced: 8\nhello Th 2\n"
                  "empty: 1 1\ncopy: 16, cleared: 1\nthunk: 18\n"),
    # Times are the queue's clock (ms). Same-time events run in posting order; a periodic event
    # keeps its phase; cancel() of an Event cancels its latest post.
    "events": ("time_left 15\ncancel 1 0\n0 first\n0 second\n10 at 10 (int ms)\n20 periodic 1\n30 at 30\n"
               "40 periodic 2\n50 event 1\n50 event 3\n60 periodic 3\nsecond post refused: 1\n110 event 7\n"
               "posted again: 1\n120 from the chained queue\n125 broke out\n"),
    "platform": None,  # computed: expected_platform()
    "heap_stats": ("after: +2 blocks, >=1500 bytes 1, max 1, reserved 1\nfreed: 0 blocks left, total >= 1500 1\n"),
    "pointers": ("Reading made\ncount 2, same 1, value 7\ncount 1\nempty 1 count 0 null 1\nafter reset: a 0 c 1\n"
                 "Reading deleted\nmade before use: 0, ptr 0\nmade 1, n 2\n"),
    "wait_api": ("wait(0.5): 500 ms\nwait_ms(250): 250 ms\nthread_sleep_for(100): 100 ms\nwait(0.005) spun about 5 ms: 1\n"
                 "osWaitForever = 0xFFFFFFFF\n"),
}


MINIMAL_PRINTF = ("float [%.2f]\nwidth [  9]\nzeros [0x00000201]\nhex [abc] [BEEF] [0]\npointer [0x20001F48]\n"
                  "string [abc] [end]\nlong long [-1234567890123]\nchar [x] percent [%] unknown [%a]\n"
                  "snprintf [-5-7] 4\n")
STD_PRINTF = ("float [3.14]\nwidth [  9]\nzeros [0x00000201]\nhex [abc] [BEEF] [0]\npointer [0x20001f48]\n"
              "string [abc] [end]\nlong long [-1234567890123]\n")  # then %a, which C libraries print differently


@pytest.mark.parametrize("target", TARGETS)
def test_minimal_printf_is_mbed_os_6s_default(target):
    """Mbed OS 6 links minimal-printf unless mbed_app.json asks for "std": no %f by default;
    widths and zero padding as in Mbed OS 6.17 (platform/source/minimal-printf)."""
    result = build([PROGRAMS / "printf_libs.cpp"], target)
    assert result.ok, result.log
    floats = [d for d in result.diagnostics if "no floating point" in d.message]
    assert floats and floats[0].line == 7 and "target.printf_lib" in floats[0].hint
    assert run(result.outputs, target, until_ms=1000).serial == MINIMAL_PRINTF
    std = build([PROGRAMS / "printf_libs.cpp"], target, config={"target.printf_lib": "std"})
    assert std.ok and not [d for d in std.diagnostics if "minimal-printf" in d.message]
    assert run(std.outputs, target, until_ms=1000).serial.startswith(STD_PRINTF)
    with_float = build([PROGRAMS / "printf_libs.cpp"], target,
                       config={"platform.minimal-printf-enable-floating-point": True})
    assert run(with_float.outputs, target, until_ms=1000).serial.startswith("float [3.14]\nwidth [  9]\n")


@pytest.fixture(scope="module")
def builds():
    out = {}
    for name in [*EXPECTED, "fatal_error"]:
        for target in TARGETS:
            path = PROGRAMS / name if (PROGRAMS / name).is_dir() else PROGRAMS / f"{name}.cpp"
            result = build([path], target)
            assert result.ok, f"{name} for {target}:\n{result.log}"
            out[name, target] = result
    return out


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_program_output(builds, name, target):
    out = run(builds[name, target].outputs, target, until_ms=5000)
    want = EXPECTED[name] if EXPECTED[name] is not None else expected_platform()
    assert out.serial == want


def test_mbed_os5_waits_warn_with_their_replacement(builds):
    warnings = [d for d in builds["wait_api", "host"].diagnostics if d.severity == "warning"]
    messages = " ".join(d.message for d in warnings)
    assert "'wait' is deprecated" in messages and "'wait_ms' is deprecated" in messages
    assert "ThisThread::sleep_for" in messages and "[since mbed-os-5.14]" in messages


@pytest.mark.parametrize("target", TARGETS)
def test_fatal_error_prints_the_mbed_report_and_stops(builds, target):
    out = run(builds["fatal_error", target].outputs, target, until_ms=1000)
    assert out.serial.startswith("before\n\r\n++ MbedOS Error Info ++\r\nError Status: 0x8000011F Code: 287 Module: 0\r\n"
                                 "Error Message: my buffer is full\r\n")
    assert "-- MbedOS Error Info --" in out.serial and "never printed" not in out.serial


@pytest.mark.parametrize("target", TARGETS)
def test_ports_and_buses(target):
    """PortOut/PortIn/PortInOut: bit n is pin n of the port (P1_18 is bit 18 of Port1), only the
    masked pins are touched, and they are the same pins DigitalOut, presses and the report see.
    BusIn/BusInOut: pins in any order as one number, by index, with pulls."""
    result = build([PROGRAMS / "ports.cpp"], target)
    assert result.ok and not [d for d in result.diagnostics if d.severity == "warning"], result.log
    out = run(result.outputs, target, until_ms=1000, presses=[Press("JOYSTICK_UP", 200, 100)])
    assert out.serial == ("leds B40000\nleds 40000\njoystick 0\njoystick 800000\n"
                          "bus in 3\nbus out 2\nbus in 3\n"), out.serial
    buses = build([PROGRAMS / "buses.cpp"], target)
    assert buses.ok and not [d for d in buses.diagnostics if d.severity == "warning"], buses.log
    out_b = run(buses.outputs, target, until_ms=1000, presses=[Press("JOYSTICK_LEFT", 200, 100)])
    assert out_b.serial == ("joy 0 mask 1F\njoy 4 left 1 up 0\nbus pulled up 3 mask 3\nbus pulled down 0\n"
                            "bus out 3\n"), out_b.serial
    levels: dict[str, list[tuple[int, int]]] = {}
    for t, name, v in out.report()["pins"]:
        if not levels.get(name) or levels[name][-1][1] != v:
            levels.setdefault(name, []).append((round(t), v))
    assert levels["LED1"] == [(0, 0), (0, 1)]
    for led in ("LED2", "LED3", "LED4"):
        assert levels[led] == [(0, 0), (0, 1), (100, 0)], levels
    assert levels["p26"] == [(250, 0), (300, 1)] and levels["p25"] == [(250, 1), (300, 0)], levels


@pytest.mark.parametrize("target", TARGETS)
def test_handlers_set_before_an_empty_endless_loop(target):
    """Clang once dropped the handler stores of a local InterruptIn as dead (nothing after them
    but `while (1) {}`), so only the first edge was handled on host and wasm."""
    result = build([PROGRAMS / "empty_loop_irq.cpp"], target)
    assert result.ok, result.log
    out = run(result.outputs, target, until_ms=1200, presses=[Press("BUTTON1", 300, 100), Press("BUTTON1", 900, 100)])
    changes = [(round(t), v) for t, name, v in out.report()["pins"] if name == "LED1"]
    assert changes == [(0, 0), (300, 1), (400, 0), (900, 1), (1000, 0)], changes
