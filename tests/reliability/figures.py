"""The figures of a run (cases fuzzed, hostile inputs tried, corpus size), printed at its end."""

from __future__ import annotations

from collections import Counter

FUZZED: Counter = Counter()  # function -> cases run
HOSTILE: Counter = Counter()  # function -> hostile inputs tried
CORPUS: dict[str, int] = {}  # "files", "resources"


def summary() -> list[str]:
    lines = []
    if FUZZED:
        per = ", ".join(f"{name} {count}" for name, count in sorted(FUZZED.items()))
        lines.append(f"fuzzed {sum(FUZZED.values())} cases: {per}")
    if HOSTILE:
        per = ", ".join(f"{name} {count}" for name, count in sorted(HOSTILE.items()))
        lines.append(f"hostile inputs tried {sum(HOSTILE.values())}: {per}")
    if CORPUS:
        lines.append(f"corpus: {CORPUS.get('files', 0)} files, {CORPUS.get('resources', 0)} resources, rendered through kpt")
    return lines
