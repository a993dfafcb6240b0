"""Figure frames (issue 9): what each figure counts, whom, where and when, and relations decided on them."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.corroborate.matching import compare_figures
from audit.frames import FrameReader
from audit.language import LanguagePack
from audit.models import Claim, FigureRelation, Quantity
from audit.quantities import one_count, relation


def frames(text: str, published: str = "2023-10-12", sided: bool = True) -> list[Quantity]:
    reader = LanguagePack.builtin().compiled(FrameReader)
    claim = Claim(id="c", document="d", text=text, start=0, end=len(text), line=1, col=1)
    claim.quantities = reader.figures.read(text)
    reader.fill(claim, published, sided)
    return [q for q in claim.quantities if q.kind not in ("date", "duration")]


def test_a_hostage_figure_after_a_death_toll_counts_hostages():
    deaths, hostages = frames("Hamas militants stormed southern Israel, killing 1,400 and taking 241 hostages.")
    assert (deaths.measure, deaths.population) == ("killed", "israeli")
    assert hostages.measure == "held"
    assert relation(deaths, hostages) == FigureRelation.UNRELATED


def test_population_from_the_noun_phrase_and_from_the_sentence():
    [gaza] = frames("Gaza's health ministry says more than 6,500 people have been killed by Israeli airstrikes.")
    assert (gaza.population, gaza.scope, gaza.tally) == ("palestinian", None, "running_total")
    [soldiers] = frames("The military says 52 Israeli soldiers have been killed.")
    assert soldiers.population == "israeli soldiers"
    [fighters] = frames("Hezbollah says 27 of its fighters have been killed in the clashes.")
    assert fighters.population == "hezbollah fighters"
    [west_bank] = frames("69 Palestinians have been killed in the West Bank since the war began.")
    assert west_bank.scope == "west bank"


def test_an_attack_told_as_a_verb_names_its_victims_side_as_its_noun_does():
    """"Hamas attacked Israel, killing ..." points to Israeli victims as "the Hamas attack" does, so the toll is
    not read from a place in a later clause ("... killed 11,000 in Gaza")."""
    attack, gaza = frames("That morning, Hamas attacked Israel, killing 1,400 people; Israel then launched an "
                          "offensive that has killed more than 11,000 people in Gaza.", "2023-11-11")
    assert (attack.population, gaza.population) == ("israeli", "palestinian")
    [later] = frames("Hamas attacked Israel on Oct. 7, killing approximately 1,200 people.", "2023-11-13")
    assert later.population == "israeli"
    assert relation(attack, later) == FigureRelation.REVISION_DOWN


def test_curly_apostrophes_read_as_straight_ones():
    [straight] = frames("Israel's military said Thursday that 247 soldiers have been killed.")
    [curly] = frames("Israel’s military said Thursday that 247 soldiers have been killed.")
    assert curly.population == straight.population == "israeli soldiers"
    [gaza] = frames("Gaza’s health ministry says 6,500 people have been killed.")
    assert gaza.population == "palestinian"


def test_tally_and_as_of():
    total, part = frames("At least 10,022 Palestinians have been killed, including 4,104 children.")
    assert (total.tally, part.tally) == ("running_total", "part")
    assert relation(part, total) == FigureRelation.PART
    [day] = frames("Israeli strikes killed 704 people in the past 24 hours, the ministry said yesterday.")
    assert (day.tally, day.as_of) == ("increment", "2023-10-11")
    [tuesday] = frames("An airstrike on Tuesday killed 44 people in Jabalia.", "2023-10-12")   # a Thursday
    for one_strike in ("An Israeli airstrike on a house killed 12 people.", "A powerful blast killed 9 people."):
        assert frames(one_strike)[0].tally == "increment", one_strike   # whatever words come before the noun
    assert tuesday.as_of == "2023-10-10"
    [since] = frames("21 Palestinians have been killed since Saturday.", "2023-10-11")
    assert since.as_of == "2023-10-11"


def test_a_running_count_over_time_is_an_update_or_a_revision_down():
    [before] = frames("Israel says 1,400 people were killed in Israel.", "2023-10-12")
    [after] = frames("Israel says 1,200 people were killed in Israel.", "2023-11-10")
    assert relation(before, after) == relation(after, before) == FigureRelation.REVISION_DOWN
    [rising] = frames("Israel says 1,500 people were killed in Israel.", "2023-11-10")
    assert relation(before, rising) == FigureRelation.UPDATE
    [open_bound] = frames("More than 7,000 Palestinians have been killed.", "2023-10-26")
    [next_day] = frames("The toll rose to 7,326 Palestinians killed.", "2023-10-27")
    assert relation(open_bound, next_day) == FigureRelation.UPDATE
    [same_day] = frames("The toll rose to 7,326 Palestinians killed.", "2023-10-26")
    assert relation(open_bound, same_day) == FigureRelation.COMPATIBLE


def test_rounded_values_of_a_running_count_on_other_days_are_an_update():
    """"Some 200" hostages, then "about 240" weeks later: within each other's rounding, but another number
    on another day is the count told again; the same day they agree."""
    [some] = frames("Hamas holds some 200 hostages, Israel says.", "2023-10-18")
    [about] = frames("Hamas holds about 240 hostages, Israel says.", "2023-11-10")
    assert relation(some, about) == FigureRelation.UPDATE
    [same_day] = frames("Hamas holds about 240 hostages, Israel says.", "2023-10-18")
    assert relation(some, same_day) == FigureRelation.COMPATIBLE
    [nearly] = frames("Nearly 1,200 Israelis were killed, Israel says.", "2023-11-10")
    [about] = frames("About 1,200 Israelis were killed, Israel says.", "2023-11-12")
    assert relation(nearly, about) == FigureRelation.COMPATIBLE        # one number, said two ways


@pytest.mark.parametrize("earlier, on, later, then, moved", [
    ("Hamas holds 242 hostages.", "2023-11-01", "Hamas holds roughly 240 hostages.", "2023-11-05",
     FigureRelation.COMPATIBLE),                      # the count rounded at the later value's precision
    ("Hamas holds 222 hostages.", "2023-10-22", "Hamas holds about 240 hostages.", "2023-10-27",
     FigureRelation.UPDATE),                          # 222 does not round to 240: a rise
    ("Hamas holds about 240 hostages.", "2023-11-01", "Hamas holds 242 hostages.", "2023-11-05",
     FigureRelation.UPDATE),                          # the exact figure later may be the newer count
])
def test_a_later_value_that_rounds_an_earlier_exact_one_agrees_with_it(earlier, on, later, then, moved):
    """"242 hostages", then "roughly 240": the count rounded, not revised down (the timeline said "revised
    down"); either way round the relation is the same."""
    [a], [b] = frames(earlier, on), frames(later, then)
    assert relation(a, b) == relation(b, a) == moved


def test_a_later_lower_bound_just_under_a_count_rounds_it_down_and_a_lower_one_revises_it():
    """"212" hostages, then "more than 200" the next day: the count rounded down, not revised; "at least
    1,200" killed weeks after "more than 1,400" is the revision down."""
    [exact] = frames("Hamas holds 212 Israeli hostages, Israel says.", "2023-10-22")
    [rounded] = frames("Hamas holds more than 200 Israeli hostages, Israel says.", "2023-10-23")
    assert relation(exact, rounded) == relation(rounded, exact) == FigureRelation.COMPATIBLE
    [first] = frames("Hamas killed more than 1,400 Israelis, Israel says.", "2023-10-16")
    [revised] = frames("Hamas killed at least 1,200 Israelis, Israel now says.", "2023-11-10")
    assert relation(first, revised) == FigureRelation.REVISION_DOWN
    [earlier] = frames("Hamas holds more than 200 Israeli hostages, Israel says.", "2023-10-21")
    assert relation(earlier, exact) == FigureRelation.UPDATE            # a bound, then a number above it
    [three] = frames("At least three Canadians were killed, friends say.", "2023-10-12")
    [seven] = frames("At least seven Canadians were killed, friends say.", "2023-11-14")
    assert relation(three, seven) == FigureRelation.UPDATE              # a higher bound later: an update


def test_counts_at_two_towns_or_camps_are_two_counts():
    """A toll counted at a town or camp (its site) is not a toll counted at another, and is narrower than one
    of its whole scope; a region or a country is no site."""
    [rafah] = frames("Israeli airstrikes killed 18 people in Rafah on Monday.", "2023-11-06")
    [khan_younis] = frames("An Israeli airstrike killed 32 people in Khan Younis on Monday.", "2023-11-06")
    assert None is not rafah.site != khan_younis.site is not None and rafah.scope == khan_younis.scope == "gaza"
    assert relation(rafah, khan_younis) == FigureRelation.UNRELATED
    [camp] = frames("Israeli forces have killed 40 people in the Maghazi refugee camp, officials said.", "2023-11-05")
    [spelled] = frames("Israeli forces have killed 52 people in the Maghazi camp, officials said.", "2023-11-06")
    assert camp.site == spelled.site == "maghazi"
    assert relation(camp, spelled) == FigureRelation.UPDATE              # one camp's toll told again
    [toll] = frames("Israeli strikes have killed 9,500 Palestinians in Gaza, the health ministry said.", "2023-11-06")
    assert toll.site is None
    assert relation(camp, toll) == FigureRelation.PART
    assert relation(spelled, replace(toll, low=30, high=30)) == FigureRelation.UNRELATED   # not a part: larger
    assert frames("More than 1,400 people were killed in Israel.")[0].site is None
    assert frames("A gunman killed four Americans in Libya.")[0].site is None          # a country is no site
    [venue] = frames("A gunman killed 49 people at the Pulse nightclub on Sunday.", "2016-06-13")
    [city] = frames("A gunman killed 49 people in Orlando on Sunday.", "2016-06-13")
    assert None is not venue.site != city.site is not None
    assert relation(venue, city) == FigureRelation.COMPATIBLE   # one count, told at a venue and at its city
    [rafah_bound] = frames("Israeli airstrikes killed at least 18 people in Rafah on Monday.", "2023-11-06")
    [younis_bound] = frames("Israeli airstrikes killed at least 32 people in Khan Younis on Monday.", "2023-11-06")
    assert relation(rafah_bound, younis_bound) == FigureRelation.UNRELATED   # two bounds: no one value
    [qusrah] = frames("Clashes in the town of Qusrah killed six Palestinians.", "2023-10-13")
    [qusra] = frames("Settlers shot dead three Palestinians in the village of Qusra.", "2023-10-13")
    assert qusrah.site == qusra.site is not None                         # one key for two transliterations


@pytest.mark.parametrize("text, figure", [
    ("Speaking in Geneva, the UN official said 9,500 Palestinians have been killed in Gaza.", "9,500"),
    ("The ministry said on Twitter that 9,500 Palestinians have been killed.", "9,500"),
    ("At least 200 Palestinians have been killed in the West Bank, the ministry in Ramallah said.", "At least 200"),
    ("Israeli strikes have killed 9,500 Palestinians, including 30 at the Maghazi camp.", "9,500"),
    ("Israeli strikes killed 50 people in Rafah and Khan Younis.", "50"),
])
def test_a_place_where_it_was_said_or_of_another_figure_or_one_of_several_is_no_site(text, figure):
    """A site is where a figure was counted: not where a speaker was, not the site of the part named after
    the whole, and not one of several places the count spans."""
    assert {q.text: q.site for q in frames(text, "2023-11-06")}[figure] is None


def test_a_part_keeps_its_own_site():
    counts = {q.text: q.site for q in frames("Israeli strikes have killed 9,500 Palestinians, including 30 at "
                                             "the Maghazi camp.", "2023-11-06")}
    assert counts == {"9,500": None, "30": "maghazi"}


def test_a_town_or_camp_puts_a_toll_in_its_region():
    """A Palestinian toll with no region named is Gaza's; one in a West Bank camp is the West Bank's, so the
    camp's toll told again a day later is one count, not a Gaza count against a West Bank one."""
    [raid] = frames("Israeli forces have killed seven Palestinians in the Nur Shams camp, officials said.",
                    "2023-10-19")
    [funeral] = frames("Israeli forces have killed 13 Palestinians in the Nur Shams refugee camp.", "2023-10-20")
    assert raid.scope == funeral.scope == "west bank"
    assert relation(raid, funeral) == FigureRelation.UPDATE
    assert frames("Israeli strikes killed 30 Palestinians in Nuseirat.")[0].scope == "gaza"


def test_counts_of_nobody_known_at_no_known_time_are_not_one_count():
    """Two tolls that name neither whom they count nor when they were told (undated articles about two
    attacks) are not successive values of one count; a population or as-of dates make them one."""
    [first] = frames("The couple shot dead 14 people in December.", None)
    [second] = frames("In March, attackers killed 32 people in suicide bombings.", None)
    assert first.population is second.population is None and first.as_of is second.as_of is None
    assert relation(first, second) == FigureRelation.UNRELATED
    dated = replace(first, as_of="2015-12-03"), replace(second, as_of="2016-03-23")
    assert relation(*dated) == FigureRelation.UPDATE
    counted = replace(first, population="palestinian"), replace(second, population="palestinian")
    assert relation(*counted) == FigureRelation.UPDATE


def test_one_event_told_two_ways_the_same_day_conflicts():
    [a] = frames("An airstrike in Jabalia killed 44 Palestinians.", "2023-10-12")
    [b] = frames("An airstrike in Jabalia killed 45 Palestinians.", "2023-10-12")
    assert relation(a, b) == FigureRelation.CONFLICTING
    [later] = frames("An airstrike in Jabalia killed 45 Palestinians.", "2023-10-20")
    assert relation(a, later) == FigureRelation.UNRELATED        # another day's strike


MEASURES = ["killed", "wounded", "held", "detained", "released", "missing", None]
POPULATIONS = ["israeli", "palestinian", "israeli soldiers", "palestinian children", "children", "soldiers",
               "hezbollah fighters", None]


@st.composite
def framed(draw) -> Quantity:
    low = draw(st.none() | st.integers(0, 2000).map(float))
    high = draw(st.none() | st.integers(0, 2000).map(float))
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Quantity(text="n", start=0, end=1, low=low, high=high, unit=draw(st.sampled_from([None, "people"])),
                    kind=draw(st.sampled_from(["count", "count", "vague", "percent"])),
                    role=draw(st.sampled_from([None, "killed", "held"])), vague=draw(st.booleans()),
                    measure=draw(st.sampled_from(MEASURES)), population=draw(st.sampled_from(POPULATIONS)),
                    scope=draw(st.sampled_from([None, "gaza", "west bank", "israel"])),
                    as_of=draw(st.sampled_from([None, "2023-10-10", "2023-10-11", "2023-10-20"])),
                    tally=draw(st.sampled_from(["running_total", "increment", "part"])),
                    incident=draw(st.sampled_from([None, None, "ahli", "beit iahun"])))


@given(st.lists(framed(), min_size=1, max_size=4), st.lists(framed(), min_size=1, max_size=4),
       st.none() | st.integers(0, 30))
def test_figures_of_different_measures_or_populations_never_conflict(first, second, days):
    check = compare_figures(tuple(first), tuple(second), days)
    if check is not None and check.relation == FigureRelation.CONFLICTING:
        assert check.first.measure == check.second.measure or None in (check.first.measure, check.second.measure)
        assert check.first.population == check.second.population is not None
    for a in first:
        for b in second:
            if relation(a, b, days) == FigureRelation.CONFLICTING:
                assert a.population == b.population is not None
                assert (a.measure or b.measure) and a.measure in (b.measure, None) and b.measure in (a.measure, None)


def test_stated_precision_keeps_close_figures_compatible():
    [about] = frames("Hamas holds about 240 hostages.", "2023-10-20")
    [exact] = frames("Hamas holds 242 hostages.", "2023-10-20")
    assert relation(about, exact) == FigureRelation.COMPATIBLE
    [more_than] = frames("More than 200 hostages are held in Gaza.", "2023-10-20")
    [count] = frames("222 hostages are held in Gaza.", "2023-10-20")
    assert relation(more_than, count) == FigureRelation.COMPATIBLE


def test_a_timeline_keeps_the_value_most_reports_give_each_day():
    from audit.corroborate.timelines import figure_timelines
    from audit.models import Document, MetaValue
    reader = LanguagePack.builtin().compiled(FrameReader)
    texts = [("a", "2023-10-20", "The ministry says 4,137 Palestinians have been killed in Gaza."),
             ("b", "2023-10-20", "The ministry says 4,137 Palestinians have been killed in Gaza."),
             ("c", "2023-10-20", "The ministry says 3,785 Palestinians have been killed in Gaza."),
             ("d", "2023-10-21", "The ministry says 4,385 Palestinians have been killed in Gaza."),
             ("e", "2023-10-22", "The ministry says 44 Palestinians have been killed in Gaza."),   # another count
             ("f", "2023-10-23", "The ministry says 4,200 Palestinians have been killed in Gaza.")]
    docs, claims = {}, []
    for name, day, text in texts:
        docs[name] = Document(name, f"{name}.txt", "0", text, meta={"outlet": MetaValue(f"Outlet {name}", "test"),
                                                                  "published": MetaValue(day, "test")})
        claim = Claim(id=name, document=name, text=text, start=0, end=len(text), line=1, col=1)
        claim.quantities = reader.figures.read(text)
        reader.fill(claim, day)
        claims.append(claim)
    [timeline] = figure_timelines(claims, docs, reader.figures)
    assert (timeline.measure, timeline.population, timeline.scope) == ("killed", "palestinian", "gaza")
    assert [(p.as_of, p.text, p.claims, p.relation) for p in timeline.points] == [
        ("2023-10-20", "4,137", ["a", "b"], None),
        ("2023-10-21", "4,385", ["d"], FigureRelation.UPDATE),
        ("2023-10-23", "4,200", ["f"], FigureRelation.REVISION_DOWN)]
    assert timeline.points[0].outlets == ["Outlet a", "Outlet b"]
    # every report of the count, the older statement of the 20th too; the other count (44) is not one
    assert [(p.as_of, p.text, p.claims) for p in timeline.reports] == [
        ("2023-10-20", "3,785", ["c"]), ("2023-10-20", "4,137", ["a", "b"]), ("2023-10-21", "4,385", ["d"]),
        ("2023-10-23", "4,200", ["f"])]
    assert timeline.reports[2].relation == FigureRelation.UPDATE     # to the point before: 4,137 on the 20th


def test_a_day_or_an_event_count_is_part_of_the_running_total():
    [total] = frames("More than 7,000 Palestinians have been killed since the war began.", "2023-10-27")
    [day] = frames("Israeli strikes killed 481 Palestinians in the past 24 hours.", "2023-10-27")
    assert day.tally == "increment"
    assert relation(total, day) == relation(day, total) == FigureRelation.PART
    [other_day] = frames("Israeli strikes killed 704 Palestinians in the past 24 hours.", "2023-10-25")
    assert relation(day, other_day) == FigureRelation.UNRELATED


def test_many_figures_in_one_sentence_each_get_the_frame_of_one_alone():
    """Frame words are found once per sentence and looked up by bisection; a figure among a thousand
    gets the same frame as in a sentence of its own."""
    alone = frames("The ministry said 17 people were killed in Gaza.")[0]
    crowd = frames("The ministry said " + ", ".join(f"{i + 13} people were killed in Gaza" for i in range(1000)) + ".")
    assert len(crowd) == 1000
    assert {(q.measure, q.population, q.scope, q.tally) for q in crowd} == \
        {(alone.measure, alone.population, alone.scope, alone.tally)}


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 6)), max_size=12), st.integers(0, 220),
       st.integers(0, 8), st.one_of(st.none(), st.integers(0, 40)))
