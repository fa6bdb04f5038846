"""Student diagnostics: Mbed-aware hints on real compiler output (GCC for host and Cortex-M4,
Clang for wasm), the source line with a caret in `sim build`, and the `hint` field in JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from simulator.build import build
from simulator.build.diagnostics import Diagnostic, render
from simulator.build.hints import hint_for
from simulator.build.toolchain import cache_root

TARGETS = ["host", "wasm", "cortex-m4"]

# Each program fails with one error whose hint must mention these words.
CASES = {
    "removed_wait": ("int main() {\n    wait(0.5);\n}\n", 2, ["Mbed OS 5", "ThisThread::sleep_for"]),
    "thread_without_mbed_h": ("#include <cstdio>\nThread t;\nint main() {}\n", 2, ["rtos::Thread", "mbed.h"]),
    "missing_lcd_library": ('#include "mbed.h"\n#include "TextLCD.h"\nint main() {}\n', 2, ["HD44780", "C12832.h"]),
    "network_header": ('#include "mbed.h"\n#include "EthernetInterface.h"\nint main() {}\n', 2,
                       ["Networking is not simulated"]),
    "k64f_pin_on_lpc1768": ('#include "mbed.h"\nint main() {\n    DigitalOut red(PTB22, 1);\n}\n', 3,
                            ["FRDM-K64F", "--board k64f"]),
    "no_main": ('#include "mbed.h"\nvoid setup() {}\n', 0, ["int main()"]),
}


@pytest.fixture(scope="module", params=TARGETS)
def results(request):
    target = request.param
    return target, {name: build({"main.cpp": src}, target) for name, (src, _, _) in CASES.items()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_real_compiler_errors_get_mbed_hints(results, case):
    target, res = results
    result = res[case]
    _, line, words = CASES[case]
    assert not result.ok
    errors = [d for d in result.diagnostics if d.severity == "error"]
    hinted = [d for d in errors if d.hint]
    assert hinted, f"{target}: no hint on {[str(d) for d in errors]}"
    d = hinted[0]
    if line:
        assert (d.file, d.line) == ("main.cpp", line), str(d)
    for word in words:
        assert word in d.hint, (target, str(d), d.hint)
    assert result.to_dict()["diagnostics"][errors.index(d)]["hint"] == d.hint


def test_gcc_guess_pthread_t_is_corrected():
    # GCC with glibc's headers suggests pthread_t for a missing Thread (Clang and the ARM newlib
    # headers do not); the hint says to ignore the guess.
    hint = hint_for("‘Thread’ does not name a type; did you mean ‘pthread_t’?")
    assert hint.startswith("Ignore the compiler's guess pthread_t") and "rtos::Thread" in hint
    result = build({"main.cpp": "#include <cstdlib>\nThread worker;\nint main() {}\n"}, "cortex-m4")
    d = next(d for d in result.diagnostics if d.severity == "error")
    assert "does not name a type" in d.message and "rtos::Thread" in d.hint


def test_a_correct_program_has_no_hints():
    result = build({"main.cpp": '#include "mbed.h"\nint main() { printf("hi\\n"); }\n'}, "host")
    assert result.ok and not [d for d in result.diagnostics if d.hint]


@pytest.mark.parametrize("message, words", [
    ("‘wait_ms’ was not declared in this scope", ["wait_ms(ms) is the Mbed OS 5 call"]),
    ("use of undeclared identifier 'wait_ms'", ["wait_ms(ms) is the Mbed OS 5 call"]),
    ("‘Serial’ does not name a type", ["BufferedSerial", "UnbufferedSerial"]),
    ("‘wait’ is not a member of ‘rtos::Thread’", ["ThisThread::sleep_for"]),
    ("‘class rtos::Semaphore’ has no member named ‘wait’", ["acquire()"]),
    ("'mbed_events.h' file not found", ["already includes it"]),
    ("Arduino.h: No such file or directory", ["int main()", "setup()"]),
    ("invalid conversion from ‘int’ to ‘PinName’ [-fpermissive]", ["PinName"]),
])
def test_message_forms_of_both_compilers(message, words):
    hint = hint_for(message)
    assert hint is not None, message
    for word in words:
        assert word in hint


def test_pin_hint_depends_on_the_board():
    assert "--board k64f" in hint_for("‘PTC6’ was not declared in this scope", board="lpc1768")
    assert "--board lpc1768" in hint_for("‘p21’ was not declared in this scope", board="k64f")


def test_render_puts_the_caret_under_the_column_even_after_tabs():
    source = "int main() {\n\t\twait(1);\n}\n"
    d = Diagnostic("main.cpp", 2, 3, "error", "‘wait’ was not declared in this scope", hint="use sleep_for")
    lines = render(d, source).splitlines()
    assert lines[0] == "main.cpp:2:3: error: ‘wait’ was not declared in this scope"
    code, caret = lines[1], lines[2]
    assert code.endswith("wait(1);") and code.startswith("    2 | ")
    assert caret.index("^") == code.index("wait") and caret.endswith("^~~~")
    assert lines[3] == "hint: use sleep_for"


def test_sim_build_prints_line_caret_and_hint_without_server_paths(tmp_path):
    src = tmp_path / "lab1.cpp"
    src.write_text('#include "mbed.h"\n\nint main() {\n    while (1) {\n        wait_ms(500);\n    }\n}\n')
    r = subprocess.run([sys.executable, "-m", "simulator.cli", "build", str(src), "--target", "host"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr  # wait_ms is accepted, with a deprecation warning
    assert f"{src}:5:9: warning:" in r.stderr and "deprecated" in r.stderr and "ThisThread::sleep_for" in r.stderr
    assert "    5 |         wait_ms(500);\n      |         ^~~~~~~\nhint: wait_ms(ms) is the Mbed OS 5 call" in r.stderr
    bad = tmp_path / "lab2.cpp"
    bad.write_text('#include "mbed.h"\nint main() {\n    Serial pc(USBTX, USBRX);\n    pc.prinft("x");\n}\n')
    r = subprocess.run([sys.executable, "-m", "simulator.cli", "build", str(bad), "--target", "host"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "    4 |     pc.prinft(\"x\");" in r.stderr
    shown = r.stderr.replace(str(bad), "lab2.cpp")  # the student's own path is theirs to see
    for private in (str(cache_root()), "/tmp/", ".tmp-", "<build>", "<sim>"):
        assert private not in shown
    r = subprocess.run([sys.executable, "-m", "simulator.cli", "build", str(bad), "--target", "host", "--json"],
                       capture_output=True, text=True)
    data = json.loads(r.stdout)
    assert all("hint" in d for d in data["diagnostics"])


def test_board_only_classes_are_explained_on_the_other_board():
    src = {"main.cpp": '#include "mbed.h"\nLowPowerTicker ticker;\nint main() {}\n'}
    lpc = build(src, "host", board="lpc1768")
    d = next(d for d in lpc.diagnostics if d.severity == "error")
    assert d.line == 2 and "low-power ticker" in d.hint and "--board k64f" in d.hint
    assert build(src, "host", board="k64f").ok


def test_minimal_printf_warnings_follow_mbed_os_6_17():
    """Widths and zero padding print as with the standard printf in Mbed OS 6.17's minimal-printf;
    the flags - + space # do not, and %f does not unless floating point is enabled."""
    from simulator.build.diagnostics import minimal_printf_warnings

    src = ('int main() {\n  printf("%08lx %3i %05d\\n", a, b, c);\n  printf("%+d\\n", d);\n'
           '  printf("%-4u|\\n", e);\n  printf("%.2f\\n", f);\n}\n')
    warnings = minimal_printf_warnings({"main.cpp": src}, float_enabled=False)
    assert [(w.line, w.message.split(": ")[-1]) for w in warnings] == [
        (3, "%+d prints as %d"), (4, "%-4u prints as %4u"),
        (5, "%.2f is printed as the characters %.2f, not as a number (and its argument is not read)")]
    assert [w.line for w in minimal_printf_warnings({"main.cpp": src}, float_enabled=True)] == [3, 4]
