"""Reading articles: formats, metadata and its provenance, furniture, line mapping, bad input."""
from __future__ import annotations

import json
import os
from json.decoder import scanstring
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

from audit.errors import AuditError
from audit.ingest import discover, ingest, load
from audit.models import Document
from audit.readers import READERS
from audit.readers.common import normalise_date, valid_unicode
from audit.registry import Registry

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPECTED = {  # shared/acceptance/seeds.yaml
    "000_e219391f38c01fb7": ("outlet", "The Palestine Chronicle"),
    "001_183dc3059bcf71ec": ("published", "2023-11-14"),
    "002_cf9cc913bd578db9": ("published", "2023-11-15"),
    "003_3afaf3625089db91": ("outlet", "Al Mayadeen English"),
    "004_46c607ac9c3904df": ("outlet", "Daily News Egypt"),
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="module")
def seeds(registry) -> dict[str, Document]:
    docs, skipped = ingest([str(SEEDS)], registry)
    assert skipped == []
    return {d.id: d for d in docs}


@pytest.fixture()
def bare_seeds(tmp_path, registry) -> dict[str, Document]:
    """The seed articles without their metadata.yaml sidecar."""
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path)
    docs, skipped = ingest([str(tmp_path)], registry)
    assert skipped == []
    return {d.id: d for d in docs}


def regions_text(doc: Document) -> list[str]:
    return [doc.text[a:b] for a, b in doc.regions]


def inside_regions(doc: Document, needle: str) -> bool:
    return any(needle in chunk for chunk in regions_text(doc))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# --- the seeds: metadata ---------------------------------------------------------------------

def test_seed_metadata_inferred_without_sidecar(bare_seeds):
    for doc_id, (key, value) in EXPECTED.items():
        assert bare_seeds[doc_id].get(key) == value, doc_id
        assert bare_seeds[doc_id].meta[key].source.startswith("inferred:"), doc_id
    assert bare_seeds["000_e219391f38c01fb7"].meta["outlet"].source == "inferred:byline"
    assert bare_seeds["001_183dc3059bcf71ec"].meta["published"].source == "inferred:date_line"
    assert bare_seeds["002_cf9cc913bd578db9"].meta["published"].source == "inferred:date_line"
    assert bare_seeds["004_46c607ac9c3904df"].meta["outlet"].source == "inferred:outlet_line"


def test_seed_metadata_from_sidecar(seeds):
    for doc_id, (key, value) in EXPECTED.items():
        assert seeds[doc_id].get(key) == value, doc_id
        assert seeds[doc_id].meta[key].source == "sidecar", doc_id


def test_credits_in_headlines_and_source_lines_are_not_the_publisher(bare_seeds):
    # 003's headlines end ": NYT" and ": CNN" (whom it relays); 002's "Source: Al Jazeera + ..." is a credit.
    assert bare_seeds["003_3afaf3625089db91"].outlet == "Al Mayadeen English"
    assert bare_seeds["002_cf9cc913bd578db9"].outlet is None
    assert bare_seeds["002_cf9cc913bd578db9"].get("credit") == "Al Jazeera + American press + Israeli press"


def test_seed_titles_and_headlines(seeds):
    doc = seeds["002_cf9cc913bd578db9"]
    title = "Advanced Prisoner Exchange Talks Between Hamas and Israel Mediated by Qatar and the United States"
    assert doc.title == title
    assert doc.headline.text == title and doc.position(doc.headline.start) == (3, 1)   # not the breadcrumb
    assert seeds["004_46c607ac9c3904df"].headline.text.startswith("Palestinian resistance kills 9")
    assert seeds["001_183dc3059bcf71ec"].headline is None          # starts with a paragraph


# --- the seeds: audited regions ---------------------------------------------------------------

def test_headline_is_not_an_audited_region(seeds):
    for doc in seeds.values():
        if doc.headline:
            assert all(b <= doc.headline.start or a >= doc.headline.end for a, b in doc.regions)


