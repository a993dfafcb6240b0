"""Users' regular expressions: compiled with RE2 (linear time, so a pattern cannot hang a run), or with
`re` behind a guard against catastrophic backtracking when google-re2 is not installed."""
from __future__ import annotations

import re

try:
    import re2
except ImportError:  # google-re2 not installed: `re` behind a guard against catastrophic backtracking
    re2 = None


def compile_pattern(source: str):
    """A case-insensitive pattern from a user's rule: RE2 when installed (linear time; no lookaround or
    backreferences), else `re` after rejecting nested repeats. Raises ValueError with the reason."""
    try:
        re.compile(source)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    if re2 is not None:
        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False
        try:
            return re2.compile(source, options)
        except re2.error as exc:
            reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            raise ValueError(f"pattern not supported by RE2 ({reason}): lookaround and backreferences can "
                             "take exponential time; express exclusions with an unless or not condition") from None
    if _nested_repeat(source):
        raise ValueError("pattern repeats a group that repeats or has alternatives (or uses a backreference), "
                         "which can take exponential time; install google-re2 or simplify the pattern")
    return re.compile(source, re.IGNORECASE)


def _nested_repeat(source: str) -> bool:
    """Whether an unbounded repeat contains another repeat or alternatives, or the pattern has a
    backreference: the shapes of catastrophic backtracking."""
    from re import _parser as sre  # type: ignore[attr-defined]  # the stdlib's own regex parser (3.11+)

    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

    def walk(items, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _, high, sub = arg
                if inside or walk(sub, high == sre.MAXREPEAT or high > 1):
                    return True
            elif op == sre.BRANCH:
                if inside or any(walk(b, inside) for b in arg[1]):
                    return True
            elif op == sre.SUBPATTERN and walk(arg[-1], inside):
                return True
            elif op in (sre.ASSERT, sre.ASSERT_NOT) and walk(arg[1], inside):
                return True
            elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
                return True
        return False

    return walk(sre.parse(source), False)
