"""The `anonymous` kind's precision (issue 10): descriptors the tool took for withheld identities that the
guideline (docs/accuracy.md section 2) gives another kind. Invented sentences."""
from __future__ import annotations

from audit.models import Document


def _claims(auditor, text: str):
    doc = Document(id="t", path="t.txt", sha256="", text=text, regions=[(0, len(text))], meta={})
    return auditor.extractor.claims(doc)


def _kind_of(auditor, text: str, source: str) -> str:
    found = [a for c in _claims(auditor, text) for a in c.attributions if a.source == source]
    assert found, [(a.source, a.kind) for c in _claims(auditor, text) for a in c.attributions]
    return found[0].kind


def test_a_figure_is_anonymous_only_as_a_senior_figure(auditor):
    """ "senior figure" is listed: "figure" alone names no withheld identity ("another harbour figure")."""
    assert _kind_of(auditor, "A senior Harbour Party figure said the vote would fail.",
                    "A senior Harbour Party figure") == "anonymous"
    assert _kind_of(auditor, "Another Harbour Party figure said the vote would fail.",
                    "Another Harbour Party figure") != "anonymous"


def test_a_definite_role_description_is_the_person_named_in_that_role_before(auditor):
    text = ("The harbour board fired a pilot in June, said Lind spokesman Ana Reyes. The board denies it. "
            "The mayor's spokesman also said the pilot had been warned.")
    assert _kind_of(auditor, text, "Lind spokesman Ana Reyes") == "named_person"
    last = _claims(auditor, text)[-1].attribution
    assert (last.kind, last.inherited) == ("named_person", True)
    text = "Lind aide Ana Reyes said the vote was rigged. According to the Lind aide, the count was late."
    assert [c.attribution.kind for c in _claims(auditor, text)] == ["named_person", "named_person"]


def test_a_role_description_stays_anonymous_for_another_or_an_unnamed_holder(auditor):
    text = "Lind aide Ana Reyes said the vote was rigged. According to the Cole aide, the count was late."
    assert _kind_of(auditor, text, "the Cole aide") == "anonymous"
    text = "A spokesman for Mayor Lind said the vote was rigged. The mayor's spokesman added that the count was late."
    assert _kind_of(auditor, text, "The mayor's spokesman") == "anonymous"
    text = "An aide to Mr. Lind said the vote was rigged. The aide said the count was late."
    assert [c.attribution.kind for c in _claims(auditor, text)] == ["anonymous", "anonymous"]


def test_many_or_most_of_a_plural_descriptor_is_a_group_holding_a_view(auditor):
    assert _kind_of(auditor, "Many officials on the island believe the pier can be saved.",
                    "Many officials on the island") == "unnamed_group"
    assert _kind_of(auditor, "Most harbour officials think the fee is too high.",
                    "Most harbour officials") == "unnamed_group"


def test_a_quantified_circle_of_a_person_or_with_access_stays_anonymous(auditor):
    assert _kind_of(auditor, "Most Lind allies believe the pier can be saved.", "Most Lind allies") == "anonymous"
    assert _kind_of(auditor, "Most party strategists think the pier can be saved.",
                    "Most party strategists") == "anonymous"   # role heads: anonymous by the guideline's convention
    assert _kind_of(auditor, "Many officials familiar with the talks believe the pier can be saved.",
                    "Many officials familiar with the talks") == "anonymous"
    assert _kind_of(auditor, "Several officials said the pier can be saved.", "Several officials") == "anonymous"


def _kinds(auditor, text: str) -> list[tuple[str | None, str]]:
    return [(a.source, a.kind) for c in _claims(auditor, text) for a in c.attributions]


def test_bare_officials_after_a_sentence_about_an_organisation_are_its_voice(auditor):
    text = "The Harbour Board is expected to announce a new fee on Friday. Officials have said they are still weighing it."
    assert ("Officials", "named_org") in _kinds(auditor, text)
    text = "The Harbour Board does not want to stall trade. It plans to raise fees slowly. Officials expect a rise."
    assert ("Officials", "named_org") in _kinds(auditor, text)


def test_bare_officials_after_a_person_or_another_topic_stay_anonymous(auditor):
    assert ("Officials", "anonymous") in _kinds(auditor, "Mr. Lind said the pier would close. Officials said the road is open.")
    text = ("The Harbour Board will announce a new fee, the mayor said. The storm closed the pier. "
            "Officials said the road is open.")
    assert ("Officials", "anonymous") in _kinds(auditor, text)


def test_plural_ranks_without_a_role_marker_are_a_group(auditor):
    assert _kind_of(auditor, "Officers favored the harbour plan 52 percent to 30 percent.", "Officers") == "unnamed_group"
    assert _kind_of(auditor, "Senior officers said the raid had failed.", "Senior officers") == "anonymous"
    assert _kind_of(auditor, "A retired navy officer said the storm was the worst in years.",
                    "A retired navy officer") == "anonymous"
