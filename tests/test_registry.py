"""The outlet and actor registry: lookups, who speaks for whom, parties, affiliation, validation."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from audit.errors import ConfigError
from audit.paths import REGISTRY_DIR
from audit.registry import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.mark.parametrize("name, canonical", [
    ("Aljazeera Net", "Al Jazeera"),
    ("Aljazeera.net", "Al Jazeera"),
    ("al jazeera english", "Al Jazeera"),
    ("the Israeli Broadcasting Authority", "Kan"),
    ("the American ABC network", "ABC News"),
    ("NYT", "The New York Times"),
    ("New York Times", "The New York Times"),
    ("Al Mayadeen English", "Al Mayadeen English"),
    ("Hamas’s", "Hamas"),
    ("Hamas'", "Hamas"),
    ("Izz ad-Din al-Qassam Brigades", "Al-Qassam Brigades"),
    ("al Qassam", "Al-Qassam Brigades"),
    ("Islamic Jihad Movement", "Palestinian Islamic Jihad"),
    ("the occupation army", "Israel Defense Forces"),
    ("Israeli War Cabinet", "Israeli government"),
    ("Ziad Al-Nakhalah", "Ziyad al-Nakhalah"),
    ("Palestine Chronicle", "The Palestine Chronicle"),
    ("https://www.nytimes.com/2023/11/08/world/x.html", "The New York Times"),
    ("english.almayadeen.net", "Al Mayadeen English"),
    ("www.almayadeen.net", "Al Mayadeen"),
])
def test_lookup_by_alias(registry, name, canonical):
    assert registry.lookup(name).name == canonical


def test_lookup_unknown_returns_none(registry):
    assert registry.lookup("The Daily Planet") is None
    assert registry.lookup("example.org") is None


@pytest.mark.parametrize("person, organisation, top", [
    ("Abu Obeida", "Al-Qassam Brigades", "Hamas"),
    ("Saleh al-Arouri", "Hamas", "Hamas"),
    ("Mohammad al-Hindi", "Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
    ("Akram Al-Ajouri", "Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
    ("Benjamin Netanyahu", "Israeli government", "Israel"),
    ("IDF", "Israel", "Israel"),
    ("Al-Quds Brigades", "Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
])
def test_speaks_for_and_root(registry, person, organisation, top):
    actor = registry.lookup(person)
    assert registry.lookup(actor.speaks_for).name == organisation
    assert registry.root(actor).name == top
    assert registry.is_party(actor)


def test_roles_in_the_conflict(registry):
    abu_obeida = registry.lookup("Abu Obeida")
    assert registry.conflict_role(abu_obeida, "israel-gaza-2023") == "party"      # through Hamas
    assert registry.conflict_role(registry.lookup("al-Qassam"), "israel-gaza-2023") == "organ_of_party"
    assert registry.conflict_role(registry.lookup("Kan")) == "public_media_of_party"
    assert registry.conflict_role(registry.lookup("Hezbollah"), "israel-gaza-2023") == "none"
    assert registry.conflict_role(registry.lookup("Hezbollah"), "israel-hezbollah-2023") == "party"
    assert "Hamas" in registry.conflicts["israel-gaza-2023"].parties


def test_ngo_is_not_a_party(registry):
    addameer = registry.lookup("Addameer")
    assert addameer.ownership == "ngo"
    assert not registry.is_party(addameer)
    assert registry.conflict_role(addameer) == "none"
    assert not registry.is_affiliated_outlet(addameer)


def test_public_media_of_a_party_is_affiliated_but_not_a_party(registry):
    kan = registry.lookup("Israeli Broadcasting Authority")
    assert kan.name == "Kan" and kan.ownership == "public"
    assert not registry.is_party(kan)
    assert registry.is_affiliated_outlet(kan)


@pytest.mark.parametrize("outlet, affiliated", [
    ("Al Jazeera", True),                # state-controlled (Qatar)
    ("The Palestine Chronicle", True),   # advocacy
    ("Al Mayadeen English", True),       # aligned with a party
    ("Al-Aqsa TV", True),                # a party's channel
    ("Press TV", True),
    ("CNN", False),
    ("The New York Times", False),
    ("Reuters", False),
    ("BBC", False),
    ("Daily News Egypt", False),
])
def test_affiliated_outlets(registry, outlet, affiliated):
    assert registry.is_affiliated_outlet(registry.lookup(outlet)) is affiliated


def test_hamas_is_not_an_outlet(registry):
    assert registry.is_party(registry.lookup("Hamas"))
    assert not registry.is_affiliated_outlet(registry.lookup("Hamas"))


def test_every_expected_outlet_is_known(registry):
    for name in ("Reuters", "AP", "Associated Press", "AFP", "BBC", "The Washington Post", "The Guardian",
                 "Fox News", "Times of Israel", "Haaretz", "Jerusalem Post", "Channel 12", "Channel 13", "i24",
                 "Al Arabiya", "Anadolu", "WAFA", "Press TV", "RT", "Al-Aqsa TV", "Axios", "Politico", "NBC",
                 "CBS", "Breitbart", "HuffPost", "USA Today", "Wall Street Journal", "Bloomberg"):
        actor = registry.lookup(name)
        assert actor is not None and actor.kind == "outlet", name


def test_every_tag_cites_dated_evidence_and_ratings_stay_apart(registry):
    for actor in registry.actors.values():
        for item in actor.evidence:
            assert item["claim"] and item["source"] and re.fullmatch(r"\d{4}(-\d{2}){0,2}", item["date"])
        if actor.ownership:
            assert any("ownership" in item["for"] for item in actor.evidence), actor.name
    addameer = registry.lookup("Addameer")
    assert addameer.ratings and addameer.ratings[0]["by"] == "Israeli Ministry of Defense"
    assert all("terrorist" not in item["claim"] for item in addameer.evidence)


def test_find_mentions_longest_match_and_word_boundaries(registry):
    text = ("A source in Hamas told Aljazeera Net that the al-Qassam Brigades' fighters, "
            "not the Al Jazeera English crew, saw Hamasville; AP and ap differ, as Israel’s army knows.")
    found = [(text[s:e], actor.name) for s, e, actor in registry.find(text)]
    assert found == [
        ("Hamas", "Hamas"),
        ("Aljazeera Net", "Al Jazeera"),
        ("al-Qassam Brigades", "Al-Qassam Brigades"),
        ("Al Jazeera English", "Al Jazeera"),
        ("AP", "Associated Press"),
        ("Israel", "Israel"),
    ]


def test_find_spans_point_into_the_text(registry):
    text = "According to the Israeli Broadcasting Authority, Abu Obeida said the IDF withdrew."
    for start, end, actor in registry.find(text):
        assert registry.lookup(text[start:end]) is actor
    assert [a.name for _, _, a in registry.find(text)] == ["Kan", "Abu Obeida", "Israel Defense Forces"]


def test_hash_is_stable_and_tracks_the_files(registry, tmp_path):
    assert registry.hash() == Registry.load().hash()
    extra = _write(tmp_path / "extra", "x.yaml", """
        actors:
          - name: The Daily Planet
            kind: outlet
        """)
    assert Registry.load([REGISTRY_DIR, extra]).hash() != registry.hash()


def test_later_folder_overrides_and_extends(tmp_path):
    extra = _write(tmp_path / "extra", "local.yaml", """
        actors:
          - name: CNN
            kind: outlet
            ownership: state
            evidence:
              - {for: ownership, claim: test override, source: test, date: 2024}
          - name: The Daily Planet
            kind: outlet
            aliases: [Daily Planet]
        """)
    registry = Registry.load([REGISTRY_DIR, extra])
    assert registry.lookup("CNN").ownership == "state"
    assert registry.lookup("Daily Planet").name == "The Daily Planet"
    assert registry.lookup("Hamas") is not None


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(line[8:] for line in text.splitlines()[1:]) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("body, line, message", [
    ("""
        actors:
          - name: Test Outlet
            kind: outlet
            owner_name: Somebody
        """, 4, "unknown key 'owner_name'"),
    ("""
        actors:
          - name: Test Outlet
            kind: outlet
            ownership: state
            evidence:
              - {for: owner, claim: x, source: y, date: 2023}
        """, 4, "tag 'ownership' has no evidence"),
    ("""
        actors:
          - name: Test Group
            kind: group
            roles:
              israel-gaza-2023: organ_of_party
        """, 5, "tag 'roles.israel-gaza-2023' has no evidence"),
    ("""
        actors:
          - name: Test Group
            kind: militia
        """, 3, "'kind' must be one of"),
    ("""
        actors:
          - name: Test Outlet
            kind: outlet
            evidence:
              - {for: ownership, claim: x, source: y, date: last year}
        """, 5, "date must be"),
    ("""
        actors:
          - name: Test Outlet
            kind: outlet
          - name: Second
            kind: [outlet
        """, 5, "invalid YAML"),
    ("""
        outlets:
          - name: Test Outlet
        """, 1, "unknown key 'outlets'"),
    ("""
        actors:
          - name: Test Outlet
            kind: outlet
            name: Again
        """, 4, "duplicate key 'name'"),
])
def test_invalid_registry_files_name_file_and_line(tmp_path, body, line, message):
    folder = _write(tmp_path / "bad", "bad.yaml", body)
    with pytest.raises(ConfigError) as caught:
        Registry.load([folder])
    error = caught.value
    assert error.line == line and message in error.message
    assert str(error).startswith(f"{folder / 'bad.yaml'}:{line}: ") and "\n" not in str(error)


@pytest.mark.parametrize("body, message", [
    ("""
        actors:
          - name: Somebody
            kind: person
            speaks_for: Nobody
            evidence:
              - {for: speaks_for, claim: x, source: y, date: 2023}
        """, "speaks_for unknown actor 'Nobody'"),
    ("""
        actors:
          - name: One
            kind: outlet
            aliases: [Shared]
          - name: Two
            kind: outlet
            aliases: [shared]
        """, "'shared' of 'Two' already names 'One'"),
    ("""
        actors:
          - name: Somebody
            kind: group
            roles: {no-such-war: party}
            evidence:
              - {for: roles.no-such-war, claim: x, source: y, date: 2023}
        """, "unknown conflict 'no-such-war'"),
])
def test_inconsistent_registry_is_rejected(tmp_path, body, message):
    folder = _write(tmp_path / "bad", "bad.yaml", body)
    with pytest.raises(ConfigError, match=re.escape(message)):
        Registry.load([folder])


def test_same_name_twice_in_one_folder_is_rejected(tmp_path):
    folder = tmp_path / "reg"
    shutil.copytree(REGISTRY_DIR, folder)
    _write(folder, "zz_dup.yaml", """
        actors:
          - name: cnn
            kind: outlet
        """)
    with pytest.raises(ConfigError, match="defined twice"):
        Registry.load([folder])


def test_a_description_names_the_body_its_place_and_other_words_narrow_to(tmp_path):
    folder = _write(tmp_path / "reg", "r.yaml", """
        actors:
          - name: Freedonia
            kind: state
            aliases: [Freedonian authorities]
          - name: Freedonian Navy
            kind: org
            aliases: [Freedonian fleet]
            speaks_for: Freedonia
            evidence:
              - {for: speaks_for, claim: test, source: test, date: 2024}
          - name: Freedonian Anglers Union
            kind: org
          - name: Sylvanian Harbour Board
            kind: org
          - name: Sylvanian Rowing League
            kind: org
          - name: Freedonia Daily
            kind: outlet
        """)
    registry = Registry.load([folder])
    places = frozenset({"freedonian", "sylvanian", "marsovian"})

    def described(words: str) -> str | None:
        body = registry.described(words.split(), places)
        return body.name if body else None

    assert described("freedonian fleet officials") == "Freedonian Navy"     # narrowed to one body
    assert described("freedonian anglers") == "Freedonian Anglers Union"
    assert described("freedonian security sources") is None             # two roots, one of them no side
    assert described("sylvanian harbour officials") == "Sylvanian Harbour Board"
    assert described("sylvanian officials") is None                     # two bodies, no state or group over them
    assert described("marsovian officials") is None                     # a place the registry names nothing of
    assert described("harbour officials") is None                       # no place word
