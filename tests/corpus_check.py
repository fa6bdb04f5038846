"""Expectations for the Mbed program corpus (tests/mbed_corpus/<program>.json) and the checks
that compare a run report (`sim run --report`) with them.

An expectation says what the program does on its real board, in the report's own terms:

    {
      "program": "docs-Flags",                  # folder in the corpus
      "board": "lpc1768",                       # the board the program assumes
      "about": "...",                           # what it does on that board
      "until_ms": 3500,                         # simulated time to run
      "config": {"target.printf_lib": "std"},   # the board's build configuration (sim --config)
      "inputs": [                               # what a person does to the board
        {"at_ms": 500, "press": "SW2", "hold_ms": 100},
        {"at_ms": 0, "set": "A0", "value": 0.5},
        {"at_ms": 500, "serial": "hello"}
      ],
      "expect": {
        "status": ["time_limit"],               # allowed report statuses
        "error": null,                          # null, or a regex the error must contain
        "serial": "regex",                      # the whole serial output (re.fullmatch, DOTALL)
        "serial_contains": ["text", ...],
        "pins": [                               # names as the program writes them
          {"pin": "LED1", "changes": [[0, 0], [1000, 1]], "tolerance_ms": 2},
          {"pin": "LED1", "levels": [[1500, 1]]},
          {"pin": "D3", "levels": [[100, 0.075]], "value_tolerance": 0.001}
        ],
        "lcd_text": ["line 1", "line 2"]         # regexes, one per text line
      },
      "build_error": "regex",                   # the program does not compile (as with Mbed OS): its error
      "hardware": "...",                        # hardware the simulator lacks, and what is checked instead
      "xfail": {"targets": ["host"], "reason": "..."}
    }

Without the corpus (env SIM_MBED_CORPUS, else ../shared/mbed_corpus next to the repository) the
corpus tests skip with the reason :data:`MISSING_REASON`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXPECTATIONS = REPO / "tests" / "mbed_corpus"
TARGETS = ("host", "wasm", "cortex-m4")
STATUSES = {"finished", "time_limit", "idle", "crashed"}
DEFAULT_TOLERANCE_MS = 2.0
DEFAULT_VALUE_TOLERANCE = 1e-4


def corpus_dir() -> Path | None:
    """The corpus folder: $SIM_MBED_CORPUS, else ../shared/mbed_corpus beside the repository."""
    env = os.environ.get("SIM_MBED_CORPUS")
    candidates = [Path(env)] if env else [REPO.parent / "shared" / "mbed_corpus"]
    for c in candidates:
        if c.is_dir() and any(c.glob("*/main.cpp")):
            return c
    return None


MISSING_REASON = ("the Mbed program corpus is not here: set SIM_MBED_CORPUS to its folder, or put it at "
                  f"{REPO.parent / 'shared' / 'mbed_corpus'}")


@dataclass
class Expectation:
    program: str
    board: str
    about: str
    until_ms: float
    inputs: list[dict[str, Any]] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)
    build_error: str | None = None
    hardware: str | None = None
    xfail: dict[str, Any] | None = None
    path: Path | None = None

    def xfail_reason(self, target: str) -> str | None:
        if self.xfail and target in self.xfail.get("targets", TARGETS):
            return self.xfail["reason"]
        return None


KEYS = {"program", "board", "about", "until_ms", "inputs", "config", "expect", "build_error", "hardware", "xfail"}
EXPECT_KEYS = {"status", "error", "serial", "serial_contains", "pins", "lcd_text"}


def load(path: Path) -> Expectation:
    data = json.loads(path.read_text())
    unknown = set(data) - KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    unknown = set(data.get("expect", {})) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown expect keys {sorted(unknown)}")
    if path.stem != data["program"]:
        raise ValueError(f"{path.name}: program is {data['program']!r}")
    exp = Expectation(path=path, **data)
    for status in exp.expect.get("status", []):
        if status not in STATUSES:
            raise ValueError(f"{path.name}: unknown status {status!r}")
    if exp.xfail:
        bad = set(exp.xfail.get("targets", TARGETS)) - set(TARGETS)
        if bad or not exp.xfail.get("reason"):
            raise ValueError(f"{path.name}: xfail needs a reason and known targets")
    return exp


def load_all() -> list[Expectation]:
    return [load(p) for p in sorted(EXPECTATIONS.glob("*.json"))]


# --- inputs -> `sim run` arguments -------------------------------------------------------------

def _ms(v: float) -> str:
    return f"{v:g}ms"


def run_args(exp: Expectation) -> list[str]:
    """The `sim run` options for the expectation's board, time and inputs."""
    args = ["--board", exp.board, "--until", _ms(exp.until_ms)]
    for key, value in exp.config.items():
        args += ["--config", f"{key}={json.dumps(value) if not isinstance(value, str) else value}"]
    for inp in exp.inputs:
        at = inp["at_ms"]
        if "press" in inp:
            args += ["--press", f"{inp['press']}@{_ms(at)}:{_ms(inp.get('hold_ms', 100))}"]
        elif "set" in inp:
            args += ["--set", f"{inp['set']}={inp['value']:g}@{_ms(at)}"]
        elif "serial" in inp:
            text = inp["serial"].replace("\\", "\\\\").replace("\n", "\\n")
            args += ["--stdin", f"{text}@{_ms(at)}"]
        else:
            raise ValueError(f"{exp.program}: unknown input {inp}")
    return args


# --- checking a report ---------------------------------------------------------------------------

