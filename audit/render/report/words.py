"""Plain words for numbers, figures, scores and counts in the report. Corpus text is escaped here."""
from __future__ import annotations

import math

from audit.escape.markdown import inline, one_line
from audit.models import FigureRelation, Quantity, ScoreBand

# How a timeline's value moved from the one before, in every report format.
MOVE_LABELS = {FigureRelation.UPDATE: "update", FigureRelation.REVISION_DOWN: "revised down",
               FigureRelation.COMPATIBLE: "agrees"}

JSON_HINT = "the JSON output (`audit scan --format json`)"


def shorten(text: object, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word boundary with an ellipsis."""
    s = one_line(text)
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def quote(text: object, limit: int) -> str:
    """Corpus text in quotation marks, shortened and escaped."""
    return "“" + inline(shorten(text, limit)) + "”"


def first_few(items: list[str], n: int, sep: str, before_more: str) -> str:
    """The first `n` items joined by `sep`, then how many more ("a; b; c; 2 more"); items already escaped."""
    rest = f"{before_more}{len(items) - n} more" if len(items) > n else ""
    return sep.join(items[:n]) + rest


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def share(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "—"


def number(x: float) -> str:
    """An integer as written with thousands separators; a fraction to three significant digits (a share read
    from "nearly two-thirds" is 63.3-66.7, not 63.33-66.67)."""
    if float(x).is_integer():
        return f"{int(x):,}"
    digits = max(0, 2 - math.floor(math.log10(abs(x)))) if x else 0
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{round(x):,}"


def score(x: float) -> str:
    """"**20** poor": the score in bold and its band."""
    return f"**{x:.0f}** {ScoreBand.of(x)}"


def mean(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def interval(q: Quantity) -> str:
    """How a figure was read, in words: "12", "at least 1,000", "at most 50", "about 240 (216–264)",
    "between 10 and 20"."""
    low, high = _finite(q.low), _finite(q.high)
    if low is None and high is None:
        return "an unknown number"
    if low is None:
        assert high is not None
        return f"at most {number(high)}"
    if high is None:
        return f"at least {number(low)}"
    if low == high:
        return number(low)
    middle = (low + high) / 2
    if low > 0 and math.isclose(high - middle, middle - low) and (high - low) <= 0.25 * middle:
        return f"about {number(middle)} ({number(low)}–{number(high)})"
    return f"between {number(low)} and {number(high)}"


def figure_text(q: Quantity) -> str:
    """The figure as written and, when that says more, how it was read, with its unit, as plain text:
    "50 bases", "about 240 (216–264) israelis", "over 1,000 (at least 1,000 fighters)"."""
    written, read = one_line(q.text), interval(q)
    unit = "" if not q.unit or q.unit == "%" or q.unit.casefold() in written.casefold() else " " + q.unit
    if read.startswith(written):
        return read + unit
    if read == "an unknown number" or read.replace(",", "") == written.replace(",", ""):
        return written + unit
    return f"{written} ({read}{unit})"


def figure(q: Quantity) -> str:
    """`figure_text`, escaped for Markdown."""
    return inline(figure_text(q))


def more(shown: int, total: int, what: str) -> list[str]:
    """The line that closes a capped list: "… and 12 more claims in the JSON output"."""
    if total <= shown:
        return []
    return ["", f"… and {total - shown:,} more {what} in {JSON_HINT}."]
