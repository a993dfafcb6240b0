"""Hand-built, realistic AuditResults for renderer tests (and anyone else who needs one).

`seed_result()` is an audit of excerpts of three seed articles (Nov 2023, Hamas-Israel prisoner talks):
The Palestine Chronicle (000), an article with no identifiable outlet (001) and Al Mayadeen English (003),
plus one hostile line planted in 003. It covers every attribution kind, every built-in signal, every
link relation and status, a suppressed and a mitigated finding, an open-ended interval, two skipped files
and a previous run with changes. Offsets, lines and columns are real (computed from the texts below);
scores and ledgers follow 100 × Π(1 − weight) over unsuppressed findings, as the score stage does.

Nothing here runs the pipeline: it only builds model objects, so renderer tests stay independent of it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from audit.models import (
    Anonymity,
    Attribution,
    AuditResult,
    Claim,
    Corroboration,
    Document,
    Finding,
    LedgerItem,
    Link,
    MetaValue,
    Quantity,
    RemovedClaim,
    RuleInfo,
    RunInfo,
    Skipped,
    SourcingMix,
    Span,
)

# A planted line: every construct an article could use to inject Markdown, HTML, links or mentions.
HOSTILE = '# heading <script>alert(1)</script> [x](http://evil) | pipe @user: 12 captives freed.'

RULES = {r.id: r for r in [
    RuleInfo("anon.bare-descriptor", "anonymous_source", "warning", 0.35,
             "Anonymous source described without position or access",
             "Readers cannot weigh a source described only as 'a source'.",
             "AP News Values: anonymous sources; Reuters Handbook", "rules/anonymous.yaml", 4),
    RuleInfo("anon.no-reason", "anonymous_source", "info", 0.1,
             "No reason given for granting anonymity",
             "The story should say why anonymity was granted.",
             "NYT confidential-source policy; SPJ Code of Ethics", "rules/anonymous.yaml", 27),
    RuleInfo("anon.vague-group", "anonymous_source", "info", 0.1,
             "Claim attributed to a vague collective",
             "'Observers' and 'critics' are not sources.", "Reuters Handbook", "rules/anonymous.yaml", 48),
    RuleInfo("second-hand.relayed", "second_hand", "warning", 0.2,
             "Relays another outlet's reporting",
             "Credit and check the original reporting.", "AP: crediting other organisations",
             "rules/second_hand.yaml", 3),
    RuleInfo("figures.missing", "missing_figures", "warning", 0.15,
             "The text says figures are missing", "Give the source and report the range.",
             "BBC editorial guidelines: casualty figures", "rules/figures.yaml", 2),
    RuleInfo("figures.vague", "missing_figures", "info", 0.1,
             "A vague quantity stands where a number belongs", "Report the range and its source.",
             "BBC editorial guidelines: casualty figures", "rules/figures.yaml", 31),
    RuleInfo("affiliation.relay", "outlet_affiliation", "info", 0.1,
             "The relaying outlet is state-funded or aligned", "Ownership and financing matter.",
             "NewsGuard ownership criterion; State Media Monitor", "rules/affiliation.yaml", 2),
    RuleInfo("unattributed.disputable", "unattributed", "error", 0.4,
             "Disputable fact without attribution in its sentence",
             "Attribute disputable facts in the same sentence.", "AP: attribution; Reuters Handbook",
             "rules/unattributed.yaml", 2),
    RuleInfo("party.source", "party_source", "warning", 0.25,
             "The source is a party to the conflict",
             "Self-reported battlefield figures need a check from the other side.",
             "Reuters Handbook: conflict reporting; BBC conflicting claims", "rules/party.yaml", 2),
    RuleInfo("media.unverified", "unverified_media", "warning", 0.25,
             "Footage or posts without provenance or verification note",
             "User-generated content needs provenance checks.", "BBC UGC guidance; First Draft",
             "rules/media.yaml", 2),
]}

TEXT_000 = """‘Negotiations Will Not Take Long’: Stunning Revelations about Hamas’ Israeli Prisoners

