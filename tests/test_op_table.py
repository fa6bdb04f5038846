"""The op table (simulator/model/ops/) is the one list of operators: the docs are generated from
it, its declarations name real kernels, and the code generator and planner take their
behaviour from it alone."""

from __future__ import annotations

import re

import pytest

from simulator import FIRMWARE_DIR, REPO_ROOT
from simulator.cli import main as sim
from simulator.model.ops import OPS, Memory, lookup
from simulator.model.ops.__main__ import DOC, with_table
from simulator.model.tflite_reader import OpInfo


def test_docs_list_every_op_of_the_table():
    text = DOC.read_text()
    assert with_table(text) == text, "docs/runtime.md is stale: run python -m simulator.model.ops --write"
    for name in OPS:
        assert f"| {name} |" in text


@pytest.mark.parametrize("name", sorted(OPS))
def test_declaration_names_real_kernels(name):
    spec = OPS[name]
    headers = [FIRMWARE_DIR / "utensor" / h.strip() for h in spec.header.split(",")]
    text = "".join(h.read_text() for h in headers)
    for kernel in spec.kernel.split(","):
        assert re.search(rf"\b{kernel.strip()}\b", text), f"{name}: {kernel} is not in {spec.header}"
    assert (spec.memory is Memory.IN_PLACE) == (spec.in_place is not None)
    if spec.memory is Memory.IN_PLACE:  # the kernel's header states its in-place contract
        assert "in place" in text.lower(), f"{name}: {spec.header} does not say the kernel runs in place"
    assert spec.tflite and spec.notes and spec.types


def test_an_unsupported_op_is_refused_in_one_place_naming_it(tmp_path, capsys):
    with pytest.raises(Exception) as err:
        lookup(OpInfo(7, "REDUCE_MAX", [], []))
    assert "operator 7 (REDUCE_MAX) is not supported" in str(err.value)
    assert "FULLY_CONNECTED" in str(err.value)  # the supported list comes from the table
    sources = "".join(p.read_text() for p in (REPO_ROOT / "simulator" / "model").rglob("*.py"))
    assert sources.count("is not supported by the utensor runtime") == 1


def test_sim_convert_refuses_a_model_with_a_missing_op(tmp_path, capsys):
    import tensorflow as tf

    from tflite_ref import convert

    fn = tf.function(lambda x: tf.reduce_max(x * 2.0, axis=-1))
    data = convert(fn, [((1, 4), -1.0, 1.0)], 0)
    (tmp_path / "reduce_max.tflite").write_bytes(data)
    assert sim(["convert", str(tmp_path / "reduce_max.tflite"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "(REDUCE_MAX) is not supported by the utensor runtime" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # nothing half-written