def test_nearest_match_by_bisection_is_the_nearest_by_scan(spans, start, width, reach):
    import re
    text = [" "] * 260
    for a, n in spans:
        text[a:a + n] = "x" * n
    text = "".join(text)[:260]
    matches = list(re.finditer(r"x+", text))
    end = start + width

    def scan() -> re.Match | None:
        best = None
        for m in matches:
            d = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else None
            if d is not None and (reach is None or d <= reach) and (best is None or d < best[0]):
                best = (d, m)
        return best[1] if best else None

    from audit.frames import _Matches
    found = _Matches(matches).nearest(start, end, reach)
    expected = scan()
    assert (found.span() if found else None) == (expected.span() if expected else None)


# -- incidents: one strike's or blast's toll, told two ways (issue 9) ----------------------------------------

AHLI_500 = "The Hamas-run Health Ministry said an Israeli airstrike killed at least 500 people at al-Ahli Hospital."
AHLI_471 = "Palestinian officials said 471 people were killed in the blast at Al-Ahli al-Arabi Hospital late on Tuesday."
AHLI_ABOUT = "Officials said an explosion at Al-Ahli Arabi Baptist Hospital killed about 500 people on Tuesday."


def test_a_toll_at_a_named_place_counts_one_incident():
    [at_least] = frames(AHLI_500, "2023-10-17")
    [told] = frames(AHLI_471, "2023-10-19")                # a Thursday: "late on Tuesday" is the 17th
    assert (at_least.incident, at_least.tally) == (told.incident, told.tally) == ("ahli", "increment")
    assert told.as_of == "2023-10-17"
    [village] = frames("An Israeli airstrike on a house in the town of Beit Yahoun killed four people.")
    [spelled] = frames("An Israeli air strike on a house in Beit Yahun killed four people.")
    assert village.incident == spelled.incident is not None          # one key for two transliterations
    # a city, a region or a running toll is no incident
    assert frames("Israeli strikes in Khan Younis killed 30 people on Monday.")[0].incident is None
    assert frames("More than 1,300 people have been killed in Israel since Hamas stormed Kibbutz Be'eri.")[0] \
        .incident is None
    assert frames("Israeli airstrikes on Gaza have killed 2,700 Palestinians.")[0].incident is None


