"""The gateway's git repository: the only state it has.

A bare repository (what GitOps agents and Porch clone) with one branch, `main`.  Nothing is
ever written to a working tree: a commit is built from blobs and trees with git's plumbing
(`hash-object`, a private index, `write-tree`, `commit-tree`) and published by moving the
branch with `update-ref <new> <old>`, an atomic compare-and-swap.  A process killed at any
moment leaves either the old commit or the new one on `main`, never a part of one; objects of
an unpublished commit are unreferenced and harmless (`git gc` drops them).

One process serves a repository (`lock`), and within it one thread commits (the caller's
writer), so history is linear.  Someone else may still push to `main`: a commit is then
retried on top of what they pushed (`update-ref` refuses the stale old value).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator

BRANCH = "main"
REF = f"refs/heads/{BRANCH}"
AUTHOR = ("intent-gateway", "intent-gateway@localhost")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


class GitError(RuntimeError):
    pass


class RepositoryBusy(RuntimeError):
    """Another process serves this repository."""


@dataclass
class Changes:
    """What a commit does: remove every file under some folders, then write some files."""

    removed: list[str] = field(default_factory=list)  # repository-relative folders or files
    files: dict[str, bytes] = field(default_factory=dict)  # repository-relative path -> content
    trees: dict[str, Path] = field(default_factory=dict)  # repository-relative folder -> local folder whose files it gets

    def __bool__(self) -> bool:
        return bool(self.removed or self.files or self.trees)


class Repository:
    def __init__(self, path: Path):
        self.path = path.resolve()
        self._lock_file: IO | None = None
        self._index = self.path / "gateway-index"
        self._index_head: str | None = None

    # ---- lifetime -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Repository:
        """Open the bare repository at `path`, creating it (and its first, empty commit) if needed."""
        repo = cls(path)
        if not (repo.path / "HEAD").exists():
            repo.path.mkdir(parents=True, exist_ok=True)
            _git(repo.path.parent, "init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(repo.path))
            repo.git("config", "core.logAllRefUpdates", "always")  # a reflog of main, even in a bare repository
            repo.git("config", "gc.auto", "0")  # never a background gc while a request waits on a commit
        return repo

    def lock(self) -> None:
        """Take the repository for this process; RepositoryBusy if another one holds it."""
        handle = open(self.path / "gateway.lock", "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise RepositoryBusy(f"another intent-gateway serves {self.path}") from None
        self._lock_file = handle

    def unlock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def recover(self) -> list[str]:
        """After a crash: drop lock files a killed git left (this process holds the repository, so no
        live git owns them) and the private index; return what was removed."""
        removed = []
        for lock in [*self.path.glob("*.lock"), *(self.path / "refs").rglob("*.lock")]:
            if lock.name == "gateway.lock":
                continue
            lock.unlink(missing_ok=True)
            removed.append(str(lock.relative_to(self.path)))
        self._index.unlink(missing_ok=True)
        self._index_head = None
        return removed

    # ---- reading --------------------------------------------------------------------------------

    def git(self, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
        return _git(self.path, *args, input=input, env=env)

    def head(self) -> str | None:
        """The commit `main` points at, or None before the first commit."""
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{REF}^{{commit}}"], cwd=self.path, capture_output=True)
        return done.stdout.decode().strip() or None

    def ref_stamp(self) -> tuple:
        """Changes whenever `main` may have moved (its loose ref or the packed refs), without running git."""
        stamps = []
        for path in (self.path / REF, self.path / "packed-refs"):
            try:
                status = path.stat()
                stamps.append((status.st_mtime_ns, status.st_size, status.st_ino))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def tree_of(self, commit: str | None, path: str = "") -> str | None:
        """The tree (or blob) id at `path` in `commit`, None if absent."""
        if commit is None:
            return None
        spec = f"{commit}:{path}" if path else f"{commit}^{{tree}}"
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", spec], cwd=self.path, capture_output=True)
        return done.stdout.decode().strip() or None

    def list_files(self, commit: str | None, prefix: str = "") -> dict[str, str]:
        """Repository path -> blob id of every file under `prefix` (a folder) in `commit`."""
        if commit is None:
            return {}
        args = ["ls-tree", "-r", "-z", "--full-tree", commit]
        if prefix:
            args += ["--", prefix.rstrip("/") + "/"]
        out: dict[str, str] = {}
        for entry in self.git(*args).split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            mode, kind, sha = meta.decode().split()
            if kind == "blob":
                out[path.decode()] = sha
        return out

    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """Blob id -> content, for many blobs in one `git cat-file --batch`."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        raw = self.git("cat-file", "--batch", input=("\n".join(wanted) + "\n").encode())
        return dict(_parse_batch(raw))

    def read_tree_files(self, commit: str | None, prefix: str = "") -> dict[str, bytes]:
        """Repository path -> content of every file under `prefix` in `commit`."""
        files = self.list_files(commit, prefix)
        blobs = self.read_blobs(files.values())
        return {path: blobs[sha] for path, sha in files.items()}

    def changed_paths(self, old: str | None, new: str) -> list[str]:
        """Files that differ between two commits (all of `new`'s when old is None)."""
        base = old or EMPTY_TREE
        out = self.git("diff-tree", "-r", "-z", "--no-commit-id", "--name-only", "--no-renames", base, new)
        return [p.decode() for p in out.split(b"\0") if p]

    def log(self, *args: str) -> str:
        return self.git("log", *args).decode()

    # ---- writing (one thread only) --------------------------------------------------------------

    def commit(self, changes: Changes, message: str, expected_head: str | None) -> str | None:
        """Commit `changes` on top of `expected_head` and move `main` to it atomically.

        Returns the new commit, or None when the changes change nothing.  Raises Moved when `main`
        is no longer `expected_head` (someone pushed): the caller re-checks and tries again."""
        current = self.head()
        if current != expected_head:
            raise Moved(current)
        message = _printable(message)
        env = self._index_env()
        if self._index_head != current:
            if current is None:
                self._index.unlink(missing_ok=True)
                self.git("read-tree", "--empty", env=env)
            else:
                self.git("read-tree", current, env=env)
            self._index_head = current
        try:
            tree = self._stage(changes, env)
        except BaseException:
            self._index_head = None  # the index is half-changed: rebuild it next time
            raise
        if current is not None and tree == self.tree_of(current):
            return None
        parents = ["-p", current] if current else []
        commit = self.git("commit-tree", tree, *parents, "-F", "-", input=message.encode(), env={**env, **_identity()}).decode().strip()
        done = subprocess.run(["git", "update-ref", "-m", message.splitlines()[0], REF, commit, current or ""], cwd=self.path, capture_output=True)
        if done.returncode != 0:
            self._index_head = None
            raise Moved(self.head())
        self._index_head = commit
        return commit

    def _index_env(self) -> dict[str, str]:
        return {"GIT_INDEX_FILE": str(self._index)}

    def _stage(self, changes: Changes, env: dict[str, str]) -> str:
        lines: list[bytes] = []
        for path in changes.removed:
            listed = self.git("ls-files", "-z", "--", path.rstrip("/"), env=env)
            lines += [b"0 " + b"0" * 40 + b"\t" + p for p in listed.split(b"\0") if p]
        with tempfile.TemporaryDirectory(prefix="gateway-blobs-") as scratch:
            sources: list[tuple[str, Path]] = []
            for folder, local in sorted(changes.trees.items()):
                for file in sorted(p for p in local.rglob("*") if p.is_file()):
                    sources.append((f"{folder.rstrip('/')}/{file.relative_to(local).as_posix()}", file))
            for number, (path, content) in enumerate(sorted(changes.files.items())):
                file = Path(scratch) / str(number)
                file.write_bytes(content)
                sources.append((path, file))
            if sources:
                listing = "".join(f"{file}\n" for _, file in sources).encode()
                shas = self.git("hash-object", "-w", "--no-filters", "--stdin-paths", input=listing).decode().split()
                lines += [f"100644 {sha}\t{path}".encode() for (path, _), sha in zip(sources, shas)]
        if lines:
            self.git("update-index", "-z", "--add", "--index-info", input=b"\0".join(lines) + b"\0", env=env)
        return self.git("write-tree", env=env).decode().strip()


class Moved(GitError):
    """`main` moved under a commit (someone pushed)."""

    def __init__(self, head: str | None):
        super().__init__(f"{REF} moved to {head}")
        self.head = head


def _git(cwd: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    run_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    done = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, env=run_env)
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args[:3])}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _printable(text: str) -> str:
    """A commit message without control characters (a name a client chose may hold any)."""
    return "".join(c if c in "\n\t" or (c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF) else "\ufffd" for c in text)


def _identity() -> dict[str, str]:
    name, email = AUTHOR
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def _parse_batch(raw: bytes) -> Iterator[tuple[str, bytes]]:
    position = 0
    while position < len(raw):
        end = raw.index(b"\n", position)
        header = raw[position:end].decode().split()
        if len(header) == 2 and header[1] == "missing":
            position = end + 1
            continue
        sha, _, size = header
        start = end + 1
        yield sha, raw[start : start + int(size)]
        position = start + int(size) + 1