def _pin_series(report: dict[str, Any], name: str) -> list[tuple[float, float]] | None:
    """The pin's changes as (ms, value). Two objects driving one pin (LED1 and LED_RED on the K64F)
    can each report the same value; consecutive equal values are one level, so they collapse."""
    canonical = report.get("pin_names", {}).get(name)
    if canonical is None:
        return None
    series: list[tuple[float, float]] = []
    for t, n, v in report.get("pins", []):
        if n == canonical and (not series or series[-1][1] != float(v)):
            series.append((float(t), float(v)))
    return series


def level_at(series: list[tuple[float, float]], t: float) -> float | None:
    """The pin's value at time t: the last change at or before t."""
    value = None
    for when, v in series:
        if when <= t:
            value = v
        else:
            break
    return value


def check(exp: Expectation, report: dict[str, Any], time_scale: float = 1.0) -> list[str]:
    """Every way the report differs from the expectation (empty: it behaves as on the board).
    ``time_scale`` widens time tolerances for targets whose clock is less exact."""
    problems: list[str] = []
    e = exp.expect
    missing = {"status", "serial", "pins", "pin_names", "lcd_text", "error"} - set(report)
    if missing:
        return [f"the report lacks {sorted(missing)}"]
    if "status" in e and report["status"] not in e["status"]:
        problems.append(f"status is {report['status']!r}, expected one of {e['status']} (error: {report['error']!r})")
    if "error" in e:
        if e["error"] is None and report["error"] is not None:
            problems.append(f"unexpected error: {report['error']!r}")
        elif e["error"] is not None and not (report["error"] and re.search(e["error"], report["error"])):
            problems.append(f"error {report['error']!r} does not match {e['error']!r}")
    serial = report["serial"]
    if "serial" in e and not re.fullmatch(e["serial"], serial, re.DOTALL):
        problems.append(f"serial output does not match.\n  expected (regex): {e['serial']!r}\n  got: {serial[:1500]!r}")
    for text in e.get("serial_contains", []):
        if text not in serial:
            problems.append(f"serial output lacks {text!r}; got: {serial[:800]!r}")
    for spec in e.get("pins", []):
        problems += _check_pin(spec, report, time_scale)
    if "lcd_text" in e:
        lines = report["lcd_text"] or []
        want = e["lcd_text"]
        if len(lines) < len(want) or not all(re.fullmatch(w, g) for w, g in zip(want, lines)):
            problems.append(f"LCD text is {lines!r}, expected {want!r}")
    return problems


def _check_pin(spec: dict[str, Any], report: dict[str, Any], time_scale: float) -> list[str]:
    name = spec["pin"]
    series = _pin_series(report, name)
    if series is None:
        return [f"pin {name} is not a pin name of this board (pin_names)"]
    tol_t = spec.get("tolerance_ms", DEFAULT_TOLERANCE_MS) * time_scale
    tol_v = spec.get("value_tolerance", DEFAULT_VALUE_TOLERANCE)
    problems = []
    if "changes" in spec:
        want = spec["changes"]
        got = series if not spec.get("prefix", True) else series[: len(want)]
        shown = [(round(t, 3), v) for t, v in series[: len(want) + 3]]
        if len(got) < len(want) or (not spec.get("prefix", True) and len(got) != len(want)):
            problems.append(f"pin {name}: {len(series)} changes, expected {len(want)}: {shown}")
        else:
            for (wt, wv), (gt, gv) in zip(want, got):
                if abs(wt - gt) > tol_t or abs(wv - gv) > tol_v:
                    problems.append(f"pin {name}: changes {shown}, expected {want}")
                    break
    for t, v in spec.get("levels", []):
        got = level_at(series, t)
        if got is None or abs(got - v) > tol_v:
            problems.append(f"pin {name} at {t} ms is {got}, expected {v}")
    if "max_changes" in spec and len(series) > spec["max_changes"]:
        problems.append(f"pin {name} changed {len(series)} times, at most {spec['max_changes']} expected")
    return problems


# --- the results table in docs/mbed-api.md ---------------------------------------------------------

TABLE_BEGIN = ("<!-- corpus-table:begin (generated from tests/mbed_corpus by tests/corpus_check.py --write-table; "
               "test_docs_table_matches_the_expectations keeps it true) -->")
TABLE_END = "<!-- corpus-table:end -->"


def results_table(expectations: list[Expectation]) -> str:
    rows = ["| program | board | host | wasm | cortex-m4 | notes |", "| --- | --- | --- | --- | --- | --- |"]
    for exp in expectations:
        cells = []
        for target in ("host", "wasm", "cortex-m4"):
            reason = exp.xfail_reason(target)
            cells.append("xfail" if reason else "pass (no build)" if exp.build_error else "pass")
        notes = []
        if exp.build_error:
            notes.append("does not compile, as with Mbed OS: " + exp.about)
        if exp.xfail:
            notes.append("xfail: " + exp.xfail["reason"])
        if exp.hardware:
            notes.append("hardware: " + exp.hardware)
        rows.append(f"| `{exp.program}` | {exp.board} | " + " | ".join(cells) + " | " +
                    " ".join(notes).replace("|", "\\|").replace("\n", " ") + " |")
    return "\n".join(rows)


def write_table(doc: Path = REPO / "docs" / "mbed-api.md") -> None:
    """Replace the corpus table in docs/mbed-api.md with the one the expectations give."""
    text = doc.read_text()
    head, rest = text.split(TABLE_BEGIN, 1)
    _, tail = rest.split(TABLE_END, 1)
    doc.write_text(head + TABLE_BEGIN + "\n" + results_table(load_all()) + "\n" + TABLE_END + tail)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-table"]:
        write_table()
    else:
        print(results_table(load_all()))
