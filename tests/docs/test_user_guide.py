"""docs/user-guide.md, followed literally with kpt alone: every command runs and prints what the guide shows.

The podman way runs in tests/images/test_user_guide_podman.py, with the images built there.
"""

from __future__ import annotations

import pytest

from tests.docs import guide_runner, links
from tests.kpt import ROOT

GUIDE = ROOT / "docs" / "user-guide.md"
BLOCKS = guide_runner.blocks(GUIDE.read_text())


def test_the_guide_gives_both_ways_and_shows_what_they_print():
    for way in guide_runner.WAYS:
        assert any(b.tags == {way} for b in BLOCKS), f"no command block only for the {way} way"
    runnable = [b for b in BLOCKS if b.runs_on("exec")]
    assert len(runnable) >= 8 and sum(bool(b.shows) for b in runnable) >= 5
    unknown = {tag for b in BLOCKS if b.language == "sh" for tag in b.tags} - {*guide_runner.WAYS, "once", "cluster", "fails"}
    assert unknown == set()


def test_every_link_leads_to_a_file_and_heading():
    assert links.broken(GUIDE, GUIDE.read_text()) == []


def test_a_shown_line_must_be_printed_in_order():
    printed = '[RUNNING] "intent-to-28312"\n[PASS] "intent-to-28312" in 1.2s\nSuccessfully executed 4 function(s)\n'
    assert guide_runner.missing_lines(['[PASS] "…intent-to-28312…" in 200ms', "Successfully executed 4 function(s)"], printed) == []
    assert guide_runner.missing_lines(["Successfully executed 4 function(s)", '[RUNNING] "intent-to-28312"'], printed) == ['[RUNNING] "intent-to-28312"']
    assert guide_runner.missing_lines(["[FAIL] …"], printed) == ["[FAIL] …"]


def test_a_block_shown_failing_must_fail(tmp_path):
    failing = guide_runner.blocks("```sh fails\nfalse\n```\n```sh\necho after\n```\n")
    assert guide_runner.run(ROOT, failing, tmp_path / "a", {}).exit_code == 0
    passing = guide_runner.blocks("```sh fails\ntrue\n```\n")
    assert guide_runner.run(ROOT, passing, tmp_path / "b", {}).exit_code == 97


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "activate").is_file(), reason="the guide activates the checkout's .venv, which `make install` creates")
@pytest.mark.skipif(bool(guide_runner.MISSING_TOOLS), reason=guide_runner.MISSING_REASON)
def test_following_the_guide_with_kpt_alone(tmp_path):
    chosen = [b for b in BLOCKS if b.runs_on("exec")]
    run = guide_runner.run(ROOT, chosen, tmp_path, {})
    assert run.exit_code == 0, run.output[-4000:]
    for block in chosen:
        missing = guide_runner.missing_lines(block.shows, run.of(block))
        assert missing == [], f"docs/user-guide.md line {block.line}: not printed:\n" + "\n".join(missing) + "\n--- printed:\n" + run.of(block)[-3000:]
