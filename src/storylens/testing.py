"""Where the shared development data lives (read in place, never copied in)."""

from __future__ import annotations

import os
from pathlib import Path


def shared_data() -> Path:
    """`../shared/data` beside the repository, or $STORYLENS_SHARED_DATA."""
    env = os.environ.get("STORYLENS_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"
