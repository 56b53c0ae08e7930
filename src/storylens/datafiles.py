"""The user-editable data files (outlet registry, framing lexicon): bundled or your own.

Both are TOML a user may copy and edit, so both fail the same way: one line naming the
file, what is wrong with it, and the setting that points at it.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UsageError


def load_toml(
    path: str | Path | None, bundled: str, what: str, setting: str
) -> tuple[dict[str, Any], str]:
    """(parsed data, its source) of `path`, or of `storylens/data/<bundled>` when None."""
    if path is None:
        source = f"storylens/data/{bundled}"
        raw = resources.files("storylens").joinpath(f"data/{bundled}").read_text("utf-8")
    else:
        source = str(path)
        try:
            raw = Path(path).read_text("utf-8")
        except OSError as exc:
            raise UsageError(
                f"cannot read the {what} ({exc.strerror}); check {setting}", source=source
            ) from exc
    try:
        return tomllib.loads(raw), source
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"the {what} is not valid TOML: {exc}", source=source) from exc
