"""Attribution: turn a document's sentences into claims with their source, quantities and entities.

Deterministic and offline. The words come from rules/lexicons/ (attribution.yaml, grammar.yaml,
common.yaml, extended by a user's lexicon folders) and are compiled once per Extractor (`vocabulary`);
outlets and actors come from the registry. One trie pattern over the lower-cased text finds every cue
word, preposition, cue noun and hedge of a sentence in a single pass; context checks run on those hits.

How a sentence gets its attributions, stage by stage (the primary one is the first cue in priority order
with an acceptable source; further ones come from the precise cue classes, `cues.FURTHER`, and one inside
an attributed quotation is marked nested; cues inside boilerplate or another sense of the word are dropped):
1. `cues`: candidates: reporting verbs ("said"), beliefs ("believes"), stances ("criticized"), evidence
   verbs with a document subject ("polls show"), prepositions ("according to"), possessive and
   support-verb nouns ("Trump's criticism", "made an announcement"), participles ("..., saying"),
   a colon or dash credit ("Trump: ...", "...: NYT"), and source-less cues ("reportedly").
2. `sources` (with `phrases`): each cue looks for its source: the subject before it (appositives kept),
   the phrase after it in inverted order ("..., said X, a Y."), the possessor, or the phrase after a
   preposition. Cues outside quotation marks and reporting verbs are tried first.
3. `kinds`: the source is classified (named_person, named_org, outlet, anonymous, unnamed_group,
   document, self) by the first rule that applies; `carry_over`: pronouns and definite descriptions
   ("he", "the source", "the report") inherit the last compatible attribution of the article.
   A cue with no source found leaves kind "none" but keeps the cue.
Accuracy on real annotated news is measured by `audit eval polnear` (docs/accuracy.md).
"""
from .carry_over import Ref
from .extractor import Extractor

__all__ = ["Extractor", "Ref"]
