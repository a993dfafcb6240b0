"""Sentence and paragraph splitting with offsets."""
from __future__ import annotations

from audit.segment import _BOUNDARY, segment, split_sentences


def _texts(text):
    return [(s.paragraph, text[s.start:s.end]) for s in segment(text, [(0, len(text))])]


def test_hard_wrapped_paragraph_is_not_cut_at_line_breaks():
    text = "The minister said on Monday that the talks\nwould resume. Officials\nagreed.\n\nNext one."
    assert _texts(text) == [(1, "The minister said on Monday that the talks\nwould resume."),
                            (1, "Officials\nagreed."), (2, "Next one.")]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. Smith met U.S. officials in Washington, D.C. on Monday. J. Doe said so."
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == ["Mr. Smith met U.S. officials in Washington, D.C. on Monday.",
                                            "J. Doe said so."]


def test_quotes_close_a_sentence():
    text = "“We will fight,” he said. “We will win.” The talks went on."
    assert [t for _, t in _texts(text)] == ["“We will fight,” he said.", "“We will win.”", "The talks went on."]


def test_blank_lines_of_whitespace_separate_paragraphs():
    text = "One.\n" + " " * 5000 + "\n\t\nTwo.\n\n"
    assert _texts(text) == [(1, "One."), (2, "Two.")]


def _sentences(text):
    return [text[a:b] for a, b in split_sentences(text, 0, len(text))]


def test_sentences_glued_without_a_space_are_split():
    text = "Dozens died in the conflict.The army said it struck the Israeli military.Taoiseach Leo spoke!Then rain."
    assert _sentences(text) == ["Dozens died in the conflict.", "The army said it struck the Israeli military.",
                                "Taoiseach Leo spoke!", "Then rain."]


def test_glued_quote_closes_a_sentence():
    assert _sentences("He said “we will win.”The talks went on.") == ["He said “we will win.”", "The talks went on."]


def test_abbreviations_are_not_split_when_glued():
    text = "Mr.Smith met Gen.Jones and U.S.Army officers, Dr.Who said."
    assert _sentences(text) == [text]


def test_decimals_urls_and_domain_names_are_not_split():
    for text in ("Prices rose 3.5 percent in May.", "Read more at https://example.com/news.Today is fine.",
                 "Visit news.Google.com for more.", "Write to press.Office@example.org today.",
                 "See www.example.Org for details."):
        assert _sentences(text) == [text], text


def test_glued_split_keeps_offsets():
    text = "First part.Second part."
    assert split_sentences(text, 0, len(text)) == [(0, 11), (11, 23)]


def test_a_boundary_is_tried_only_at_the_first_mark_of_a_run_so_long_runs_cost_linear_time():
    text = "Wait... Then " + "." * 100_000 + " Done."
    assert _BOUNDARY.match(text, 4).group() == "..." and _BOUNDARY.match(text, 5) is None
    assert [t for _, t in _texts(text)] == ["Wait...", "Then " + "." * 100_000, "Done."]


def test_a_quotation_opening_with_a_bracket_starts_a_sentence():
    text = "The pilot also believes the pier is safe. “[Lind] knows the harbour,” Reyes said."
    assert [t for _, t in _texts(text)] == ["The pilot also believes the pier is safe.",
                                            "“[Lind] knows the harbour,” Reyes said."]
