"""The first screen: the title, the bottom line, scores in bands, and the claims to check first."""
from __future__ import annotations

from collections import Counter

from audit.escape.markdown import code, inline
from audit.models import (
    AttributionKind,
    Claim,
    CorroborationStatus,
    LinkRelation,
    ScoreBand,
    Severity,
)

from .index import Index, attribution, legend
from .words import figure, mean, plural, quote, score, share

CHECK_FIRST = 5
NOT_FIGURES = ("date", "duration")
CONFLICTING = (CorroborationStatus.CONTRADICTED, CorroborationStatus.CONTESTED)
OUTLET_GAP = 2.0            # mean scores of the outlets closer than this: none is called the weakest
MANY_DOCUMENTS = 10         # with this many articles or more, and ...
ONE_STORY_SHARE = 0.1       # ... fewer of the claims than this linked to another article's: not one story


def title(ix: Index) -> str:
    r = ix.result
    outlets = len(ix.outlets)
    words = sum(d.words for d in r.documents)
    return (f"# Sourcing and provenance audit\n\n"
            f"{plural(len(r.documents), 'document')} from {plural(outlets, 'named outlet')} · "
            f"{plural(words, 'word')} · {plural(len(r.claims), 'claim')} · "
            f"provenance-audit {inline(r.run.tool_version)}")


def _bottom_line(ix: Index) -> str:
    r = ix.result
    n = len(r.claims)
    if not n:
        return "**Bottom line:** no claim was found to audit."
    status = Counter(c.corroboration.status for c in r.claims)
    low = sum(c.band in (ScoreBand.WEAK, ScoreBand.POOR) for c in r.claims)
    anonymous = sum(c.attribution.kind == AttributionKind.ANONYMOUS for c in r.claims)
    party_only = sum(c.corroboration.party_only for c in r.claims)
    conflicting = sum(status[s] for s in CONFLICTING)
    parts = [f"{plural(low, 'claim')} of {n:,} ({share(low, n)}) score under {ScoreBand.FAIR.floor:.0f}"]
    if status[CorroborationStatus.UNCORROBORATED]:
        parts.append(f"{status[CorroborationStatus.UNCORROBORATED]:,} are reported by no other article")
    if anonymous:
        parts.append(f"{anonymous:,} rest on anonymous sources")
    if party_only:
        parts.append(f"{party_only:,} only on parties to the conflict")
    if conflicting:
        parts.append(f"{conflicting:,} conflict with another independent report")
    text = "**Bottom line:** " + "; ".join(parts) + "."
    linked = sum(bool(c.corroboration.links) for c in r.claims)
    if len(r.documents) >= MANY_DOCUMENTS and linked < ONE_STORY_SHARE * n:
        text += (f" Only {share(linked, n)} of the claims are linked to another article's: these articles report "
                 "few of the same things, and corroboration reads a folder as one developing story, so most "
                 "claims being uncorroborated says little here.")
    mixes = [m for m in r.by_outlet if m.claims and m.name in ix.outlets]
    if len(mixes) >= 2:
        worst, runner_up = sorted(mixes, key=lambda m: (m.mean_score, m.name))[:2]
        best = max(m.mean_score for m in mixes)
        if best - worst.mean_score < OUTLET_GAP:
            text += f" No outlet stands out: their mean scores range from {mean(worst.mean_score)} to {mean(best)}."
        else:
            text += (f" The weakest-sourced outlet is **{inline(worst.name)}** (mean score {mean(worst.mean_score)} "
                     f"over {plural(worst.claims, 'claim')}; next, {inline(runner_up.name)}, "
                     f"{mean(runner_up.mean_score)}).")
    return text


def _overview(ix: Index) -> list[str]:
    r = ix.result
    n = len(r.claims)
    if not n:
        return []
    bands = Counter(c.band for c in r.claims)
    status = Counter(c.corroboration.status for c in r.claims)
    kinds = Counter(c.attribution.kind for c in r.claims)
    second = sum(c.attribution.second_hand for c in r.claims)
    severities = Counter(f.severity for c in r.claims for f in c.findings if not f.suppressed)
    average = sum(c.score for c in r.claims) / n
    return [
        f"- **Scores:** mean {mean(average)} ({ScoreBand.of(average)}); "
        + ", ".join(f"{bands[b]:,} {b}" for b in ScoreBand) + ".",
        f"- **Sources:** {share(kinds[AttributionKind.ANONYMOUS], n)} anonymous, "
        f"{share(second, n)} second-hand (relayed from another outlet), "
        f"{share(kinds[AttributionKind.NONE] + kinds[AttributionKind.SELF], n)} with no source given.",
        f"- **Corroboration:** {status[CorroborationStatus.CORROBORATED]:,} corroborated, "
        f"{status[CorroborationStatus.ECHO]:,} echo only (others repeat one origin), "
        f"{status[CorroborationStatus.UNCORROBORATED]:,} uncorroborated, "
        f"{sum(status[s] for s in CONFLICTING):,} contested or contradicted.",
        "- **Findings:** " + ", ".join(f"{severities[s]:,} {s}" for s in reversed(Severity)) + ".",
    ]


