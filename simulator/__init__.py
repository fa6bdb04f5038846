"""utensor-sim: deep learning on microcontrollers, in a browser."""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root (the folder holding ``firmware/``, ``static/`` and ``emsdk_build/``).
REPO_ROOT = Path(__file__).resolve().parent.parent
FIRMWARE_DIR = REPO_ROOT / "firmware"
STATIC_DIR = REPO_ROOT / "static"
EMSDK_BUILD_DIR = REPO_ROOT / "emsdk_build"
