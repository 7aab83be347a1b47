"""Gateways for the tests: one shared by the tests that only add their own intents, fresh ones
for the tests that need a repository of their own."""

from __future__ import annotations

import pytest

from tests.gateway.server import Server


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Server:
    """One gateway for the API tests: each test uses intent names of its own."""
    server = Server(tmp_path_factory.mktemp("shared-gateway") / "repo").start()
    yield server
    server.stop()


@pytest.fixture
def fresh(tmp_path):
    """A factory of gateways on new repositories, stopped after the test."""
    started: list[Server] = []

    def start(*args: str, repo=None, **env: str) -> Server:
        server = Server(repo or tmp_path / f"repo-{len(started)}", list(args), dict(env)).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
