"""The source folder `functions/` installs as the import package `oran_intent_krm`, never as `functions`."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.kpt import ROOT

PACKAGE = "oran_intent_krm"


def _declared_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {PACKAGE: "functions"}
    return config["packages"]


def test_every_source_package_is_installed_under_the_distinct_name():
    on_disk = {
        ".".join((PACKAGE, *init.parent.relative_to(ROOT / "functions").parts))
        for init in (ROOT / "functions").rglob("__init__.py")
        if "examples" not in init.parts
    }
    assert sorted(on_disk) == sorted(_declared_packages())


def test_no_code_imports_a_top_level_functions_package():
    pattern = re.compile(r"^\s*(from|import)\s+functions\b|import_module\(f?[\"']functions\.", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("functions", "tests", "bench", "fuzz", "scripts")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in ("", ".py") and "__pycache__" not in path.parts and pattern.search(_text(path))
    ]
    assert offenders == []


def test_the_console_scripts_run_from_the_installed_name():
    code = "import sys, oran_intent_krm.intent_to_28312.main as m; print(m.FUNCTION.name, 'functions' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    assert done.stdout.split() == ["intent-to-28312", "False"]


def _text(path) -> str:
    try:
        return path.read_text()
    except UnicodeDecodeError:
        return ""


def test_building_the_distribution_prints_no_deprecation_warning(tmp_path):
    """What `make install` builds (the backend's output shown): no deprecated metadata (a license table) or option."""
    for build in (["wheel", "--no-deps", "-w", str(tmp_path / "wheel"), "."], ["install", "--no-deps", "-e", ".", "--target", str(tmp_path / "editable")]):
        done = subprocess.run([sys.executable, "-m", "pip", *build, "-v", "--disable-pip-version-check"], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr[-2000:]
        output = done.stdout + done.stderr
        assert not re.search(r"deprecat", output, re.IGNORECASE), [line for line in output.splitlines() if re.search("deprecat", line, re.I)]