def test_one_incidents_tolls_conflict_only_when_they_cannot_both_be_true():
    [at_least] = frames(AHLI_500, "2023-10-17")
    [told] = frames(AHLI_471, "2023-10-19")
    [about] = frames(AHLI_ABOUT, "2023-10-18")
    assert relation(at_least, told) == relation(told, at_least) == FigureRelation.CONFLICTING
    assert relation(about, told) == FigureRelation.COMPATIBLE      # "about 500" allows 471
    [weeks_later] = frames(AHLI_471.replace(" late on Tuesday", ""), "2023-11-15")
    assert relation(at_least, weeks_later) == FigureRelation.UNRELATED   # as of another day: not one report
    [other] = frames("An Israeli airstrike killed 40 people at the Indonesian Hospital.", "2023-10-17")
    assert relation(at_least, other) == FigureRelation.UNRELATED          # another incident
    [total] = frames("Gaza's health ministry says 3,000 Palestinians have been killed since Oct. 7.", "2023-10-17")
    assert relation(told, total) == FigureRelation.PART                  # one incident within the toll
    undated = [replace(q, as_of=None) for q in (at_least, told)]
    assert relation(*undated) != FigureRelation.CONFLICTING              # no date: not known to be one report


def _article(folder, name: str, outlet: str, day: str, body: str) -> None:
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\noutlet: {outlet}\ndate: {day}\n---\n\n{body}\n",
                                       encoding="utf-8")


