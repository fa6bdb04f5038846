"""Where the reference models by other authors are: $UTENSOR_SHARED_MODELS, else ../shared/models
next to the repository. Tests that use them skip cleanly when the folder is absent (the product
builds and runs without it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator import REPO_ROOT

SHARED = Path(os.environ.get("UTENSOR_SHARED_MODELS") or REPO_ROOT.parent / "shared" / "models")
MLPERF = SHARED / "mlperf_tiny"


def needs(*names: str):
    """Skip unless every named file (relative to SHARED) exists."""
    missing = [n for n in names if not (SHARED / n).exists()]
    return pytest.mark.skipif(bool(missing), reason=f"reference model(s) {', '.join(missing)} not found in {SHARED} "
                                                    "(set UTENSOR_SHARED_MODELS)")
