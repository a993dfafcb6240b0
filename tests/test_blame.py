"""Opposite accounts of who caused an incident: read from a claim's words, and linked as a conflict."""
from __future__ import annotations

import pytest
from test_corroborate import Corpus, relation_between

from audit.corroborate.blame import opposed
from audit.corroborate.features import tokens, vocabulary
from audit.registry import Registry

ISRAEL, ARMED = "israel", "palestinian armed groups"


def blame(text: str):
    return vocabulary().blame.read([t.lower() for t in tokens(text)])


@pytest.mark.parametrize("text, account", [
    ("The ministry said the blast at the hospital was caused by an Israeli air strike.", ((ISRAEL, True),)),
    ("The army said the blast was caused by a misfired Palestinian rocket.", ((ARMED, True),)),
    ("Officials blamed Islamic Jihad for the explosion at the school.", ((ARMED, True),)),
    ("A militant group in Gaza was responsible for the explosion, the president said.", ((ARMED, True),)),
    ("Analysts said Israel was not responsible for the hospital blast.", ((ISRAEL, False),)),
    ("The military says it had no involvement, and Israel isn't behind the blast.", ((ISRAEL, False),)),
    ("The blast appears to not have been caused by Israel, he said.", ((ISRAEL, False),)),
    # a rejection turns the account round: Israel is blamed, the armed groups cleared
    ("Hamas rejects claims that Israel isn't behind the blast, denying that another militant group was "
     "responsible.", ((ISRAEL, True), (ARMED, False))),
])
def test_a_claim_blames_or_clears_a_side(text, account):
    assert blame(text) == account


@pytest.mark.parametrize("text", [
    "Israeli soldiers stood behind the barricade outside the hospital.",     # "behind" with no link word
    "The ministry blamed an Israeli strike; the army blamed a misfired rocket.",   # a cause with no side named
    "Health officials said it was caused by an Israeli strike, but Israel said Hamas was responsible.",
    "Hundreds were killed in a blast at the hospital on Tuesday.",
])
def test_two_accounts_or_none_blame_no_one(text):
    assert blame(text) == ()


def test_accounts_are_opposed_when_they_blame_two_sides_or_blame_and_clear_one():
    assert opposed(((ISRAEL, True),), ((ARMED, True),))
    assert opposed(((ISRAEL, True),), ((ISRAEL, False),))
    assert not opposed(((ISRAEL, False),), ((ARMED, True),))      # cleared one, blamed the other: one account
    assert not opposed(((ARMED, True),), ((ARMED, True),))


def _hospital(accounts: list[tuple[str, str, str]]) -> list:
    """One claim per outlet and day, each from its own document."""
    k = Corpus()
    claims = []
    for n, (outlet, day, text) in enumerate(accounts):
        k.doc(f"d{n}", outlet, day)
        claims.append(k.claim(f"d{n}", text))
    k.run(Registry.load())
    return claims


def test_opposite_accounts_of_one_hospital_blast_conflict_whatever_else_they_share():
    ministry, army, both = _hospital([
        ("Outlet A", "2023-10-17", "The health ministry says the blast at the hospital that killed hundreds was "
                                   "caused by an Israeli air strike."),
        ("Outlet B", "2023-10-18", "The army said a misfired Palestinian rocket was responsible for the explosion "
                                   "at the hospital."),
        ("Outlet C", "2023-10-18", "The ministry blamed an Israeli strike for the hospital blast, while the army "
                                   "said a Palestinian rocket was responsible."),
    ])
    assert relation_between(ministry, army) == "conflicts"
    [why] = [link.why for link in ministry.corroboration.links if link.claim == army.id]
    assert why.startswith(f"opposite accounts of who caused it: {ISRAEL} vs {ARMED}")
    assert {ministry.corroboration.status, army.corroboration.status} <= {"contradicted", "contested"}
    assert relation_between(both, ministry) != "conflicts" and relation_between(both, army) != "conflicts"


def test_blasts_at_a_hospital_a_week_apart_are_not_compared():
    first, later = _hospital([
        ("Outlet A", "2023-10-17", "The blast at the hospital was caused by an Israeli air strike, the ministry said."),
        ("Outlet B", "2023-10-25", "The army said a Palestinian rocket was responsible for the explosion at a "
                                   "hospital in the north."),
    ])
    assert relation_between(first, later) != "conflicts"


def test_opposite_accounts_with_agreeing_tolls_are_a_contradicted_statement_not_a_contested_figure(auditor, tmp_path):
    """End to end: the report's contested figures hold counts whose values conflict; two accounts of the cause
    that give the same toll are listed as statements contradicted, each with its own reason once."""
    from test_frames import _article

    from audit.render.markdown import render_markdown
    _article(tmp_path, "a", "Outlet A", "2023-10-17", "The health ministry says at least 500 people were killed in "
                                                       "the blast at the hospital, which it said was caused by an "
                                                       "Israeli air strike.")
    _article(tmp_path, "b", "Outlet B", "2023-10-18", "The army said at least 500 people died in the hospital blast, "
                                                       "but that it was caused by a misfired Palestinian rocket.")
    result = auditor.run([str(tmp_path)], None)
    [ministry] = [c for c in result.claims if "ministry" in c.text]
    assert [link.relation for link in ministry.corroboration.links] == ["conflicts"]
    contested = render_markdown(result).split("## Contested figures")[1].split("\n## ")[0]
    assert "### Contest" not in contested
    [row] = [line for line in contested.splitlines() if line.startswith("| “The")]
    assert row.count("opposite accounts of who caused it") == 1