By Palestine Chronicle Staff

Numerous videos are circulating on social media, all coming from several sources belonging to Palestinian Resistance groups, namely Hamas and the Islamic Jihad.

But there are no specific numbers, or even rough estimates of how many Israeli soldiers killed, wounded or captured by the Resistance.

A source in Hamas told Aljazeera Net that the “losses in the ranks of the (Israeli) occupation are unprecedented and confirmed that the number of the Israeli dead is estimated in the hundreds.”

The source, who spoke on condition of anonymity, also revealed that the initial Resistance attack included clashes with Israeli soldiers in 50 different military bases across border towns and settlements in southern Israel.

“Most of the officers of Israel’s Southern Command were captured, including the commander of the Gaza Division,” a high-ranking Israeli army general.

We have enough Israeli prisoners to make it “possible to release all prisoners and (empty) all occupation’s prisons,” the source said.

(The Palestine Chronicle)
"""

TEXT_001 = """ date 2023-11-14 Hamas’s deputy chief, Saleh al-Arouri, has made a startling announcement that the group has captured enough Israeli soldiers to secure the release of all Palestinian prisoners held by Israeli authorities.

In this unprecedented attack against Israel, Hamas has managed to kill and capture numerous Israeli soldiers, including senior officers. However, exact figures have not been provided.

At present, there are approximately 5,200 Palestinians incarcerated in Israeli jails, of which 33 are women, 170 are minors, and over 1,200 are held under administrative detention, according to Addameer, a prisoners’ rights NGO. The Israeli army has acknowledged its losses, but has not released any official figures regarding casualties or prisoners of war.

The group launched an intense attack on Israel, resulting in dozens of casualties and hundreds injured. Additionally, footage shared on Hamas’s social media accounts appeared to show Israeli captives being moved alive into the Gaza Strip.

Observers have noted the possibility of an imminent land invasion by Israel, to which Hamas has responded by stating its preparedness for “the worst-case scenario.”
"""

TEXT_003 = f"""'Israel's' invasion killed chance of releasing up to 50 captives: NYT
Negotiations facilitated by Qatar hit a roadblock following "Israel's" ground invasion of Gaza on October 27.
Shortly before "Israel" initiated its ground invasion of Gaza, negotiations were nearing a deal in which Hamas would release approximately 50 captives in exchange for a temporary pause, a report by The New York Times revealed. The update comes from sources familiar with the negotiations, including both Arab and Western officials, as per NYT.
However, when "Israel" commenced its ground invasion in Gaza on October 27, the negotiations suddenly came to a halt, as reported by these officials who preferred to remain anonymous due to the sensitivity of the discussions.
A deal to secure the release of a significant number of captives held by Hamas in Gaza currently seems out of reach. According to a senior US official as quoted by CNN, "Israel" is unlikely to agree to a prolonged ceasefire without a substantial number of hostages being freed.
{HOSTILE}
Part of the ongoing confrontations between Israeli police and Israeli captives' families.#FreePalestine pic.twitter.com/Rtb48kM2fF
— Al Mayadeen English (@MayadeenEnglish) November 4, 2023
It is noteworthy that the military spokesperson for al-Qassam Brigades, Abu Obeida, estimated that the number of captives held by the Resistance ranged between 200 and 250 captives, or more, revealing that al-Qassam Brigades alone had 200 Israeli captives. In turn, the Secretary-General of the Islamic Jihad Movement, Ziyad al-Nakhalah, announced that the movement has 30 Israeli captives.
"""


def make_document(path: str, text: str, meta: dict[str, tuple[str | None, str]], *,
                  readability: float | None = None, headline: str | None = None,
                  furniture: tuple[str, ...] = ()) -> Document:
    """A Document with real sha256, line table, word count and spans found in `text`."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)]
    return Document(
        id=sha[:12],
        path=path,
        sha256=sha,
        text=text,
        meta={k: MetaValue(v, s) for k, (v, s) in meta.items()},
        regions=[(0, len(text))],
        headline=find(text, headline) if headline else None,
        furniture=[find(text, f) for f in furniture],
        line_starts=starts,
        line_numbers=list(range(1, len(starts) + 1)),
        words=len(text.split()),
        readability=readability,
    )


