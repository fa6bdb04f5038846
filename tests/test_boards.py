"""Board profiles: the generated C++ headers are current, pin numbers follow Mbed OS, names
and aliases resolve, and bad input gets a clear error."""

from __future__ import annotations

import pytest

from simulator.build import boards
from simulator.build.runner import Press, RunConfig, SetInput, _ms
from simulator.errors import UserError


def test_generated_headers_are_current():
    for path, text in boards.generated_files().items():
        assert path.read_text() == text, f"{path} is stale: run python -m simulator.build.boards --write"


def test_k64f_pin_numbers_are_mbed_os_port_shift_12():
    k = boards.get("k64f")
    assert k.pins["PTA0"] == 0 and k.pins["PTB22"] == (1 << 12) | 22 and k.pins["PTE31"] == (4 << 12) | 31
    assert k.pins["LED1"] == k.pins["LED_RED"] == k.pins["PTB22"]
    assert k.pins["LED2"] == k.pins["PTE26"] and k.pins["LED3"] == k.pins["PTB21"]
    assert k.pins["BUTTON1"] == k.pins["SW2"] == k.pins["PTC6"] and k.pins["SW3"] == k.pins["PTA4"]
    assert k.pins["D14"] == k.pins["I2C_SDA"] == k.pins["PTE25"] and k.pins["A5"] == k.pins["PTC10"]
    assert k.input_levels()[k.pins["SW2"]] == (1, 0)  # active low
    assert k.input_levels()[k.pins["D4"]] == (0, 1)  # the shield's joystick: active high


def test_lpc1768_pins_and_the_simulators_button():
    b = boards.get("lpc1768")
    assert b.pins["p5"] == b.pins["P0_9"] == 9 and b.pins["p19"] == b.pins["P1_30"] == 32 + 30
    assert b.pins["LED1"] == b.pins["P1_18"] and b.pins["LED4"] == b.pins["P1_23"]
    assert b.pins["BUTTON1"] == 1337 and b.name_of(1337) == "BUTTON1"
    assert b.pins["I2C_SDA"] == b.pins["p28"] and b.pins["I2C_SCL"] == b.pins["p27"]
    assert b.name_of(b.pins["D11"]) == "p5"  # reports use the board's labels
    header = (boards.BOARDS_DIR / "lpc1768" / "PinNames.h").read_text()
    assert "#define LED1 P1_18" in header and "#define BUTTON1 SIM_BUTTON1" in header
    assert "PullDefault = PullDown" in header
    assert "PullDefault = PullUp" in (boards.BOARDS_DIR / "k64f" / "PinNames.h").read_text()


def test_every_pin_name_has_a_report_name():
    for board in boards.BOARDS.values():
        names = board.pin_names()
        assert set(names) == set(board.pins)
        assert all(board.pins[report_name] == board.pins[name] for name, report_name in names.items())


def test_press_and_set_parse_every_name_and_reject_bad_ones():
    assert Press.parse("SW2@500ms:200ms", "k64f") == Press("SW2", 500.0, 200.0)
    assert Press.parse("JOYSTICK_UP@1.5s", "lpc1768").at_ms == 1500.0
    with pytest.raises(UserError, match="unknown pin 'SW2' on the lpc1768 board"):
        Press.parse("SW2@1s", "lpc1768")
    with pytest.raises(UserError, match="did you mean BUTTON1"):
        Press.parse("button1@1s", "lpc1768")
    with pytest.raises(UserError, match="expected NAME@TIME"):
        Press.parse("BUTTON1", "lpc1768")
    assert SetInput.parse("temp=31.5", "k64f") == SetInput("temp", 31.5, 0.0)
    assert SetInput.parse("pot1=0.25@2s", "lpc1768").at_ms == 2000.0
    with pytest.raises(UserError, match="unknown input 'humidity'"):
        SetInput.parse("humidity=40", "lpc1768")
    with pytest.raises(UserError, match="0..1"):
        SetInput.parse("A0=3.3", "lpc1768")
    with pytest.raises(UserError, match="unknown board"):
        boards.get("nucleo")
    assert _ms("2s") == 2000.0 and _ms("250us") == 0.25 and _ms("40") == 40.0


def test_run_configuration_text():
    config = RunConfig(until_ms=1000, presses=[Press("SW2", 500, 200)],
                       sets=[SetInput("temp", 31.5, 100), SetInput("pot1", 0.25, 0)], stdin=b"hi\n", board="k64f")
    k = boards.get("k64f")
    assert config.text().splitlines() == [
        "until 1000000000", f"press 500000000 {k.pins['SW2']} 1", f"press 700000000 {k.pins['SW2']} 0",
        "device 100000000 lm75b temp 31.5", f"level 0 {k.pins['A0']} 0.25", "serial 0 68690a"]