def _links(result, needle: str) -> dict[str, str]:
    """Links of the claim containing `needle`: linked claim text -> relation."""
    texts = {c.id: c.text for c in result.claims}
    [claim] = [c for c in result.claims if needle in c.text]
    return {texts[link.claim]: link.relation for link in claim.corroboration.links}


def test_one_incidents_tolls_told_two_ways_are_linked_as_conflicting(auditor, tmp_path):
    """End to end: the words differ, so only the incident pairs them; a toll that agrees is not a conflict."""
    _article(tmp_path, "a", "Outlet A", "2023-10-17", "Gaza was shaken on Tuesday night. " + AHLI_500)
    _article(tmp_path, "b", "Outlet B", "2023-10-19", "Anger spread across the region. " + AHLI_471)
    _article(tmp_path, "c", "Outlet C", "2023-10-18", "Protests followed. " + AHLI_ABOUT)
    result = auditor.run([str(tmp_path)], None)
    links = _links(result, "471 people")
    assert links.get(AHLI_500) == "conflicts"
    assert links.get(AHLI_ABOUT) == "corroborates"                   # "about 500" allows 471
    [told] = [c for c in result.claims if "471 people" in c.text]
    assert told.corroboration.status == "contested"
    why = [link.why for link in told.corroboration.links if link.relation == "conflicts"]
    assert why == ["figures 471 vs at least 500 (palestinian killed, incident ahli), both as of 2023-10-17"]
    from audit.render.markdown import render_markdown
    contested = render_markdown(result).split("## Contested figures")[1].split("\n## ")[0]
    assert "### Contest 1: palestinian killed, incident ahli\n" in contested              # the count disputed
    row = next(line for line in contested.splitlines() if line.startswith("| 471 people | 1: "))
    assert row.endswith("| Outlet B | 2023-10-17 |")                                   # as of the blast's day


US_ESTIMATE = ("An unclassified U.S. intelligence assessment estimated casualties in an explosion at a Gaza City "
               "hospital this week on the low end of 100 to 300 deaths.")


def test_a_toll_told_at_a_site_without_its_name_keys_on_the_kind_of_site():
    [estimate] = frames(US_ESTIMATE, "2023-10-20")
    [blast] = frames("Doctors struggle to save survivors from the hospital blast that killed 471.", "2023-10-18")
    assert estimate.incident == blast.incident == "a hospital"
    total, incident = frames("The ministry said more than 2,800 Palestinians have been killed, and at least 500 "
                             "more died in a blast at a hospital on Wednesday.", "2023-10-18")
    assert (total.incident, incident.incident) == (None, "a hospital")   # the noun counts its nearest figure
    # two counts at "a hospital" may be of two hospitals: read as if no incident were named
    [other] = frames("An airstrike on a hospital killed 12 people on Thursday.", "2023-10-20")
    assert relation(estimate, other) != FigureRelation.CONFLICTING


