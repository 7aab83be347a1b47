"""docs/user-guide.md, followed literally with podman: the function images render every step the guide shows.

The guide's `make image` is what the `images` fixture does (scripts/build-images, the Kptfiles' names).
"""

from __future__ import annotations

import pytest

from tests.docs import guide_runner
from tests.images.conftest import ROOT, needs_podman

pytestmark = needs_podman
GUIDE = ROOT / "docs" / "user-guide.md"


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "activate").is_file(), reason="the guide activates the checkout's .venv, which `make install` creates")
@pytest.mark.skipif(bool(guide_runner.MISSING_TOOLS), reason=guide_runner.MISSING_REASON)
def test_following_the_guide_with_podman(images, tmp_path):
    chosen = [b for b in guide_runner.blocks(GUIDE.read_text()) if b.runs_on("podman")]
    assert any("KPT_FN_RUNTIME=podman" in b.body for b in chosen)
    run = guide_runner.run(ROOT, chosen, tmp_path, {})
    assert run.exit_code == 0, run.output[-4000:]
    for block in chosen:
        missing = guide_runner.missing_lines(block.shows, run.of(block))
        assert missing == [], f"docs/user-guide.md line {block.line}: not printed:\n" + "\n".join(missing) + "\n--- printed:\n" + run.of(block)[-3000:]
