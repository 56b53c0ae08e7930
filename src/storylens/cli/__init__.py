"""The `storylens` command: a thin layer over the library, one module per command."""

from __future__ import annotations

import logging

import click

from . import analyze, demo, export, report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storylens")
def cli() -> None:
    """Turn a pile of news articles into an account of what happened, and who confirms it."""


cli.add_command(analyze.command)
cli.add_command(demo.command)
cli.add_command(export.command)
cli.add_command(report.command)


def _optional_commands() -> None:
    # Commands whose modules pull in heavier parts are registered the same way.
    from . import evaluate, serve

    cli.add_command(evaluate.command)
    cli.add_command(serve.command)


_optional_commands()


def main() -> None:
    # The HTML extractor logs what it discards; storylens already reports each skipped
    # input once, so its warnings would say the same thing twice.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    cli()
