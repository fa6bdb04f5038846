"""The Mbed program corpus: 60 real programs by other authors (../shared/mbed_corpus), each built
and run on host, wasm and Cortex-M4 for the board it assumes, with `sim run --report`, and checked
against what it does on that board (tests/mbed_corpus/<program>.json, see tests/corpus_check.py).

Programs that still fail for a known reason are strict xfails naming it, so they fail loudly once
they pass. Without the corpus the whole module skips (see corpus_check.MISSING_REASON).

Every build and run happens once, in parallel (SIM_CORPUS_WORKERS, default two), in the session
fixture; the tests only read the results. SIM_CORPUS_ONLY=name1,name2 limits the run to some
programs. Runs go through `simulator.cli.main(["run", ..., "--report", FILE])`, the command line's
code, in this process.
"""

from __future__ import annotations

import json
import io
import os
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from corpus_check import (EXPECTATIONS, MISSING_REASON, REPO, TABLE_BEGIN, TABLE_END, TARGETS, Expectation,
                                check, corpus_dir, load_all, results_table, run_args)

CORPUS = corpus_dir()
ALL = load_all()
ONLY = {n for n in os.environ.get("SIM_CORPUS_ONLY", "").split(",") if n}
SELECTED = [e for e in ALL if not ONLY or e.program in ONLY]
WORKERS = int(os.environ.get("SIM_CORPUS_WORKERS", "2"))


class _ThreadOutput(io.TextIOBase):
    """sys.stdout/sys.stderr while the fixture runs: each worker thread's `sim` output is kept
    apart (for its test's failure message) instead of interleaving in the session's capture."""

    def __init__(self, fallback):
        self.fallback = fallback
        self.local = threading.local()

    def write(self, text: str) -> int:
        buf = getattr(self.local, "buf", None)
        return (buf or self.fallback).write(text)

    def flush(self) -> None:
        self.fallback.flush()


def _run_one(exp: Expectation, target: str) -> dict:
    """Build and run one program for one target with `sim run --report` (in this process: the
    command line's own code, without starting 180 interpreters); -> {"report": ...} or {"error": ...}."""
    from simulator.build import build
    from simulator.cli import main

    started = time.monotonic()
    result = build([CORPUS / exp.program], target, board=exp.board, config=exp.config)
    if exp.build_error:
        errors = [str(d) for d in result.diagnostics if d.severity == "error"]
        return {"build_errors": errors, "built": result.ok}
    if not result.ok:
        return {"error": "build failed:\n" + "\n".join(str(d) for d in result.diagnostics if d.severity == "error")
                + "\n" + result.log[-3000:]}
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "report.json"
        argv = ["run", str(CORPUS / exp.program), "--target", target, *run_args(exp), "--report", str(report_path)]
        out = io.StringIO()
        sys.stdout.local.buf = sys.stderr.local.buf = out
        try:
            rc = main(argv)
        finally:
            sys.stdout.local.buf = sys.stderr.local.buf = None
        if not report_path.exists():
            return {"error": f"sim {' '.join(argv)}: no report (exit {rc}):\n{out.getvalue()[-3000:]}"}
        return {"report": json.loads(report_path.read_text()), "output": out.getvalue()[-2000:],
                "seconds": time.monotonic() - started}


@pytest.fixture(scope="session")
def corpus_results():
    if CORPUS is None:
        pytest.skip(MISSING_REASON)
    jobs = [(exp, target) for exp in SELECTED for target in TARGETS]
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _ThreadOutput(saved[0]), _ThreadOutput(saved[1])
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            results = list(pool.map(lambda job: _run_one(*job), jobs))
    finally:
        sys.stdout, sys.stderr = saved
    return {(exp.program, target): res for (exp, target), res in zip(jobs, results)}


def _params():
    out = []
    for exp in SELECTED:
        for target in TARGETS:
            reason = exp.xfail_reason(target)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            out.append(pytest.param(exp, target, marks=marks, id=f"{exp.program}-{target}"))
    return out


@pytest.mark.parametrize("exp, target", _params())
def test_program_behaves_as_on_its_board(corpus_results, exp: Expectation, target: str):
    res = corpus_results[exp.program, target]
    if exp.build_error:  # it must fail to compile, with that error, as it does with Mbed OS
        assert not res["built"] and any(re.search(exp.build_error, e) for e in res["build_errors"]), res
        return
    assert "error" not in res, res.get("error")
    problems = check(exp, res["report"])
    assert not problems, f"{exp.program} on {target} ({exp.board}):\n- " + "\n- ".join(problems) + \
        (f"\nsim run's output:\n{res['output']}" if res.get("output") else "")


def test_every_corpus_program_has_an_expectation():
    if CORPUS is None:
        pytest.skip(MISSING_REASON)
    programs = {p.parent.name for p in CORPUS.glob("*/main.cpp")}
    expected = {e.program for e in ALL}
    assert programs == expected, (f"without expectation: {sorted(programs - expected)}; "
                                  f"not in the corpus: {sorted(expected - programs)}")


def test_expectations_name_boards_and_reasons():
    from simulator.build.mbed_config import BOARDS

    assert len(ALL) == len(list(EXPECTATIONS.glob("*.json")))
    for exp in ALL:
        assert exp.board in BOARDS, exp.program
        assert exp.about and exp.until_ms > 0, exp.program
        if exp.xfail:
            assert "issue" in exp.xfail["reason"], f"{exp.program}: an xfail names the issue that will fix it"


def test_docs_table_matches_the_expectations():
    text = (REPO / "docs" / "mbed-api.md").read_text()
    assert TABLE_BEGIN in text and TABLE_END in text, "docs/mbed-api.md lacks the corpus table markers"
    current = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0].strip()
    assert current == results_table(ALL).strip(), (
        "docs/mbed-api.md's corpus table is out of date: regenerate it with "
        "`.venv/bin/python tests/corpus_check.py --write-table`")
