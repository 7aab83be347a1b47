"""Near misses: how far one name is from another, and which known name a typo was meant to be.

The distance is the optimal string alignment distance (Damerau-Levenshtein where no substring is
edited twice): one edit for a dropped, added or changed character or for two adjacent characters
swapped, so `Intnet` is one edit from `Intent` and `expectationContxts` one from `expectationContexts`.
"""

from __future__ import annotations

from typing import Iterable


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits from a to b; with limit, any answer above it is returned as limit + 1 (and found faster)."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    found = previous[-1]
    return found if limit is None or found <= limit else limit + 1


def near(a: str, b: str, most: int = 2) -> bool:
    """Whether a is one to `most` edits from b, letter case counting as an edit."""
    return a != b and distance(a, b, most) <= most


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo of `word` most likely meant, or None when none is close.

    Close means at most two edits, or a quarter of the word's length for long names, ignoring
    case (a wrong case is always close); ties go to the candidate whose case matches, then to
    the first in alphabetical order, so the answer never depends on the order given.
    """
    lowered = word.lower()
    allowed = max(2, len(word) // 4)
    best: tuple[int, int, str] | None = None
    for candidate in candidates:
        if candidate == word:
            continue
        edits = distance(lowered, candidate.lower(), allowed)
        if edits > allowed:
            continue
        rank = (edits, distance(word, candidate, allowed + 2), candidate)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None