def test_a_toll_at_an_unnamed_site_is_taken_for_the_one_named_incident_there(auditor, tmp_path):
    """The US estimate names no hospital: it is taken for al-Ahli, the one hospital incident of the days before,
    and conflicts with its tolls; with a second named hospital incident in those days it is left alone."""
    _article(tmp_path, "a", "Outlet A", "2023-10-17", "Gaza was shaken on Tuesday night. " + AHLI_500)
    _article(tmp_path, "b", "Outlet B", "2023-10-20", "Washington weighed in. " + US_ESTIMATE)
    result = auditor.run([str(tmp_path)], None)
    [link] = [k for k in _links(result, "100 to 300").items() if k[1] == "conflicts"]
    assert link[0] == AHLI_500
    [why] = [k.why for c in result.claims if "100 to 300" in c.text for k in c.corroboration.links]
    assert "incident ahli" in why and "both as of 2023-10-17" in why
    from audit.render.markdown import render_markdown
    contested = render_markdown(result).split("## Contested figures")[1].split("\n## ")[0]
    assert "### Contest 1: palestinian killed, incident ahli\n" in contested     # the count told most fully
    row = next(line for line in contested.splitlines() if line.startswith("| 100 to 300 "))
    assert row.endswith("| Outlet B | 2023-10-20 |")                           # the estimate as of its own day
    _article(tmp_path, "c", "Outlet C", "2023-10-18", "Elsewhere in Gaza, an Israeli airstrike killed 40 people "
                                                      "at the Indonesian Hospital.")
    again = auditor.run([str(tmp_path)], None)
    assert "conflicts" not in _links(again, "100 to 300").values()


def test_places_named_side_by_side_are_no_figures_scope():
    [both] = frames("At least 16 journalists have been killed in Gaza and Israel since the war began.")
    assert (both.population, both.scope) == ("journalists", None)
    [between] = frames("Thirty journalists have been killed in the war between Israel and Hamas.")
    assert between.scope is None
    [one_side] = frames("In Gaza and the West Bank, 704 people have been killed, according to authorities there.")
    assert (one_side.population, one_side.scope) == ("palestinian", None)
    gaza, israel = frames("At least 30 were killed in Gaza, and 20 in Israel.")
    assert (gaza.scope, israel.scope) == ("gaza", "israel")
    [said] = frames("At least 30 people were killed in Gaza, Israel said.")     # a comma alone lists nothing
    assert (said.population, said.scope) == ("palestinian", "gaza")
    [listed] = frames("Thirty journalists were killed in Gaza, Lebanon and Israel.")
    assert (listed.population, listed.scope) == ("journalists", None)
    [other_order] = frames("Thirty journalists have been killed in the war between Hamas and Israel.")
    assert other_order.scope is None


def test_a_day_is_the_reports_only_right_after_a_report_word():
    # published Thursday 2023-10-12
    [since] = frames("The ministry said 32 patients have died since its generator ran out of fuel Saturday.")
    assert since.as_of == "2023-10-12"
    [late] = frames("The ministry said late Monday that 40 people were killed in Gaza.")
    assert late.as_of == "2023-10-09"
    [as_of] = frames("As of Tuesday, 40 people were killed in Gaza.")
    assert as_of.as_of == "2023-10-10"
    for told in ("announced on Monday", "confirmed late on Monday", "reported early Monday"):
        [q] = frames(f"The ministry {told} that 40 people were killed in Gaza.")
        assert q.as_of == "2023-10-09", told
    [event] = frames("Forty people were killed in Gaza on Monday, the ministry said.")
    assert (event.tally, event.as_of) == ("increment", "2023-10-09")   # that day's count, not the report's
    [by] = frames("More than 1,500 had been killed in Gaza by Friday.")
    assert (by.tally, by.as_of) == ("running_total", "2023-10-06")      # a count as of that day


def test_a_count_followed_by_a_day_is_that_days_count_and_no_update_of_the_total():
    """"Six fighters were killed Saturday" is Saturday's count: part of a running total told a week later,
    not a value of it; a day that modifies a noun ("the Thursday statement") or starts a count ("since
    Saturday") makes no day's count."""
    [saturday] = frames("Hezbollah said six of its fighters were killed Saturday.", "2023-10-22")
    assert (saturday.tally, saturday.as_of) == ("increment", "2023-10-21")
    [daily] = frames("Six fighters died, the highest daily toll since the clashes began.", "2023-10-22")
    assert daily.tally == "increment"
    [total] = frames("Hezbollah said that, as of Friday, 47 of its fighters had been killed.", "2023-10-28")
    assert total.tally == "running_total"
    assert relation(saturday, total) == relation(total, saturday) == FigureRelation.PART
    [statement] = frames("Two Canadians are missing, said the Thursday statement.")
    [since] = frames("21 Palestinians have been killed since Saturday.")
    [before] = frames("On Saturday, Hamas gunmen killed 900 people.")
    assert statement.tally == since.tally == before.tally == "running_total"


def test_a_few_killed_with_no_tally_word_are_one_incidents_and_update_no_total():
    """"Three of her cousins were killed" counts one incident's dead, not a side's running toll: it is no
    earlier value of "two men" killed elsewhere days later, and two such few on one day do not conflict. A few
    of a third country's nationals ("two Canadians": how many of them the war has killed so far), or with a
    tally word or a perfect ("have been killed") stay a running count."""
    [cousins] = frames("She escaped Israeli strikes, but three of her cousins were killed.", "2023-10-12")
    [men] = frames("Settlers attacked the funeral in Gaza, killing another two men.", "2023-10-14")
    [three] = frames("Israeli fire on a Gaza home killed three people.", "2023-10-14")
    assert cousins.tally == men.tally == three.tally == "increment"
    assert (cousins.population, men.population) == ("palestinian", "palestinian")
    assert relation(cousins, men) == relation(men, cousins) == FigureRelation.UNRELATED
    assert relation(men, three) == FigureRelation.UNRELATED     # same day: two incidents, no conflict
    [named] = frames("Israeli forces killed three Palestinians in a camp near Jenin.", "2023-10-14")
    [active] = frames("Israeli forces have killed seven Palestinians in the camp, officials said.", "2023-10-14")
    [said] = frames("Palestinians have said eight people were killed by settlers.", "2023-10-14")
    assert (named.tally, active.tally, said.tally) == ("increment", "running_total", "increment")
    [toll] = frames("At least 83 Palestinians have been killed in the West Bank since Oct. 7.", "2023-10-20")
    [later] = frames("Israeli forces killed 30 Palestinians in the West Bank in 24 hours.", "2023-11-18")
    assert relation(toll, later) == relation(later, toll) == FigureRelation.UNRELATED   # not in the total
    assert relation(toll, replace(later, as_of="2023-10-19")) == FigureRelation.PART
    [quake] = frames("The earthquake killed seven people, officials said.", "2025-02-03", sided=False)
    assert quake.tally == "running_total"        # a disaster's first toll is its running count, however small
    [canadians] = frames("Two Canadians were killed at the music festival in Israel.", "2023-10-10")
    [perfect] = frames("In Gaza, four people have been killed by Israeli strikes.", "2023-10-10")
    [since] = frames("Four Palestinians were killed in the West Bank since Saturday.", "2023-10-10")
    [dozen] = frames("Israeli strikes in Gaza killed 12 people, the ministry said.", "2023-10-10")
    assert canadians.tally == perfect.tally == since.tally == dozen.tally == "running_total"


