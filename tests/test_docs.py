"""The documentation says what the code does: every command and option is documented,
and the README's two commands are exactly what CI runs."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from storylens.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_has_a_section_in_the_cli_docs(name: str, command: click.Command) -> None:
    assert f"## storylens {name}" in CLI_DOC


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_option_of_every_command_is_documented(name: str, command: click.Command) -> None:
    section = CLI_DOC.split(f"## storylens {name}", 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert f"`{opt}" in section, f"{name}: {opt} is not documented"


def test_the_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme
    assert "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_bench_script_named_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if "bench/" in line and ".py" in line:
            script = line.split("bench/", 1)[1].split(".py", 1)[0]
            assert (ROOT / "bench" / f"{script}.py").is_file(), script
