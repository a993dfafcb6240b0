"""Corroboration: matching across documents, origins, independence, links and verdicts.

Most tests build claims by hand from the seed articles' sentences, with the attribution the extractor is
expected to give; `test_seed_expectations_on_extracted_claims` runs the real pipeline on the seeds.
"""
from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import audit.corroborate as stage
import audit.corroborate.matching as matching
import audit.corroborate.verdicts as verdicts
from audit.corroborate import corroborate
from audit.corroborate.features import tokens, vocabulary
from audit.models import Anonymity, Attribution, Claim, Document, LinkRelation, MetaValue, Quantity, Span
from audit.quantities import FigureReader
from audit.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ACCEPTANCE = ROOT.parent / "shared" / "acceptance" / "seeds.yaml"

EVIDENCE = [{"for": ["speaks_for", "roles.war"], "claim": "test", "source": "test", "date": "2023"}]
TEST_REGISTRY = {
    "conflicts": [{"id": "war", "name": "Test war", "parties": ["Israel", "Hamas", "Palestinian Islamic Jihad"],
                   "evidence": [{"for": "parties", "claim": "test", "source": "test", "date": "2023"}]}],
    "actors": [
        {"name": "Israel", "kind": "state"},
        {"name": "Hamas", "kind": "group"},
        {"name": "Palestinian Islamic Jihad", "kind": "group", "aliases": ["Islamic Jihad"]},
        {"name": "Al-Qassam Brigades", "kind": "group", "aliases": ["al-Qassam", "Qassam Brigades"],
         "speaks_for": "Hamas", "roles": {"war": "organ_of_party"}, "evidence": EVIDENCE},
        {"name": "Abu Obeida", "kind": "person", "speaks_for": "Al-Qassam Brigades",
         "evidence": [{"for": "speaks_for", "claim": "test", "source": "test", "date": "2023"}]},
        {"name": "Addameer", "kind": "org"},
        {"name": "Al Jazeera", "kind": "outlet", "aliases": ["Aljazeera Net"]},
        {"name": "CNN", "kind": "outlet"},
        {"name": "ABC News", "kind": "outlet", "aliases": ["ABC"]},
        {"name": "The New York Times", "kind": "outlet", "aliases": ["NYT"]},
    ],
}


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Registry:
    folder = tmp_path_factory.mktemp("registry")
    (folder / "test.yaml").write_text(yaml.safe_dump(TEST_REGISTRY), encoding="utf-8")
    return Registry.load([folder])


# --- building claims by hand -------------------------------------------------------------------------

def make_doc(doc_id: str, outlet: str | None = None, published: str | None = None, text: str = "") -> Document:
    meta = {k: MetaValue(v, "test") for k, v in (("outlet", outlet), ("published", published)) if v}
    return Document(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, text=text, meta=meta)


def figure(text: str, low: float | None, high: float | None, unit: str, role: str | None = None,
           vague: bool = False) -> Quantity:
    return Quantity(text=text, start=0, end=len(text), low=low, high=high, unit=unit, role=role, vague=vague)


class Corpus:
    """Documents and claims built by hand; claim offsets are real when the document has text."""

    def __init__(self):
        self.docs: dict[str, Document] = {}
        self.claims: list[Claim] = []
        self.made = 0

    def doc(self, doc_id: str, outlet: str | None = None, published: str | None = None, text: str = "") -> str:
        self.docs[doc_id] = make_doc(doc_id, outlet, published, text)
        return doc_id

    def claim(self, doc_id: str, text: str, kind: str = "none", source: str | None = None,
              actor: str | None = None, via: tuple[str, ...] = (), via_text: tuple[str, ...] = (),
              affiliation: str | None = None, figures: tuple[Quantity, ...] = (), headline: bool = False,
              inherited: bool = False) -> Claim:
        doc = self.docs[doc_id]
        start = doc.text.find(text) if doc.text else -1
        if start < 0:
            start = 10_000 * self.made
        span = lambda part: Span(start + text.find(part), start + text.find(part) + len(part), part)  # noqa: E731
        attribution = Attribution(
            kind=kind, source=source, actor=actor, via=list(via), inherited=inherited,
            source_span=span(source) if source and source in text else None,
            via_spans=[span(v) for v in via_text if v in text],
            anonymity=Anonymity(descriptor=source or "", affiliation=affiliation) if kind == "anonymous" else None)
        index = self.made
        self.made += 1
        c = Claim(id=f"{doc_id}#{index}", document=doc_id, text=text, start=start, end=start + len(text),
                  line=1, col=1, is_headline=headline, index=index, quantities=list(figures),
                  attribution=attribution)
        self.claims.append(c)
        return c

    def run(self, registry: Registry, prior=()) -> None:
        corroborate(self.claims, self.docs, registry, prior)


def relation_between(a: Claim, b: Claim) -> str | None:
    found = {link.relation for link in a.corroboration.links if link.claim == b.id}
    found |= {link.relation for link in b.corroboration.links if link.claim == a.id}
    assert len(found) <= 1, f"both sides must agree: {found}"
    return found.pop() if found else None


# --- the seed articles, as the extractor is expected to read them ---------------------------------

