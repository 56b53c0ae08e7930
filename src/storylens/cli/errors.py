"""Turn a library error into one line on stderr and the exit code it carries."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..errors import StorylensError


def fail(exc: StorylensError) -> NoReturn:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)
