"""The simulator core on all three targets (host, wasm under node, Cortex-M4 under QEMU):
RTOS semantics, interrupts during busy loops, console input, the I2C bus and its LM75B, board
profiles, crashes and the end of a run. The programs are in tests/mbed_programs/; each says
what it shows. The expected transcripts follow from Mbed OS's (RTX's) rules, which the
programs' comments state; every target must produce them, and the same one."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from simulator.build import build
from simulator.build.runner import Press, SetInput, run
from simulator.cli import main as sim

PROGRAMS = Path(__file__).parent / "mbed_programs"
TARGETS = ["host", "wasm", "cortex-m4"]
BUILDS = {"rtos_priority": "lpc1768", "busy_loops": "lpc1768", "serial_input": "lpc1768", "i2c_lm75b": "lpc1768",
          "board_k64f": "k64f", "crash_null": "lpc1768", "crash_recursion": "lpc1768", "finished": "lpc1768",
          "events_thread": "lpc1768", "round_robin": "lpc1768", "isr_polling": "lpc1768", "masked_spin": "lpc1768",
          "rtos_more": "k64f"}  # LowPowerTicker: the K64F has a low-power ticker, the LPC1768 does not
# Mbed OS 6 links minimal-printf (no %f) unless mbed_app.json asks for "std", as these programs would.
CONFIGS = {"i2c_lm75b": {"target.printf_lib": "std"}, "rtos_more": {"target.printf_lib": "std"}}


@pytest.fixture(scope="module")
def builds():
    jobs = [(name, target) for name in BUILDS for target in TARGETS]

    def one(job):
        name, target = job
        return job, build([PROGRAMS / f"{name}.cpp"], target, board=BUILDS[name], config=CONFIGS.get(name))

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(one, jobs))
    for (name, target), r in results.items():
        assert r.ok, f"{name} for {target}:\n{r.log}"
        warnings = [d for d in r.diagnostics if d.severity == "warning"]
        if name == "serial_input":  # uses Mbed OS 5's Serial on purpose: warned, with its replacement
            assert [w.line for w in warnings] == [42] and "use BufferedSerial" in warnings[0].message, r.log
        else:
            assert not warnings, f"{name} {target}: {r.log}"
    return results


def go(builds, name, target, **kw):
    kw.setdefault("until_ms", 2000)
    return run(builds[name, target].outputs, target, board=BUILDS[name], **kw)


RTOS_TRANSCRIPT = """\
1 main: start
3 low: holds the mutex at priority 8
2 high: got the semaphore (before main goes on)
4 low: priority 40 while high waits for the mutex
5 high: got the mutex when low unlocked it
6 low: back to priority 8 after unlocking
main: setting event flag 0x4
7 high: woken by event flags 0x4
8 main: after the event flag
9 high: woken by thread flag 0x1
10 main: after the thread flag
11 main: high has ended (state 2147483647)
queue full: try_put_for timed out at 65 ms
main: normal-3 queued at 65 ms
queue: urgent at 65 ms
queue: normal-1 at 65 ms
queue: normal-3 at 65 ms
queue: empty for 50 ms at 115 ms
try_acquire_for: timed out after 250 ms
wait_all_for: 0xfffffffe (osFlagsErrorTimeout) after 40 ms
sleeper state 3 before terminate
sleeper state 2147483647 after terminate
done at 415 ms
"""


@pytest.mark.parametrize("target", TARGETS)
def test_rtos_priorities_mutex_queue_flags_and_timeouts(builds, target):
    # Line 2 comes after line 3: high (started first) blocks on the semaphore, low takes the
    # mutex; main's release makes high run before main continues. High then blocks on low's
    # mutex and low runs at high's priority (40) until it unlocks; the unlock hands the mutex
    # to high, which runs before low's next line. The full queue times out the put after
    # 10 ms; main (higher priority than the consumer) is woken by the consumer's first get
    # and queues normal-3 before the consumer prints; urgent (priority 9) comes first.
    out = go(builds, "rtos_priority", target)
    assert out.status == "finished", out.error
    assert out.serial == RTOS_TRANSCRIPT


@pytest.mark.parametrize("target", TARGETS)
def test_interrupts_arrive_during_busy_loops(builds, target):
    out = go(builds, "busy_loops", target, until_ms=800, presses=[Press("BUTTON1", 300, 50)])
    lines = out.serial.splitlines()
    assert lines[0] == "5 ticks during a busy loop, at 50 ms"  # a 10 ms Ticker while main spins
    pressed = int(lines[1].split(" at ")[1].split()[0])
    released = int(lines[2].split(" at ")[1].split()[0])
    assert 298 <= pressed <= 300 and released - pressed == 50, lines  # polling DigitalIn sees the press
    assert lines[3] == "100000 iterations took 1 us (more than 0: work takes time)"
    assert lines[4] == "spinning"
    # main ends in `while (1);`: the run is "idle", and the Ticker keeps toggling LED1.
    assert out.status == "idle", (out.status, out.error)
    toggles = [t for t, name, _ in out.gpio if name == "LED1"][1:]
    assert len(toggles) >= 4 and np.allclose(np.diff(toggles), 100.0, atol=1e-3), toggles


def test_busy_loops_are_deterministic(builds):
    a = go(builds, "busy_loops", "host", until_ms=800, presses=[Press("BUTTON1", 300, 50)])
    b = go(builds, "busy_loops", "host", until_ms=800, presses=[Press("BUTTON1", 300, 50)])
    assert a.gpio == b.gpio and a.serial == b.serial


@pytest.mark.parametrize("target", TARGETS)
def test_console_input(builds, target):
    out = go(builds, "serial_input", target, until_ms=1500, stdin=[(0, b"a42\nxyz"), (500, b"!!!"), (800, b"Q")])
    lines = out.serial.splitlines()
    assert lines[:4] == ["type something", "getchar: 'a'", "scanf: 1 field(s), n = 42",
                         'BufferedSerial::read: "xyz" at 6 ms']  # the 7th byte arrives at 6 ms (9600 baud)
    eagain = lines[4].split("(-EAGAIN = ")[1].rstrip(")")
    assert lines[4] == f"non-blocking read with nothing there: {eagain} (-EAGAIN = {eagain})"
    assert lines[5:] == ['receive interrupt: 3 byte(s) "!!!"', "Serial::getc: 'Q' at 800 ms"]
    assert out.status == "finished"
    assert len([1 for _, name, _ in out.gpio if name == "LED1"]) == 4  # created, then one toggle per byte


@pytest.mark.parametrize("target", TARGETS)
def test_i2c_lm75b_temperature_set_headlessly(builds, target):
    out = go(builds, "i2c_lm75b", target, sets=[SetInput.parse("temp=31.5@600ms")])
    assert out.serial == ("configure: 0\ntemp 25.000 C at 0 ms\ntemp 25.000 C at 501 ms\ntemp 31.500 C at 1001 ms\n"
                          "Tos register: 80 C\nnobody at 0x50: write returns 1\nbyte level: ack 1, temp 31.500 C\n")


@pytest.mark.parametrize("target", TARGETS)
def test_k64f_names_polarities_and_unsigned_char(builds, target):
    out = go(builds, "board_k64f", target, until_ms=1000, presses=[Press.parse("SW2@100ms:50ms", "k64f")])
    assert out.serial == ("TARGET_K64F, DEVICE_I2C\nchar is unsigned\nLED1 == LED_RED == PTB22: 1, BUTTON1 == SW2: 1\n"
                          "sw2 idle reads 1, joystick fire idle reads 0\nsw2 pressed reads 0 at 100 ms\n"
                          "presses counted by the interrupt: 1; fire reads 0\n")
    red = [(round(t), v) for t, name, v in out.gpio if name == "LED_RED"]
    assert red == [(0, 0.0), (0, 1.0), (100, 0.0)]  # DigitalOut led(LED1) = 0, red(PTB22, 1), led = 0


@pytest.mark.parametrize("target", TARGETS)
def test_null_pointer_write_crashes_and_keeps_output(builds, target):
    out = go(builds, "crash_null", target)
    assert out.status == "crashed"
    assert out.serial == "about to crash\n"
    assert ("invalid memory access" in out.error or "MemManage" in out.error) and "\n" not in out.error, out.error
    assert [v for _, name, v in out.gpio if name == "LED1"] == [0.0, 1.0]


@pytest.mark.parametrize("target", TARGETS)
def test_stack_overflow_is_reported(builds, target):
    out = go(builds, "crash_recursion", target)
    assert out.status == "crashed" and "stack overflow" in out.error, out.error
    assert out.serial == "recursing\n"


@pytest.mark.parametrize("target", TARGETS)
def test_main_returning_is_finished_and_interrupts_go_on(builds, target):
    out = go(builds, "finished", target, until_ms=500)
    assert out.status == "finished" and out.error is None
    assert out.serial == "hello from main"
    led = [(round(t, 1), v) for t, name, v in out.gpio if name == "LED2"]
    assert led[0] == (0.0, 0.0) and led[1][1] == 1.0 and abs(led[1][0] - 50.0) < 0.2  # the M4 boots in 0.05 ms


EVENTS_TRANSCRIPT = """\
dispatch_for ran a local event
press handled in thread 'dispatcher' (queued at 100 ms, run at 100 ms)
dispatch_for returned at 100 ms
shared queue ran in thread 'shared_event_queue'
4 ticks: cancelling the periodic event: yes
press handled in thread 'dispatcher' (queued at 300 ms, run at 300 ms)
ticks: 4
"""


@pytest.mark.parametrize("target", TARGETS)
def test_event_queues_on_threads(builds, target):
    out = go(builds, "events_thread", target, until_ms=1000, presses=[Press("BUTTON1", 100), Press("BUTTON1", 300)])
    assert out.serial == EVENTS_TRANSCRIPT
    blinks = [round(t) for t, name, _ in out.gpio if name == "LED2"]
    assert blinks == [0, 50, 100, 150, 200]


@pytest.mark.parametrize("target", TARGETS)
def test_round_robin_between_equal_priorities(builds, target):
    out = go(builds, "round_robin", target, until_ms=500)
    line = out.serial.strip()
    turns = int(line.split("took turns ")[1].split()[0])
    assert 18 <= turns <= 26, line  # 5 ms slices over 100 ms, plus the watcher's preemptions
    assert line.endswith("the watcher woke 5 times, at most 0 ms late"), line


RTOS_MORE = """\
pool: 3 blocks allocated, a 4th: no
free a: 0, free nullptr: -4
a 4th after a free: yes
put 0 at 0 ms
put 1 at 0 ms
got 0 (0.0) at 20 ms
put 2 at 20 ms
got 1 (1.5) at 30 ms
got 2 (3.0) at 40 ms
waiter: ready at 65 ms
waiter: wait_for timed out
"""


@pytest.mark.parametrize("target", TARGETS)
def test_mail_pool_condition_variable_and_low_power_ticker(builds, target):
    out = go(builds, "rtos_more", target, until_ms=300)
    assert out.serial.startswith(RTOS_MORE), out.serial
    lines = out.serial.splitlines()
    remaining = int(lines[-2].split("remaining ")[1].split()[0])
    assert 49_900 <= remaining <= 50_000 and lines[-2].endswith("low-power ticks after 30 ms: 1"), lines[-2]
    assert lines[-1] == "producer stack 2048, name producer; main is 'main'"
    assert out.status == "finished" and abs(out.end_ms - 300.0) < 0.01  # the ticker outlives main


@pytest.mark.parametrize("target", TARGETS)
def test_a_handler_polling_a_pin_sees_it_change(builds, target):
    out = go(builds, "isr_polling", target, until_ms=1500, presses=[Press("BUTTON1", 200, 150)])
    held = int(out.serial.split("held for ")[1].split()[0])
    assert 149 <= held <= 150 and out.serial.endswith("rising edges: 1\n"), out.serial
    assert out.status == "finished"


@pytest.mark.parametrize("target", TARGETS)
def test_spinning_with_interrupts_masked_ends_at_the_time_limit(builds, target):
    out = go(builds, "masked_spin", target, until_ms=1000, timeout=60)
    assert out.status == "idle" and out.serial == "y\n" and out.end_ms == 1000.0, (out.status, out.error)


def test_the_same_program_prints_the_same_on_every_target(builds):
    outs = {t: go(builds, "events_thread", t, until_ms=1000, presses=[Press("BUTTON1", 100)]) for t in TARGETS}
    assert len({o.serial for o in outs.values()}) == 1


def test_lcd_demo_on_the_k64f_shield_draws_the_same(tmp_path):
    from simulator import FIRMWARE_DIR

    lcd = FIRMWARE_DIR / "apps" / "lcd" / "main.cpp"
    outs = [run(build([lcd], "host", board=b).outputs, "host", until_ms=1500, board=b) for b in ("lpc1768", "k64f")]
    assert outs[0].lcd_text == outs[1].lcd_text == ["utensor-sim", "count 2"]
    assert (outs[0].lcd_pixels == outs[1].lcd_pixels).all() and outs[0].lcd_pixels.sum() > 300


def test_report_json_has_exactly_the_keys_and_every_pin_name(tmp_path, capsys):
    report = tmp_path / "r.json"
    src = PROGRAMS / "board_k64f.cpp"
    assert sim(["run", str(src), "--board", "k64f", "--until", "500ms", "--press", "SW2@100ms:50ms",
                "--report", str(report)]) == 0
    data = json.loads(report.read_text())
    assert sorted(data) == ["error", "lcd_text", "pin_names", "pins", "serial", "status"]
    assert data["status"] == "finished" and data["error"] is None and data["lcd_text"] == []
    names = data["pin_names"]
    assert names["LED1"] == names["LED_RED"] == names["PTB22"] == "LED_RED"
    assert names["BUTTON1"] == names["SW2"] == names["PTC6"] == "SW2"
    assert names["D14"] == names["I2C_SDA"] == "D14" and names["A0"] == "A0"
    assert all(len(p) == 3 and isinstance(p[0], float) and p[1] in names.values() for p in data["pins"])
    assert "sw2 pressed reads 0 at 100 ms" in data["serial"]
    assert "[sim] main returned" in capsys.readouterr().err