@pytest.mark.parametrize("doc_id, furniture", [
    ("004_46c607ac9c3904df", ["Share This Article", "Leave a comment", "3 Min Read", "Daily News Egypt"]),
    ("002_cf9cc913bd578db9", ["Home »", "Source: Al Jazeera", "#Leaks", "2023-11-15 03:12:57", "Leave a Comment",
                              "Akismet"]),
    ("000_e219391f38c01fb7", ["(Photo: Mahmoud Ajjour", "By Palestine Chronicle Staff", "(The Palestine Chronicle)",
                              "501(c)3", "Our Vision For Liberation", "1 Comment", "Comments are closed."]),
    ("003_3afaf3625089db91", ["(@MayadeenEnglish) November 4, 2023", "Read more:"]),
])
def test_furniture_is_outside_regions(seeds, doc_id, furniture):
    doc = seeds[doc_id]
    skipped = " ".join(span.text for span in doc.furniture)
    for needle in furniture:
        assert not inside_regions(doc, needle), needle
        assert needle in skipped, needle


def test_repeated_title_is_not_audited_twice(seeds):
    doc = seeds["002_cf9cc913bd578db9"]
    assert not inside_regions(doc, "Advanced Prisoner Exchange Talks")


def test_date_prefix_is_cut_from_the_first_region(seeds):
    doc = seeds["001_183dc3059bcf71ec"]
    first = regions_text(doc)[0]
    assert first.startswith("Hamas’s deputy chief, Saleh al-Arouri")
    assert doc.position(doc.regions[0][0]) == (1, 18)
    assert doc.furniture[0].text.strip() == "date 2023-11-14"


def test_article_text_is_kept(seeds):
    assert inside_regions(seeds["000_e219391f38c01fb7"], "A source in Hamas told Aljazeera Net")
    assert inside_regions(seeds["002_cf9cc913bd578db9"], "According to the Israeli Broadcasting Authority")
    assert inside_regions(seeds["003_3afaf3625089db91"], "According to a senior US official as quoted by CNN")
    assert inside_regions(seeds["003_3afaf3625089db91"], "Prospects for captives deal remain uncertain: CNN")
    assert inside_regions(seeds["004_46c607ac9c3904df"], "An Israeli official confirmed that negotiations")


def test_words_count_the_audited_regions(seeds):
    for doc in seeds.values():
        assert doc.words == sum(len(chunk.split()) for chunk in regions_text(doc)) > 200


def test_seed_identity(seeds):
    doc = seeds["003_3afaf3625089db91"]
    assert doc.path == "seeds/003_3afaf3625089db91.txt" or doc.path.endswith("/seeds/003_3afaf3625089db91.txt")
    assert doc.format == "text" and len(doc.sha256) == 64
    assert doc.text == (SEEDS / "003_3afaf3625089db91.txt").read_text(encoding="utf-8")


# --- line and column mapping ---------------------------------------------------------------------

@pytest.mark.parametrize("doc_id, needle, line, col", [
    ("003_3afaf3625089db91", "Abu Obeida revealed", 16, 1),
    ("002_cf9cc913bd578db9", "A senior Israeli source", 11, 1),
    ("001_183dc3059bcf71ec", "Saleh al-Arouri", 1, 40),
    ("004_46c607ac9c3904df", "An Israeli official confirmed", 10, 395),
])
def test_position_of_a_known_substring(seeds, doc_id, needle, line, col):
    doc = seeds[doc_id]
    offset = doc.text.index(needle)
    assert doc.position(offset) == (line, col)
    file_lines = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
    assert file_lines[line - 1][col - 1:].startswith(needle)


# --- formats ---------------------------------------------------------------------------------------

MARKDOWN = """---
title: Talks stall in Doha
outlet: Aljazeera.net
published: 2023-11-08T10:00:00Z
authors: [A. Writer, B. Writer]
url: https://www.aljazeera.com/news/talks
tags: [gaza]
---
# Talks stall in Doha

<!-- audit: ignore anonymous_source reason="checked with the desk" -->
A senior official told reporters that the talks
had stalled over the number of captives.

- Hamas said it holds about 240 captives.
"""


