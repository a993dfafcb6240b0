"""Scope and method (what was read, skipped and cannot be judged; how scores and corroboration work)
and the appendix (the documents, the rules, where the manifest is)."""
from __future__ import annotations

from collections import Counter

from audit.escape.markdown import code, inline
from audit.models import ScoreBand

from .index import Index
from .table import table
from .words import mean, more, plural, quote, shorten

SKIPPED_CAP = 10
FURNITURE_CAP = 5
DOCUMENTS_CAP = 20


def scope_and_method(ix: Index) -> str:
    r = ix.result
    lines = ["## Scope and method", "",
             f"**Read:** {plural(len(r.documents), 'document')}, {plural(len(r.claims), 'claim')} "
             "(sentences and headlines carrying a checkable statement). Page furniture is not audited."]
    if r.skipped:
        lines += ["", f"**Skipped {plural(len(r.skipped), 'file')}:**", ""]
        lines += [f"- {inline(s.where)}: {inline(s.error)}"
                  for s in r.skipped[:SKIPPED_CAP]]
        lines += more(SKIPPED_CAP, len(r.skipped), "skipped files")
    lines += _furniture(ix)
    lines += [
        "",
        "**Not judged:** whether a claim is true; whether a source exists or said what is quoted; anything "
        "that needs the network (cited reports, posts, later corrections).",
        "",
        "**Scores:** each claim starts at 100 and every unsuppressed finding multiplies it by (1 − weight): "
        "score = 100 × Π(1 − wᵢ). Disclosed mitigation (a stated reason for anonymity, \"could not be "
        "independently verified\") lowers a finding's weight instead of hiding it.",
    ]
    example = next((c for c in ix.worst_first if len(c.ledger) >= 2), None)
    if example is not None:
        steps = " ".join(f"− {i.points:.1f} ({inline(ix.rule_title(i.rule))})" for i in example.ledger[:4])
        rest = sum(i.points for i in example.ledger[4:])
        steps += f" − {rest:.1f} (others)" if rest else ""
        lines[-1] += f" For example, {code(example.id)}: 100 {steps} = {example.score:.0f}."
    lines += [
        "",
        "**Corroboration** counts independent origins, not outlets: ten outlets relaying one source are one "
        "origin. *Corroborated*: another independent origin reports a compatible version; *echo only*: "
        "others report it, all from the same origin; *uncorroborated*: nobody else; *contradicted*: an "
        "independent origin conflicts; *contested*: both.",
    ]
    return "\n".join(lines)


def _furniture(ix: Index) -> list[str]:
    """What was set aside as furniture because an outlet repeats it word for word across its articles."""
    learned = sorted(ix.result.learned_furniture, key=lambda f: (-len(f.documents), f.outlet, f.text))
    if not learned:
        return []
    places = sum(len(f.documents) for f in learned)
    lines = ["", f"**Set aside as furniture:** {plural(len(learned), 'sentence')} that an outlet repeats word "
                 f"for word across its articles (calls to action, promotions), cut from {plural(places, 'place')}; "
                 "they are not audited as claims.", ""]
    lines += [f"- {inline(f.outlet)}: {quote(f.text, 100)} (in {len(f.documents)} of {f.of} articles)"
              for f in learned[:FURNITURE_CAP]]
    return lines + more(FURNITURE_CAP, len(learned), "sentences set aside")


def appendix(ix: Index) -> str:
    r = ix.result
    counts = Counter(c.document for c in r.claims)
    mixes = {m.name: m for m in r.by_document}
    rows = []
    for d in r.documents[:DOCUMENTS_CAP]:
        mix = mixes.get(d.id) or mixes.get(d.path)
        rows.append([inline(shorten(d.title or "(untitled)", 60)) + " " + inline(d.location),
                     inline(d.outlet or "unknown"), inline(d.published or "—"), f"{counts[d.id]:,}",
                     f"{mean(mix.mean_score)} {ScoreBand.of(mix.mean_score)}" if mix and mix.claims else "—"])
    fired = {f.rule for c in r.claims for f in c.findings if not f.suppressed}
    lines = ["## Appendix", "", "### Documents", ""]
    lines += table(["Document", "Outlet", "Published", "Claims", "Mean score"], rows, "lllrl") if rows \
        else ["No document was read."]
    lines += more(DOCUMENTS_CAP, len(r.documents), "documents")
    lines += ["", "### Rules and inputs", "",
              f"{plural(len(r.rules), 'rule')} ran ({len(fired & ix.rules.keys())} fired); rules hash "
              f"{code(r.run.rules_hash)}. The built-in rules are described in `docs/rules.md`.",
              "",
              "Every input with its sha256 and where each metadata value came from: the manifest "
              "(`NAME.manifest.json`, written beside the report by `audit report`) and the JSON output."]
    return "\n".join(lines)
