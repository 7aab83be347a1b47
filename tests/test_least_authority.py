"""Functions open no network connection and write no file, whatever they render."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import golden, kpt, pipeline

# An audit hook that turns any connection, file write or process start into a failure.
GUARD = """
import sys
def guard(event, args):
    if event in ("socket.connect", "socket.bind", "socket.sendto", "subprocess.Popen", "os.exec", "os.system", "os.posix_spawn"):
        raise SystemExit(f"GUARD: {event} {args!r}")
    if event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
        raise SystemExit(f"GUARD: open for writing {args[0]!r}")
    if event in ("os.remove", "os.rename", "os.mkdir", "os.rmdir", "shutil.rmtree", "os.truncate"):
        raise SystemExit(f"GUARD: {event} {args!r}")
sys.addaudithook(guard)
import importlib
module = importlib.import_module(sys.argv[1])
sys.argv = sys.argv[1:2]
module.main()
"""
EXAMPLES = golden.examples()


def guarded(name, resource_list):
    done = subprocess.run(
        [sys.executable, "-c", GUARD, pipeline.MODULES[name]],
        input=resource_list.encode(),
        capture_output=True,
        env={**kpt.env(), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert "GUARD:" not in done.stderr.decode(), done.stderr.decode()
    return done.stdout.decode(), done.returncode


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_functions_render_under_a_guard_against_network_and_writes(example):
    guarded_outputs = pipeline.run_pipeline(example, runner=guarded)
    plain_outputs = pipeline.run_pipeline(example)
    assert guarded_outputs == plain_outputs


def test_the_guard_catches_a_write():
    done = subprocess.run(
        [sys.executable, "-c", GUARD.replace("module.main()", "open('/tmp/guard-probe', 'w')"), "json"],
        capture_output=True,
        text=True,
    )
    assert "GUARD: open for writing" in done.stderr