def find(text: str, needle: str, after: int = 0) -> Span:
    i = text.find(needle, after)
    if i < 0:
        raise ValueError(f"not in text: {needle!r}")
    return Span(i, i + len(needle), needle)


@dataclass
class ClaimBuilder:
    """Adds claims to one document with offsets found by substring."""
    doc: Document
    claims: list[Claim] = field(default_factory=list)

    def add(self, sentence: str, *, kind: str = "none", source: str | None = None, cue: str | None = None,
            via: tuple[str, ...] = (), actor: str | None = None, anonymity: Anonymity | None = None,
            inherited_from: Claim | None = None, headline: bool = False,
            quantities: tuple[tuple, ...] = (), findings: tuple[tuple, ...] = (),
            status: str = "uncorroborated", origins: int = 1, origin: str | None = None,
            party_only: bool = False, hedged: bool = False) -> Claim:
        """quantities: (text, low, high, unit[, kind[, role[, vague]]]);
        findings: (rule, evidence[, message[, extra dict: suppressed / mitigation / weight]])."""
        text = self.doc.text
        span = find(text, sentence)
        line, col = self.doc.position(span.start)
        qs = []
        for q in quantities:
            qt, low, high, unit, *rest = q
            qspan = find(text, qt, span.start)
            qs.append(Quantity(qt, qspan.start, qspan.end, low, high, unit,
                               kind=rest[0] if rest else "count", role=rest[1] if len(rest) > 1 else None,
                               vague=rest[2] if len(rest) > 2 else False))
        fs = []
        for f in findings:
            rule_id, evidence, *rest = f
            rule = RULES[rule_id]
            extra = rest[1] if len(rest) > 1 else {}
            fs.append(Finding(rule.id, rule.signal, rule.severity, extra.get("weight", rule.weight),
                              rest[0] if rest and rest[0] else rule.message, find(text, evidence, span.start),
                              standard=rule.standard, mitigation=extra.get("mitigation"),
                              suppressed=extra.get("suppressed", False)))
        score, ledger = 100.0, []
        for f in fs:
            if f.suppressed:
                continue
            points = round(score * f.weight, 2)
            ledger.append(LedgerItem(f.rule, f.weight, points))
            score = round(score - points, 2)
        attribution = Attribution(
            kind=kind, source=source, cue=cue, via=list(via), actor=actor, anonymity=anonymity,
            source_span=find(text, source, span.start) if source and source in text[span.start:] else None,
            cue_span=find(text, cue, span.start) if cue and cue in text[span.start:span.end] else None,
            inherited=inherited_from is not None,
            inherited_from=inherited_from.id if inherited_from else None,
        )
        claim = Claim(
            id=f"{self.doc.id[:8]}-{len(self.claims) + 1:03d}", document=self.doc.id, text=sentence,
            start=span.start, end=span.end, line=line, col=col, is_headline=headline,
            paragraph=line, index=len(self.claims), quantities=qs, attribution=attribution, hedged=hedged,
            findings=fs, score=score, ledger=ledger,
            corroboration=Corroboration(status=status, independent_origins=origins, origin=origin,
                                        party_only=party_only),
        )
        self.claims.append(claim)
        return claim


def link(a: Claim, b: Claim, relation: str, why: str, similarity: float = 0.7,
         figure_relation: str | None = None) -> None:
    """A symmetric link, as the corroborate stage records it on both claims."""
    a.corroboration.links.append(Link(b.id, relation, why, similarity, figure_relation))
    b.corroboration.links.append(Link(a.id, relation, why, similarity, figure_relation))