def reasons(c: Claim) -> list[tuple[int, str]]:
    """Why a claim needs checking, each with its weight: conflicts and weakly sourced figures first."""
    a, cor = c.attribution, c.corroboration
    figures = [q for q in c.quantities if not q.vague and q.kind not in NOT_FIGURES]
    about = f" ({'; '.join(figure(q) for q in figures[:2])})" if figures else ""
    out: list[tuple[int, str]] = []
    if cor.status in CONFLICTING:
        out.append((4, "another independent report conflicts with it"))
    if figures and a.kind == AttributionKind.ANONYMOUS:
        out.append((3, f"a figure{about} rests on an anonymous source"))
    elif figures and cor.party_only:
        out.append((3, f"a figure{about} comes only from a party to the conflict"))
    elif figures and a.kind == AttributionKind.NONE:
        out.append((3, f"a figure{about} has no source"))
    elif a.kind == AttributionKind.ANONYMOUS:
        out.append((2, "an anonymous source"))
    elif cor.party_only:
        out.append((2, "only parties to the conflict say so"))
    if c.is_headline and c.findings:
        out.append((1, "it is the headline"))
    if cor.status == CorroborationStatus.UNCORROBORATED:
        out.append((1, "no other article reports it"))
    elif cor.status == CorroborationStatus.ECHO:
        out.append((1, "every other report traces to the same origin"))
    if a.via:
        out.append((1, "relayed via " + inline(" ← ".join(a.via))))
    return out


def check_first(ix: Index) -> list[Claim]:
    """The claims that most need checking: the weight of their reasons plus up to 5 for a low score; one per
    dispute (a claim linked to one chosen, or in conflict with a claim one chosen conflicts with, is left for
    the sections below), so that five checks are five stories."""
    weighed = [(sum(w for w, _ in reasons(c)), c) for c in ix.worst_first if c.findings]
    ranked = sorted((x for x in weighed if x[0] >= 2),
                    key=lambda x: (-(x[0] + (100 - x[1].score) / 20),) + ix.badness(x[1]))
    chosen: list[Claim] = []
    covered: set[str] = set()                   # the chosen claims, what they link to, and their opponents
    for _, c in ranked:
        linked = {k.claim for k in c.corroboration.links}
        opponents = {k.claim for k in c.corroboration.links if k.relation == LinkRelation.CONFLICTS}
        if c.id in covered or not opponents.isdisjoint(covered):
            continue
        chosen.append(c)
        covered |= {c.id} | linked | {k.claim for o in opponents if (other := ix.claims.get(o))
                                      for k in other.corroboration.links if k.relation == LinkRelation.CONFLICTS}
        if len(chosen) == CHECK_FIRST:
            break
    return chosen


JOINED_SHOWN = 5


def _joined(ix: Index) -> list[str]:
    """Which stored articles, not among the files read, took part in corroboration: their links and
    verdicts depend on them, so the report says so where it is read first."""
    joined = ix.result.joined
    if not joined:
        return []
    shown = ", ".join(inline(p) for p in joined[:JOINED_SHOWN]) + (f" and {len(joined) - JOINED_SHOWN:,} more"
                                                                   if len(joined) > JOINED_SHOWN else "")
    return [f"**Also compared with** {plural(len(joined), 'earlier article')} from the store, not among these "
            f"files (run {code(str(ix.result.context_run))}): {shown}. Corroboration, echoes, updates and "
            "conflicts count them; `--no-store` audits these files alone.", ""]


def summary(ix: Index) -> str:
    lines = ["## Summary", "", _bottom_line(ix), ""]
    lines += _joined(ix)
    lines += _overview(ix)
    lines += ["", f"*Score bands: {legend()}. Each claim starts at 100 and every finding lowers it; "
              "a band describes how a claim is sourced, not whether it is true.*"]
    chosen = check_first(ix)
    lines += ["", "### Check these first", ""]
    if not chosen:
        return "\n".join(lines + ["No claim combines a weak source with a figure, a conflict or no corroboration."])
    for n, c in enumerate(chosen, 1):
        why = "; ".join(text for _, text in sorted(reasons(c), key=lambda x: -x[0]))
        lines += [f"{n}. {quote(c.text, 100)} — {score(c.score)} · {inline(ix.outlet(c))} · {ix.ref(c)}  ",
                  f"   Source: {attribution(c)}. Why: {why}."]
    return "\n".join(lines)