def test_deaths_in_separate_incidents_are_that_days_not_the_running_toll():
    [day] = frames("Friday was a deadly day, with 16 Palestinians killed in different incidents in the West Bank.")
    [since] = frames("Health officials said 29 Palestinians had been killed in the West Bank since Saturday.")
    assert (day.tally, since.tally) == ("increment", "running_total")
    assert relation(day, since) == relation(since, day) == FigureRelation.PART   # a day before the total: in it


def test_a_sources_seat_is_not_where_its_count_was_counted():
    """The Palestinian Health Ministry in Ramallah counts Gaza's dead: Ramallah is its seat, not a scope."""
    [seat] = frames("Israeli strikes have killed 11,200 people, according to the Palestinian Health Ministry in Ramallah.")
    [later] = frames("Health authorities in Ramallah kept releasing death tolls, most recently 13,300.")
    [there] = frames("Israeli forces killed 12 Palestinians in Ramallah, the ministry said.")
    [region] = frames("Palestinian officials in the West Bank said 95 Palestinians have been killed.")
    [gaza] = frames("The Hamas-run health ministry in Gaza said 8,000 people have been killed.")
    assert (seat.population, seat.scope, later.scope) == ("palestinian", None, None)
    assert there.scope == region.scope == "west bank" and gaza.scope == "gaza"


def test_a_run_of_bare_numbers_is_a_tables_labels_and_counts_nothing():
    """A graphic's caption flattened to text ("DEAD INJURED Israel Gaza 1,400 2,670") says nothing of which
    number is whose; a figure set off by words keeps its frame."""
    cells = frames("Map of the war DEAD INJURED Israel Gaza 1,400 2,670 3,500 9,714 as of Oct. 16")
    assert [q.measure for q in cells] == [None, None, None, None]
    [prose] = frames("Hamas militants killed 1,400 people in Israel.")
    assert prose.measure == "killed"


def test_the_whole_of_a_ratio_counts_nobody():
    assert [q.measure for q in frames("One out of 57 people in Gaza have been killed or injured.")] == [None]
    assert [q.measure for q in frames("İİİİİİİİ One out of 57 people in Gaza have been killed.")] == [None]
    assert [q.measure for q in frames("Some 57 people in Gaza have been killed or injured.")] == ["killed"]
    assert [q.measure for q in frames("Families fled out of 3 hospitals in Gaza, displaced again.")] == ["displaced"]


def test_israels_military_offensive_kills_palestinians_though_the_military_speaks_for_israel():
    [toll] = frames("Israel's strikes and the Israeli military offensive into the Gaza Strip have killed over 11,000 "
                    "people, the ministry said.")
    [hamas] = frames("Hamas launched a surprise military offensive that killed 1,400 people.")
    assert (toll.population, hamas.population) == ("palestinian", "israeli")


def test_the_oct_7_attack_named_as_a_pogrom_in_the_negev_killed_israelis():
    [toll] = frames("Israel has fought groups in Gaza since the Oct. 7 pogrom in the western Negev that killed "
                    "at least 1,400 people.", "2023-10-31")
    assert toll.population == "israeli"


def test_the_predicate_after_an_initialism_or_an_aside_gives_the_measure():
    [staff] = frames("The U.N. said 88 staff members from the U.N. agency for refugees have been reported killed.")
    assert staff.measure == "killed"
    patients, babies = frames("The ministry said 32 patients, including three babies, have died in Gaza.")
    assert (patients.measure, patients.population, babies.tally) == ("killed", "palestinian", "part")


def test_a_count_that_left_its_side_unsaid_is_updated_by_a_later_count_of_that_side():
    [early] = frames("Israel vowed to spare the estimated 150 hostages that Hamas took from Israel.", "2023-10-12")
    assert early.scope == "israel"             # the side's place named, not the side
    [later] = frames("About 240 Israeli hostages are held in Gaza, Israel says.", "2023-11-13")
    assert (early.population, later.population) == (None, "israeli")
    assert relation(early, later) == relation(later, early) == FigureRelation.UPDATE
    assert relation(replace(early, as_of="2023-11-20"), later) == FigureRelation.UNRELATED   # the side-less one later
    assert relation(replace(early, scope=None), later) == FigureRelation.UNRELATED           # nothing ties it to a side
    assert relation(replace(early, low=300.0, high=300.0), later) == FigureRelation.PART   # one side's within all


def test_a_town_opening_the_sentence_after_a_capital_locative_is_the_site():
    [rafah] = frames("In Rafah, an airstrike killed 12 people.")
    [after] = frames("An airstrike in Rafah killed 12 people.")
    assert rafah.site == after.site is not None
    assert frames("On Monday, 40 people were killed in Gaza.")[0].site is None     # a day, not a place


@pytest.mark.parametrize("text, measures", [
    ("Three Palestinian attackers killed an Israeli soldier at a checkpoint.", [None]),
    ("Two gunmen wounded a policeman before fleeing.", [None]),
    ("The attacks killed 1,400 people, injured more than 4,500 and took 222 hostages.", ["killed", "wounded", "held"]),
    ("Two militants killed 15 people in the village.", [None, "killed"]),
    ("Three soldiers were killed a day later.", ["killed"]),
    ("More than 400,000 people fled their homes in the north.", ["displaced"]),
])
def test_the_counted_who_do_it_to_someone_are_not_its_victims(text, measures):
    """A predicate after the counted noun with an object of its own tells what they did: "three attackers
    killed a soldier" counts attackers, not deaths; "were killed" and "fled their homes" count them."""
    assert [q.measure for q in frames(text)] == measures


