"""Who a claim says caused an incident: the side it blames, or clears.

Two reports of one incident that blame opposite sides of a conflict contradict each other, whatever else
they share: "a blast caused by an Israeli air strike" and "a misfired Palestinian rocket hit the hospital".
Claims that match as one event are compared (matching.py), and so are claims that name the same kind of
incident site (`frame_incident_unnamed_sites`: "hospital") told within INCIDENT_DAYS of each other.

The sides and their words are language data (`match_blame_sides`). A claim blames a side when its words
come within BLAME_REACH tokens after a cause word ("caused by", "blamed"), or before a word of
responsibility right after a link ("was responsible", "is behind"; not "stood behind"). A negation between
the side and that word, or just before the cause word, clears the side instead ("Israel was not
responsible", "had no involvement", "not caused by Israel"); a rejection before it ("Hamas rejects claims
that Israel isn't behind the blast") turns the account round. A claim that blames both sides, blames and
clears one, or tells a cause whose side it does not name ("... which the military blamed on a misfired
rocket") tells the accounts side by side and blames no one.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

BLAME_REACH = 6             # tokens between a cause or responsibility word and the side it names
REJECTION_REACH = 8         # tokens between a rejection and the account it rejects
NEGATION_REACH = 3          # tokens between a negation and the cause word it denies ("not have been caused by")

Blame = tuple[tuple[str, bool], ...]    # (side, blamed) pairs: blamed, or cleared when False


class BlameReader:
    """Reads the sides a claim's lower-case tokens blame or clear."""

    def __init__(self, sides: Mapping[str, Sequence[str]], causes: Sequence[str], responsibility: Sequence[str],
                 links: Sequence[str], rejections: Sequence[str], negations: Sequence[str],
                 sites: Sequence[str] = (), split: Callable[[str], list[str]] = str.split):
        self.sides: dict[tuple[str, ...], str] = {tuple(split(w.lower())): side
                                                  for side, words in sides.items() for w in words}
        self.causes = frozenset(tuple(split(w.lower())) for w in causes)
        self.responsibility = frozenset(w.lower() for w in responsibility)
        self.links = frozenset(w.lower() for w in links)
        self.sites = {tuple(split(w.lower())): w.lower() for w in sites}
        self.rejections = frozenset(w.lower() for w in rejections)
        self.negations = frozenset(w.lower() for w in negations)
        self.longest = max(map(len, [*self.sides, *self.causes, *self.sites]), default=1)
        self.starts = frozenset(t[0] for t in (*self.sides, *self.causes)) | self.responsibility

    def read(self, low: list[str]) -> Blame:
        """The sides the tokens blame (True) or clear (False), in side order; () when the claim blames none,
        or tells two accounts."""
        if self.starts.isdisjoint(low):
            return ()
        found: dict[str, set[bool]] = {}
        unnamed = False                 # a cause told without a side: another account, its side unsaid
        for i, t in enumerate(low):
            if t in self.responsibility and i and (low[i - 1] in self.links or self._negation(low[i - 1])):
                before = self._side_before(low, i)
                if before is not None:
                    cleared = any(self._negation(w) for w in low[before[1]:i])
                    self._add(found, before[0], not cleared, low, before[1])
            n = self._cause_at(low, i)
            if n:
                after = self._side_after(low, i + n)
                if after is not None:           # "not have been caused by Israel" clears it
                    cleared = any(self._negation(w) for w in low[max(0, i - NEGATION_REACH):i])
                    self._add(found, after, not cleared, low, i)
                else:
                    unnamed = True
        return () if unnamed else self._account(found)

    def sites_in(self, low: list[str]) -> tuple[str, ...]:
        """The kinds of site an incident happens at that the tokens name ("hospital", "school"), in order."""
        found = {self.sites[key] for n in range(1, self.longest + 1) for j in range(len(low) - n + 1)
                 if (key := tuple(low[j:j + n])) in self.sites}
        return tuple(sorted(found))

    def _add(self, found: dict[str, set[bool]], side: str, blamed: bool, low: list[str], at: int) -> None:
        rejected = any(w in self.rejections for w in low[max(0, at - REJECTION_REACH):at])
        found.setdefault(side, set()).add(blamed != rejected)

    @staticmethod
    def _account(found: dict[str, set[bool]]) -> Blame:
        if any(len(v) > 1 for v in found.values()) or sum(True in v for v in found.values()) > 1:
            return ()                   # both accounts told, or one side both blamed and cleared
        return tuple(sorted((side, True in v) for side, v in found.items()))

    def _negation(self, token: str) -> bool:
        return token in self.negations or token.endswith("n't")

    def _cause_at(self, low: list[str], i: int) -> int:
        """The length of the cause phrase starting at token i, or 0."""
        for n in range(min(self.longest, len(low) - i), 0, -1):
            if tuple(low[i:i + n]) in self.causes:
                return n
        return 0

    def _side_after(self, low: list[str], start: int) -> str | None:
        for j in range(start, min(len(low), start + BLAME_REACH)):
            side = self._side_at(low, j)
            if side is not None:
                return side
        return None

    def _side_before(self, low: list[str], end: int) -> tuple[str, int] | None:
        """The nearest side named within BLAME_REACH tokens before token `end`, with where it starts."""
        for j in range(end - 1, max(-1, end - 1 - BLAME_REACH), -1):
            side = self._side_at(low, j)
            if side is not None:
                return side, j
        return None

    def _side_at(self, low: list[str], j: int) -> str | None:
        for n in range(min(self.longest, len(low) - j), 0, -1):
            side = self.sides.get(tuple(low[j:j + n]))
            if side is not None:
                return side
        return None


def opposed(first: Blame, second: Blame) -> bool:
    """The two accounts cannot both be true: one blames a side the other clears, or they blame two sides."""
    a, b = dict(first), dict(second)
    if any(side in b and b[side] != blamed for side, blamed in a.items()):
        return True
    blamed_a = {s for s, blamed in a.items() if blamed}
    blamed_b = {s for s, blamed in b.items() if blamed}
    return bool(blamed_a and blamed_b and blamed_a.isdisjoint(blamed_b))


def told(blame: Blame) -> str:
    """An account in a few words: "israel", "not israel", "palestinian armed groups"."""
    return ", ".join(side if blamed else f"not {side}" for side, blamed in blame)
