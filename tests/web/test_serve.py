"""`storylens serve`: the command line in front of the web app."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli.serve import command

from .conftest import free_port


def test_serve_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert not (tmp_path / "missing.sqlite").exists()


def test_serve_refuses_several_processes_when_it_accepts_articles(talks_db: Path) -> None:
    result = CliRunner().invoke(command, ["--db", str(talks_db), "--token", "t", "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers 1" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_on_loopback_until_stopped(talks_db: Path, workers: str) -> None:
    port = free_port()
    code = "from storylens.cli.serve import command; command()"
    args = [
        sys.executable,
        "-c",
        code,
        "--db",
        str(talks_db),
        "--port",
        str(port),
        "--workers",
        workers,
    ]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        try:
            body = _get_when_up(f"http://127.0.0.1:{port}/api/outlets", proc)
        finally:
            proc.terminate()
            output = proc.communicate(timeout=10)[0].decode()
    assert '"Harbor Wire"' in body, output
    assert f"serving {talks_db} on http://127.0.0.1:{port}/ (read-only)" in output


def _get_when_up(url: str, proc: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return str(answer.read().decode())
        except OSError:
            assert proc.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