def seed_corpus() -> tuple[Corpus, dict[str, Claim]]:
    text = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    k = Corpus()
    k.doc("000", "The Palestine Chronicle", None, text["000"])
    k.doc("001", None, "2023-11-14", text["001"])
    k.doc("002", None, "2023-11-15", text["002"])
    k.doc("003", "Al Mayadeen English", None, text["003"])
    k.doc("004", "Daily News Egypt", None, text["004"])
    c = {}
    c["000 question"] = k.claim("000", "What do we know about the number of Israeli soldiers killed and captured "
                                "by Palestinian Resistance?")
    c["000 no numbers"] = k.claim("000", "But there are no specific numbers, or even rough estimates of how many "
                                  "Israeli soldiers killed, wounded or captured by the Resistance.")
    c["000 source"] = k.claim(
        "000", "A source in Hamas told Aljazeera Net that the “losses in the ranks of the (Israeli) occupation are "
        "unprecedented and confirmed that the number of the Israeli dead is estimated in the hundreds.”",
        "anonymous", "A source in Hamas", "Hamas", ("Al Jazeera",), ("Aljazeera Net",), "Hamas",
        (figure("in the hundreds", 200, 999, "israelis", "killed", vague=True),))
    c["000 officers"] = k.claim(
        "000", "“Most of the officers of Israel’s Southern Command were captured, including the commander of the "
        "Gaza Division,” a high-ranking Israeli army general.",
        "anonymous", "a high-ranking Israeli army general", affiliation="Israeli",
        figures=(figure("Most of the officers", None, None, "officers", "captured", vague=True),))
    c["000 enough"] = k.claim(
        "000", "We have enough Israeli prisoners to make it “possible to release all prisoners and (empty) all "
        "occupation’s prisons,” the source said.", "anonymous", "the source", "Hamas", ("Al Jazeera",),
        affiliation="Hamas", inherited=True)
    c["000 take long"] = k.claim(
        "000", "“Any negotiation process in this regard will not take long, given the size of the military ranks "
        "of the Israeli prisoners (who are held by) the Resistance,” the source said.",
        "anonymous", "the source", "Hamas", ("Al Jazeera",), affiliation="Hamas", inherited=True)
    c["001 arouri"] = k.claim(
        "001", "Hamas’s deputy chief, Saleh al-Arouri, has made a startling announcement that the group has "
        "captured enough Israeli soldiers to secure the release of all Palestinian prisoners held by Israeli "
        "authorities.", "named_person", "Hamas’s deputy chief, Saleh al-Arouri", "Hamas")
    c["001 kill"] = k.claim(
        "001", "In this unprecedented attack against Israel, Hamas has managed to kill and capture numerous "
        "Israeli soldiers, including senior officers.",
        figures=(figure("numerous", None, None, "soldiers", "killed", vague=True),))
    c["001 addameer"] = k.claim(
        "001", "At present, there are approximately 5,200 Palestinians incarcerated in Israeli jails, of which 33 "
        "are women, 170 are minors, and over 1,200 are held under administrative detention, according to "
        "Addameer, a prisoners’ rights NGO.", "named_org", "Addameer",
        figures=(figure("approximately 5,200", 4680, 5720, "palestinians", "detained"),
                 figure("33", 33, 33, "women", "detained"), figure("170", 170, 170, "minors", "detained"),
                 figure("over 1,200", 1200, None, "palestinians", "administrative detention")))
    c["002 leaks"] = k.claim(
        "002", "Recent leaks reported that Hamas and Israel are holding advanced talks regarding a prisoner "
        "exchange deal mediated by Qatar and the United States, with a senior official expecting a breakthrough "
        "soon.", "anonymous", "Recent leaks")
    c["002 abc"] = k.claim(
        "002", "A senior Israeli source told the American ABC network that progress is being made regarding the "
        "prisoner deal, and “a breakthrough may be achieved within the next 48 to 72 hours.”",
        "anonymous", "A senior Israeli source", via=("ABC News",), via_text=("ABC",), affiliation="Israeli")
    c["002 240"] = k.claim(
        "002", "During the first day of Operation Al-Aqsa Flood, Hamas and the resistance factions captured about "
        "240 Israelis, and said they wanted to exchange them for more than 6,000 Palestinian prisoners in "
        "occupation prisons.",
        figures=(figure("about 240", 216, 264, "israelis", "captured"),
                 figure("more than 6,000", 6000, None, "palestinians", "detained")))
    c["002 martyrdom"] = k.claim(
        "002", "Until now, the Israeli aggression has led to the martyrdom of more than 11,000 Palestinians, the "
        "complete destruction of the health sector, and the displacement of most of the population, but the "
        "occupation has not succeeded in liberating a single prisoner and has not reached any of the resistance "
        "leaders.", figures=(figure("more than 11,000", 11000, None, "palestinians", "killed"),))
    c["003 headline"] = k.claim("003", "'Israel's' invasion killed chance of releasing up to 50 captives: NYT",
                                "outlet", "NYT", headline=True,
                                figures=(figure("up to 50", None, 50, "captives", "released"),))
    c["003 nyt"] = k.claim(
        "003", "Shortly before \"Israel\" initiated its ground invasion of Gaza, negotiations were nearing a deal "
        "in which Hamas would release approximately 50 captives in exchange for a temporary pause, a report by "
        "The New York Times revealed.", "document", "a report", via=("The New York Times",),
        via_text=("The New York Times",), figures=(figure("approximately 50", 45, 55, "captives", "released"),))
    c["003 resumed"] = k.claim(
        "003", "The negotiations were later resumed after a few days and are currently ongoing, the report added.",
        "document", "the report", via=("The New York Times",), inherited=True)
    c["003 cnn"] = k.claim(
        "003", "According to a senior US official as quoted by CNN, \"Israel\" is unlikely to agree to a "
        "prolonged ceasefire without a substantial number of hostages being freed.",
        "anonymous", "a senior US official", via=("CNN",), via_text=("CNN",), affiliation="US")
    c["003 multiparty"] = k.claim(
        "003", "The multi-party discussions, with Qatar playing a central mediation role, have been ongoing for "
        "weeks and have generated several proposals, including the release of approximately 10 to 15 captives "
        "in exchange for a one- or two-day ceasefire, as stated by diplomatic sources with insights into the "
        "negotiations.", "anonymous", "diplomatic sources with insights into the negotiations",
        figures=(figure("approximately 10 to 15", 9, 16.5, "captives", "released"),))
    c["003 obeida"] = k.claim(
        "003", "It is noteworthy that the military spokesperson for al-Qassam Brigades, Abu Obeida, estimated "
        "that the number of captives held by the Resistance ranged between 200 and 250 captives, or more, "
        "revealing that al-Qassam Brigades alone had 200 Israeli captives.",
        "named_person", "Abu Obeida", "Al-Qassam Brigades",
        figures=(figure("between 200 and 250", 200, 250, "captives", "held"),
                 figure("200", 200, 200, "captives", "held")))
    c["003 nakhalah"] = k.claim(
        "003", "In turn, the Secretary-General of the Islamic Jihad Movement, Ziyad al-Nakhalah, announced that "
        "the movement has 30 Israeli captives.", "named_person", "Ziyad al-Nakhalah", "Palestinian Islamic Jihad",
        figures=(figure("30", 30, 30, "captives", "held"),))
    c["004 headline"] = k.claim(
        "004", "Palestinian resistance kills 9 Israeli soldiers and destroys 22 tanks in ground battles",
        headline=True, figures=(figure("9", 9, 9, "soldiers", "killed"), figure("22", 22, 22, "tanks", "destroyed")))
    c["004 qassam"] = k.claim(
        "004", "The Al-Qassam Brigades, the military wing of Hamas, said that its fighters killed 9 Israeli "
        "soldiers and destroyed or damaged 22 tanks and vehicles in various areas of the Gaza Strip.",
        "named_org", "The Al-Qassam Brigades", "Al-Qassam Brigades",
        figures=(figure("9", 9, 9, "soldiers", "killed"), figure("22", 22, 22, "tanks", "destroyed")))
    c["004 cnn"] = k.claim(
        "004", "Meanwhile, a US official told CNN that Hamas and Israel are close to reaching an agreement to "
        "release detainees in the Gaza Strip in exchange for a temporary truce.",
        "anonymous", "a US official", via=("CNN",), via_text=("CNN",), affiliation="US")
    c["004 israeli"] = k.claim(
        "004", "An Israeli official confirmed that negotiations regarding the detainees are ongoing with the "
        "mediation of Qatar, US intelligence, and Israel’s Mossad.", "anonymous", "An Israeli official",
        affiliation="Israeli")
    c["004 nakhalah"] = k.claim(
        "004", "The Secretary-General of the Islamic Jihad, Ziad Al-Nakhalah, said that they would not give up "
        "their prisoners easily and that they would demand better conditions for their release.",
        "named_person", "The Secretary-General of the Islamic Jihad, Ziad Al-Nakhalah", "Palestinian Islamic Jihad")
    return k, c


def test_seed_links_and_statuses(registry):
    corpus, c = seed_corpus()
    corpus.run(registry)
    assert relation_between(c["002 240"], c["003 obeida"]) == "corroborates"
    assert relation_between(c["003 nyt"], c["004 cnn"]) == "corroborates"
    assert relation_between(c["000 enough"], c["001 arouri"]) == "echoes"
    assert relation_between(c["001 addameer"], c["002 240"]) == "conflicts"
    assert c["004 israeli"].corroboration.status == "corroborated"
    for name in ("004 headline", "004 qassam", "000 officers"):
        assert c[name].corroboration.status != "corroborated", (name, c[name].corroboration)
    assert c["001 addameer"].corroboration.status == "contradicted"
    assert c["002 240"].corroboration.status == "contested"
    assert c["000 enough"].corroboration.origin == "Hamas"
    assert c["000 enough"].corroboration.party_only


def test_seed_link_explanations(registry):
    corpus, c = seed_corpus()
    corpus.run(registry)
    why = {link.claim: link.why for link in c["000 enough"].corroboration.links}
    assert why[c["001 arouri"].id].startswith("same origin (Hamas)")
    why = {link.claim: link.why for link in c["001 addameer"].corroboration.links}
    assert why[c["002 240"].id] == "figures approximately 5,200 vs more than 6,000 (palestinians detained), 1 day apart"


def test_a_question_without_copies_is_linked_to_nothing(registry):
    corpus, c = seed_corpus()
    corpus.run(registry)
    assert c["000 question"].corroboration.links == []
    assert all(link.claim != c["000 question"].id for x in corpus.claims for link in x.corroboration.links)


@pytest.mark.parametrize("first, second", [
    ("“How many times do we have to see this in our country?”", "How many times do we have to see this in our country?"),
    ("In Tulsa, an unarmed man with his hands in the air?", "“In Tulsa, an unarmed man with his hands in the air.”"),
])
def test_a_quoted_question_copied_by_two_outlets_echoes(registry, first, second):
    """A question asserts nothing, but two outlets quoting it word for word copy one statement."""
    a, b = _pair(registry, first, second)
    assert relation_between(a, b) == "echoes"


# --- independence rules -------------------------------------------------------------------------

TALKS = ("Hamas and Israel are close to reaching an agreement to release detainees in the Gaza Strip "
         "in exchange for a temporary truce mediated by Qatar")
TALKS_REWORDED = ("Israel and Hamas are nearing a deal under which hostages in Gaza would be freed in exchange "
                  "for a temporary ceasefire, with Qatar mediating")


