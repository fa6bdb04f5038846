"""The bus-level device models (firmware/mbed/sim/devices: ST7565R, MMA7660, SHT31 and the LCD
text reader) against their datasheets: C++ unit tests (doctest) under AddressSanitizer and UBSan.
The models are header-only, so the tests need no simulator around them."""

import subprocess

from simulator import FIRMWARE_DIR, REPO_ROOT



def test_device_model_unit_tests_pass_under_sanitizers(tmp_path):
    exe = tmp_path / "device_tests"
    cmd = ["g++", "-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
           "-Wall", "-Wextra", "-Werror", f"-I{FIRMWARE_DIR / 'mbed'}", f"-I{FIRMWARE_DIR / 'shield'}",
           str(REPO_ROOT / "tests" / "cpp" / "test_devices.cpp"),
           str(FIRMWARE_DIR / "shield" / "Small_7.cpp"), "-o", str(exe)]
    subprocess.run(cmd, check=True)
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Status: SUCCESS!" in run.stdout
