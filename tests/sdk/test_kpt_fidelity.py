"""Under the real kpt, an SDK function leaves every file as kpt's own identity path does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests import kpt
from tests.sdk.helpers import CORPUS

KPTFILE = """apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: fidelity
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - exec: "{command}"
"""


def render_with(command: str, workdir: Path) -> dict[str, bytes]:
    package = workdir / "pkg"
    package.mkdir(parents=True)
    shutil.copy(CORPUS / "fidelity.yaml", package / "fidelity.yaml")
    (package / "Kptfile").write_text(KPTFILE.format(command=command))
    done = subprocess.run(["kpt", "fn", "render", str(package), "--allow-exec"], capture_output=True, text=True, env=kpt.env())
    assert done.returncode == 0, done.stderr
    files = kpt.tree_digest(package)
    files.pop("Kptfile")
    return files


def test_untouched_files_match_the_identity_function_byte_for_byte(tmp_path):
    sdk = f"{sys.executable} {Path(__file__).with_name('identity_fn.py')}"
    with_sdk = render_with(sdk, tmp_path / "sdk")
    with_cat = render_with("/bin/cat", tmp_path / "cat")
    assert with_sdk == with_cat
    # And kpt's baseline keeps what matters: comments, quoting, anchors, flow style.
    text = with_sdk["fidelity.yaml"].decode()
    for kept in ("# A file head comment", '"0777"', "&shared", "*shared", "{a: 1, b: [1, 2, \"three\"]}", "keep: |+"):
        assert kept in text


def test_an_edited_item_keeps_its_head_comment_once(tmp_path):
    """kpt hands a file's head comment inside the item; written back in front of it, kpt would add it twice."""
    edited = render_with(f"{sys.executable} {Path(__file__).with_name('annotate_fn.py')}", tmp_path / "edit")
    text = edited["fidelity.yaml"].decode()
    assert text.startswith("# A file head comment that must stay with this resource\napiVersion: v1\n")
    assert text.count("# A file head comment") == 1
    assert text.count("example.com/touched") == text.count("\nkind:") + text.startswith("kind:")


def test_a_regenerated_item_whose_field_changed_shape_renders(tmp_path):
    """A scalar that becomes a list (one target cluster becoming two) must not break kpt's comment keeping."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "Kptfile").write_text(KPTFILE.format(command=f"{sys.executable} {Path(__file__).with_name('reshape_fn.py')}"))
    source = package / "source.yaml"
    for value in ("one", "[one, two]", "three"):
        source.write_text(f"apiVersion: example.com/v1\nkind: Source\nmetadata:\n  name: s\nspec:\n  value: {value}\n")
        done = subprocess.run(["kpt", "fn", "render", str(package), "--allow-exec"], capture_output=True, text=True, env=kpt.env())
        assert done.returncode == 0, done.stderr
    assert "value: three" in (package / "generated" / "s.yaml").read_text()