def test_values_too_far_apart_in_size_are_two_counts_of_one_frame():
    """A running count does not fall under half of an earlier value, nor more than double in a day: three
    killed in one raid is not a revision of 83 killed in the West Bank, whatever the frame says."""
    [toll] = frames("At least 83 Palestinians have been killed in the West Bank since Oct. 7.", "2023-10-20")
    [raid] = frames("Israeli forces killed three Palestinians in the West Bank.", "2023-11-18")
    assert (toll.measure, toll.population, toll.scope) == (raid.measure, raid.population, raid.scope)
    assert relation(toll, raid) == relation(raid, toll) == FigureRelation.UNRELATED
    [later] = frames("At least 160 Palestinians have been killed in the West Bank since Oct. 7.", "2023-10-22")
    assert relation(toll, later) == FigureRelation.UPDATE
    [same_day] = frames("Israeli forces killed 30 Palestinians in the West Bank.", "2023-10-20")
    assert relation(toll, same_day) == FigureRelation.UNRELATED


@pytest.mark.parametrize("text, population", [
    ("The ministry reported 16 killed on Friday, bringing the total of Palestinians killed there since "
     "Hamas' rampage to 51.", "palestinian"),
    ("The group announced two deaths, raising the total of Lebanese militants killed to 14.", "lebanese fighters"),
])
def test_a_toll_phrase_says_whom_the_figure_it_brings_up_to_counts(text, population):
    """"Bringing the total of X killed to N": N counts X killed, whatever cue is nearer."""
    last = frames(text)[-1]
    assert (last.measure, last.population) == ("killed", population)


def test_captives_are_not_the_population_of_those_who_struck_them():
    """Hostages killed in Israeli strikes are not Palestinians: only their own noun phrase names them."""
    [dead] = frames("The armed wing says 13 captives were killed in Israeli strikes on Gaza in the past 24 hours.")
    assert (dead.measure, dead.population) == ("killed", None)
    [named] = frames("The armed wing says 13 Israeli hostages were killed in Israeli strikes on Gaza.")
    assert named.population == "israeli"
    [held] = frames("Hamas militants are holding about 240 hostages in Gaza.")   # their captors' other side
    assert (held.measure, held.population) == ("held", "israeli")


def test_an_attack_on_israel_names_its_victims():
    [toll] = frames("Israel vowed to wipe out the group in Gaza after its attack on Israel killed 1,400 people.")
    assert toll.population == "israeli"


@pytest.mark.parametrize("text", [
    "The war erupted when militants based in Gaza crossed into Israel and killed at least 1,200 people.",
    "Israel declared war against Hamas after the militant group killed at least 1,200 people.",
])
def test_a_place_cue_that_says_where_and_a_group_that_did_it_name_the_victims(text):
    """"crossed into Israel and killed" is nearer than "in Gaza", and a cue that carries its own
    preposition says where it happened; "the militant group killed" names the side that did it."""
    assert frames(text)[0].population == "israeli"


@pytest.mark.parametrize("text, measures", [
    ("At least 23 people were killed in two Israeli air strikes on Tuesday.", ["killed", None]),
    ("Four Palestinians were killed in clashes after dozens of military vehicles entered the camp.", ["killed", None]),
    ("Israeli jets destroyed 40 buildings overnight.", ["destroyed"]),
])
def test_a_count_of_things_is_no_toll_of_people(text, measures):
    """Strikes, vehicles and places are not killed: only a measure said of things (destroyed) counts them."""
    assert [q.measure for q in frames(text)] == measures


def test_a_sides_death_toll_names_its_population():
    [toll] = frames("Israeli troops encircled Gaza City, the military said, as the Palestinian death toll rose above 9,000.")
    assert (toll.measure, toll.population) == ("killed", "palestinian")


def test_militants_a_side_says_it_killed_are_not_that_sides_own():
    [militants] = frames("The Israeli military said it killed at least 10 militants near the border.")
    assert (militants.measure, militants.population) == ("killed", "fighters")
    [soldiers] = frames("The Israeli military said 31 soldiers had been killed since the ground operation began.")
    assert soldiers.population in ("soldiers", "israeli soldiers")


def test_counts_decades_apart_are_one_count_without_overflow():
    """Growth is bounded by the days apart: a figure as of 1945 against one of 2023 must not overflow."""
    assert one_count(30, 80_000, 28_000) and not one_count(80_000, 30, 28_000)
    [toll] = frames("Israeli strikes killed 30 Palestinians in Gaza.", "1945-03-10")
    [later] = frames("Israeli strikes have killed 80,000 Palestinians in Gaza.", "2023-11-17")
    assert relation(toll, later) == FigureRelation.UPDATE


def test_a_direction_before_from_makes_a_change_however_far_the_change_word():
    """"revised the death toll from an explosion at a hospital down from 500 to 471" gives 471, killed."""
    [toll] = frames("The ministry revised the death toll from an explosion at a Gaza City hospital down from 500 to 471.")
    assert (toll.low, toll.high, toll.measure) == (471, 471, "killed")
    [turnout] = frames("Turnout went from 40 to 60 percent.")                  # no change word, no direction
    assert (turnout.low, turnout.high) == (40, 60)


def test_an_armed_groups_members_are_its_own_and_both_sides_name_no_side():
    """"10 Hamas fighters" killed by Israeli troops are Hamas's, not Israelis (the group's name was read as
    the counted noun, and "Israeli troops" then gave the side); "terrorists" are fighters, whom an Israeli
    source's count never makes Israeli; a toll "on both sides" is no one side's."""
    [members] = frames("Israeli troops killed 10 Hamas fighters.")
    assert members.population == "hamas fighters"
    [terrorists] = frames("Israeli forces killed 10 terrorists and cleared the buildings.")
    assert terrorists.population == "fighters"
    [both] = frames("In the days since Hamas launched its attack, 2,500 people have been killed on both sides.")
    assert both.population is None
    [one_side] = frames("Since Hamas launched its attack on Israel, 1,300 people have been killed in Israel.")
    assert one_side.population == "israeli"


def test_a_figure_of_a_past_year_is_that_years_count_not_a_value_of_todays():
    """"The 2006 fighting killed more than 150 Israelis" is no value of the Israeli toll of 2023; a year that
    starts a count ("since 2002", "since the 1973 war") or a full date dates nothing."""
    past_war = frames("Many fear a reprise of the 2006 fighting that killed more than 150 Israelis.", "2023-10-13")
    today = frames("Hamas militants killed more than 1,300 Israelis.", "2023-10-13")
    israelis = [q for q in past_war if q.population == "israeli"][0]
    assert (israelis.tally, israelis.as_of) == ("increment", "2006-12-31")
    assert relation(israelis, today[0]) != FigureRelation.UPDATE
    since = frames("More than 1,200 people have been killed in Israel, a toll unseen since the 1973 war.")[0]
    [listed] = frames("Hamas, listed as a terrorist entity since 2002, killed 1,200 people in Israel.")
    [dated] = frames("On Oct. 7, 2022, 1,200 people were killed in Israel.", "2023-10-13")
    assert since.tally == listed.tally == dated.tally == "running_total"



