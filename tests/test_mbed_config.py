"""mbed_app.json -> the macros and run-time record a real Mbed OS build would give the program, and
program folders with their relative paths."""

from __future__ import annotations

import json

import pytest

from simulator.build import build
from simulator.build.mbed_config import config_header, parse_override, resolve
from simulator.build.runner import run
from simulator.errors import UserError

APP = json.dumps({
    "macros": ["MBED_CPU_STATS_ENABLED", "MY_LIMIT=42"],
    "config": {"greeting": {"value": "\"hi\""}, "level": 3, "custom": {"macro_name": "MY_CUSTOM", "value": 7}},
    "target_overrides": {
        "*": {"platform.stdio-baud-rate": 115200, "platform.thread-stats-enabled": True, "level": 4},
        "K64F": {"platform.stdio-convert-newlines": True},
        "LPC1768": {"platform.stdio-convert-newlines": False},
    },
})


def macros(header: str) -> dict[str, str]:
    out = {}
    for line in header.splitlines():
        if line.startswith("#define "):
            name, _, value = line[8:].partition(" ")
            out[name] = value
    return out


def test_mbed_app_json_becomes_mbed_os_macros():
    k64f = macros(config_header(APP, "k64f"))
    assert k64f["MBED_CPU_STATS_ENABLED"] == "1" and k64f["MY_LIMIT"] == "42"
    assert k64f["MBED_CONF_APP_GREETING"] == '"hi"' and k64f["MBED_CONF_APP_LEVEL"] == "4"
    assert k64f["MY_CUSTOM"] == "7"
    assert k64f["MBED_CONF_PLATFORM_STDIO_BAUD_RATE"] == "115200"
    assert k64f["MBED_THREAD_STATS_ENABLED"] == "1"  # the parameter's macro_name in Mbed OS
    assert k64f["MBED_CONF_PLATFORM_STDIO_CONVERT_NEWLINES"] == "1"  # the K64F section
    assert k64f["MBED_CONF_PLATFORM_CRASH_CAPTURE_ENABLED"] == "1"  # the K64F's own default
    assert k64f["TARGET_K64F"] == "1" and k64f["DEVICE_LPTICKER"] == "1"
    assert k64f["MBED_CONF_RTOS_PRESENT"] == "1"
    lpc = macros(config_header(APP, "lpc1768"))
    assert lpc["MBED_CONF_PLATFORM_STDIO_CONVERT_NEWLINES"] == "0"
    assert lpc["MBED_CONF_PLATFORM_CRASH_CAPTURE_ENABLED"] == "0"
    assert "DEVICE_LPTICKER" not in lpc and lpc["DEVICE_ANALOGOUT"] == "1"
    assert "MBED_HEAP_STATS_ENABLED" not in lpc  # null in Mbed OS: no macro at all


def test_bare_metal_has_no_rtos_and_overrides_win():
    bare = macros(config_header(json.dumps({"requires": ["bare-metal", "events"]}), "lpc1768"))
    assert "MBED_CONF_RTOS_PRESENT" not in bare and bare["MBED_CONF_EVENTS_PRESENT"] == "1"
    cfg = resolve(None, "lpc1768", dict([parse_override("target.printf_lib=std"),
                                         parse_override("platform.stdio-baud-rate=115200")]))
    assert cfg.link_flags == () and "115200" in cfg.source
    assert "--wrap=printf" in " ".join(resolve(None, "lpc1768").link_flags)  # minimal-printf by default


@pytest.mark.parametrize("text, message", [
    ("{", "not valid JSON"),
    ("[]", "expected a JSON object"),
    ('{"macros": ["BAD NAME"]}', "bad macro"),
    ('{"target_overrides": []}', "target_overrides must be an object"),
    ('{"target_overrides": {"*": {"target.printf_lib": "fancy"}}}', "target.printf_lib"),
])
def test_bad_mbed_app_json_is_a_clear_error(text, message):
    with pytest.raises(UserError, match=message):
        resolve(text, "lpc1768")


def test_bad_override_and_board_are_clear_errors():
    with pytest.raises(UserError, match="LIBRARY.NAME=VALUE"):
        parse_override("printf_lib")
    with pytest.raises(UserError, match="unknown board"):
        resolve(None, "uno")


def test_a_program_folder_keeps_its_layout_and_configuration(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "big.h").write_text("#pragma once\nconstexpr int kBig = 7;\n")
    (tmp_path / "main.cpp").write_text(
        '#include "mbed.h"\n#include "fonts/big.h"\n'
        "int main() { printf(\"%d %d %s\\n\", kBig, MBED_CONF_APP_LEVEL, MBED_CONF_APP_NAME); }\n")
    (tmp_path / "mbed_app.json").write_text(json.dumps({"config": {"level": 5, "name": '"lab"'}}))
    result = build([tmp_path], "host")
    assert result.ok, result.log
    assert run(result.outputs, "host", until_ms=100).serial == "7 5 lab\n"


def test_bad_names_in_uploaded_programs_are_refused():
    for name in ("../x.cpp", "/etc/x.cpp", "a/../../b.cpp", ""):
        with pytest.raises(UserError, match="bad file name"):
            build({name: "int main() {}", "main.cpp": "int main() {}"}, "host")
