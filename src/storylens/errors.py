"""One error hierarchy, so the CLI and the API turn any failure into one clear line.

Each class carries the CLI exit code and the HTTP status it maps to; messages name the
file or line, the reason and, where there is one, the fix.
"""

from __future__ import annotations


class StorylensError(Exception):
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class UsageError(StorylensError):
    """The command or request was malformed (bad option, unknown format)."""

    exit_code = 2
    http_status = 400


class InputError(StorylensError):
    """One input could not be read; the run goes on without it."""

    exit_code = 1
    http_status = 422


class StoreError(StorylensError):
    """The database could not be opened or is of an unknown schema version."""

    exit_code = 1
    http_status = 500


class NotFound(StorylensError):
    exit_code = 1
    http_status = 404


class PipelineError(StorylensError):
    """Stages were registered or ordered inconsistently (a programming error)."""

    exit_code = 1
    http_status = 500