NAMED = {"named_person", "named_org", "document"}
UNATTRIBUTED = {"none", "self"}


def mix(name: str, docs: list[Document], claims: list[Claim]) -> SourcingMix:
    """What the score stage aggregates, computed the same way (fixture only)."""
    scores = [c.score for c in claims] or [100.0]
    signals: dict[str, int] = {}
    for c in claims:
        for f in c.findings:
            if not f.suppressed:
                signals[f.signal] = signals.get(f.signal, 0) + 1
    return SourcingMix(
        name=name, documents=len(docs), claims=len(claims),
        mean_score=round(sum(scores) / len(scores), 2), min_score=min(scores),
        named=sum(c.attribution.kind in NAMED for c in claims),
        anonymous=sum(c.attribution.kind == "anonymous" for c in claims),
        second_hand=sum(bool(c.attribution.via) or c.attribution.kind == "outlet" for c in claims),
        unattributed=sum(c.attribution.kind in UNATTRIBUTED for c in claims),
        findings=signals,
    )


def seed_result() -> AuditResult:
    d0 = make_document(
        "seeds/000_e219391f38c01fb7.txt", TEXT_000,
        {"title": ("‘Negotiations Will Not Take Long’: Stunning Revelations about Hamas’ Israeli Prisoners",
                   "inferred:first-line"),
         "outlet": ("The Palestine Chronicle", "inferred:signature"),
         "author": ("Palestine Chronicle Staff", "inferred:byline")},
        readability=52.3,
        headline="‘Negotiations Will Not Take Long’: Stunning Revelations about Hamas’ Israeli Prisoners",
        furniture=("By Palestine Chronicle Staff", "(The Palestine Chronicle)"),
    )
    d1 = make_document(
        "seeds/001_183dc3059bcf71ec.txt", TEXT_001,
        {"published": ("2023-11-14", "inferred:dateline")},
        readability=38.9,
    )
    d2 = make_document(
        "seeds/003_3afaf3625089db91.txt", TEXT_003,
        {"title": ("'Israel's' invasion killed chance of releasing up to 50 captives: NYT", "inferred:first-line"),
         "outlet": ("Al Mayadeen English", "inferred:signature"),
         "published": ("2023-11-08", "sidecar"),
         "affiliation": ("aligned with Hezbollah (registry)", "registry")},
        readability=45.1,
        headline="'Israel's' invasion killed chance of releasing up to 50 captives: NYT",
        furniture=("— Al Mayadeen English (@MayadeenEnglish) November 4, 2023",),
    )

    b0 = ClaimBuilder(d0)
    videos = b0.add(
        "Numerous videos are circulating on social media, all coming from several sources belonging to "
        "Palestinian Resistance groups, namely Hamas and the Islamic Jihad.",
        kind="document", source="videos", cue=None, actor="Hamas",
        quantities=(("Numerous", None, None, "videos", "vague", None, True),),
        findings=(("media.unverified", "circulating on social media"), ("figures.vague", "Numerous")),
        status="echo", origin="Hamas", party_only=True)
    no_numbers = b0.add(
        "But there are no specific numbers, or even rough estimates of how many Israeli soldiers killed, "
        "wounded or captured by the Resistance.",
        kind="self", findings=(("figures.missing", "no specific numbers"),),
        status="corroborated", origins=2)
    hamas_source = b0.add(
        "A source in Hamas told Aljazeera Net that the “losses in the ranks of the (Israeli) occupation are "
        "unprecedented and confirmed that the number of the Israeli dead is estimated in the hundreds.”",
        kind="anonymous", source="A source in Hamas", cue="told", via=("Al Jazeera",), actor="Hamas",
        anonymity=Anonymity("a source in Hamas", affiliation="Hamas"),
        quantities=(("in the hundreds", 200, 999, "israelis", "vague", "killed", True),),
        findings=(("anon.bare-descriptor", "A source in Hamas"),
                  ("second-hand.relayed", "told Aljazeera Net"),
                  ("party.source", "A source in Hamas"),
                  ("affiliation.relay", "Aljazeera Net",
                   "Al Jazeera is state-funded (Qatar; State Media Monitor)"),
                  ("figures.vague", "in the hundreds")),
        status="contradicted", origin="Hamas", party_only=True)
    b0.add(
        "The source, who spoke on condition of anonymity, also revealed that the initial Resistance attack "
        "included clashes with Israeli soldiers in 50 different military bases across border towns and "
        "settlements in southern Israel.",
        kind="anonymous", source="The source", cue="revealed", via=("Al Jazeera",), actor="Hamas",
        anonymity=Anonymity("a source in Hamas", affiliation="Hamas"), inherited_from=hamas_source,
        quantities=(("50", 50, 50, "military bases", "count", "clashes"),),
        findings=(("anon.no-reason", "who spoke on condition of anonymity"),
                  ("second-hand.relayed", "The source"),
                  ("party.source", "The source")),
        origin="Hamas", party_only=True)
    b0.add(
        "“Most of the officers of Israel’s Southern Command were captured, including the commander of the "
        "Gaza Division,” a high-ranking Israeli army general.",
        kind="anonymous", source="a high-ranking Israeli army general", cue=None,
        anonymity=Anonymity("a high-ranking Israeli army general", role_given=True, affiliation="Israeli"),
        quantities=(("Most of the officers", None, None, "officers", "vague", "captured", True),),
        findings=(("anon.no-reason", "a high-ranking Israeli army general"),
                  ("figures.vague", "Most of the officers")),
        origin="a high-ranking Israeli army general")
    enough_prisoners = b0.add(
        "We have enough Israeli prisoners to make it “possible to release all prisoners and (empty) all "
        "occupation’s prisons,” the source said.",
        kind="anonymous", source="the source", cue="said", via=("Al Jazeera",), actor="Hamas",
        anonymity=Anonymity("a source in Hamas", affiliation="Hamas"), inherited_from=hamas_source,
        findings=(("anon.bare-descriptor", "the source"), ("party.source", "the source")),
        status="echo", origin="Hamas", party_only=True)

    b1 = ClaimBuilder(d1)
    arouri = b1.add(
        "Hamas’s deputy chief, Saleh al-Arouri, has made a startling announcement that the group has captured "
        "enough Israeli soldiers to secure the release of all Palestinian prisoners held by Israeli authorities.",
        kind="named_person", source="Saleh al-Arouri", cue="announcement", actor="Hamas",
        findings=(("party.source", "Saleh al-Arouri"),), status="echo", origin="Hamas", party_only=True)
    b1.add(
        "In this unprecedented attack against Israel, Hamas has managed to kill and capture numerous Israeli "
        "soldiers, including senior officers.",
        quantities=(("numerous", None, None, "soldiers", "vague", "captured", True),),
        findings=(("unattributed.disputable", "kill and capture numerous Israeli soldiers"),
                  ("figures.vague", "numerous")))
    b1.add("However, exact figures have not been provided.", kind="none",
           findings=(("figures.missing", "exact figures have not been provided"),))
    addameer = b1.add(
        "At present, there are approximately 5,200 Palestinians incarcerated in Israeli jails, of which 33 are "
        "women, 170 are minors, and over 1,200 are held under administrative detention, according to "
        "Addameer, a prisoners’ rights NGO.",
        kind="named_org", source="Addameer", cue="according to",
        quantities=(("approximately 5,200", 4680, 5720, "palestinians", "count", "held"),
                    ("33", 33, 33, "women", "count", "held"),
                    ("170", 170, 170, "minors", "count", "held"),
                    ("over 1,200", 1200, float("inf"), "administrative detainees", "count", "held")),
        origin="Addameer")
    army = b1.add(
        "The Israeli army has acknowledged its losses, but has not released any official figures regarding "
        "casualties or prisoners of war.",
        kind="named_org", source="The Israeli army", cue="acknowledged", actor="Israel Defense Forces",
        findings=(("figures.missing", "has not released any official figures"),
                  ("party.source", "The Israeli army", None,
                   {"mitigation": "the party reports against its own interest", "weight": 0.1})),
        status="corroborated", origins=2, origin="Israel Defense Forces")
    dozens = b1.add(
        "The group launched an intense attack on Israel, resulting in dozens of casualties and hundreds injured.",
        quantities=(("dozens of casualties", 24, 99, "casualties", "vague", "killed", True),
                    ("hundreds injured", 200, 999, "injured", "vague", "injured", True)),
        findings=(("unattributed.disputable", "resulting in dozens of casualties"),
                  ("figures.vague", "dozens of casualties")),
        status="contradicted")
    footage = b1.add(
        "Additionally, footage shared on Hamas’s social media accounts appeared to show Israeli captives being "
        "moved alive into the Gaza Strip.",
        kind="document", source="footage shared on Hamas’s social media accounts", cue="appeared to show",
        actor="Hamas", findings=(("media.unverified", "appeared to show"),),
        status="echo", origin="Hamas", party_only=True, hedged=True)
    b1.add(
        "Observers have noted the possibility of an imminent land invasion by Israel, to which Hamas has "
        "responded by stating its preparedness for “the worst-case scenario.”",
        kind="unnamed_group", source="Observers", cue="noted",
        findings=(("anon.vague-group", "Observers"),))

    b2 = ClaimBuilder(d2)
    b2.add("'Israel's' invasion killed chance of releasing up to 50 captives: NYT", headline=True,
           kind="outlet", source="NYT", cue=None,
           quantities=(("up to 50", None, 50, "captives", "count", "released"),),
           findings=(("second-hand.relayed", "NYT"),))
    b2.add(
        "Shortly before \"Israel\" initiated its ground invasion of Gaza, negotiations were nearing a deal in "
        "which Hamas would release approximately 50 captives in exchange for a temporary pause, a report by "
        "The New York Times revealed.",
        kind="anonymous", source="sources familiar with the negotiations", cue="revealed",
        via=("The New York Times",),
        quantities=(("approximately 50", 45, 55, "captives", "count", "released"),),
        findings=(("second-hand.relayed", "a report by The New York Times"),))
    b2.add(
        "The update comes from sources familiar with the negotiations, including both Arab and Western "
        "officials, as per NYT.",
        kind="anonymous", source="sources familiar with the negotiations", cue="as per",
        via=("The New York Times",),
        anonymity=Anonymity("sources familiar with the negotiations", role_given=True,
                            affiliation="Arab and Western officials", reason_given=True, plural=True),
        findings=(("anon.bare-descriptor", "sources familiar with the negotiations", None,
                   {"mitigation": "reason given: due to the sensitivity of the discussions", "weight": 0.15}),
                  ("second-hand.relayed", "as per NYT", None,
                   {"suppressed": True})))
    b2.add(
        "According to a senior US official as quoted by CNN, \"Israel\" is unlikely to agree to a prolonged "
        "ceasefire without a substantial number of hostages being freed.",
        kind="anonymous", source="a senior US official", cue="According to", via=("CNN",),
        anonymity=Anonymity("a senior US official", role_given=False, affiliation="US"),
        quantities=(("a substantial number of hostages", None, None, "hostages", "vague", "freed", True),),
        findings=(("anon.bare-descriptor", "a senior US official"),
                  ("anon.no-reason", "a senior US official"),
                  ("second-hand.relayed", "as quoted by CNN")))
    b2.add(HOSTILE, quantities=(("12 captives", 12, 12, "captives", "count", "freed"),),
           findings=(("unattributed.disputable", "12 captives freed"),))
    b2.add("Part of the ongoing confrontations between Israeli police and Israeli captives' families."
           "#FreePalestine pic.twitter.com/Rtb48kM2fF",
           kind="self", findings=(("media.unverified", "pic.twitter.com/Rtb48kM2fF"),))
    b2.add(
        "It is noteworthy that the military spokesperson for al-Qassam Brigades, Abu Obeida, estimated that "
        "the number of captives held by the Resistance ranged between 200 and 250 captives, or more, revealing "
        "that al-Qassam Brigades alone had 200 Israeli captives.",
        kind="named_person", source="Abu Obeida", cue="estimated", actor="Hamas",
        quantities=(("between 200 and 250 captives", 200, 250, "captives", "count", "held"),
                    ("200 Israeli captives", 200, 200, "captives", "count", "held")),
        findings=(("party.source", "Abu Obeida"),), origin="Hamas", party_only=True)
    b2.add(
        "In turn, the Secretary-General of the Islamic Jihad Movement, Ziyad al-Nakhalah, announced that the "
        "movement has 30 Israeli captives.",
        kind="named_person", source="Ziyad al-Nakhalah", cue="announced", actor="Palestinian Islamic Jihad",
        quantities=(("30 Israeli captives", 30, 30, "captives", "count", "held"),),
        findings=(("party.source", "Ziyad al-Nakhalah"),), origin="Palestinian Islamic Jihad", party_only=True)

    link(enough_prisoners, arouri, "echoes",
         "same origin (Hamas: the anonymous Hamas source and deputy chief al-Arouri); both claim enough "
         "captives to free all Palestinian prisoners")
    link(videos, footage, "echoes", "same origin (Hamas social-media accounts); footage of captives")
    link(no_numbers, army, "corroborates",
         "independent origins (the outlet's own account; the Israeli army); both say no casualty figures exist")
    link(hamas_source, dozens, "conflicts",
         "Israeli dead on 7 October: figures in the hundreds vs dozens of casualties (israelis killed), "
         "same day", figure_relation="conflicting")

    claims = b0.claims + b1.claims + b2.claims
    docs = [d0, d1, d2]
    by_doc = [mix(d.id, [d], [c for c in claims if c.document == d.id]) for d in docs]
    by_outlet = [mix(d.outlet or "unknown", [d], [c for c in claims if c.document == d.id]) for d in docs]
    run = RunInfo(
        id="run-20231116T081500Z-3f9a",
        started="2023-11-16T08:15:00Z",
        tool_version="0.1.0",
        rules_hash="sha256:9d4c0a7be1f35e22",
        inputs=[{"path": d.path, "sha256": d.sha256} for d in docs]
        + [{"path": "seeds/broken|<b>feed</b>.jsonl", "sha256": "0" * 64}],
        reused=1,
    )
    return AuditResult(
        run=run,
        documents=docs,
        claims=claims,
        rules=list(RULES.values()),
        skipped=[
            Skipped("seeds/broken|<b>feed</b>.jsonl", 3, "invalid JSON: Expecting ',' delimiter: line 1 column 18"),
            Skipped("seeds/scan.pdf", None, "unsupported format .pdf (text, Markdown, HTML and JSON Lines are read)"),
        ],
        by_document=by_doc,
        by_outlet=by_outlet,
        previous_run="run-20231115T070000Z-b21c",
        changes={
            "new": [c.id for c in b2.claims[1:4]],
            "status_changed": [hamas_source.id],
            "revised_figures": [addameer.id],
            "newly_conflicting": [hamas_source.id, dozens.id],
            "removed": ["0badc0de-007", "0badc0de-008"],
        },
        removed_claims=[RemovedClaim("0badc0de-008", "seeds/old|draft.txt", 4, "An earlier draft said 12 were killed.")],
    )
