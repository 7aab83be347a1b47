"""What is inside a function image and how it runs: as 65532, read-only, offline, shell-free."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.images.conftest import ROOT, console_scripts, needs_podman, podman

pytestmark = needs_podman
SCRIPTS = sorted(console_scripts())
# kpt's own flags for a container function, plus the restrictions a cluster would add.
LOCKED_DOWN = ["--read-only", "--network", "none", "--cap-drop", "ALL", "--security-opt", "no-new-privileges"]


def inspect(image: str) -> dict:
    done = podman("image", "inspect", image, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)[0]["Config"]


def python_in(image: str, code: str) -> object:
    """Run code with the image's own interpreter; it prints one JSON value."""
    done = podman("run", "--rm", *LOCKED_DOWN, "--entrypoint", "/opt/fn/bin/python", image, "-c", code, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def resource_list(script: str) -> bytes:
    """The function's first example package as a ResourceList, or an empty one."""
    module = console_scripts()[script].split(":")[0].split(".")[1]
    examples = sorted((ROOT / "functions" / module / "examples").glob("*/Kptfile"))
    if not examples:
        return b"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
    done = subprocess.run(["kpt", "fn", "source", str(examples[0].parent)], capture_output=True, check=True)
    return done.stdout


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_image_runs_its_console_script_as_65532_without_writing_bytecode(script, images):
    config = inspect(images[script])
    assert config["Entrypoint"] == [f"/opt/fn/bin/{script}"]
    assert config["User"] == "65532:65532"
    assert "PYTHONDONTWRITEBYTECODE=1" in config["Env"]
    assert python_in(images[script], "import os; print([os.getuid(), os.getgid()])") == [65532, 65532]


@pytest.mark.parametrize("script", SCRIPTS)
def test_locked_down_the_image_gives_what_the_installed_script_gives(script, images):
    stdin = resource_list(script)
    in_image = podman("run", "--rm", "-i", *LOCKED_DOWN, images[script], input=stdin)
    on_host = subprocess.run([str(Path(sys.executable).parent / script)], check=False, input=stdin, capture_output=True)
    assert in_image.returncode == on_host.returncode, in_image.stderr
    assert in_image.stdout == on_host.stdout


# The engine mounts /etc/hosts, /etc/resolv.conf and /run/.containerenv, which marks the
# directories as changed; nothing inside them is.
ENGINE_MADE = {"C /etc", "C /run", "A /run/.containerenv"}


def test_a_run_changes_no_file_in_the_container(images):
    script = SCRIPTS[0]
    created = podman("create", "-i", "--network", "none", images[script], text=True)
    assert created.returncode == 0, created.stderr
    container = created.stdout.strip()
    try:
        started = podman("start", "-a", "-i", container, input=resource_list(script))
        assert b"kind: ResourceList" in started.stdout, started.stderr
        changes = podman("diff", container, text=True)
        assert changes.returncode == 0, changes.stderr
        assert [line for line in changes.stdout.splitlines() if line not in ENGINE_MADE] == []
    finally:
        podman("rm", "-f", container)


def test_no_shell_compiler_or_package_manager_is_in_the_image(images):
    tools = [
        "/bin/sh",
        "/bin/bash",
        "/bin/dash",
        "/usr/bin/gcc",
        "/usr/bin/cc",
        "/usr/bin/apt-get",
        "/usr/bin/dpkg",
        "/opt/fn/bin/pip",
        "/usr/bin/pip3",
    ]
    present = python_in(images[SCRIPTS[0]], f"import os; print([p for p in {tools!r} if os.path.lexists(p)])")
    assert present == []


def test_every_module_a_function_loads_has_valid_bytecode_in_the_image(images):
    """Loading the four functions compiles nothing: each module's bytecode is there and current."""
    modules = [entry.split(":")[0] for entry in console_scripts().values()]
    code = (
        "import importlib, importlib.util, json, os, struct, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "def current(spec):\n"
        "    if not (spec.cached and os.path.exists(spec.cached)): return False\n"
        "    header = open(spec.cached, 'rb').read(16)\n"
        "    flags, = struct.unpack('<I', header[4:8])\n"
        "    if flags & 1:  # hash-based; checked ones must match the source\n"
        "        return not flags & 2 or importlib.util.source_hash(open(spec.origin, 'rb').read()) == header[8:16]\n"
        "    mtime, size = struct.unpack('<II', header[8:16]); st = os.stat(spec.origin)\n"
        "    return (mtime, size) == (int(st.st_mtime) & 0xFFFFFFFF, st.st_size & 0xFFFFFFFF)\n"
        "specs = [m.__spec__ for m in list(sys.modules.values()) if getattr(m, '__spec__', None)]\n"
        "print(json.dumps(sorted(s.name for s in specs if (s.origin or '').endswith('.py') and not current(s))))"
    )
    assert python_in(images[SCRIPTS[0]], code) == []