def test_markdown_front_matter_and_offsets(tmp_path, registry):
    path = write(tmp_path, "draft.md", MARKDOWN)
    (doc,) = load(path, registry)
    assert doc.format == "markdown" and doc.text == MARKDOWN
    assert {k: (v.value, v.source) for k, v in doc.meta.items() if k != "title"} == {
        "outlet": ("Al Jazeera", "front_matter"),
        "published": ("2023-11-08", "front_matter"),
        "author": ("A. Writer, B. Writer", "front_matter"),
        "url": ("https://www.aljazeera.com/news/talks", "front_matter"),
    }
    assert doc.headline.text == "Talks stall in Doha" and doc.position(doc.headline.start) == (9, 3)
    chunks = regions_text(doc)
    assert chunks == ["A senior official told reporters that the talks\nhad stalled over the number of captives.",
                      "Hamas said it holds about 240 captives."]
    assert doc.position(doc.text.index("had stalled")) == (13, 1)
    assert not any("audit: ignore" in c or "published" in c for c in chunks)


def test_windows_line_endings_and_byte_order_mark(tmp_path, registry):
    content = ("\ufeff---\r\noutlet: BBC\r\n---\r\n# Army losses\r\n\r\n"
               "By Jane Roe\r\nThe army said 9 soldiers died.\r\n")
    (doc,) = load(write(tmp_path, "crlf.md", content), registry)
    assert doc.outlet == "BBC" and doc.get("author") == "Jane Roe" and doc.headline.text == "Army losses"
    assert regions_text(doc) == ["The army said 9 soldiers died."]
    assert doc.position(doc.text.index("The army")) == (7, 1)


def test_html_without_article_text(tmp_path, registry):
    page = "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    path = write(tmp_path, "empty.html", page)
    with pytest.raises(AuditError, match="no article text found in the HTML"):
        load(path, registry)


def test_html_extraction_metadata_and_line_map(tmp_path, registry):
    html_text = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kan: talks advance | Example</title>
<meta property="og:site_name" content="The Times of Israel">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-11-15T08:00:00Z">
</head><body><nav>Home | World</nav>
<article>
<h1>Kan: talks advance</h1>
<p>According to Kan, the talks are advancing and a deal could come within days, officials said.</p>
<p>A senior Israeli source told the American ABC network that &ldquo;a breakthrough&rdquo; may come soon.</p>
<p>Hamas said it holds about 240 captives, a figure that could not be independently verified.</p>
</article><footer>Share This Article</footer></body></html>
"""
    path = write(tmp_path, "page.html", html_text)
    (doc,) = load(path, registry)
    assert doc.format == "html"
    assert doc.get("outlet") == "The Times of Israel" and doc.meta["outlet"].source == "html"
    assert doc.published == "2023-11-15" and doc.get("author") == "Jane Doe"
    assert "<p>" not in doc.text and "“a breakthrough”" in doc.text
    assert doc.headline is not None and doc.headline.text == "Kan: talks advance"
    assert doc.position(doc.text.index("A senior Israeli source"))[0] == 10
    assert doc.position(doc.text.index("Hamas said"))[0] == 11
    assert inside_regions(doc, "could not be independently verified")


def test_html_sentences_are_located_on_their_own_source_line_and_column(tmp_path, registry):
    """A paragraph that runs over several source lines, indented and with markup inside: each sentence is found
    where its opening words are, not at its paragraph's first line and the column of the extracted text."""
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Pier closes</title></head><body>\n"
            "<article>\n<h1>Pier closes</h1>\n"
            "    <p>The harbour board said the pier would close on Monday. The mayor said\n"
            "    repairs would take <em>six</em> weeks. Fishers said they were angry about it.</p>\n"
            "<p>A senior official, who spoke on condition of anonymity, said the board had known.</p>\n"
            "</article></body></html>\n")
    (doc,) = load(write(tmp_path, "pier.html", page), registry)
    lines = page.split("\n")
    for needle in ("The harbour board", "The mayor said", "Fishers said", "A senior official"):
        line, col = doc.position(doc.text.index(needle))
        assert lines[line - 1][col - 1:].startswith(needle), (needle, line, col)


