"""The csv, prov and jsonld exports, each read back with a library that knows the format."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from audit.escape.spreadsheet import cell
from audit.models import ChainRole, ResultIndex
from audit.render.csv_export import COLUMNS
from audit.render.formats import FORMATS
from factories import seed_result as built_result

SCHEMA = "http://schema.org/"
CONTEXT = Path(__file__).parent / "fixtures" / "schemaorg-context.jsonld"


def _rows(result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(FORMATS["csv"].render(result), newline="")))


def test_csv_has_a_row_per_finding_and_one_for_each_claim_without(seed_result):
    rows = _rows(seed_result)
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == sum(max(1, len(c.findings)) for c in seed_result.claims)
    assert Counter(r["claim_id"] for r in rows) == {c.id: max(1, len(c.findings)) for c in seed_result.claims}
    relayed = next(c for c in seed_result.claims if len(c.attribution.via) and c.findings)
    row = next(r for r in rows if r["claim_id"] == relayed.id)
    assert row["claim"] == relayed.text and row["via"] == "; ".join(relayed.attribution.via)
    assert row["rule"] == relayed.findings[0].rule and float(row["score"]) == round(relayed.score, 1)


def test_csv_cells_cannot_start_a_formula():
    result = built_result()
    claim = result.claims[0]
    formulas = ["=HYPERLINK(\"http://evil\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    claim.text, claim.attribution.source, claim.attribution.cue = formulas[:3]
    claim.attribution.via = [formulas[3]]
    claim.findings[0].message, claim.findings[0].evidence.text = formulas[4:]
    row = next(r for r in _rows(result) if r["claim_id"] == claim.id)
    guarded = [row[k] for k in ("claim", "source", "cue", "via", "message", "evidence")]
    assert guarded == ["'" + f for f in formulas]
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in _rows(result) for v in r.values())
    assert cell(-1.5) == -1.5 and cell("a=b") == "a=b" and cell(None) == ""


def test_prov_json_loads_and_follows_a_relayed_claim_back_to_its_source(seed_result):
    prov_model = pytest.importorskip("prov.model")
    document = prov_model.ProvDocument.deserialize(content=FORMATS["prov"].render(seed_result), format="json")
    derived = {d.args[0]: d for d in document.get_records(prov_model.ProvDerivation)}
    attributed = {a.args[0]: a.args[1] for a in document.get_records(prov_model.ProvAttribution)}
    label = {str(r.identifier): r.label for r in document.get_records(prov_model.ProvAgent)}
    members = {m.args[1]: m.args[0] for m in document.get_records(prov_model.ProvMembership)}
    index = ResultIndex(seed_result)
    relayed = [c for c in seed_result.claims if c.attribution.via and c.attribution.source]
    assert relayed
    for claim in relayed:
        entity = document.valid_qualified_name(f"claim:{claim.id}")
        assert members[entity].localpart == claim.document
        names, hops = [], []
        while entity is not None:
            names.append(label[str(attributed[entity])])
            step = derived.get(entity)
            hops.append(step and step.get_attribute("prov:type"))
            entity = step.args[1] if step else None
        chain = index.chain(claim)
        assert names == [s.name for s in reversed(chain)]
        source_hop = [s.role for s in reversed(chain)].index(ChainRole.SOURCE) - 1
        assert str(next(iter(hops[source_hop]))) == "prov:Quotation"


def _load_schema_org(url, options=None):
    """A document loader that never touches the network: schema.org's context from the test fixtures."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise RuntimeError(f"unexpected remote document {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(CONTEXT.read_text())}


def test_jsonld_expands_to_schema_org_claims_with_their_appearances(seed_result):
    jsonld = pytest.importorskip("pyld.jsonld")
    expanded = jsonld.expand(json.loads(FORMATS["jsonld"].render(seed_result)), {"documentLoader": _load_schema_org})
    nodes = {n["@id"]: n for n in expanded}
    claims = [n for n in expanded if n["@type"] == [SCHEMA + "Claim"]]
    articles = {i for i, n in nodes.items() if n["@type"] == [SCHEMA + "NewsArticle"]}
    assert len(claims) == len(seed_result.claims) and len(articles) == len(seed_result.documents)
    index = ResultIndex(seed_result)
    for node in claims:
        claim = index.claims[node[SCHEMA + "identifier"][0]["@value"]]
        assert node[SCHEMA + "text"] == [{"@value": claim.text}]
        appearances = [a["@id"] for a in node[SCHEMA + "appearance"]]
        first = node[SCHEMA + "firstAppearance"][0]["@id"]
        assert set(appearances) <= articles and first in appearances
        assert len(appearances) == len({v.document for v in index.versions(claim)})
        assert first.endswith(":" + index.first_appearance(claim).document)
    echoed = next(n for n in claims if len(n[SCHEMA + "appearance"]) > 1)
    dates = [nodes[a["@id"]].get(SCHEMA + "datePublished", [{}])[0].get("@value") for a in echoed[SCHEMA + "appearance"]]
    first_date = nodes[echoed[SCHEMA + "firstAppearance"][0]["@id"]].get(SCHEMA + "datePublished", [{}])[0].get("@value")
    assert first_date == min((d for d in dates if d), default=None)
    authored = [n for n in claims if SCHEMA + "author" in n]
    assert authored and all(n[SCHEMA + "author"][0][SCHEMA + "name"] for n in authored)
