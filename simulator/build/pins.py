"""The board's pin numbers, read from firmware/mbed/PinNames.h (one list for C++, Python and the page)."""

from __future__ import annotations

import functools
import re

from simulator import FIRMWARE_DIR

_ENTRY = re.compile(r"X\((\w+),\s*(\d+)\)")
ALIASES = {"SW2": "BUTTON1"}


@functools.lru_cache(maxsize=1)
def pin_table() -> dict[str, int]:
    text = (FIRMWARE_DIR / "mbed" / "PinNames.h").read_text()
    block = text[text.index("#define SIM_PIN_LIST"): text.index("typedef enum")]
    table = {name: int(value) for name, value in _ENTRY.findall(block)}
    for alias, target in ALIASES.items():
        table[alias] = table[target]
    return table