def test_sources_of_one_organisation_are_one_origin(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    obeida = k.claim("a", f"Abu Obeida said that {TALKS}.", "named_person", "Abu Obeida")
    hamas = k.claim("b", f"A source in Hamas said that {TALKS_REWORDED}.", "anonymous", "A source in Hamas", "Hamas")
    k.run(registry)
    assert relation_between(obeida, hamas) == "echoes"
    for c in (obeida, hamas):
        assert c.corroboration.status == "echo"
        assert c.corroboration.independent_origins == 1
        assert c.corroboration.origin == "Hamas"
        assert c.corroboration.party_only


def test_anonymous_source_relayed_by_several_outlets_counts_once(registry):
    k = Corpus()
    relays = []
    for name, wording in (("a", TALKS), ("b", TALKS_REWORDED), ("c", TALKS.replace("close to reaching", "near"))):
        k.doc(name, f"Outlet {name.upper()}")
        relays.append(k.claim(name, f"A US official told CNN that {wording}.", "anonymous", "A US official",
                              via=("CNN",), via_text=("CNN",), affiliation="US"))
    k.run(registry)
    for c in relays:
        assert c.corroboration.status == "echo"
        assert c.corroboration.independent_origins == 1
        assert c.corroboration.origin == "anonymous@CNN"
        assert {link.relation for link in c.corroboration.links} == {"echoes"}


def test_own_reporting_is_its_own_origin(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    a = k.claim("a", f"{TALKS}.")
    b = k.claim("b", f"{TALKS_REWORDED}.")
    k.run(registry)
    assert relation_between(a, b) == "corroborates"
    assert (a.corroboration.origin, b.corroboration.origin) == ("Outlet A", "Outlet B")
    assert a.corroboration.independent_origins == b.corroboration.independent_origins == 2
    assert a.corroboration.status == b.corroboration.status == "corroborated"
    assert not a.corroboration.party_only


def test_anonymous_sources_of_different_outlets_are_independent(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    a = k.claim("a", f"An Israeli official said {TALKS}.", "anonymous", "An Israeli official", affiliation="Israeli")
    b = k.claim("b", f"A diplomat said {TALKS_REWORDED}.", "anonymous", "A diplomat")
    k.run(registry)
    assert relation_between(a, b) == "corroborates"
    assert a.corroboration.origin == "anonymous:Israeli@Outlet A"
    assert b.corroboration.origin == "anonymous@Outlet B"


def test_verbatim_copies_count_once(registry):
    k = Corpus()
    copies = []
    for name, day in (("b", "2023-11-02"), ("a", "2023-11-01"), ("c", "2023-11-03")):
        k.doc(name, f"Outlet {name.upper()}", day)
        copies.append(k.claim(name, f"{TALKS}."))
    k.run(registry)
    for c in copies:
        assert c.corroboration.status == "echo"
        assert c.corroboration.independent_origins == 1
        assert c.corroboration.origin == "Outlet A"          # the earliest copy is the origin
        assert len(c.corroboration.links) == 2
        assert all(link.why.startswith("verbatim copy") for link in c.corroboration.links)


def test_near_copies_count_once(registry):
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-01")
    k.doc("b", "Outlet B", "2023-11-02")
    k.doc("c", "Outlet C", "2023-11-02")
    a = k.claim("a", f"Officials say {TALKS}, and an announcement could come within days.")
    b = k.claim("b", f"Officials say {TALKS}, and an announcement could come within hours.")
    c = k.claim("c", f"{TALKS_REWORDED}.")
    k.run(registry)
    assert relation_between(a, b) == "echoes"
    assert "near-verbatim copy" in next(link.why for link in b.corroboration.links if link.claim == a.id)
    assert b.corroboration.origin == "Outlet A"
    assert relation_between(a, c) == relation_between(b, c) == "corroborates"
    assert c.corroboration.independent_origins == 2           # Outlet C, and A's text reprinted by B


def test_names_alone_do_not_make_a_match(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    a = k.claim("a", "Bernie Sanders met Donald Trump and Hillary Clinton in Vermont.")
    b = k.claim("b", "In Vermont, Hillary Clinton mocked Donald Trump and praised Bernie Sanders.")
    k.run(registry)
    assert relation_between(a, b) is None


def test_claims_of_under_three_content_words_are_not_matched_even_verbatim(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    short = [k.claim(d, text) for d in "ab" for text in ("Letters.", "Talks resumed.")]
    k.run(registry)
    assert all(c.corroboration.links == [] and c.corroboration.status == "uncorroborated" for c in short)


def test_short_quotes_reprinted_with_small_changes_are_copies(registry):
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-01")
    k.doc("b", "Outlet B", "2023-11-02")
    a = k.claim("a", "You walk down the street and you get shot by a sniper.")
    b = k.claim("b", "You walk down the street, you get shot by a sniper.")
    k.run(registry)
    assert relation_between(a, b) == "echoes"
    assert b.corroboration.origin == "Outlet A"


def test_same_document_and_distant_dates_are_not_compared(registry):
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-01")
    k.doc("b", "Outlet B", "2024-06-01")
    first = k.claim("a", f"{TALKS}.")
    again = k.claim("a", f"{TALKS_REWORDED}.")
    later = k.claim("b", f"Reports say {TALKS_REWORDED.lower()}.")
    k.run(registry)
    assert all(c.corroboration.links == [] for c in (first, again, later))


# --- verdicts and figures ----------------------------------------------------------------------

PRISONERS = {   # one count reported three ways: {0} the figure, {1} the source
    "a": "There are {0} Palestinians held in Israeli jails, including women and minors, according to {1}.",
    "b": "{1} counts {0} Palestinian prisoners in Israeli prisons, among them children and women.",
    "c": "Israeli prisons now hold {0} Palestinians, women and minors among them, {1} said on Tuesday.",
}


def prisoner_claims(k: Corpus, values: dict[str, tuple[str, float, float | None]], days: dict[str, str] | None = None):
    out = {}
    for name, (text, low, high) in values.items():
        k.doc(name, f"Outlet {name.upper()}", (days or {}).get(name))
        source = f"group {name.upper()}"
        out[name] = k.claim(name, PRISONERS[name].format(text, source), "named_org", source,
                            figures=(figure(text, low, high, "palestinians", "detained"),))
    return out


def test_uncorroborated_when_nobody_else_reports_it(registry):
    k = Corpus()
    c = prisoner_claims(k, {"a": ("5,200", 5200, 5200)})["a"]
    k.doc("b", "Outlet B")
    k.claim("b", "The International Criminal Court prosecutor warned of the consequences of blocking aid.")
    k.run(registry)
    assert c.corroboration.status == "uncorroborated"
    assert c.corroboration.links == []
    assert c.corroboration.independent_origins == 1
    assert c.corroboration.origin == "group A"


def test_conflicting_figures_contradict(registry):
    k = Corpus()
    c = prisoner_claims(k, {"a": ("approximately 5,200", 4680, 5720), "b": ("more than 6,000", 6000, None)},
                        {"a": "2023-11-14", "b": "2023-11-15"})
    k.run(registry)
    assert relation_between(c["a"], c["b"]) == "conflicts"
    assert c["a"].corroboration.status == c["b"].corroboration.status == "contradicted"
    assert c["a"].corroboration.links[0].why == \
        "figures approximately 5,200 vs more than 6,000 (palestinians detained), 1 day apart"
    assert c["a"].corroboration.independent_origins == 1      # a conflicting report does not corroborate


def test_contested_when_corroborated_and_contradicted(registry):
    k = Corpus()
    c = prisoner_claims(k, {"a": ("about 5,200", 4680, 5720), "b": ("5,000", 5000, 5000),
                            "c": ("more than 6,000", 6000, None)},
                        dict.fromkeys("abc", "2023-11-14"))     # undated, one figure alone is too little
    k.run(registry)
    assert relation_between(c["a"], c["b"]) == "corroborates"
    assert relation_between(c["a"], c["c"]) == "conflicts"
    assert c["a"].corroboration.status == "contested"
    assert c["b"].corroboration.status == "contested"         # 5,000 vs more than 6,000 conflict too
    assert c["a"].corroboration.independent_origins == 2


def test_conflict_from_the_same_origin_does_not_contradict(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    text = "Addameer said there are {} Palestinians held in Israeli jails, including women and minors."
    a = k.claim("a", text.format("5,200"), "named_org", "Addameer",
                figures=(figure("5,200", 5200, 5200, "palestinians", "detained"),))
    b = k.claim("b", text.format("6,300"), "named_org", "Addameer",
                figures=(figure("6,300", 6300, 6300, "palestinians", "detained"),))
    k.run(registry)
    assert relation_between(a, b) == "conflicts"
    assert a.corroboration.status == "uncorroborated"
    assert "same origin (Addameer)" in a.corroboration.links[0].why


@pytest.mark.parametrize("figure_relation, later, link, status", [
    ("conflicting", "2023-11-02", "conflicts", "contradicted"),
    ("update", "2023-11-20", "updates", "uncorroborated"),         # successive values confirm nothing
    ("revision_down", "2023-11-20", "updates", "uncorroborated"),
    ("part", "2023-11-02", None, "uncorroborated"),                # a part is not the same report
    ("compatible", "2023-11-02", "corroborates", "corroborated"),
    ("compatible", "2023-11-20", None, "uncorroborated"),          # too far apart to be one event
])
def test_figure_relations_decide_links(registry, monkeypatch, figure_relation, later, link, status):
    monkeypatch.setattr(FigureReader, "relation", lambda self, a, b, days=None: figure_relation)
    k = Corpus()
    c = prisoner_claims(k, {"a": ("5,200", 5200, 5200), "b": ("7,000", 7000, 7000)},
                        {"a": "2023-11-01", "b": later})
    k.run(registry)
    assert relation_between(c["a"], c["b"]) == link
    assert c["a"].corroboration.status == status
    whys = [link.why for link in c["a"].corroboration.links]
    change = {"update": "update", "revision_down": "revision down"}.get(figure_relation)
    assert any(f"{change} 5,200 then 7,000 (palestinians detained), 19 days apart" in w for w in whys) == \
        (change is not None)


def test_vague_figures_never_conflict(registry, monkeypatch):
    monkeypatch.setattr(FigureReader, "relation", lambda self, a, b, days=None: "conflicting")
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    a = k.claim("a", "Hamas fighters killed 9 Israeli soldiers and destroyed 22 tanks in ground battles in Gaza.",
                figures=(figure("9", 9, 9, "soldiers", "killed"),))
    b = k.claim("b", "Hamas fighters killed dozens of Israeli soldiers and destroyed tanks in ground battles in Gaza.",
                figures=(figure("dozens", 24, 99, "soldiers", "killed", vague=True),))
    k.run(registry)
    assert relation_between(a, b) == "corroborates"


def test_party_only_when_every_origin_is_a_party(registry):
    k = Corpus()
    k.doc("a", "Outlet A")
    k.doc("b", "Outlet B")
    k.doc("c", "Outlet C")
    qassam = k.claim("a", "The Al-Qassam Brigades said its fighters killed 9 Israeli soldiers and destroyed 22 "
                     "tanks in ground battles in Gaza.", "named_org", "The Al-Qassam Brigades", "Al-Qassam Brigades")
    jihad = k.claim("b", "Islamic Jihad said fighters killed 9 Israeli soldiers and destroyed 22 tanks during "
                    "ground battles in the Gaza Strip.", "named_org", "Islamic Jihad")
    k.run(registry)
    assert relation_between(qassam, jihad) == "corroborates"
    assert qassam.corroboration.party_only and jihad.corroboration.party_only
    witness = k.claim("c", "Fighters destroyed 22 tanks and killed 9 Israeli soldiers during the ground battles "
                      "around Gaza, witnesses told reporters.", "unnamed_group", "witnesses")
    k.run(registry)
    assert not qassam.corroboration.party_only
    assert witness.corroboration.origin == "unnamed:witnesses@Outlet C"


# --- no transitive closure, prior claims ---------------------------------------------------------

def test_matches_are_decided_per_pair_not_chained(registry):
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-14")
    k.doc("b", "Outlet B", "2023-11-14")
    k.doc("c", "Outlet C", "2023-11-14")
    a = k.claim("a", "Qatar mediated talks between Hamas and Israel on releasing hostages in exchange for a truce.")
    b = k.claim("b", "Qatar mediated talks on releasing hostages for a truce, while Israeli tanks and troops "
                "advanced on Khan Younis hospital.")
    c = k.claim("c", "Israeli tanks and troops advanced on Khan Younis hospital, where thousands of displaced "
                "people shelter.")
    k.run(registry)
    assert relation_between(a, b) == "corroborates"
    assert relation_between(b, c) == "corroborates"
    assert relation_between(a, c) is None


def test_new_claims_match_prior_claims_which_stay_untouched(registry):
    earlier = Corpus()
    earlier.doc("old", "Outlet Old", "2023-11-01")
    old = earlier.claim("old", f"{TALKS}.")
    earlier.run(registry)
    before = (old.corroboration.status, list(old.corroboration.links))
    k = Corpus()
    k.doc("new", "Outlet New", "2023-11-03")
    new = k.claim("new", f"{TALKS_REWORDED}.")
    k.run(registry, prior=[(old, earlier.docs["old"])])
    assert [link.claim for link in new.corroboration.links] == [old.id]
    assert new.corroboration.status == "corroborated"
    assert (old.corroboration.status, old.corroboration.links) == before


# --- properties ------------------------------------------------------------------------------------

WORDS = ("hamas israel qatar hostages captives detainees release freed truce pause ceasefire deal agreement "
         "talks negotiations killed soldiers gaza tanks prisoners jails officials said the a of in and").split()
KINDS = ("none", "self", "anonymous", "named_person", "named_org", "outlet", "unnamed_group", "document")
SOURCES = (None, "Hamas", "Abu Obeida", "Addameer", "CNN", "a source", "observers", "Unknown Person")

claim_specs = st.lists(st.tuples(
    st.integers(0, 3),                                              # document
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=14),      # words
    st.sampled_from(KINDS), st.sampled_from(SOURCES),
    st.lists(st.sampled_from(("CNN", "Al Jazeera", "Unknown Outlet")), max_size=2),
    st.lists(st.tuples(st.integers(1, 400), st.integers(0, 100), st.booleans(),
                       st.sampled_from(("captives", "palestinians", None))), max_size=2),
    st.booleans(),                                                  # headline
    st.booleans(),                                                  # prior
    st.booleans(),                                                  # a verbatim copy of the previous claim
), max_size=14)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=claim_specs, dates=st.lists(st.sampled_from([None, "2023-11-01", "2023-11-09", "2024-05-01"]),
                                         min_size=4, max_size=4))
def test_random_claim_sets(registry, specs, dates):
    k = Corpus()
    for d in range(4):
        k.doc(f"d{d}", [None, "Outlet A", "Outlet B", "Al Jazeera"][d], dates[d])
    prior = []
    text = ""
    for doc, words, kind, source, via, figs, headline, is_prior, copy in specs:
        if not (copy and text):
            text = " ".join(words) + ("?" if len(words) % 5 == 4 else ".")
        quantities = tuple(figure(str(n), n, n + spread, unit, vague=vague) for n, spread, vague, unit in figs)
        c = k.claim(f"d{doc}", text, kind, source, via=tuple(via), figures=quantities, headline=headline)
        if is_prior:
            k.claims.remove(c)
            prior.append((c, k.docs[c.document]))
    k.run(registry, prior)
    new = {c.id: c for c in k.claims}
    by_id = new | {c.id: c for c, _ in prior}
    for c in k.claims:
        cor = c.corroboration
        assert cor.status in ("corroborated", "echo", "uncorroborated", "contradicted", "contested")
        assert cor.independent_origins >= 1 and cor.origin
        for link in cor.links:
            assert link.claim != c.id and by_id[link.claim].document != c.document
            other = new.get(link.claim)
            if other is not None:
                back = [x.relation for x in other.corroboration.links if x.claim == c.id]
                assert back == [link.relation]


# --- the real pipeline on the seeds -------------------------------------------------------------

@pytest.mark.skipif(not ACCEPTANCE.exists(), reason="../shared/acceptance is not beside the project")
def test_seed_expectations_on_extracted_claims(seed_result):
    result = seed_result
    spec = yaml.safe_load(ACCEPTANCE.read_text(encoding="utf-8"))
    docs = {Path(d.path).name: d.id for d in result.documents}
    norm = lambda s: " ".join(s.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()  # noqa: E731

    def find(doc: str, quote: str) -> Claim:
        return next(c for c in result.claims if c.document == docs[doc] and norm(quote) in norm(c.text))

    failures = []
    for e in spec["claims"]:
        status = find(e["doc"], e["quote"]).corroboration.status
        if "status" in e and status != e["status"]:
            failures.append(f"{e['quote']}: {status}, want {e['status']}")
        if status in e.get("status_not", []):
            failures.append(f"{e['quote']}: must not be {status}")
    for e in spec["links"]:
        a, b = find(**e["a"]), find(**e["b"])
        got = relation_between(a, b)
        if got != e["relation"]:
            failures.append(f"{e['a']['quote']} ~ {e['b']['quote']}: {got}, want {e['relation']}")
    assert not failures, failures


# --- events: predicate, participants, time, mood; copies ------------------------------------------

def _pair(registry, first: str, second: str, days=("2023-11-01", "2023-11-01")) -> tuple[Claim, Claim]:
    k = Corpus()
    k.doc("a", "Outlet A", days[0])
    k.doc("b", "Outlet B", days[1])
    a, b = k.claim("a", first), k.claim("b", second)
    k.run(registry)
    return a, b


def test_topical_overlap_without_a_shared_event_links_nothing(registry):
    a, b = _pair(registry, "Qatar's emir hosted Hamas leaders and Israeli envoys in Doha.",
                 "Hamas leaders left Doha for Cairo as Israeli envoys stayed in Qatar.")
    assert relation_between(a, b) is None


def test_a_corroboration_names_the_event_it_matched_on(registry):
    a, b = _pair(registry, f"{TALKS}.", f"{TALKS_REWORDED}.")
    assert relation_between(a, b) == "corroborates"
    why = a.corroboration.links[0].why
    assert why.startswith("independent origin (Outlet B); same event: ")
    event = why.split("same event: ")[1]
    assert "release" in event and "truce" in event and "hamas" in event


def test_undated_claims_need_two_signs_of_one_event(registry):
    one = ("Israeli tanks advanced on the Khan Younis hospital at dawn.",
           "At dawn Israeli tanks advanced on Khan Younis and its hospital.")
    assert relation_between(*_pair(registry, *one, days=(None, None))) is None
    assert relation_between(*_pair(registry, *one)) == "corroborates"
    two = ("Israeli tanks advanced on Khan Younis and shelled its hospital at dawn.",
           "At dawn Israeli tanks shelled the hospital after they advanced on Khan Younis.")
    assert relation_between(*_pair(registry, *two, days=(None, None))) == "corroborates"


def test_one_event_told_far_apart_is_not_corroborated_unless_both_name_its_date(registry):
    first = "Hamas fighters killed soldiers at the Erez crossing{}, the army said."
    second = "Soldiers died near Erez{} when Hamas fighters stormed the crossing, according to the army."
    days = ("2023-10-08", "2023-11-20")
    a, b = _pair(registry, first.format(""), second.format(""), days)
    assert relation_between(a, b) is None
    a, b = _pair(registry, first.format(" on Oct. 7"), second.format(" on October 7"), days)
    assert relation_between(a, b) == "corroborates"


def test_a_denial_contradicts_and_says_so(registry):
    a, b = _pair(registry, "Israel and Hamas are close to a deal on hostages, Qatar's mediators say.",
                 "Israel and Hamas are not close to a deal on hostages, Qatar's mediators say.")
    assert relation_between(a, b) == "conflicts"
    assert a.corroboration.status == b.corroboration.status == "contradicted"
    assert a.corroboration.links[0].why.startswith("opposite assertions: one denies what the other asserts")
    assert a.corroboration.links[0].figure_relation is None


def test_a_possibility_neither_confirms_nor_denies_a_fact(registry):
    a, b = _pair(registry, "Hamas released four hostages in Gaza to the Red Cross on Friday.",
                 "Hamas may release four hostages in Gaza to the Red Cross on Friday, mediators said.")
    assert relation_between(a, b) is None


@pytest.mark.parametrize("demand", [
    "Protesters have been demanding that Charlotte police release the body camera video of Keith Scott.",
    "The family called on Charlotte police to release the body camera video of Keith Scott.",
])
def test_a_demanded_event_does_not_confirm_that_it_happened(registry, demand):
    fact = "Charlotte police released the body camera video of Keith Scott on Saturday."
    a, b = _pair(registry, fact, demand)
    assert relation_between(a, b) is None
    a, b = _pair(registry, fact, "Keith Scott's final moments appear in body camera footage that Charlotte police released.")
    assert relation_between(a, b) == "corroborates"                  # the same fact, told as a fact


def test_wins_of_other_contests_are_two_events(registry):
    """A candidate wins many contests, many on one day: the named contest and rival identify the win."""
    a, b = _pair(registry, "Clinton won the Nevada caucuses, beating Sanders in the state.",
                 "Clinton won the primary in Ohio, the third win of her Tuesday.")
    assert relation_between(a, b) is None
    a, b = _pair(registry, "Kasich scored his first win, grabbing all 66 delegates in the Ohio primary.",
                 "Sanders scored a decisive victory in Tuesday's New Hampshire presidential primary.")
    assert relation_between(a, b) is None


@pytest.mark.parametrize("first, second", [
    ("Hillary Clinton won the Nevada Democratic caucuses, beating Bernie Sanders.",
     "Clinton won the Democratic caucuses in Nevada on Saturday, defeating Sanders."),
    ("Donald Trump won the South Carolina Republican primary on Saturday.",
     "In South Carolina, Trump won the primary with a big lead over Marco Rubio."),
])
def test_one_win_told_with_other_details_is_one_event(registry, first, second):
    """Sharing the winner and the contest makes one win, whatever other names each adds."""
    a, b = _pair(registry, first, second)
    assert relation_between(a, b) == "corroborates"


def test_other_names_do_not_split_a_death(registry):
    """The names around a death are mostly detail (a kibbutz, its region): they do not make two events."""
    a, b = _pair(registry, "Vivian Silver, the peace activist, was murdered by Hamas in Kibbutz Beeri.",
                 "Vivian Silver, a peace activist, was confirmed killed by Hamas in southern Israel.")
    assert relation_between(a, b) == "corroborates"


def test_successive_values_of_a_count_update_and_do_not_corroborate(registry, monkeypatch):
    monkeypatch.setattr(FigureReader, "relation", lambda self, a, b, days=None: "update")
    k = Corpus()
    c = prisoner_claims(k, {"a": ("5,200", 5200, 5200), "b": ("7,000", 7000, 7000)},
                        {"a": "2023-11-01", "b": "2023-11-20"})
    k.run(registry)
    assert relation_between(c["a"], c["b"]) == "updates"
    assert c["a"].corroboration.independent_origins == 1
    assert "same count: " in c["a"].corroboration.links[0].why


def test_figures_of_different_frames_are_not_one_event(registry):
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-01")
    k.doc("b", "Outlet B", "2023-11-01")
    a = k.claim("a", "Israeli strikes on Gaza killed 9,000 Palestinians, the health ministry said.",
                figures=(figure("9,000", 9000, 9000, "palestinians", "killed"),))
    b = k.claim("b", "Hamas killed 1,200 people in Israel, and Israeli strikes on Gaza followed.",
                figures=(figure("1,200", 1200, 1200, "people", "wounded"),))
    k.run(registry)
    assert relation_between(a, b) is None


def test_figures_that_count_only_through_their_predicate_still_set_two_events_apart(registry):
    """"Wounded three others" names no unit, but its predicate says what it counts: a soldier's death with
    three wounded is not the deaths of 22 fighters, though both tell of anti-tank missiles."""
    k = Corpus()
    k.doc("a", "Outlet A", "2023-10-23")
    k.doc("b", "Outlet B", "2023-10-23")
    a = k.claim("a", "An anti-tank missile killed a soldier and wounded three others during a raid.",
                figures=(Quantity(text="three", start=0, end=5, low=3, high=3, role="wounded", measure="wounded"),))
    b = k.claim("b", "Twenty-two Hezbollah fighters have been killed as both sides fire anti-tank missiles.",
                figures=(Quantity(text="Twenty-two", start=0, end=10, low=22, high=22, unit="fighters", role="killed",
                                  measure="killed", population="hezbollah fighters"),))
    k.run(registry)
    assert relation_between(a, b) is None


def test_one_victims_death_is_not_a_report_of_the_toll(registry):
    """"She was killed" in the attack is one death within "the attack killed 1,200": a part, not the same
    report; a toll of a few, or another named victim's death, is not a toll she is one of."""
    def pair(one: str, many: str, count: Quantity | None):
        k = Corpus()
        k.doc("a", "Outlet A", "2023-10-14")
        k.doc("b", "Outlet B", "2023-10-14")
        a = k.claim("a", one)
        b = k.claim("b", many, figures=(count,) if count else ())
        k.run(registry)
        return relation_between(a, b)

    def killed(text: str, n: int) -> Quantity:
        return Quantity(text=text, start=0, end=len(text), low=n, high=n, unit="people", role="killed",
                        measure="killed")

    one = "The 22-year-old was killed by Hamas gunmen in the attack on the music festival near the border."
    many = "Israel says {} were killed when Hamas gunmen stormed the border, many at a music festival."
    assert pair(one, many.format("1,200 people"), killed("1,200", 1200)) is None
    assert pair(one, many.format("two people"), killed("two", 2)) == "corroborates"
    assert pair(one, "Her aunt said the young woman was killed at the festival when gunmen from Hamas "
                     "attacked it.", None) == "corroborates"
    brutally = one.replace("was killed", "was brutally killed")
    assert pair(brutally, many.format("1,200 people"), killed("1,200", 1200)) is None
    ongoing = "A Hamas gunman is killing people in the attack on the music festival near the border."
    assert pair(ongoing, many.format("1,200 people"), killed("1,200", 1200)) == "corroborates"   # no one victim
    denial = "No one was killed by Hamas gunmen in the attack on the music festival near the border."
    assert pair(denial, many.format("1,200 people"), killed("1,200", 1200)) == "conflicts"   # still denied


def toll(text: str, value: float, as_of: str, population: str = "palestinian", tally: str = "running_total",
         vague: bool = False) -> Quantity:
    """A framed death toll, as audit/frames.py fills it."""
    return Quantity(text=text, start=0, end=len(text), low=value, high=value, unit="palestinians", role="killed",
                    vague=vague, measure="killed", population=population, scope="gaza", as_of=as_of, tally=tally)


def toll_claims(k: Corpus, first: Quantity, second: Quantity) -> tuple[Claim, Claim]:
    """Two reports of a toll in different words (too few shared to match on words) by independent outlets."""
    k.doc("a", "Outlet A", first.as_of)
    k.doc("b", "Outlet B", second.as_of)
    a = k.claim("a", f"Gaza's health ministry said {first.text} Palestinians have died since the war began.",
                "named_org", "Gaza's health ministry", figures=(first,))
    b = k.claim("b", f"Israeli bombardment has now killed {second.text} people in the enclave, officials said.",
                "unnamed_group", "officials", figures=(second,))
    return a, b


def test_successive_values_of_one_running_count_link_as_an_update_whatever_their_words(registry):
    k = Corpus()
    a, b = toll_claims(k, toll("3,785", 3785, "2023-10-19"), toll("4,137", 4137, "2023-10-20"))
    k.run(registry)
    assert relation_between(a, b) == "updates"
    [link] = a.corroboration.links
    assert link.figure_relation == "update"
    assert "update 3,785 then 4,137 (palestinian killed, gaza), 1 day apart, not a conflict" in link.why
    assert a.corroboration.status == b.corroboration.status == "uncorroborated"
    assert a.corroboration.independent_origins == 1


def test_a_count_may_grow_fast_but_not_fall_by_half():
    earlier, same_day, later = (738800, 400.0, 0, 0), (738800, 2750.0, 1, 0), (738807, 2750.0, 1, 0)
    assert matching._one_count(earlier, later)                   # early in a war, a toll grows fast
    assert not matching._one_count(later, earlier)               # a later value under half is another count
    assert not matching._one_count(earlier, same_day)            # and so is either, the same day


def test_a_count_at_most_doubles_in_a_day():
    """One incident's dead the day before ("at least 260" at a festival) is not an earlier value of the
    toll ("more than 1,200"); a toll that doubles a day for a week still is one count."""
    festival, toll = (738800, 260.0, 0, 0), (738801, 1200.0, 1, 0)
    assert not matching._one_count(festival, toll)
    assert matching._one_count((738800, 700.0, 0, 0), (738801, 1200.0, 1, 0))
    assert matching._one_count((738800, 260.0, 0, 0), (738803, 1200.0, 1, 0))      # 4.6 times in three days


@pytest.mark.parametrize("second", [
    toll("4,137", 4137, "2023-10-20", population="israeli"),         # another population: another count
    toll("4,137", 4137, "2023-10-20", tally="increment"),            # one day's dead: a part of the total
    toll("dozens", 4137, "2023-10-20", vague=True),
    toll("4,137", 4137, "2023-11-20"),                                # too long after to be the next report
    toll("3,785", 3785, "2023-10-20"),                                # the same value is no update
    toll("1,700", 1700, "2023-10-20"),      # a count does not halve overnight: one strike's dead, not the toll
])
def test_reports_of_other_counts_or_the_same_value_are_not_linked_by_their_frame(registry, second):
    k = Corpus()
    a, b = toll_claims(k, toll("3,785", 3785, "2023-10-19"), second)
    k.run(registry)
    assert relation_between(a, b) is None


def test_a_big_frame_links_each_report_to_a_bounded_number_of_earlier_ones(registry, monkeypatch):
    compared = []

    class Counting(matching.Matcher):
        def _count_match(self, first: matching.Report, second: matching.Report) -> matching.Match | None:
            compared.append((first, second))
            return super()._count_match(first, second)

    monkeypatch.setattr(stage, "Matcher", Counting)
    k = Corpus()
    n = 3 * matching.FRAME_SCAN
    for i in range(n):
        day = f"2023-10-{10 + i * 5 // n:02d}"
        k.doc(f"d{i}", f"Outlet {i % 7}", day)
        k.claim(f"d{i}", f"Report {i}: officials said {1000 + i} people have died.",
                figures=(toll(f"{1000 + i}", 1000 + i, day),))
    k.run(registry)
    assert len(compared) <= n * matching.FRAME_REACH          # not quadratic in the frame
    links = [len(c.corroboration.links) for c in k.claims]
    assert max(links) <= 2 * matching.FRAME_REACH
    assert all(link.relation in ("updates", "echoes") for c in k.claims for link in c.corroboration.links)
    assert min(links) >= 1


def test_short_copies_are_matched_and_copy_links_are_never_capped(registry):
    k = Corpus()
    copies = []
    for n in range(verdicts.MAX_LINKS + 5):
        k.doc(f"d{n}", f"Outlet {n}", "2023-11-01")
        copies.append(k.claim(f"d{n}", "This is a massacre."))
        k.claim(f"d{n}", f"Hamas and Israel agreed to a truce to release hostages in Gaza, mediator {n} said.")
    k.run(registry)
    assert all(len(c.corroboration.links) == verdicts.MAX_LINKS + 4 for c in copies)
    assert all(link.relation == "echoes" for link in copies[0].corroboration.links)


def test_near_copies_are_found_whatever_their_words(registry):
    a, b = _pair(registry, "Most of those killed have been women and minors, the ministry said.",
                 "A majority of those killed have been women and minors, the ministry said.")
    assert relation_between(a, b) == "echoes"
    assert "near-verbatim copy" in a.corroboration.links[0].why


@pytest.mark.parametrize("text, moods", [
    ("Hamas released four hostages.", {"release": "asserted", "captives": "asserted"}),
    ("Hamas may release four hostages.", {"release": "possible", "captives": "possible"}),
    ("Hamas has not yet released the hostages.", {"release": "denied", "captives": "asserted"}),
    ("They are not close to a deal.", {"deal": "denied"}),
    ("The AP did not independently verify the death toll.", {"killed": "asserted"}),
    ("Fighters had not only killed soldiers.", {"killed": "asserted"}),
    ("Sanders is expected to win after a narrow win in Iowa.", {"win": "asserted"}),
    ("She was serving a sentence for attempted murder.", {"killed": "possible"}),
    ("Protesters demanded that police release the video.", {"protest": "asserted", "release": "possible"}),
    ("Many who tried to escape by car were killed.", {"killed": "asserted"}),     # a directive reaches little
    ("Hamas cannot release the hostages.", {"release": "possible", "captives": "possible"}),
    ("There is no shooting at the hospital, despite clashes nearby.", {"shooting": "mixed"}),
])
def test_moods_of_predicates(text, moods):
    vocab = vocabulary()
    toks = tokens(text)
    vocab.words(toks, set())
    assert vocab.events(toks)[0] == moods


def test_a_corroborated_claim_names_the_event_it_was_matched_on(seed_result, seed_contract):
    """A corroborates link carries the kind of event both claims report (the words its `why` quotes); the
    report's claim table says it beside "corroborated", and the JSON has it."""
    from audit.render.report.claims import status

    named = [(c, k) for c in seed_result.claims for k in c.corroboration.links
             if k.relation == LinkRelation.CORROBORATES and k.event]
    assert named
    for claim, link in named:
        assert f"same event: {', '.join(link.event)}" in link.why
    claim, link = next((c, k) for c, k in named if c.corroboration.links[0] is k)
    assert rf"origins \({', '.join(link.event[:2])}\)" in status(claim)
    stored = next(c for c in seed_contract["claims"] if c["id"] == claim.id)
    assert stored["corroboration"]["links"][0]["event"] == link.event


@pytest.mark.parametrize("first, second, linked", [
    ("In 2014, {t}", "{t}", False),                  # dated to a year the other was not published in
    ("In 2023, {t}", "{t}", True),                   # ... or to the year it was
    ("In 2014, {t}", "In 2023, {t}", False),         # two years, none shared
    ("In 2014 and 2023, {t}", "In 2023, {t}", True),
])
def test_claims_dated_to_other_years_report_other_events(registry, first, second, linked):
    """Sharing the words of an event is not reporting it: "In November 2014, the Knesset passed a law ..."
    is not this week's news, published in 2023, that says the same of the government."""
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-20")
    k.doc("b", "Outlet B", "2023-11-21")
    a = k.claim("a", first.format(t=TALKS) + ".")
    b = k.claim("b", second.format(t=TALKS_REWORDED) + ".")
    k.run(registry)
    assert (relation_between(a, b) == "corroborates") is linked


def test_figures_are_related_with_the_runs_own_language_pack(registry):
    """Matching relates figures with the FigureReader of the pack the run was given (a user's lexicons
    included), not with the built-in one."""
    from audit.language import LanguagePack

    pack = LanguagePack.load()
    reader = pack.compiled(FigureReader)
    asked = []
    builtin_relation = reader.relation
    reader.relation = lambda a, b, days=None: asked.append((a.text, b.text)) or builtin_relation(a, b, days)
    k = Corpus()
    k.doc("a", "Outlet A", "2023-11-20")
    k.doc("b", "Outlet B", "2023-11-21")
    for doc, n in (("a", "5,000"), ("b", "5,200")):
        text = f"The health ministry said {n} people have been killed in Gaza since the war began."
        k.claim(doc, text, figures=tuple(reader.read(text)))
    corroborate(k.claims, k.docs, registry, lexicon=pack)
    assert ("5,200", "5,000") in asked or ("5,000", "5,200") in asked


def test_stock_lines_are_not_matched_unless_they_report_something(registry):
    """'X did not respond to a request for comment' names no event: two of them, about different parties,
    are no copy of each other; a sentence that also gives a figure is matched as any other."""
    a, b = _pair(registry, "The Cruz campaign did not immediately respond to a request for comment.",
                 "The Clinton campaign did not respond to a request for comment.")
    assert relation_between(a, b) is None
    said = "The ministry, which did not respond to a request for comment, said 40 people were killed in the strike."
    c, d = _pair(registry, said, said)
    assert relation_between(c, d) == "echoes"


# 2023-10-11 is a Wednesday, 2023-10-13 a Friday
SETTLERS = "Settlers opened fire on Palestinians in a West Bank village{}, killing a farmer, the ministry said."
SETTLERS_AGAIN = "A settler shot a Palestinian farmer dead{} in a West Bank village, the ministry said."


@pytest.mark.parametrize("first, second, days, linked", [
    ("", "", ("2023-10-11", "2023-10-13"), True),                       # no day named: one event
    ("", " on Friday", ("2023-10-11", "2023-10-13"), False),            # Friday the 13th: after the first told it
    (" on Tuesday", " on Friday", ("2023-10-11", "2023-10-13"), False),  # two days named, none shared
    (" on Tuesday", " on Tuesday", ("2023-10-11", "2023-10-13"), True),
    (" late on Sunday", " on Monday", ("2023-10-16", "2023-10-17"), True),   # a night's events, told as of either day
    ("", " on Thursday", ("2023-10-11", "2023-10-13"), True),          # the day after the first was published
])
def test_claims_that_tell_of_other_days_report_other_events(registry, first, second, days, linked):
    a, b = _pair(registry, SETTLERS.format(first), SETTLERS_AGAIN.format(second), days)
    assert (relation_between(a, b) == "corroborates") is linked


def lower_tokens(text: str) -> list[str]:
    return [t.lower() for t in tokens(text)]


def test_a_day_named_as_a_reports_or_a_counts_start_dates_no_event():
    vocab = vocabulary()
    assert vocab.weekdays(lower_tokens("Settlers shot a farmer on Friday, the ministry said Saturday.")) == {4}
    assert vocab.weekdays(lower_tokens("The ministry said on Monday that 40 have died since Saturday.")) == frozenset()
    assert vocab.weekdays(lower_tokens("The ministry announced late on Friday that a farmer was shot.")) == frozenset()


# --- vague origins: a description with no registry actor ("the Fisheries Ministry", "fisheries officials") is
# the identified origin its words fit; a pronoun no sentence resolved ("it says") is never one more origin ---

REEF_EVIDENCE = [{"for": ["speaks_for"], "claim": "test", "source": "test", "date": "2023"}]
REEF_REGISTRY = {
    "conflicts": [{"id": "reef", "name": "Reef war", "parties": ["Freedonia", "Harbour Front"],
                   "evidence": [{"for": "parties", "claim": "test", "source": "test", "date": "2023"}]}],
    "actors": [
        {"name": "Freedonia", "kind": "state", "aliases": ["Freedonian authorities"]},
        {"name": "Harbour Front", "kind": "group"},
        {"name": "Harbour Front Fisheries Ministry", "kind": "org", "aliases": ["Port Town Fisheries Ministry"],
         "speaks_for": "Harbour Front", "evidence": REEF_EVIDENCE},
    ],
}
CATCH, CATCH_REWORDED, CATCH_AGAIN = TALKS, TALKS_REWORDED, TALKS.replace("close to reaching", "near")


@pytest.fixture(scope="module")
def reef(tmp_path_factory) -> Registry:
    folder = tmp_path_factory.mktemp("registry")
    (folder / "reef.yaml").write_text(yaml.safe_dump(REEF_REGISTRY), encoding="utf-8")
    return Registry.load([folder])


def _outlets(names: str) -> Corpus:
    """A corpus of one document per letter, each from its own outlet ("Outlet A")."""
    k = Corpus()
    for name in names:
        k.doc(name, f"Outlet {name.upper()}")
    return k


def _port_town_ministry(k: Corpus):
    """The body the vague-origin tests describe in other words, named in full in document b."""
    return k.claim("b", f"The Port Town Fisheries Ministry said {CATCH_REWORDED}.", "named_org",
                   "The Port Town Fisheries Ministry", "Harbour Front")


def test_descriptions_that_fit_one_body_are_its_origin(reef):
    k = _outlets("abc")
    bare = k.claim("a", f"The Fisheries Ministry said {CATCH}.", "named_org", "The Fisheries Ministry")
    named = _port_town_ministry(k)
    officials = k.claim("c", f"Fisheries officials said {CATCH_AGAIN}.", "anonymous", "Fisheries officials")
    k.run(reef)
    assert relation_between(bare, named) == relation_between(officials, named) == "echoes"
    assert relation_between(bare, officials) == "echoes"
    for c in (bare, named, officials):
        assert (c.corroboration.status, c.corroboration.independent_origins) == ("echo", 1)
        assert c.corroboration.party_only


@pytest.mark.parametrize("source, kind", [
    ("Customs officials", "anonymous"),                     # fits no body of the other's
    ("The Sylvanian Fisheries Ministry", "named_org"),       # names a place: no vague origin
])
def test_a_description_that_fits_no_body_or_names_a_place_is_an_origin_of_its_own(reef, source, kind):
    k = _outlets("ab")
    other = k.claim("a", f"{source} said {CATCH}.", kind, source)
    named = _port_town_ministry(k)
    k.run(reef)
    assert relation_between(other, named) == "corroborates"
    assert other.corroboration.independent_origins == named.corroboration.independent_origins == 2
    assert not other.corroboration.party_only


def test_an_unresolved_pronoun_is_not_one_more_origin(reef):
    k = _outlets("abc")
    pronoun = k.claim("a", f"It says {CATCH}.", "none", "It")
    named = _port_town_ministry(k)
    own = k.claim("c", "Under a deal mediated by Qatar, Hamas would free hostages held in Gaza in exchange for a "
                       "temporary truce with Israel.")
    k.run(reef)
    assert relation_between(pronoun, named) == relation_between(pronoun, own) == "corroborates"
    assert pronoun.corroboration.independent_origins == named.corroboration.independent_origins == 2
    assert "Outlet A" not in pronoun.corroboration.origin
    assert pronoun.corroboration.status == "corroborated"


def test_an_unresolved_pronoun_beside_one_source_is_an_echo(reef):
    k = _outlets("ab")
    pronoun = k.claim("a", f"It says {CATCH}.", "none", "It")
    named = _port_town_ministry(k)
    k.run(reef)
    for c in (pronoun, named):
        assert (c.corroboration.status, c.corroboration.independent_origins) == ("echo", 1)
    assert named.corroboration.party_only


def test_an_unattributed_count_is_not_one_more_origin(reef):
    """Outlets relay counts, they rarely make them: an exact count in an outlet's own voice restates someone's
    without saying whose, so beside the ministry's count it is no second origin (the same sentence without its
    count is the outlet's own reporting: test_an_unresolved_pronoun_is_not_one_more_origin), and the ministry's
    count stays a party's alone."""
    k = _outlets("ab")
    killed = (replace(figure("40", 40, 40, "fishermen", "killed"), measure="killed"),)
    named = k.claim("b", "The Port Town Fisheries Ministry said naval gunfire killed 40 fishermen off the reef.",
                    "named_org", "The Port Town Fisheries Ministry", "Harbour Front", figures=killed)
    own = k.claim("a", "Naval gunfire killed 40 fishermen off the reef, days after the talks collapsed.", figures=killed)
    k.run(reef)
    assert relation_between(own, named) == "corroborates"
    for c in (own, named):
        assert (c.corroboration.status, c.corroboration.independent_origins) == ("echo", 1)
    assert named.corroboration.party_only
    assert own.corroboration.origin == "unattributed count in Outlet A"


def test_a_person_called_by_surname_is_the_one_person_of_the_run_named_in_full_with_it(reef):
    k = _outlets("abc")
    full = k.claim("a", f"Senator Ana Lind said {CATCH}.", "named_person", "Senator Ana Lind")
    surname = k.claim("b", f"Mrs. Lind said {CATCH_REWORDED}.", "named_person", "Mrs. Lind")
    k.run(reef)
    assert relation_between(full, surname) == "echoes"
    assert full.corroboration.independent_origins == 1
    k = _outlets("abc")                                  # two people of that name: the surname may be either
    ana = k.claim("a", f"Ana Lind said {CATCH}.", "named_person", "Ana Lind")
    lind = k.claim("b", f"Lind said {CATCH_REWORDED}.", "named_person", "Lind")
    k.claim("c", f"Piet Lind said {CATCH_AGAIN}.", "named_person", "Piet Lind")
    k.run(reef)
    assert relation_between(ana, lind) == "corroborates"


def test_unresolved_pronouns_of_different_articles_are_not_one_origin(reef):
    k = _outlets("ab")
    he = k.claim("a", f"He said {CATCH}.", "named_person", "He")
    she = k.claim("b", f"She said {CATCH_REWORDED}.", "named_person", "She")
    k.run(reef)
    assert relation_between(he, she) == "corroborates"


def test_a_hedge_is_no_participant_of_an_event(registry):
    """"Not immediately clear" is said of any death: sharing it and a predicate is no report of one event."""
    a, b = _pair(registry, "It was not immediately clear how many of the family were killed in the northern neighbourhood.",
                 "The militia said three fighters were killed, but it was not immediately clear where they fell.")
    assert relation_between(a, b) is None


def _story(folder, articles: list[tuple[str, str]]) -> list[str]:
    folder.mkdir()
    for n, (published, text) in enumerate(articles):
        (folder / f"{n}.md").write_text(f"---\noutlet: Outlet {n}\npublished: {published}\n---\n{text}\n")
    return [str(folder)]


def test_a_story_without_sides_follows_its_counts_without_a_population(tmp_path, auditor):
    """An earthquake's toll names no population in any report: its reports are still one running count,
    linked as updates and drawn as a timeline. In a war's coverage, where most tolls name a side, a toll
    that names none may be anyone's and joins no count."""
    quake = auditor.run(_story(tmp_path / "quake", [
        ("2025-02-03", "A powerful earthquake struck the region, killing at least 1,200 people, officials said."),
        ("2025-02-05", "The death toll from the earthquake rose to 2,300, the disaster agency said."),
        ("2025-02-06", "More than 4,000 people have been killed in the earthquake, according to rescuers.")]), None)
    [timeline] = [t for t in quake.timelines if t.measure == "killed"]
    assert timeline.population == "" and [p.text for p in timeline.points] == ["at least 1,200", "2,300", "More than 4,000"]
    first = next(c for c in quake.claims if "1,200" in c.text)
    assert {link.relation for link in first.corroboration.links} == {LinkRelation.UPDATES}
    war = auditor.run(_story(tmp_path / "war", [
        ("2023-10-12", "Israeli strikes have killed 1,200 Palestinians in Gaza, the ministry said."),
        ("2023-10-13", "Israeli strikes have killed 1,500 Palestinians in Gaza, the ministry said."),
        ("2023-10-14", "Hamas militants have killed 1,300 Israelis, officials said."),
        ("2023-10-15", "At least 2,000 people have been killed, rescuers said."),
        ("2023-10-16", "At least 2,600 people have been killed, a charity said.")]), None)
    assert {t.population for t in war.timelines} == {"palestinian"}


def test_one_template_with_two_sources_and_conflicting_figures_is_no_copy(tmp_path, auditor):
    """Two outlets' near-identical sentences crediting different sources with counts of one incident that
    cannot both be true conflict; they were taken for a copy of one report ("echoes", origin the first)."""
    result = auditor.run(_story(tmp_path / "mine", [
        ("2026-05-05", "Seventeen miners were missing after the collapse at the Nchanga mine, the company said on Tuesday."),
        ("2026-05-05", "Twenty-two miners were missing after the collapse at the Nchanga mine, the union said on Tuesday.")]),
        None)
    company = next(c for c in result.claims if "Seventeen" in c.text)
    assert [link.relation for link in company.corroboration.links] == [LinkRelation.CONFLICTS]


def test_an_embedded_posts_link_gives_no_words_to_match_on():
    """Two embedded tweets share "pic", "twitter" and "com", which made two unrelated claims corroborate."""
    assert tokens("France confirmed 21 deaths. pic.twitter.com/uA06s5hdxJ See https://t.co/x1 or www.a.org/b") == \
        ["France", "confirmed", "21", "deaths", "See", "or"]
    assert tokens("Watch HTTPS://X.COM/a and twitter.com/b/status/1, 9/11") == ["Watch", "and", "9", "11"]


def test_a_wire_line_lightly_edited_is_an_echo_unless_its_numbers_differ(tmp_path, auditor):
    """Outlets reword a wire's background line ("in Israel have been killed" for "have been killed in
    Israel"): one origin, not independent support. The same words in order with other numbers are another
    report (a toll told again), not a copy."""
    wire = "More than 1,400 people in Israel have been killed, mostly civilians slain during the Hamas incursion."

    def relations(name: str, edited: str) -> set[LinkRelation]:
        result = auditor.run(_story(tmp_path / name, [("2023-10-20", wire), ("2023-10-22", edited)]), None)
        return {link.relation for c in result.claims for link in c.corroboration.links}
    assert relations("same", "More than 1,400 people have been killed in Israel, most of them civilians slain "
                             "during the Hamas incursion.") == {LinkRelation.ECHOES}
    assert LinkRelation.ECHOES not in relations("other", "Exactly 1,520 people have been killed in Israel, most of "
                                                         "them civilians slain during the Hamas incursion.")
    assert relations("cut", "More than 1,400 people in Israel have been killed, mostly civilians slain.") == \
        {LinkRelation.ECHOES}                    # the line cut short


def test_a_wire_line_with_its_clauses_reordered_is_an_echo(tmp_path, auditor):
    """"On Wednesday, an explosion killed hundreds at a hospital packed with ..." is the wire's "An explosion at
    a hospital packed with ... has killed hundreds" with its clauses moved: one origin, in runs of words."""
    result = auditor.run(_story(tmp_path / "blast", [
        ("2023-10-17", "An explosion at a Gaza City hospital packed with wounded and other Palestinians seeking "
                       "shelter has killed hundreds of people."),
        ("2023-10-18", "On Wednesday, an explosion killed hundreds of people at a Gaza City hospital packed with "
                       "wounded and other Palestinians seeking shelter.")]), None)
    assert {link.relation for c in result.claims for link in c.corroboration.links} == {LinkRelation.ECHOES}
