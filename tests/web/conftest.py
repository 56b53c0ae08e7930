"""Fixtures for the web tests: databases, in-process clients and live servers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.web.app import close, create_app

from .stories import StoryBuilder, talks_story

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def new_story() -> StoryBuilder:
    return StoryBuilder()


@pytest.fixture
def story() -> StoryBuilder:
    return talks_story()


@pytest.fixture
def talks_db(tmp_path: Path) -> Path:
    return talks_story().save(tmp_path / "talks.sqlite")


@pytest.fixture
def app(talks_db: Path) -> Iterator[FastAPI]:
    application = create_app(talks_db)
    yield application
    close(application)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def start_server(application: FastAPI) -> LiveServer:
    """A real uvicorn server on a free loopback port, in a thread."""
    port = free_port()
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return LiveServer(url=f"http://127.0.0.1:{port}", server=server, thread=thread)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    live.thread.join(10)
