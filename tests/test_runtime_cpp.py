"""Build and run the runtime's C++ unit tests (doctest) under AddressSanitizer and UBSan,
in both rounding modes."""

import subprocess

import pytest

from simulator import FIRMWARE_DIR, REPO_ROOT

SOURCES = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))


@pytest.mark.parametrize("single_rounding", [0, 1])
def test_cpp_unit_tests_pass_under_sanitizers(tmp_path, single_rounding):
    exe = tmp_path / "runtime_tests"
    cmd = ["g++", "-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
           "-Wall", "-Wextra", "-Werror",
           f"-DUTENSOR_SINGLE_ROUNDING={single_rounding}", f"-I{FIRMWARE_DIR}",
           str(REPO_ROOT / "tests" / "cpp" / "test_runtime.cpp"), *map(str, SOURCES), "-o", str(exe)]
    subprocess.run(cmd, check=True)
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=120)
    print(run.stdout[-2000:])
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Status: SUCCESS!" in run.stdout


def test_runtime_builds_without_exceptions_rtti_or_heap(tmp_path):
    """The runtime compiles with -fno-exceptions -fno-rtti and links without malloc/new."""
    objs = []
    for src in SOURCES:
        obj = tmp_path / (src.stem + ".o")
        subprocess.run(["g++", "-std=c++17", "-O2", "-fno-exceptions", "-fno-rtti", "-Wall", "-Wextra", "-Werror",
                        f"-I{FIRMWARE_DIR}", "-c", str(src), "-o", str(obj)], check=True)
        objs.append(str(obj))
    undefined = subprocess.run(["nm", "-u", *objs], capture_output=True, text=True, check=True).stdout
    for symbol in ("malloc", "calloc", "_Znwm", "_Znam", "__cxa_throw", "__cxa_allocate_exception"):
        assert f" {symbol}\n" not in undefined, f"the runtime references {symbol}"
