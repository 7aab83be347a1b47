"""Render a kpt package with the real `kpt fn render`, without a container engine.

The package's Kptfiles declare the functions as images (what Porch runs).  This
renders a temporary copy in which each of this project's images is replaced by
its installed console script as an `exec` function, then writes the rendered
files back to the package, with the Kptfiles' image declarations untouched.
On failure the package is left exactly as it was.

    oran-render PKG [--results-dir DIR] [any other kpt fn render flag]

Programs (the gateway) use `render_in_place`: a render of a scratch copy, through the console
scripts or through the images, answering kpt's structured results.

The console scripts are looked up beside this interpreter first (the `bin/` of
the virtual environment the project is installed in, so an unactivated venv
works too: the functions are the ones of this installation), then on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

FUNCTIONS = ("intent-to-28312", "28312-to-pr", "pr-to-workloads", "slo-gate-validator")
IMAGE_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)image:\s*['\"]?(?P<image>[^\s'\"#]+)['\"]?\s*$")
PROG = "render"


def function_of(image: str) -> str | None:
    """`ghcr.io/org/intent-to-28312:v0.1.0` -> `intent-to-28312` (any registry, any tag)."""
    name = image.rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0]
    return name if name in FUNCTIONS else None


def to_exec(package: Path) -> dict[str, str]:
    """Rewrite every Kptfile in place; return exec line -> original image line."""
    replaced: dict[str, str] = {}
    for kptfile in sorted(package.rglob("Kptfile")):
        lines = kptfile.read_text().splitlines(keepends=True)
        for number, line in enumerate(lines):
            match = IMAGE_LINE.match(line.rstrip("\n"))
            fn = match and function_of(match.group("image"))
            if fn:
                exec_line = f"{match.group('lead')}exec: {fn}\n"
                replaced[exec_line.strip()] = line.strip()
                lines[number] = exec_line
        kptfile.write_text("".join(lines))
    return replaced


def to_image(path: Path, replaced: dict[str, str]) -> None:
    text = path.read_text()
    for exec_line, image_line in replaced.items():
        pattern = rf"(?m)^([ \t]*(?:-[ \t]+)?){re.escape(exec_line)}[ \t]*$"
        text = re.sub(pattern, lambda m, image_line=image_line: m.group(1) + image_line, text)
    path.write_text(text)


def sync(source: Path, target: Path) -> None:
    """Make target's files equal to source's (ignoring .git), deleting what source lacks."""
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if ".git" in relative.parts:
            continue
        if not (source / relative).exists() and not (source / relative).is_symlink():
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(exist_ok=True)
        elif not destination.exists() or destination.read_bytes() != path.read_bytes():
            shutil.copy2(path, destination)


def search_path() -> str:
    """PATH with this interpreter's `bin/` (where pip put the console scripts) first."""
    return str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")


def missing_functions(path: str) -> list[str]:
    return [fn for fn in FUNCTIONS if shutil.which(fn, path=path) is None]


def render(package: Path, kpt_args: list[str], stdout=None, stderr=None) -> int:
    """kpt fn render on a copy with exec functions; the package is changed only if the render passed."""
    results_dir = None
    if "--results-dir" in kpt_args:
        results_dir = Path(kpt_args[kpt_args.index("--results-dir") + 1]).resolve()
    path = search_path()
    env = {**os.environ, "PATH": path, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        copy = Path(tmp) / package.name
        shutil.copytree(package, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        replaced = to_exec(copy)
        command = ["kpt", "fn", "render", str(copy), "--allow-exec", *kpt_args]
        done = subprocess.run(command, cwd=tmp, env=env, stdout=stdout, stderr=stderr)
        if results_dir is not None and (results_dir / "results.yaml").exists():
            to_image(results_dir / "results.yaml", replaced)
        if done.returncode != 0:
            return done.returncode
        for kptfile in copy.rglob("Kptfile"):
            to_image(kptfile, replaced)
        sync(copy, package)
    return 0


# ---- for programs: a render in a scratch folder, with kpt's structured results ----------------

Runtime = Literal["exec", "image"]


@dataclass
class Outcome:
    """A render's exit code, output and kpt's structured results (each with the function added)."""

    exit_code: int
    stdout: str = ""
    stderr: str = ""
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def errors(self) -> list[dict[str, Any]]:
        return [r for r in self.results if r.get("severity", "error") == "error"]


def image_environment() -> dict[str, str]:
    """The environment for image functions: podman when no runtime is named and there is no docker."""
    env = {**os.environ, "PATH": search_path(), "NO_COLOR": "1"}
    if "KPT_FN_RUNTIME" not in env and shutil.which("docker", path=env["PATH"]) is None and shutil.which("podman", path=env["PATH"]):
        env["KPT_FN_RUNTIME"] = "podman"
    return env


def render_in_place(package: Path, runtime: Runtime = "exec", timeout: float | None = 600) -> Outcome:
    """Render `package` where it is: a scratch copy, whose content is undefined after a failure.

    `exec` runs this installation's console scripts (the Kptfiles are put back as they were);
    `image` runs the Kptfiles' images with the container engine kpt is given (KPT_FN_RUNTIME)."""
    with tempfile.TemporaryDirectory(prefix="render-results-") as results:
        results_dir = Path(results)
        if runtime == "exec":
            replaced = to_exec(package)
            command = ["kpt", "fn", "render", str(package), "--allow-exec"]
            env = {**os.environ, "PATH": search_path(), "NO_COLOR": "1"}
        else:
            replaced = {}
            command = ["kpt", "fn", "render", str(package), "--image-pull-policy", "ifNotPresent"]
            env = image_environment()
        try:
            done = subprocess.run([*command, "--results-dir", str(results_dir)], cwd=package.parent, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as timed_out:
            return Outcome(124, "", f"kpt fn render did not finish in {timed_out.timeout} s")
        finally:
            for kptfile in package.rglob("Kptfile"):
                to_image(kptfile, replaced)
        results_file = results_dir / "results.yaml"
        if results_file.exists():
            to_image(results_file, replaced)
        return Outcome(done.returncode, done.stdout, done.stderr, read_results(results_file))


def read_results(path: Path) -> list[dict[str, Any]]:
    """Every function's results from kpt's results.yaml (a FunctionResultList), in order."""
    if not path.exists():
        return []
    from ruamel.yaml import YAML

    report = YAML(typ="safe", pure=False).load(path.read_text()) or {}
    out = []
    for step in report.get("items") or []:
        function = step.get("image") or step.get("exec") or ""
        for result in step.get("results") or []:
            out.append({**result, "function": function})
        if step.get("exitCode") and not step.get("results"):
            out.append({"severity": "error", "message": (step.get("stderr") or "").strip() or f"{function} exited {step['exitCode']}", "function": function})
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    package = Path(argv[0]).resolve()
    if not (package / "Kptfile").is_file():
        sys.stderr.write(f"{PROG}: {argv[0]} is not a kpt package (no Kptfile)\n")
        return 2
    if shutil.which("kpt") is None:
        sys.stderr.write(f"{PROG}: kpt is not on PATH (see README.md, Prerequisites)\n")
        return 2
    missing = missing_functions(search_path())
    if missing:
        sys.stderr.write(f"{PROG}: console scripts not found on PATH or beside {sys.executable}: {', '.join(missing)} (run `make install`)\n")
        return 2
    return render(package, argv[1:])


if __name__ == "__main__":
    sys.exit(main())
