"""The corpus checker itself: a report that behaves as expected passes, and each kind of
difference is reported (so a corpus test cannot pass by accident)."""

from __future__ import annotations

import json

import pytest

from corpus_check import EXPECTATIONS, Expectation, check, level_at, load, run_args


def expectation(**expect) -> Expectation:
    return Expectation(program="p", board="k64f", about="x", until_ms=1000, expect=expect,
                       inputs=[{"at_ms": 500, "press": "SW2", "hold_ms": 100},
                               {"at_ms": 0, "set": "A0", "value": 0.5},
                               {"at_ms": 20, "serial": "hi"}],
                       config={"target.printf_lib": "std", "platform.minimal-printf-enable-floating-point": True})


def report(**over) -> dict:
    r = {"status": "time_limit", "serial": "Got: 0x1\r\n", "error": None, "lcd_text": ["L:", "R:"],
         "pin_names": {"LED1": "LED_RED", "LED_RED": "LED_RED", "PTB22": "LED_RED", "D3": "D3"},
         "pins": [[0, "LED_RED", 0], [0, "LED_RED", 0], [0, "LED_RED", 1], [250, "LED_RED", 0], [0, "D3", 0],
                  [100, "D3", 0.075]]}
    r.update(over)
    return r


GOOD = dict(status=["time_limit"], error=None, serial=r"Got: 0x1\r\n", serial_contains=["0x1"],
            pins=[{"pin": "LED1", "changes": [[0, 0], [0, 1], [250, 0]], "prefix": False},
                  {"pin": "PTB22", "levels": [[100, 1], [300, 0]]},
                  {"pin": "D3", "levels": [[150, 0.075]], "value_tolerance": 0.001}],
            lcd_text=["L:", "R:"])


def test_a_matching_report_passes():
    assert check(expectation(**GOOD), report()) == []


@pytest.mark.parametrize("change, words", [
    ({"status": "idle"}, "status is 'idle'"),
    ({"error": "boom"}, "unexpected error"),
    ({"serial": "Got: 0x00000001\r\n"}, "serial output does not match"),
    ({"lcd_text": ["L:"]}, "LCD text"),
    ({"pins": [[0, "LED_RED", 0], [260, "LED_RED", 1], [500, "LED_RED", 0], [0, "D3", 0.075]]}, "pin LED1"),
    ({"pin_names": {"LED_RED": "LED_RED"}}, "not a pin name"),
])
def test_each_difference_is_reported(change, words):
    problems = check(expectation(**GOOD), report(**change))
    assert problems and any(words in p for p in problems), problems


def test_a_report_missing_keys_fails():
    r = report()
    del r["pin_names"]
    assert check(expectation(**GOOD), r) == ["the report lacks ['pin_names']"]


def test_levels_and_inputs():
    assert level_at([(0, 0), (10, 1), (20, 0)], 15) == 1 and level_at([(5, 1)], 1) is None
    args = run_args(expectation())
    assert args[:4] == ["--board", "k64f", "--until", "1000ms"]
    assert "--config" in args and "target.printf_lib=std" in args and "platform.minimal-printf-enable-floating-point=true" in args
    assert ["--press", "SW2@500ms:100ms"] == args[args.index("--press"):args.index("--press") + 2]
    assert "A0=0.5@0ms" in args and "hi@20ms" in args


def test_expectation_files_are_checked_when_loaded(tmp_path):
    good = json.loads((EXPECTATIONS / "docs-Flags.json").read_text())
    path = tmp_path / "docs-Flags.json"
    path.write_text(json.dumps({**good, "expect": {**good["expect"], "status": ["sleeping"]}}))
    with pytest.raises(ValueError, match="unknown status"):
        load(path)
    path.write_text(json.dumps({**good, "surprise": 1}))
    with pytest.raises(ValueError, match="unknown keys"):
        load(path)
