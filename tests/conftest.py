import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@pytest.fixture(scope="session")
def runtimes(tmp_path_factory):
    """The runtime's C ABI built in both rounding modes: {'tflite': single, 'tflm': double}."""
    from utensor_lib import Runtime, build

    out = tmp_path_factory.mktemp("utensor_lib")
    return {"tflite": Runtime(build(out, True)), "tflm": Runtime(build(out, False))}


from conftest_server import server  # noqa: E402,F401  (session fixture: a running `sim serve`)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()