def test_html_columns_inside_a_sentence_count_the_file_s_own_characters(tmp_path, registry):
    """Entities ("&amp;" is one character of text and five of the file), markup and line breaks inside a sentence:
    a word after them is placed at its own line and column in the file, as SARIF and annotations show it."""
    page = ("<html><head><title>Pier</title></head><body><article>\n"
            "<p>Pilots &amp; crews &mdash; and a <b>few</b> others &mdash; reported heavy losses, a pilot said.</p>\n"
            "<p>The mayor said repairs would take\n      <em>six</em> weeks &amp; cost 40 million.</p>\n"
            "</article></body></html>\n")
    (doc,) = load(write(tmp_path, "pier.html", page), registry)
    lines = page.split("\n")
    for needle in ("Pilots", "crews", "few", "others", "heavy losses", "a pilot said", "The mayor", "six",
                   "weeks", "cost 40"):
        line, col = doc.position(doc.text.index(needle))
        assert lines[line - 1][col - 1:].startswith(needle), (needle, line, col)


def test_jsonl_records_bad_lines_are_skipped(tmp_path, registry):
    lines = [
        json.dumps({"id": "a1", "text": "Hamas said it holds 240 captives.", "outlet": "NYT", "date": "Nov. 8, 2023"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": "The IDF said it struck 50 targets.", "url": "https://www.reuters.com/world/x"}),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    skipped = []
    docs = load(path, registry, skipped)
    assert [d.id for d in docs] == ["a1", "feed-5"]
    assert [(s.line, s.error.split(":")[0]) for s in skipped] == [
        (2, "invalid JSON"), (3, "record has no 'text' field (or it is empty)"), (6, "each line must be a JSON object")]
    first, second = docs
    assert first.outlet == "The New York Times" and first.meta["outlet"].source == "jsonl"
    assert first.published == "2023-11-08"
    assert second.outlet == "Reuters" and second.meta["outlet"].source == "inferred:url"
    assert second.position(second.text.index("struck")) == (5, 27)    # column of the file line
    assert first.format == "jsonl" and first.regions == [(0, len(first.text))]
    with pytest.raises(AuditError) as caught:
        load(path, registry)            # strict without a list to record skipped records in
    assert caught.value.line == 2


# Invented records: fields before the text, each kind of JSON escape, a surrogate pair and raw non-ASCII.
ESCAPED_RECORDS = [
    '{"id": "e1", "title": "Talks \\u201cstall\\u201d", "outlet": "Reuters", "text": "Line one.\\n\\tThe '
    'ministry said 12 \\"fighters\\" died.\\nA spokesman\\u2019s office in Tel Aviv\\/Jaffa said talks '
    'would resume \\ud83d\\ude00 on Monday, \\\\ officials said."}',
    '{"text" : "Police said the \u00e9vacuation began \U0001F600 at dawn.\\r\\nThe army said it hit 40 '
    'sites.", "outlet": "AP"}',
    '{"id": "e3", "meta": {"text": "not this", "n": [1, 2.5, null]}, "text": "decoy", '
    '"text":"\\uD83D\\uDE00\\uD83D Officials told \\u00e9diteurs that 3 people died."}',
]


@pytest.mark.parametrize("needle", ["The ministry said", "A spokesman", "Tel Aviv", "Jaffa said", "on Monday",
                                    "officials said", "Police said", "at dawn", "The army said",
                                    "Officials told", "that 3 people"])
def test_jsonl_position_is_the_column_of_the_raw_file_line(tmp_path, registry, needle):
    """A record's text offsets map to the line as the file holds it: escapes (\\n \\t \\" \\\\ \\/
    \\uXXXX, surrogate pairs) are longer there, and the fields before the text come first."""
    content = "\n".join(ESCAPED_RECORDS) + "\n"
    path = write(tmp_path, "week.jsonl", content)
    file_lines = content.split("\n")
    docs = [d for d in load(path, registry) if needle in d.text]
    assert len(docs) == 1
    line, col = docs[0].position(docs[0].text.index(needle))
    assert file_lines[line - 1][col - 1:].startswith(needle)


def test_jsonl_columns_of_every_character(tmp_path, registry):
    """The JSON string read from the column of any text offset on (to its closing quote) is the rest of
    the text from that offset: each character, escaped or not, is where the column says."""
    content = "\n".join(ESCAPED_RECORDS) + "\n"
    file_lines = content.split("\n")
    docs = load(write(tmp_path, "week.jsonl", content), registry)
    assert len(docs) == 3
    for doc in docs:
        for offset in range(len(doc.text) + 1):
            line, col = doc.position(offset)
            assert valid_unicode(scanstring(file_lines[line - 1], col - 1)[0])[0] == doc.text[offset:]


def test_plain_text_byline_dateline_and_duplicate_header(tmp_path, registry):
    text = ("Hostage talks resume in Doha\n"
            "Mediators expect a first exchange within days.\n"
            "Hostage talks resume in Doha\n"
            "Mediators expect a first exchange within days.\n"
            "\n"
            "By John Smith, Reuters\n"
            "DOHA (Reuters) — Talks on a hostage exchange resumed on Tuesday, two officials said.\n"
            "\n"
            "Home » World » Elsewhere\n")
    path = write(tmp_path, "wire.txt", text)
    (doc,) = load(path, registry)
    assert doc.title == "Hostage talks resume in Doha" and doc.meta["title"].source == "inferred:first_line"
    assert doc.get("author") == "John Smith, Reuters" and doc.outlet == "Reuters"
    assert doc.meta["outlet"].source == "inferred:byline"
    assert regions_text(doc) == ["Mediators expect a first exchange within days.",
                                 "Talks on a hostage exchange resumed on Tuesday, two officials said."]
    assert [span.text for span in doc.furniture][:2] == ["Hostage talks resume in Doha",
                                                         "Mediators expect a first exchange within days."]


def test_photo_credit_and_signature_name_the_outlet(tmp_path, registry):
    text = ("Gaza crossing reopens\n\n"
            "Trucks wait at the crossing. (Photo: A. Photographer, The Palestine Chronicle)\n\n"
            "Aid trucks entered Gaza on Sunday, the Red Crescent said.\n")
    (doc,) = load(write(tmp_path, "caption.txt", text), registry)
    assert doc.outlet == "The Palestine Chronicle" and doc.meta["outlet"].source == "inferred:photo_credit"
    signed = write(tmp_path, "signed.txt", "Aid trucks entered Gaza on Sunday, the Red Crescent said.\n\n(Anadolu)\n")
    (doc,) = load(signed, registry)
    assert doc.outlet == "Anadolu Agency" and doc.meta["outlet"].source == "inferred:signature"


def test_photo_captions_are_furniture_however_long(tmp_path, registry):
    """Invented captions in The Globe and Mail's layout: "Open this photo in gallery: ..." (longer than a
    furniture line may be), and a caption with its credit glued on; prose ending in a slash is kept."""
    gallery = ("Open this photo in gallery: Residents of the northern town walk past a row of shops that were "
               "damaged when a rocket struck the main street late on Tuesday evening, as officials said repairs "
               "would begin once the area was declared safe for work crews.JANE ROE/AFP/Getty Images.")
    glued = "Volunteers hand out bread at the market in the old city on Oct. 12.John Doe/Reuters 3 of 12."
    kept = ["The mayor said 40 shops were damaged in the strike.",
            "The statement was signed by the U.S. Army/Navy.", "The poll was run by Reuters/Ipsos."]
    text = f"Rocket hits market\n\n{kept[0]}\n\n{gallery}\n\n{glued}\n\n{kept[1]}\n\n{kept[2]}\n"
    assert len(gallery) > 200
    (doc,) = load(write(tmp_path, "globe.txt", text), registry)
    assert gallery in [span.text for span in doc.furniture] and glued in [span.text for span in doc.furniture]
    assert not inside_regions(doc, "Open this photo") and not inside_regions(doc, "Volunteers hand out")
    assert all(inside_regions(doc, line) for line in kept)
    long_prose = "The ministry said " + "the shelling went on through the night and " * 8 + "into the morning."
    (doc,) = load(write(tmp_path, "long.txt", f"Shelling goes on\n\n{long_prose}\n"), registry)
    assert inside_regions(doc, long_prose)          # other furniture kinds stay limited to short lines


def test_a_live_pages_standing_intro_and_a_link_to_the_rest_are_furniture(tmp_path, registry):
    intro = "DUNMORE (AP) — The Latest on the harbour strike (all times EDT):"
    rest = "Read the rest here."
    kept = "The Latest: pilots vote to return to work."
    text = f"{kept}\n\n{intro}\n\nThe union said 40 boats stayed in port on Monday.\n\n{rest}\n"
    (doc,) = load(write(tmp_path, "live.txt", text), registry)
    assert {intro, rest} <= {span.text for span in doc.furniture}
    assert inside_regions(doc, "40 boats stayed in port")


def test_page_end_cuts_the_rest_only_when_it_is_one(tmp_path, registry):
    body = "".join(f"Paragraph {n} says the army reported {n} strikes on Tuesday.\n\n" for n in range(6))
    transcript = body + "(BEGIN VIDEO CLIP.)\n\nThe senator said the vote would pass.\n"
    (doc,) = load(write(tmp_path, "transcript.txt", transcript), registry)
    assert inside_regions(doc, "The senator said the vote would pass.")
    signed = body + "(The Palestine Chronicle)\n\nRelated Story About Something Else\n\nA comment by a reader.\n"
    (doc,) = load(write(tmp_path, "signed.txt", signed), registry)
    assert not inside_regions(doc, "Related Story") and not inside_regions(doc, "A comment by a reader.")
    assert inside_regions(doc, "Paragraph 5 says")


# --- metadata precedence ------------------------------------------------------------------------

def test_front_matter_beats_sidecar_beats_inference(tmp_path, registry):
    write(tmp_path, "a.md", "---\noutlet: CNN\n---\nBy Reuters Staff\n\nThe army said 9 soldiers died.\n")
    write(tmp_path, "b.txt", "By Reuters Staff\n\nThe army said 9 soldiers died.\n")
    write(tmp_path, "c.txt", "By Reuters Staff\n\nThe army said 9 soldiers died.\n")
    write(tmp_path, "metadata.yaml", "a.md: {outlet: BBC, published: 2023-11-01}\n"
                                     "b.txt: {outlet: the guardian, title: Army losses}\n")
    docs, skipped = ingest([str(tmp_path)], registry)
    assert skipped == []
    meta = {d.id: {k: (v.value, v.source) for k, v in d.meta.items()} for d in docs}
    assert meta["a"]["outlet"] == ("CNN", "front_matter")
    assert meta["a"]["published"] == ("2023-11-01", "sidecar")
    assert meta["b"]["outlet"] == ("The Guardian", "sidecar")
    assert meta["b"]["title"] == ("Army losses", "sidecar")
    assert meta["c"]["outlet"] == ("Reuters", "inferred:byline")


def test_csv_sidecar(tmp_path, registry):
    write(tmp_path, "a.txt", "The army said 9 soldiers died in the fighting on Tuesday.\n")
    write(tmp_path, "metadata.csv", "file,outlet,date\na.txt,al jazeera english,14 November 2023\n")
    (doc,) = load(tmp_path / "a.txt", registry)
    assert (doc.outlet, doc.published, doc.meta["published"].source) == ("Al Jazeera", "2023-11-14", "sidecar")


@pytest.mark.parametrize("value, expected", [
    ("2023-11-14", "2023-11-14"), ("2023-11-15 03:12:57", "2023-11-15"), ("2023-11-08T10:00:00Z", "2023-11-08"),
    ("November 4, 2023", "2023-11-04"), ("Tuesday, Nov. 14, 2023", "2023-11-14"), ("4 Nov 2023", "2023-11-04"),
    ("2023-02-30", None), ("last Tuesday", None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


# --- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, line, message", [
    ("nul.txt", b"Hello\x00world", None, "binary file, not text"),
    ("latin1.txt", "First line\nSecond line\nCaf\u00e9 au lait\n".encode("latin-1"), 3,
     "not valid UTF-8 at line 3 (byte 0xe9); re-save the file as UTF-8"),
    ("empty.txt", b"", None, "empty file"),
    ("blank.md", b"  \n\t\n", None, "empty file"),
    ("open.md", b"---\ntitle: x\nSome text\n", 1, "front matter opened with '---' is never closed"),
    ("broken.md", b"---\ntitle: x\noutlet: [CNN\n---\nText.\n", 3, "invalid YAML"),
    ("list.md", b"---\n- a\n- b\n---\nText.\n", 2, "front matter must be a mapping"),
    ("date.md", b"---\npublished: soon\n---\nText.\n", 2, "cannot read the date 'soon'"),
    ("only.md", b"---\ntitle: x\n---\n", None, "empty file (front matter only)"),
    ("empty.jsonl", b"\n\n", None, "empty file"),
])
def test_bad_input_is_one_line_naming_file_and_line(tmp_path, registry, name, content, line, message):
    path = write(tmp_path, name, content)
    with pytest.raises(AuditError) as caught:
        load(path, registry)
    error = caught.value
    assert message in error.message and error.line == line
    text = str(error)
    assert "\n" not in text and name in text
    if line:
        assert f"{name}:{line}: " in text


def test_a_directory_or_unreadable_file_reports_the_os_reason(tmp_path, registry):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(AuditError, match="cannot read: Is a directory"):
        load(folder, registry)
    if os.geteuid() != 0:               # root reads everything
        locked = write(tmp_path, "locked.txt", "text")
        locked.chmod(0)
        with pytest.raises(AuditError, match="Permission denied"):
            load(locked, registry)


@pytest.mark.parametrize("sidecar, content, line, message", [
    ("metadata.yaml", "a.txt:\n  outlet: CNN\n  pubished: 2023-11-01\n", 3, "unknown key 'pubished'"),
    ("metadata.yaml", "a.txt:\n  outlet: [CNN\n", 2, "invalid YAML"),
    ("metadata.yaml", "a.txt: CNN\n", 1, "must be a mapping"),
    ("metadata.csv", "name,outlet\na.txt,CNN\n", 1, "needs a 'file' column"),
    ("metadata.csv", "file,published\nb.txt,2023-11-01\na.txt,yesterday\n", 3, "cannot read the date"),
])
def test_invalid_sidecar_names_sidecar_and_line(tmp_path, registry, sidecar, content, line, message):
    write(tmp_path, "a.txt", "The army said 9 soldiers died.\n")
    write(tmp_path, sidecar, content)
    with pytest.raises(AuditError) as caught:
        load(tmp_path / "a.txt", registry)
    assert message in caught.value.message and caught.value.line == line
    assert str(caught.value).endswith(caught.value.message) and f"{sidecar}:{line}: " in str(caught.value)
    docs, skipped = ingest([str(tmp_path)], registry)
    assert docs == [] and len(skipped) == 1 and skipped[0].line == line


def test_ingest_goes_on_after_bad_files(tmp_path, registry):
    write(tmp_path, "good.txt", "The army said 9 soldiers died in the fighting on Tuesday.\n")
    write(tmp_path, "bad.txt", b"\xff\xfe\x00\x00")
    write(tmp_path, "sub/good.txt", "Hamas said it holds 240 captives.\n")
    docs, skipped = ingest([str(tmp_path)], registry)
    assert {Path(d.path).parent.name for d in docs} == {"sub", tmp_path.name}
    assert [(Path(s.path).name, s.error) for s in skipped] == [("bad.txt", "binary file, not text")]


# --- discovery ----------------------------------------------------------------------------------------

def test_the_reports_this_tool_wrote_are_not_audited(tmp_path, capsys):
    """A folder audited after `audit report` wrote into it holds the report: it is left out, with a notice."""
    write(tmp_path, "story/a.md", "# Talks resume\n\nOfficials said on Monday that talks resumed in Cairo.\n")
    for fmt, name in (("markdown", "audit.md"), ("html", "audit.html")):
        code, _, err = run_cli(capsys, "report", str(tmp_path / "story"), "--no-store", "--format", fmt,
                               "-o", str(tmp_path / "story" / "reports" / name))
        assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "story" / "reports").iterdir() if p.suffix in (".md", ".html")) == [
        "audit.html", "audit.md"]
    notices: list = []
    files, skipped = discover([str(tmp_path / "story")], notices)
    assert [p.name for p in files] == ["a.md"] and not skipped
    assert sorted(Path(n.path).name for n in notices) == ["audit.html", "audit.md"]
    assert all(n.message == "a report provenance-audit wrote: not audited" for n in notices)
    files, _ = discover([str(tmp_path / "story" / "**" / "*.md")], [])
    assert [p.name for p in files] == ["a.md"]


def test_discover_folders_globs_and_missing_paths(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.jsonl", "notes.pdf", ".hidden/e.txt", "metadata.yaml"):
        write(tmp_path, name, "x")
    files, skipped = discover([str(tmp_path)])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.md", "b.txt", "sub/c.html", "sub/d.jsonl"]
    assert skipped == []
    files, skipped = discover([str(tmp_path / "*.txt"), str(tmp_path / "notes.pdf"), str(tmp_path / "nope.txt"),
                               str(tmp_path / "*.docx"), str(tmp_path / "b.txt")])
    assert [p.name for p in files] == ["b.txt"]
    assert [(Path(s.path).name, s.error.split(" (")[0]) for s in skipped] == [
        ("notes.pdf", "unsupported file type '.pdf'"),
        ("nope.txt", "no such file or folder"),
        ("*.docx", "no supported files match this pattern"),
    ]
    assert all("\n" not in s.error for s in skipped)
    assert set(READERS) == {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}


def test_paths_are_relative_to_the_working_folder(tmp_path, registry, monkeypatch):
    write(tmp_path, "in/a.txt", "The army said 9 soldiers died in the fighting on Tuesday.\n")
    monkeypatch.chdir(tmp_path)
    docs, _ = ingest([str(tmp_path / "in")], registry)
    assert docs[0].path == "in/a.txt"


def test_html_position_map_stays_light_and_exact_for_references_without_a_semicolon():
    from audit.readers.html import _position_map
    raw = "<p>Pilots &amp crews and 2 &lt 3 boats &#8217;said&#x2019; it.</p>"
    text = "Pilots & crews and 2 < 3 boats ’said’ it."
    starts, numbers, _, shifts = _position_map(raw, text)
    doc = Document(id="x", path="x", sha256="", text=text, format="html")
    doc.line_starts, doc.line_numbers, doc.col_starts, doc.col_shifts = starts, numbers, starts, shifts
    for needle in ("Pilots", "crews", "3 boats", "said", "it."):
        line, col = doc.position(text.index(needle))
        assert raw[col - 1:].startswith(needle), (needle, col)
    assert len(starts) <= 12                     # entries where text and file part, not one per character
