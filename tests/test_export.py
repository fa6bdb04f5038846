"""`sim export`: every demo app becomes an Mbed OS 6.17 project for the K64F and the LPC1768
with only portable files in it (no Mbed OS needed for these checks; bench/bench_export.py
builds the projects with mbed-tools against real Mbed OS)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator import FIRMWARE_DIR
from simulator.cli import main as sim
from simulator.errors import UserError
from simulator.export import BOARDS, MBED_OS_COMMIT, SHIELD_DIR, export, includes

APPS = sorted(p.name for p in (FIRMWARE_DIR / "apps").iterdir() if (p / "main.cpp").exists())
MBED_LAYER = FIRMWARE_DIR / "mbed"
#: The simulator itself: its HAL backends, scheduler, device models and pin tables.
#: The simulator itself: its HAL ports, core, device models and generated board tables.
SIM_ONLY_FILES = sorted([*(MBED_LAYER / "hal").rglob("*"), *(MBED_LAYER / "src").rglob("*"),
                         *(MBED_LAYER / "sim").rglob("*"), *(MBED_LAYER / "boards").rglob("*")])
SIM_ONLY_HEADERS = re.compile(r"(^|/)(sim_hal|sim_board|sim)\.h$|^hal/|^sim/|^boards/|^emscripten")


def sim_only_contents() -> set[bytes]:
    return {p.read_bytes() for p in SIM_ONLY_FILES if p.is_file()}


@pytest.mark.parametrize("board", sorted(BOARDS))
@pytest.mark.parametrize("app", APPS)
def test_exported_project_has_only_portable_files(tmp_path, app, board):
    out = tmp_path / f"{app}-{board}"
    result = export(FIRMWARE_DIR / "apps" / app / "main.cpp", board, out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == result.files
    assert {"CMakeLists.txt", "mbed-os.lib", "main.cpp"} <= set(files)
    forbidden = sim_only_contents()
    for rel in files:
        path = out / rel
        assert path.read_bytes() not in forbidden, f"{rel} is a simulator file"
        assert not rel.startswith(("hal/", "sim/", "boards/", "mbed/")), rel
        if path.suffix in (".h", ".hpp", ".cpp", ".c"):
            for _kind, name in includes(path.read_text()):
                assert not SIM_ONLY_HEADERS.search(name), f"{rel} includes the simulator's {name}"
    # Every compiled source is in the project, and every header the sources include from the
    # project's own folders is there too.
    cmake = (out / "CMakeLists.txt").read_text()
    for src in result.sources:
        assert (out / src).is_file() and f"    {src}\n" in cmake
    assert "include(${MBED_PATH}/tools/cmake/app.cmake)" in cmake
    assert "mbed_set_post_build(${APP_TARGET})" in cmake
    assert (out / "mbed-os.lib").read_text().strip().endswith("#" + MBED_OS_COMMIT)
    assert f"-m {BOARDS[board].mbed_target} -t GCC_ARM" in cmake


def test_portable_drivers_include_no_simulator_header():
    for path in sorted(SHIELD_DIR.glob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        for kind, name in includes(path.read_text()):
            local = (SHIELD_DIR / name).is_file()
            assert local or name == "mbed.h" or kind == "<", f"{path.name} includes {name}"
            assert not SIM_ONLY_HEADERS.search(name), f"{path.name} includes the simulator's {name}"


def test_export_takes_what_the_app_uses(tmp_path):
    mnist = export(FIRMWARE_DIR / "apps" / "mnist" / "main.cpp", "k64f", tmp_path / "mnist")
    assert "models/mnist_mlp/mnist_mlp.cpp" in mnist.sources
    assert "utensor/src/fully_connected.cpp" in mnist.sources
    assert "shield/C12832.cpp" in mnist.sources and "shield/Small_7.cpp" in mnist.sources
    assert not any("mnist_cnn" in f for f in mnist.files)  # a model it does not include
    assert not any(f.startswith("shield/LM75B") for f in mnist.files)
    cmake = (tmp_path / "mnist" / "CMakeLists.txt").read_text()
    assert "mbed-os mbed-events" in cmake and "UTENSOR_ARM_DSP=1" in cmake
    lpc = export(FIRMWARE_DIR / "apps" / "mnist" / "main.cpp", "lpc1768", tmp_path / "mnist-lpc")
    assert "UTENSOR_ARM_DSP" not in (tmp_path / "mnist-lpc" / "CMakeLists.txt").read_text()  # Cortex-M3
    assert lpc.uses_events
    blinky = export(FIRMWARE_DIR / "apps" / "blinky" / "main.cpp", "lpc1768", tmp_path / "blinky")
    assert blinky.files == ["CMakeLists.txt", "main.cpp", "mbed-os.lib"]
    assert "mbed-events" not in (tmp_path / "blinky" / "CMakeLists.txt").read_text()


def test_float_printf_turns_on_minimal_printf_floats(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "main.cpp").write_text('#include "mbed.h"\n#include "LM75B.h"\nLM75B t(I2C_SDA, I2C_SCL);\n'
                                  'int main() { printf("%.1f\\n", t.read()); }\n')
    result = export(app / "main.cpp", "k64f", tmp_path / "out")
    config = json.loads((tmp_path / "out" / "mbed_app.json").read_text())
    assert config["target_overrides"]["*"]["platform.minimal-printf-enable-floating-point"] is True
    assert "shield/LM75B.cpp" in result.sources


def test_local_headers_and_their_sources_come_along(tmp_path):
    app = tmp_path / "app"
    (app / "lib").mkdir(parents=True)
    (app / "main.cpp").write_text('#include "mbed.h"\n#include "lib/helper.h"\nint main() { return helper(); }\n')
    (app / "lib" / "helper.h").write_text("int helper();\n")
    (app / "lib" / "helper.cpp").write_text('#include "helper.h"\nint helper() { return 0; }\n')
    result = export(app / "main.cpp", "lpc1768", tmp_path / "out")
    assert result.sources == ["main.cpp", "lib/helper.cpp"]
    assert (tmp_path / "out" / "lib" / "helper.h").is_file()


def test_simulator_headers_are_refused_with_a_clear_error(tmp_path):
    (tmp_path / "main.cpp").write_text('#include "mbed.h"\n#include "sim/devices.h"\nint main() {}\n')
    with pytest.raises(UserError, match="part of the simulator"):
        export(tmp_path / "main.cpp", "k64f", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_bad_requests_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="unknown board"):
        export(FIRMWARE_DIR / "apps" / "blinky" / "main.cpp", "nucleo", tmp_path / "x")
    with pytest.raises(UserError, match="no such file"):
        export(tmp_path / "missing.cpp", "k64f", tmp_path / "x")
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(UserError, match="not empty"):
        export(FIRMWARE_DIR / "apps" / "blinky" / "main.cpp", "k64f", full)
    assert (full / "keep.txt").read_text() == "mine"


def test_cli_exports(tmp_path, capsys):
    assert sim(["export", str(FIRMWARE_DIR / "apps" / "lcd" / "main.cpp"), "--board", "k64f",
                "-o", str(tmp_path / "lcd")]) == 0
    out = capsys.readouterr().out
    assert "mbed-tools compile -m K64F -t GCC_ARM" in out and "shield/C12832.cpp" in out
    assert sim(["export", str(tmp_path / "nope.cpp"), "--board", "k64f", "-o", str(tmp_path / "y")]) == 2
