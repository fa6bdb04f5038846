"""The Mbed program corpus: 60 real programs by other authors (../shared/mbed_corpus), each built
and run on host, wasm and Cortex-M4 for the board it assumes, with `sim run --report`, and checked
against what it does on that board (tests/mbed_corpus/<program>.json, see tests/corpus_check.py).

Programs that still fail for a known reason are strict xfails naming it, so they fail loudly once
they pass. Without the corpus the whole module skips (see corpus_check.MISSING_REASON).

Every build and run happens once, in parallel (two workers), in the session fixture; the tests
only read the results. SIM_CORPUS_ONLY=name1,name2 limits the run to some programs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
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
RUN_TIMEOUT_S = 240


def _run_one(exp: Expectation, target: str) -> dict:
    """Build and run one program for one target; -> {"report": ..., "log": ...} or {"error": ...}."""
    from simulator.build import build

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
        cmd = [sys.executable, "-m", "simulator.cli", "run", str(CORPUS / exp.program), "--target", target,
               *run_args(exp), "--report", str(report_path)]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=REPO)
        except subprocess.TimeoutExpired:
            return {"error": f"sim run did not finish in {RUN_TIMEOUT_S} s"}
        if not report_path.exists():
            return {"error": f"no report (exit {r.returncode}):\n{r.stderr[-3000:]}"}
        return {"report": json.loads(report_path.read_text()), "stderr": r.stderr[-2000:],
                "seconds": time.monotonic() - started}


@pytest.fixture(scope="session")
def corpus_results():
    if CORPUS is None:
        pytest.skip(MISSING_REASON)
    jobs = [(exp, target) for exp in SELECTED for target in TARGETS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _run_one(*job), jobs))
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
        (f"\nsim run stderr:\n{res['stderr']}" if res.get("stderr") else "")


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
