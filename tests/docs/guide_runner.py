"""Running a Markdown guide's shell blocks as a user would, and checking the output it shows.

A fenced block whose info string starts with `sh` is a command block; words after `sh` tag it:

- `podman` / `exec`: run only on the way to render it names (a container engine, or kpt alone);
- `once`: set-up the test environment has already done (cloning, `make install`, building the
  images): shown to the user, not run by the test;
- `cluster`: needs a Kubernetes cluster, which the tests do not have: not run;
- `fails`: shows a command failing (a render refused): its last command must exit non-zero;
- none: run on every way.

A `text` block right after a command block is what that block prints (after a `podman` block and
an `exec` block in a row, what either prints): each of its lines must appear in the real output,
in order, where `…` stands for any text and a duration (`in 200ms`) for any duration. Blocks of
other languages (yaml, ...) are illustrations and are not run.

The blocks of one way run in one bash process, in order, from the checkout's root (the user has
just run `make install` there), with HOME a fresh directory and `git` fetching the project's
GitHub URL from a snapshot of the checkout: what the guide's `kpt pkg get` would fetch.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
WAYS = ("podman", "exec")
PROJECT_URL = "https://github.com/oran-intent/oran-intent-krm"
MARK = "@@guide-block@@"
DURATION = re.compile(r"\bin \d+(?:\.\d+)?(?:ms|s|µs)\b")
# What the guide runs besides kpt and the project: a local Prometheus, fed with promtool, polled with curl.
TOOLS = ("prometheus", "promtool", "curl")
MISSING_TOOLS = [tool for tool in TOOLS if shutil.which(tool) is None]
MISSING_REASON = f"the guide runs {', '.join(MISSING_TOOLS)}, not installed here (Debian: apt-get install prometheus curl)"


@dataclass
class Block:
    number: int  # position among the guide's fenced blocks, from 1
    line: int  # where it starts in the guide
    info: str
    body: str
    shows: list[str] = field(default_factory=list)  # the text block printed after it, if any

    @property
    def language(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    @property
    def tags(self) -> set[str]:
        return set(self.info.split()[1:])

    @property
    def way(self) -> str | None:
        ways = self.tags & set(WAYS)
        return ways.pop() if len(ways) == 1 else None

    def runs_on(self, way: str) -> bool:
        if self.language != "sh" or self.tags & {"once", "cluster"}:
            return False
        ways = self.tags & set(WAYS)
        return not ways or way in ways


def blocks(markdown: str) -> list[Block]:
    found: list[Block] = []
    for number, match in enumerate(FENCE.finditer(markdown), start=1):
        line = markdown.count("\n", 0, match.start()) + 1
        block = Block(number, line, match["info"].strip(), match["body"])
        if block.language == "text" and found and found[-1].language == "sh":
            shown = [ln for ln in block.body.splitlines() if ln.strip()]
            for before in alternatives(found):
                before.shows = shown
        found.append(block)
    return found


def alternatives(found: list[Block]) -> list[Block]:
    """The last command block and, if it is one way's, the other way's block right before it."""
    last = found[-1]
    if last.way and len(found) > 1 and found[-2].language == "sh" and found[-2].way not in (None, last.way):
        return [found[-2], last]
    return [last]


def script(chosen: list[Block]) -> str:
    """One bash script: a marker before each block, stop at the first failing command."""
    parts = ["set -eo pipefail"]
    for block in chosen:
        parts.append(f"printf '\\n{MARK} %s\\n' {block.number}")
        if "fails" in block.tags:  # run it where a failure does not stop the script, then insist on one
            parts.append(f"if {{ set +e\n{block.body.rstrip()}\n}}; then echo 'guide block {block.number} should have failed'; exit 97; fi; set -e")
        else:
            parts.append(block.body.rstrip("\n"))
    return "\n".join(parts) + "\n"


def outputs(text: str) -> dict[int, str]:
    """Block number -> what the block printed (stdout and stderr together, as a terminal shows them)."""
    found: dict[int, str] = {}
    current = None
    for line in text.splitlines(keepends=True):
        if line.startswith(MARK):
            current = int(line.split()[1])
            found[current] = ""
        elif current is not None:
            found[current] += line
    return found


def pattern(shown: str) -> re.Pattern:
    pieces = []
    for piece in re.split(r"(…|\bin \d+(?:\.\d+)?(?:ms|s)\b)", shown.strip()):
        if piece == "…":
            pieces.append(".*")
        elif DURATION.fullmatch(piece or "-"):
            pieces.append(r"in \d+(?:\.\d+)?(?:ms|s|µs)")
        else:
            pieces.append(re.escape(piece))
    return re.compile("".join(pieces))


def missing_lines(shown: list[str], printed: str) -> list[str]:
    """The shown lines not found, in order, among the printed ones."""
    lines = [ln.strip() for ln in printed.splitlines()]
    at, missing = 0, []
    for wanted in shown:
        regex = pattern(wanted)
        for index in range(at, len(lines)):
            if regex.fullmatch(lines[index]):
                at = index + 1
                break
        else:
            missing.append(wanted)
    return missing


def snapshot(root: Path, destination: Path) -> Path:
    """A git repository holding the checkout's files as they are now (tracked and new, not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = root / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git = ["git", "-c", "user.email=guide@example.com", "-c", "user.name=guide", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=destination, check=True)
    subprocess.run([*git, "add", "-A"], cwd=destination, check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot"], cwd=destination, check=True)
    return destination


@dataclass
class Run:
    exit_code: int
    output: str

    def of(self, block: Block) -> str:
        return outputs(self.output).get(block.number, "")


def run(root: Path, chosen: list[Block], workdir: Path, extra_env: dict[str, str], cwd: Path | None = None) -> Run:
    """The blocks in one bash process, from cwd (default: the checkout), as a new user's shell would."""
    home = workdir / "home"
    home.mkdir(parents=True)
    repository = snapshot(root, workdir / "upstream")
    gitconfig = workdir / "gitconfig"
    gitconfig.write_text(f'[url "file://{repository}"]\n\tinsteadOf = {PROJECT_URL}\n[user]\n\temail = guide@example.com\n\tname = guide\n')
    keep = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME", "KPT_FN_RUNTIME", "CONTAINERS_CONF")}
    env = keep | {"HOME": str(home), "GIT_CONFIG_GLOBAL": str(gitconfig), "NO_COLOR": "1", "PATH": path_without_venvs(root)} | extra_env
    # A session of its own: whatever the guide starts in the background (a local Prometheus) is
    # stopped with it, even when a command fails before the guide's own `kill`.
    shell = subprocess.Popen(
        ["bash", "-c", script(chosen)], cwd=cwd or root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        output, _ = shell.communicate(timeout=1800)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGTERM)
        if shell.poll() is None:
            shell.kill()
            shell.wait()
    return Run(shell.returncode, output)


def path_without_venvs(root: Path) -> str:
    """PATH as in a new shell: the guide itself activates the venv."""
    venvs = {str(Path(sys.executable).parent), str(root / ".venv" / "bin")}
    return os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p not in venvs)