def test_two_sources_counting_one_accident_differently_the_same_day_conflict():
    """A mine collapse or a factory fire at a named site is one incident: five dead from the company and
    nine from the union, both told on Tuesday, cannot both be true (they were read as an update). "The
    fire brigade" names no fire; "five miners" and "two rescuers" are not one count."""
    company, union = (frames(f"The collapse at the Nchanga mine killed {n} miners, the {who} said on Tuesday.",
                             "2026-05-06")[0] for n, who in (("five", "company"), ("nine", "union")))
    assert company.incident == union.incident == "nchanga" and company.unit == "miners"
    assert relation(company, union) == relation(union, company) == FigureRelation.CONFLICTING
    police, brigade = (frames(f"The fire at the Kilburn garment factory killed {n} workers, {who} said on Tuesday.",
                              "2026-05-06")[0] for n, who in (("12", "police"), ("19", "the fire brigade")))
    assert police.incident == brigade.incident == "kilburn"
    assert relation(police, brigade) == FigureRelation.CONFLICTING
    [rescuers] = frames("The collapse at the Nchanga mine killed two rescuers, the company said on Tuesday.", "2026-05-06")
    assert relation(company, rescuers) == FigureRelation.UNRELATED


def test_predicates_of_no_measure_stop_a_role_carrying_over():
    """"Five miners were killed and nine were rescued alive": nine were not killed; "cholera cases have
    risen to 912, including 31 deaths": 912 are cases, not deaths."""
    killed, rescued = frames("Five miners were killed and nine were rescued alive.")
    assert (killed.measure, rescued.measure) == ("killed", None)
    cases, deaths = frames("Cholera cases in Malawi have risen to 912, including 31 deaths.")
    assert (cases.measure, deaths.measure) == (None, "killed")


def test_a_document_that_names_no_side_of_the_conflict_gives_its_cues_no_say():
    """The population cues speak for the sides of one war: in a cholera story "the Ministry of Health said"
    makes no one Palestinian, and in a kidnapping "gunmen" make no one Israeli."""
    reader = LanguagePack.builtin().compiled(FrameReader)
    for text, population in (("Cholera has killed 27 people, the Ministry of Health said.", "palestinian"),
                             ("Gunmen abducted 24 students from a boarding school.", "israeli")):
        assert frames(text)[0].population == population            # in a story that names the war
        assert not reader.sided(text)
        claim = Claim(id="c", document="d", text=text, start=0, end=len(text), line=1, col=1)
        claim.quantities = reader.figures.read(text)
        reader.fill(claim, "2025-02-05", reader.sided(text))
        assert claim.quantities[0].population is None, text
    assert reader.sided("Israeli strikes on Gaza continued.") and reader.sided("Rockets hit Sderot.")


def test_a_death_toll_raised_to_a_bare_figure_counts_deaths_of_whom_it_says():
    [quake] = frames("The death toll from Tuesday's earthquake in southern Peru rose to 87 on Wednesday.")
    assert quake.measure == "killed"
    french, _ = frames("The death toll among French citizens in the attacks has risen to 12, with 16 others missing.")
    assert (french.measure, french.population) == ("killed", "french")
    five, total = frames("The army said five more soldiers were killed in Gaza, bringing the death toll "
                         "since the ground operation began two weeks ago to more than 40.")
    assert (total.measure, total.unit) == ("killed", "soldiers") and five.unit == "soldiers"


def test_timelines_follow_the_sides_corroboration_decided_over_earlier_runs_claims_too():
    """A story is followed without sides when most of its counts name no population: `corroborate` decides
    it once over every claim it reads (a stored run's joining ones too), and the timelines take that
    decision instead of one over this run's claims alone."""
    from audit.corroborate import corroborate
    from audit.corroborate.timelines import figure_timelines, sideless_measures
    from audit.models import Document, MetaValue
    from audit.registry import Registry
    reader = LanguagePack.builtin().compiled(FrameReader)

    def told(name: str, day: str, text: str) -> tuple[Claim, Document]:
        doc = Document(name, f"{name}.txt", "0", text, meta={"outlet": MetaValue(f"Outlet {name}", "test"),
                                                            "published": MetaValue(day, "test")})
        claim = Claim(id=name, document=name, text=text, start=0, end=len(text), line=1, col=1)
        claim.quantities = reader.figures.read(text)
        reader.fill(claim, day)
        return claim, doc

    earlier = [told(f"p{n}", f"2023-02-0{n}", f"The quake has killed {n},200 people, officials said.") for n in (6, 7, 8)]
    run = [told("r1", "2023-02-09", "1,400 Syrians have been killed, officials said."),
           told("r2", "2023-02-10", "1,700 Syrians have been killed, officials said."),
           told("r3", "2023-02-10", "Officials said 9,600 people have died in the quake."),
           told("r4", "2023-02-11", "Officials said 9,900 people have died in the quake.")]
    claims = [c for c, _ in run]
    assert [q.population for c in claims for q in c.quantities] == ["syrian", "syrian", None, None]
    assert "killed" not in sideless_measures((q for c in claims for q in c.quantities), reader.figures)
    sideless = corroborate(claims, {d.id: d for _, d in run}, Registry.load(), earlier)
    assert "killed" in sideless
    alone = figure_timelines(claims, {d.id: d for _, d in run}, reader.figures)
    decided = figure_timelines(claims, {d.id: d for _, d in run}, reader.figures, sideless)
    assert [t.population for t in alone] == ["syrian"]
    assert sorted(t.population for t in decided) == ["", "syrian"]        # "": no population named


def test_nearly_a_higher_number_after_more_than_a_lower_one_is_an_update():
    """ "nearly" means just under the number: 11,875-12,500 read as 11,250-12,500 put the middle under 12,000,
    so a wounded count going up showed as revised down."""
    [before] = frames("More than 12,000 Palestinians have been wounded in Gaza.", "2023-10-18")
    [after] = frames("Nearly 12,500 Palestinians have been wounded in Gaza.", "2023-10-19")
    assert relation(before, after) == FigureRelation.UPDATE


def test_just_over_a_number_then_more_than_a_higher_one_is_an_update():
    [before] = frames("Just over 12,000 Palestinians have been wounded in Gaza.", "2023-10-18")
    [after] = frames("More than 12,500 Palestinians have been wounded in Gaza.", "2023-10-19")
    assert relation(before, after) == FigureRelation.UPDATE


def test_the_bombing_counts_the_bombed_side_whoever_reports_it():
    [toll] = frames("The IDF says it targets Hamas, but the bombing has killed an estimated 2,750 civilians.", "2023-10-17")
    assert toll.population == "palestinian civilians"
