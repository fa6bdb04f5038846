"""The kernels' debug checks (firmware/utensor/check.hpp, as TFLite Micro's TFLITE_DCHECK): a bad
call aborts with the failed condition in host and test builds (here under AddressSanitizer and
UBSan), and the checks leave no code behind in release (-DNDEBUG) and Cortex-M4 builds."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from simulator import FIRMWARE_DIR

SOURCES = sorted((FIRMWARE_DIR / "utensor" / "src").glob("*.cpp"))
CHECK_SYMBOL = "debug_check_failed"

# A MEAN whose parameters say 5 elements per output where the shape gives 4: a wrong
# parameter struct, harmless to run (the kernel averages what the shape says), so the same
# program shows both behaviours.
PROGRAM = r"""
#include <cstdio>
#include "utensor/ops/mean.hpp"
int main() {
  const int8_t input[4] = {1, 2, 3, 4};
  int8_t output[1] = {0};
  utensor::MeanParams p;
  p.reduce[3] = true;
  p.multiplier = {1 << 30, 0};
  p.count = 5;  // wrong: the shape has 4
  utensor::mean(p, input, utensor::Shape(1, 1, 1, 4), output);
  std::printf("ran to the end: %d\n", output[0]);
  return 0;
}
"""


def _build(tmp_path, *flags: str):
    src = tmp_path / "bad_call.cpp"
    src.write_text(PROGRAM)
    exe = tmp_path / ("bad_call" + "".join(f.replace("-", "_").replace("=", "_") for f in flags))
    subprocess.run(["g++", "-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                    *flags, f"-I{FIRMWARE_DIR}", str(src), *map(str, SOURCES), "-o", str(exe)], check=True)
    return subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)


def test_a_debug_check_fires_in_the_host_sanitizer_build(tmp_path):
    run = _build(tmp_path)
    assert run.returncode != 0
    assert "utensor: debug check failed: count == p.count" in run.stderr
    assert "src/mean.cpp" in run.stderr
    assert "ran to the end" not in run.stdout


def test_release_builds_compile_the_checks_out(tmp_path):
    run = _build(tmp_path, "-DNDEBUG")
    assert run.returncode == 0, run.stderr
    assert "ran to the end" in run.stdout and "debug check" not in run.stderr


@pytest.mark.skipif(shutil.which("arm-none-eabi-g++") is None, reason="needs arm-none-eabi-g++ (setup.sh installs it)")
def test_cortex_m4_objects_have_no_checks(tmp_path):
    """Every runtime source compiled for the Cortex-M4 as the toolchain does (no NDEBUG): no
    reference to the check handler and none of the condition strings; the same sources for
    the host reference it."""
    cpu = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]
    arm, host = [], []
    for src in SOURCES:
        if src.stem == "check":
            continue
        obj = tmp_path / f"{src.stem}.arm.o"
        subprocess.run(["arm-none-eabi-g++", "-std=c++17", "-Os", *cpu, "-fno-exceptions", "-fno-rtti",
                        f"-I{FIRMWARE_DIR}", "-c", str(src), "-o", str(obj)], check=True)
        arm.append(str(obj))
        hobj = tmp_path / f"{src.stem}.host.o"
        subprocess.run(["g++", "-std=c++17", "-O2", f"-I{FIRMWARE_DIR}", "-c", str(src), "-o", str(hobj)], check=True)
        host.append(str(hobj))
    arm_undefined = subprocess.run(["arm-none-eabi-nm", "-u", *arm], capture_output=True, text=True, check=True).stdout
    host_undefined = subprocess.run(["nm", "-u", *host], capture_output=True, text=True, check=True).stdout
    assert CHECK_SYMBOL in host_undefined  # the host build has checks
    assert CHECK_SYMBOL not in arm_undefined
    for obj in arm:
        assert b"count == p.count" not in (tmp_path / obj).read_bytes()
