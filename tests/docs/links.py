"""Relative Markdown links and the heading anchors GitHub gives a page, to check that each link leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchors(markdown: str) -> set[str]:
    """GitHub's anchor of every heading: lower case, punctuation dropped, each space a hyphen."""
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", markdown), re.MULTILINE):
        found.add(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))
    return found


def broken(page: Path, markdown: str) -> list[str]:
    """The relative links of a page whose file, or whose heading, is not there."""
    found = []
    for link in LINK.findall(markdown):
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target) if target else page
        if not path.exists():
            found.append(link)
        elif anchor and path.suffix == ".md" and anchor not in anchors(path.read_text()):
            found.append(link)
    return found
