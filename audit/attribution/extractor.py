"""The Extractor: a document's sentences in, claims with attribution, quantities and entities out."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from bisect import bisect_left, bisect_right
from operator import itemgetter

from ..language import LanguagePack, norm
from ..limits import Deadline
from ..models import Attribution, Claim, Document, Span
from ..models import AttributionKind as Kind
from ..quantities import FigureReader
from ..registry import Actor, Registry
from ..segment import segment
from .carry_over import History, Ref
from .cues import FIGURE, FURTHER, NEEDS_SOURCE, VIEW_HOLDING, PRIORITY, CueFinder, is_credit, may_cite_poll
from .entities import credit_line, sentence_entities
from .kinds import Classifier
from .phrases import TITLE_SMALL_WORDS
from .learned import CueTagger
from .sources import SourceFinder, last_word
from .spans import COORDINATED, LONG_TAIL, TRIM, Cue, Quotes, Source, carried_quote, has_dash
from .vocabulary import Vocabulary

_HEDGE_ONLY = frozenset({"hedge"})
_QUOTE_OPENERS = ("“", '"')
_QUOTED_PENALTY = 5               # cues inside quotation marks come after all others
MAX_ATTRIBUTIONS = 16             # per sentence (news has at most a handful); bounds the pairwise overlap test
MAX_CUES = 64                     # cue words tried per sentence, in priority order: keeps a run of 200k "said" fast
_OUTLET_ONLY_REST = re.compile(r"^(?:the|a report by|a report from|the american|american)\s*")
# A source ending in a title whose quotation marks close after it ("X, star of “Scandal"): a phrase.
_TITLE_AT_END = re.compile(r"(?:“|\"|'')(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|"
                           + "|".join(sorted(TITLE_SMALL_WORDS)) + "))*$")
# A passive agent after another attribution is a further one ("X said ..., when asked by a reporter"), unless the
# passive is in a relative or question clause of the comma segment ("where it has been opposed by most Republicans").
_AGENT_KINDS = ("by_agent", "passive_agent")
_WH_BEFORE = re.compile(r"\b(?:where|why|how|which|that|who|whom|whose|what)\b", re.IGNORECASE)
# Between a main subject and a cue after "and", in the cue's comma segment: a relative clause ("planks that support
# ... and oppose"), or passive participles joined by "and" ("were mocked and criticized"), whose cue the main
# subject does not speak.
_RELATIVE_BETWEEN = re.compile(r"\b(?:that|which|who)\b")
_PASSIVE_AND = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?\w+ed\s+and\s*$")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")             # "U.S.": a full stop that is no sentence's end
_FALLBACK_KINDS = ("speech", "prep", "noun", "participle", "stance", "decision")      # cues kept with kind "none" when no source is found
_SEEMING_SUBJECTS = ("he", "she", "they")
_OUTLET_FURTHER = ("speech", "stance", "prep")
_OPENS_QUOTE = re.compile(r"(?:^|\s)[‘“]\w")


def _bucket(spans: list[tuple[int, int, int, bool]], matches) -> list[list]:
    """Matches (start, end, item) over the whole text, grouped by the sentence holding them, in
    sentence-relative offsets."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    starts = [spans[i][0] for i in order]
    out: list[list] = [[] for _ in spans]
    for a, b, item in matches:
        k = bisect_right(starts, a) - 1
        if k >= 0:
            i = order[k]
            if b <= spans[i][1]:
                s0 = spans[i][0]
                out[i].append((a - s0, b - s0, item))
    return out


class Extractor:
    """Compiled lexicon and registry patterns; `claims(doc)` extracts a document's claims."""

    def __init__(self, language: LanguagePack, registry: Registry):
        self.registry = registry
        self.figures = language.compiled(FigureReader)
        self.vocabulary = language.compiled(Vocabulary)
        self.cues = CueFinder(self.vocabulary, registry)
        self.sources = SourceFinder(self.vocabulary)
        self.kinds = Classifier(self.vocabulary, registry)
        self.cue_model: CueTagger | None = None         # optional learned cues, off by default (learned.py)

    def use_cue_model(self, path: str | Path | None) -> None:
        """Load a learned cue tagger (bench/train_cue_tagger.py) to try on sentences the rules leave
        unattributed; None goes back to the rules alone."""
        self.cue_model = CueTagger.load(path) if path else None

    def claims(self, doc: Document, deadline: Deadline | None = None) -> list[Claim]:
        """Headline and sentences of the audited regions, with attribution carried over within the article;
        `deadline` is checked before each sentence."""
        text = doc.text
        spans: list[tuple[int, int, int, bool]] = []
        if doc.headline:
            spans.append((doc.headline.start, doc.headline.end, 0, True))
        spans += [(s.start, s.end, s.paragraph, False) for s in segment(text, doc.regions)]
        low = text.lower()
        if len(low) != len(text):                         # a character whose lower case is longer: keep offsets
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        named = self.registry.find(text)
        self.kinds.begin(named, text)
        mentions = _bucket(spans, named)
        roles, scan = self.vocabulary.roles, self.vocabulary.scan_re.finditer
        publisher = self.registry.lookup(doc.outlet) if doc.outlet else None
        credit = credit_line(self.registry, doc)
        history: History = []
        claims: list[Claim] = []
        seen: dict[str, int] = {}
        quoted, last_paragraph = False, -1
        speaker: tuple[str, Attribution] | None = None    # who speaks the open quotation, and where they are named
        last_quoted: tuple[int, tuple[str, Attribution]] | None = None   # a paragraph's last closed quotation's speaker
        fallback: tuple[int, tuple[str, Attribution], list[Claim]] | None = None   # that speaker for an open quotation
        unspoken: list[Claim] = []                        # the open quotation's claims still waiting for a speaker
        for index, (start, end, paragraph, is_headline) in enumerate(spans):
            if deadline:
                deadline.check(start)
            sentence = text[start:end]
            norm_text = " ".join(sentence.split()).lower()
            seen[norm_text] = seen.get(norm_text, 0) + 1
            cid = hashlib.sha1(f"{doc.path}\0{norm_text}\0{seen[norm_text]}".encode()).hexdigest()[:10]
            line, col = doc.position(start)
            claim = Claim(id=cid, document=doc.id, text=sentence, start=start, end=end, line=line, col=col,
                          is_headline=is_headline, paragraph=paragraph, index=index)
            claim.quantities = self.figures.read(sentence, start)
            self.kinds.enter(start, sentence)
            hits = [(m.start() - start, m.end() - start, roles.get(m.group()) or roles[norm(m.group())])
                    for m in scan(low, start, end)]
            claim.entities = sentence_entities(self.registry, self.vocabulary.name_stop, sentence, start,
                                               mentions[index])
            if hits:
                claim.hedged = any("hedge" in r for _, _, r in hits)
                hits = [h for h in hits if h[2] != _HEDGE_ONLY]
            was_open = quoted and paragraph == last_paragraph and not is_headline
            inside, quoted = carried_quote(sentence, was_open)
            last_paragraph = paragraph
            if inside:                                    # the quoted speaker's words: their cues are not the claim's
                hits = [h for h in hits if h[0] >= inside]
            found = [Attribution()] if inside == len(sentence) else \
                self._attribute(sentence, start, is_headline, publisher, history, claim.id, hits, mentions[index])
            claim.attribution = found[0]
            claim.attributions = sorted((a for a in found if a.cue_span is not None
                                         and not (a is found[0] and a.kind == Kind.NONE and len(found) > 1
                                                  and found[1].cue_span == a.cue_span)), key=_cue_start)
            if claim.quantities and len(claim.attributions) > 1:
                self._figure_speaker(claim, sentence)
            if claim.attribution.kind == Kind.NONE and credit and not is_headline:
                claim.attribution.via, claim.attribution.via_spans = credit
            if fallback is not None and fallback[0] != paragraph:
                _speak(fallback)
                fallback = None
            if last_quoted and last_quoted[0] == paragraph and not was_open and claim.attribution.kind == Kind.NONE \
                    and not claim.attributions and sentence.lstrip()[:1] in _QUOTE_OPENERS:
                if quoted:                                 # a speaker named where it closes comes first
                    fallback = (paragraph, last_quoted[1], [])
                else:
                    claim.attribution = _carried(*last_quoted[1])    # '“A,” Lind said. “B.”': Lind says B too
            speaker, unspoken = _quoted_speaker(claim, was_open, inside < len(sentence), quoted, speaker, unspoken)
            if fallback is not None:
                fallback[2].append(claim)
                if not quoted:
                    _speak(fallback)
                    fallback = None
            quoted_by = _closed_quote_speaker(claim, quoted, inside if was_open else 0)
            if quoted_by is not None:
                last_quoted = (paragraph, quoted_by)
            elif not (last_quoted and last_quoted[0] == paragraph and claim.attribution.inherited
                      and not claim.attributions and claim.attribution.source_span == last_quoted[1][1].source_span):
                last_quoted = None                         # another speaker, or words of nobody's, between
            claims.append(claim)
        if fallback is not None:
            _speak(fallback)
        return claims

    def _figure_speaker(self, claim: Claim, s: str) -> None:
        """The sentence's figures are all in a clause whose own speaker a relative word opens ("X said the strike
        hit a clinic that health officials say killed 50"): that speaker, not X, is the claim's primary source.
        X stays among the attributions and in the carry-over history."""
        primary = claim.attribution
        if primary.cue_span is None or primary.kind == Kind.NONE or primary.nested:
            return
        first = min(q.start for q in claim.quantities)
        found = None
        for a in claim.attributions:                      # the speaker nearest before the figures
            if a is primary or a.nested or a.kind == Kind.NONE or a.cue_span is None or a.source_span is None:
                continue
            if primary.cue_span.end <= a.source_span.start and a.cue_span.end <= first \
                    and self._relative_clause(s, a.source_span.start - claim.start, claim):
                found = a
        if found is not None:
            claim.attribution = found

    def _relative_clause(self, s: str, start: int, claim: Claim) -> bool:
        """The phrase at `start` opens a relative clause: a relative word before it, and "that" only after a
        noun that is no cue's object ("a clinic that officials say", not "noted that", "now that", "on Tuesday
        that", "told the crew that")."""
        v = self.vocabulary
        word = norm(last_word(s, start))
        if word not in v.figure_clause_openers:
            return False
        if word != "that":
            return True
        at = start - len(last_word(s, start)) - 1
        before = last_word(s, at)
        low = norm(before).strip(",")
        if not before.islower() or low in v.category or low.endswith("ed") or low in v.filler_words \
                or low in v.clause_words or low in v.time_nouns:
            return False
        return not any(a.cue_span is not None and a.cue_span.end - claim.start <= at
                       and len(s[a.cue_span.end - claim.start:at].split()) <= 2
                       for a in claim.attributions)   # "told the crew that": the cue's object, then its clause

    def classify(self, np: str, sentence: str = "", history: list | None = None) -> str:
        """The attribution kind of a source phrase on its own (history: earlier attributions, for anaphors)."""
        src = Source(0, len(np), np)
        self.kinds.begin([])
        return self.kinds.classify(np, sentence or np, 0, src, history or []).kind

    # -- one sentence ------------------------------------------------------------------------

    def _attribute(self, s: str, base: int, is_headline: bool, publisher: Actor | None,
                   history: History, claim_id: str, hits=(), mentions=()) -> list[Attribution]:
        """The sentence's attributions, the primary (the first cue in priority order with a source) first."""
        if not hits and not mentions and ":" not in s and not has_dash(s) and not may_cite_poll(s) \
                and not (" from " in s and self.vocabulary.from_agent_re.search(s)):
            if self.cue_model is not None:
                return [self._learned(s, base, publisher, history, claim_id, Quotes(s))]
            return [Attribution()]                        # nothing that could be a cue: the common case
        outlets = [(a, b, actor) for a, b, actor in mentions if actor.kind == "outlet"]
        relays = self._relays(s, outlets, publisher)
        quotes = Quotes(s)
        found, fallback, coordinated = self._choose(s, quotes, hits, outlets, is_headline, history)
        if not found:
            primary = Attribution()
            if fallback is not None:
                primary.cue = fallback.text.strip()
                primary.cue_span = Span(base + fallback.start, base + fallback.end, fallback.text)
            elif self.cue_model is not None:
                primary = self._learned(s, base, publisher, history, claim_id, quotes)
            found_attributions = [primary]
            if fallback is not None and coordinated:
                found_attributions += self._coordinated_attribution(fallback, s, base, publisher, history, quotes)
        else:
            main = self._main_clause(s, found, quotes)
            primary = self._attributed(*found[0], s, base, publisher, history, claim_id)
            others = [self._secondary(cue, src, s, base, publisher, history, found[0][0], quotes)
                      for i, (cue, src) in enumerate(found[1:], 1) if i != main]
            if main:                                      # the main clause's speaker is the primary, after the
                others.insert(0, primary)                 # adverbial clause's source in the history as in the text
                primary = self._attributed(*found[main], s, base, publisher, history, claim_id)
            found_attributions = [primary] + others
            if self.cue_model is not None and len(found) < MAX_ATTRIBUTIONS:
                for cue, src in self._learned_cues(s, quotes, history):
                    if src is None or _adds_nothing(cue, src, found, quotes):
                        continue
                    found.append((cue, src))
                    found_attributions.append(self._secondary(cue, src, s, base, publisher, history, found[0][0],
                                                              quotes))
        _add_via(primary, relays, s, base)
        return self._cited_by_outlet(found_attributions, s, base, history)

    def _cited_by_outlet(self, found: list[Attribution], s: str, base: int, history: History) -> list[Attribution]:
        """An outlet's report "citing" someone ("..., Bloomberg reported, citing people familiar with the
        matter"; "according to Bloomberg, which cited ..."): the cited source is the claim's, relayed by the
        outlet. It becomes the primary attribution, the outlet its nearest relay; the outlet's own stays."""
        for outlet in found:
            if outlet.kind != Kind.OUTLET or outlet.source_span is None or not (outlet.actor or outlet.source):
                continue
            ends = (outlet.source_span.end, outlet.cue_span.end if outlet.cue_span else outlet.source_span.end)
            m = next((m for m in (self.vocabulary.citing_re.match(s, end - base) for end in ends) if m), None)
            if m is not None:
                return self._cited(found, outlet, outlet.actor or str(outlet.source), m, s, base, history)
        return found

    def _cited(self, found: list[Attribution], outlet: Attribution, relay: str, m: re.Match, s: str, base: int,
               history: History) -> list[Attribution]:
        np = m.group("np").rstrip()
        if np.endswith(".") and not _INITIAL_END.search(np):
            np = np[:-1].rstrip()                         # the sentence's full stop, not the one of "U.S."
        src = Source(m.start("np"), m.start("np") + len(np), np)
        cited = self.kinds.classify(src.text, s, base, src, history)
        if cited.kind in (Kind.NONE, Kind.OUTLET):
            return found
        cited.cue, cited.cue_span = m.group("cue"), Span(base + m.start("cue"), base + m.end("cue"), m.group("cue"))
        if outlet.via:
            cited.via, cited.via_spans = list(outlet.via), list(outlet.via_spans)
        else:
            cited.via, cited.via_spans = [relay], [outlet.source_span] if outlet.source_span else []
        return [cited] + [a for a in found if a is not outlet] + [outlet]

    def _coordinated_attribution(self, cue: Cue, s: str, base: int, publisher: Actor | None, history: History,
                                 quotes: Quotes) -> list[Attribution]:
        """ "Hamas captured 240 Israelis, and said it wanted ...": the sentence's primary attribution stays
        none (its first half is not attributed), and the cue gets the main clause's subject as a further
        attribution of its own, as PolNeAR marks it. It replaces the primary among the claim's attributions."""
        src = self.sources.coordinated_subject(s, cue, quotes)
        if src is None or not self._acceptable(cue, src, s, history):
            return []
        attribution = self._classified(cue, src, s, base, publisher, history)
        return [attribution] if attribution.kind != Kind.NONE else []

    def _learned(self, s: str, base: int, publisher: Actor | None, history: History, claim_id: str,
                 quotes: Quotes) -> Attribution:
        """The first cue the learned tagger marks, with the subject before it as source when there is one
        (a cue alone otherwise); no attribution when it marks none."""
        for cue, src in self._learned_cues(s, quotes, history):
            if src is not None:
                return self._attributed(cue, src, s, base, publisher, history, claim_id)
            return Attribution(cue=cue.text.strip(), cue_span=Span(base + cue.start, base + cue.end, cue.text))
        return Attribution()

    def _learned_cues(self, s: str, quotes: Quotes, history: History) -> Iterator[tuple[Cue, Source | None]]:
        """Each cue the learned tagger marks outside a quotation, with its acceptable source or None."""
        assert self.cue_model is not None
        for a, b in self.cue_model.cues(s):
            if quotes.inside(a):
                continue
            cue = Cue("learned", a, b, s[a:b])
            src = self.sources.find(s, cue, quotes)
            ok = src is not None and src is not COORDINATED and self._acceptable(cue, src, s, history)
            yield cue, src if ok else None

    def _relays(self, s: str, outlets, publisher: Actor | None) -> list[tuple[int, int, Actor]]:
        """Outlets the claim came through ("told CNN", "...: NYT"), other than the publisher itself."""
        root = self.registry.root
        return [(a, b, actor) for a, b, actor in outlets
                if (self.vocabulary.via_marker_re.search(s, max(0, a - 40), a) or is_credit(s, a, b))
                and (publisher is None or root(actor).name != root(publisher).name)]

    def _choose(self, s: str, quotes: Quotes, hits, outlets, is_headline: bool,
                history) -> tuple[list[tuple[Cue, Source]], Cue | None, bool]:
        """Every cue with an acceptable source, in priority order (a source naming only an outlet is kept
        as a last resort for the primary), each source and cue once; the first cue that could stand
        without a source; and whether that cue is coordinated ("X did A and said B")."""
        cues = self.cues.find(s, hits, outlets, is_headline)
        if not cues:
            return [], None, False
        cues.sort(key=lambda c: (_priority(c, s) + (_QUOTED_PENALTY if quotes.inside(c.start) else 0), c.start))
        found: list[tuple[Cue, Source]] = []
        outlet_only: tuple[Cue, Source] | None = None
        fallback: Cue | None = None
        coordinated = False
        later: list[tuple[Cue, Source | None]] = []       # cues of a relative clause on a common noun, tried last
        joined: list[Cue] = []                            # cues after "and" whose subject is the main clause's
        queue: list[tuple[Cue, Source | None] | Cue] = list(cues[:MAX_CUES])
        while queue or later:
            if not queue:
                queue, later = list(later), []
            item = queue.pop(0)
            cue, src = item if isinstance(item, tuple) else (item, None)
            if len(found) == MAX_ATTRIBUTIONS:
                break
            if found and cue.kind not in FURTHER and cue.kind not in VIEW_HOLDING:
                continue
            if found and cue.kind in _AGENT_KINDS and _WH_BEFORE.search(s, s.rfind(",", 0, cue.start) + 1, cue.start):
                continue                                  # "where it has been opposed by X": a clause's aside
            if not isinstance(item, tuple):
                src = None if cue.kind == "sourceless" else self.sources.find(s, cue, quotes)
                if self._common_relative(src) or self._object_relative(s, src):
                    later.append((cue, src))      # "a gunman who expressed ...", "a video which the army described":
                                                  # a relative clause's cue, after the main clause's
                    continue
            if found and cue.kind not in FURTHER and (quotes.inside(cue.start) or not (
                    self._joined_clause(s, src) or self._main_after_subordinate(s, found, src))):
                continue                                  # a view after the first: only a joined or main clause's own
            if src is not None and quotes.inside(cue.start) and self._speaker_pronoun(src):
                continue                                  # '"I will tell the truth."': the quoted speaker's words
            if src is None or src is COORDINATED:
                if fallback is None and self._stands_alone(s, cue, src, quotes):
                    fallback = cue
                    coordinated = src is COORDINATED and cue.kind in FURTHER
                elif src is COORDINATED and cue.kind in FURTHER and not quotes.inside(cue.start):
                    joined.append(cue)                    # "When asked ..., Lind smiled and said": tried below
                continue
            if found and _adds_nothing(cue, src, found, quotes):
                continue
            if not self._acceptable(cue, src, s, history):
                if fallback is None and self._no_phrase(src) and self._acceptable(cue, src, s, history, phrase=False):
                    fallback = cue                        # the cue stands, its source was no phrase
                elif fallback is None and norm(src.text) in ("who", "which") \
                        and self._stands_alone(s, cue, None, quotes):
                    fallback = cue                        # "voters who believe": the cue stands as with no source
                continue
            if found and found[0][0].kind == "poll_in" and self.vocabulary.share_re.match(src.text.strip(TRIM)):
                continue                                  # "In a new poll, 61 percent said": the poll's finding
            if _only_outlet(src, outlets) and not (found and cue.kind in _OUTLET_FURTHER):
                outlet_only = outlet_only or (cue, src)
                continue
            found.append((cue, src))
        if outlet_only and (not found or outlet_only[0].kind in _OUTLET_FURTHER
                            and not _adds_nothing(*outlet_only, found, quotes)):
            found.append(outlet_only)                     # "X said ..., according to [Outlet]": a further one
        if found and coordinated and fallback is not None:
            joined.insert(0, fallback)                    # the fallback is not needed: it is a joined cue too
        for cue in joined if found or (fallback is not None and not coordinated) else ():
            src = self.sources.coordinated_subject(s, cue, quotes)
            if src is not None and len(found) < MAX_ATTRIBUTIONS and not _adds_nothing(cue, src, found, quotes) \
                    and self._main_subject_of(s, cue, src, found) and self._acceptable(cue, src, s, history):
                found.append((cue, src))                  # "When asked whom she backed, Lind smiled and said"
        return found, fallback, coordinated

    def _main_subject_of(self, s: str, cue: Cue, src: Source, found: list[tuple[Cue, Source]]) -> bool:
        """The main clause's subject is the subject of a cue after "and" when no source found lies between them or
        holds the cue ("when Rubio thanked Miami and said": Rubio's; "a person who attended and described"), the
        cue is no noun with its agent after "from" ("and praise from conservatives"), and the subject is a
        pronoun, a name or a holder of views ("The anxiety about the vote ... and criticized": no speaker)."""
        if any(src.end <= f.start and f.end <= cue.start or f.start <= cue.start < f.end for _, f in found) \
                or s[cue.end:cue.end + 6].strip().lower().startswith("from") \
                or _RELATIVE_BETWEEN.search(s, max(src.end, s.rfind(",", 0, cue.start)), cue.start) \
                or _PASSIVE_AND.search(s, src.end, cue.start):
            return False                                  # "planks that support ... and oppose", "were mocked and"
        v = self.vocabulary
        np = src.name or src.text
        low = norm(np)
        core = v.head_cut_re.split(np, 1)[0].split()
        if not core:
            return False
        first = norm(core[0])
        if low in ("it", "you") or first.endswith("ly"):   # "It's ... and articles", "Usually when ..."
            return False
        return low in v.pronouns or low in v.anaphors or any(w[:1].isupper() for w in core[1:]) \
            or core[0][:1].isupper() and first not in v.openers and first not in v.name_stop \
            or self.sources.holds_views(Source(src.start, src.start + len(" ".join(core)), " ".join(core).lower()))

    def _main_after_subordinate(self, s: str, found: list[tuple[Cue, Source]], src: Source | None) -> bool:
        """Every attribution found so far is in an adverbial clause ("While almost everyone agrees ...,") and this
        source opens the main clause after it ("..., some critics fear"): the main clause's view."""
        return src is not None and src is not COORDINATED and all(self._subordinate(s, f) for _, f in found) \
            and not self._subordinate(s, src) and s[:src.start].rstrip().endswith(",") \
            and all(f.end < src.start for _, f in found)

    def _common_relative(self, src: Source | None) -> bool:
        """A relative pronoun source whose antecedent is a common noun ("voters who say", "a former governor who
        argued ..., said"): its cue is tried after the others, so the main clause's keeps the primary place and
        a subject holding the relative clause keeps it."""
        return src is not None and src is not COORDINATED and norm(src.text) in ("who", "which") \
            and src.name is not None and not src.name[:1].isupper()

    def _object_relative(self, s: str, src: Source | None) -> bool:
        """The source is the subject of an object relative clause ("a video which the army described as ..."):
        its cue is tried after the others, as a relative clause's on a common noun is."""
        return src is not None and src is not COORDINATED and src.start > 0 \
            and norm(last_word(s, src.start)) in self.vocabulary.object_relatives

    def _joined_clause(self, s: str, src: Source | None) -> bool:
        """The source opens a main clause joined to the one before by a comma and a conjunction ("X said ...,
        but her allies fear"): its view is a further attribution of the sentence."""
        return src is not None and src is not COORDINATED and src.start > 0 \
            and self.vocabulary.joined_clause_re.search(s, 0, src.start) is not None

    def _main_clause(self, s: str, found: list[tuple[Cue, Source]], quotes: Quotes) -> int:
        """The index of the first attribution that is neither quoted nor in a clause of its own (adverbial or
        relative) when the first one's source opens an adverbial clause ("but until pilots had spoken,
        X said": X speaks), else 0."""
        if len(found) < 2 or not self._subordinate(s, found[0][1]):
            return 0
        v = self.vocabulary
        return next((i for i, (cue, src) in enumerate(found) if not self._subordinate(s, src)
                     and not quotes.inside(cue.start)
                     and norm(last_word(s, src.start)).strip(",") not in v.relative_words
                     and norm(src.name or src.text) not in v.non_sources), 0)

    def _subordinate(self, s: str, src: Source) -> bool:
        """The source opens an adverbial clause: the word before it is a subordinator ("until pilots had
        spoken", "because aides said")."""
        return norm(last_word(s, src.start)).strip(",") in self.vocabulary.subordinators

    def _stands_alone(self, s: str, cue: Cue, src: Source | None, quotes) -> bool:
        """A cue with no source found keeps kind "none" but is recorded: source-less cues ("reportedly"),
        cues whose source covers only part of the sentence, and unambiguous reporting cues."""
        if cue.kind == "sourceless":
            return True
        if quotes.inside(cue.start):
            return False
        if cue.kind in ("stance", "belief", "decision") and cue.text.lower().endswith("ed") \
                and last_word(s, cue.start).lower() in self.vocabulary.be_forms:
            return True                                   # a passive with no agent: "the plan was criticized"
        low = norm(cue.text)
        return src is COORDINATED or (cue.kind in _FALLBACK_KINDS and low not in self.vocabulary.ambiguous) \
            or low in self.vocabulary.standalone_beliefs

    def _acceptable(self, cue: Cue, src: Source, s: str, history, phrase: bool = True) -> bool:
        """Whether the source fits the cue: a long-phrase guess only for reporting verbs, views held by
        people, "seems" said of a person, and a real source for categories that need one."""
        v = self.vocabulary
        if src.name == LONG_TAIL:
            if cue.kind not in ("speech", "noun"):
                return False
            src.name = None
        if cue.kind in VIEW_HOLDING and not self.sources.holds_views(src):
            return False
        if cue.kind == FIGURE and not self.sources.counts_figures(src):
            return False                                  # "The deaths raised the toll to 205": no source
        if norm(cue.text) in v.seeming_verbs and norm(src.text) not in _SEEMING_SUBJECTS \
                and self.kinds.classify(src.text, s, 0, src, history, resolve=False).kind not in (Kind.NAMED_PERSON, Kind.ANONYMOUS):
            return False                                  # "The deal seems unlikely": not a belief
        if phrase and self._no_phrase(src):
            return False
        # "It goes without saying": a category that needs a source has none
        return not (cue.kind in NEEDS_SOURCE and norm(src.name or src.text) in v.non_sources)

    def _speaker_pronoun(self, src: Source) -> bool:
        """The source is "I", "we" or "you" (with a contraction: "I'll", "we've")."""
        words = norm(src.text).split()
        return bool(words) and words[0].split("'")[0] in self.vocabulary.speaker_pronouns

    def _no_phrase(self, src: Source) -> bool:
        """The source is the tail of a clause, not a noun phrase ("On Oct. 23", "who launched a campaign"), a weekday
        alone ("Sunday", not "May", a name too), or runs into a quotation ("a student who posted a video saying ‘I")."""
        words = norm(src.text).split()
        return len(words) > 1 and (words[0] in self.vocabulary.non_source_openers or self._participle_clause(src, words)) \
            or words == ["the"] or (len(words) == 1 and words[0] in self.vocabulary.weekdays) \
            or _OPENS_QUOTE.search(src.text) is not None and not _TITLE_AT_END.search(src.text)

    def _participle_clause(self, src: Source, words: list[str]) -> bool:
        """ "commenting on the racial divide": a participle with its preposition, written in lower case, is a
        clause (not "leading Democrats", "visiting scholars"); with "by" or "of" it is a noun ("reporting by the
        Herald", "polling of his members")."""
        v = self.vocabulary
        return src.text[:1].islower() and words[0].endswith("ing") and words[0] not in v.ing_nouns \
            and words[1] in v.relative_prepositions and words[1] not in v.noun_participle_prepositions

    def _attributed(self, cue: Cue, src: Source, s: str, base: int, publisher: Actor | None,
                    history: History, claim_id: str) -> Attribution:
        """The primary attribution, which later anaphors of the article may carry over."""
        attribution = self._classified(cue, src, s, base, publisher, history)
        if attribution.kind != Kind.NONE:
            history.append((attribution.kind, Ref(claim_id, attribution)))
        return attribution

    def _secondary(self, cue: Cue, src: Source, s: str, base: int, publisher: Actor | None, history: History,
                   primary: Cue, quotes: Quotes) -> Attribution:
        """Another attribution of the sentence; nested when its cue is quoted and the primary's is not
        ("X said: 'sources tell me ...'"). It does not feed carry-over: later anaphors see the primary."""
        attribution = self._classified(cue, src, s, base, publisher, history)
        attribution.nested = quotes.inside(cue.start) and not quotes.inside(primary.start)
        return attribution

    def _classified(self, cue: Cue, src: Source, s: str, base: int, publisher: Actor | None,
                    history: History) -> Attribution:
        attribution = self.kinds.classify(src.referent or src.name or src.text, s, base, src, history)
        attribution.cue = cue.text.strip()
        attribution.cue_span = Span(base + cue.start, base + cue.end, cue.text)
        word = norm(src.name or src.text)
        if attribution.kind == Kind.NONE and word in self.vocabulary.non_sources and word not in self.vocabulary.anaphors \
                and word != "who":
            return attribution                            # "which has added to": a word, no source (the cue stays)
        if attribution.source_span is None:
            attribution.source_span = Span(base + src.start, base + src.end, src.text)
            attribution.source = attribution.source or src.name or src.text
        if publisher and attribution.kind == Kind.OUTLET and self.kinds.is_publisher(attribution, publisher):
            # the publisher's own database or analysis is a document it can be checked against; its own voice
            # ("The Post has learned") is self
            attribution.kind = Kind.DOCUMENT if self.kinds.names_document(src.text) else Kind.SELF
        return attribution


def _quoted_speaker(claim: Claim, starts_quoted: bool, closes: bool, open_after: bool,
                    speaker: tuple[str, Attribution] | None,
                    unspoken: list[Claim]) -> tuple[tuple[str, Attribution] | None, list[Claim]]:
    """Carry a multi-sentence quotation's speaker to the sentences it speaks that have no attribution of their
    own: the speaker named in the sentence that opens the quotation ('Lind said: “... ') or in the one that
    closes it ('...,” Lind said.'). The carried attribution is `inherited` from that claim and has no cue
    here, so it is not among `claim.attributions` (the sentence's own cues). Returns the speaker and the
    claims still waiting for one after this claim."""
    own = claim.attribution if claim.attribution.kind != Kind.NONE else None
    if starts_quoted:
        if own is None and not claim.attributions:
            if speaker is not None:
                claim.attribution = _carried(*speaker)
            elif not closes:
                unspoken = unspoken + [claim]
        elif speaker is None and own is not None and closes:    # named after the closing mark
            for waiting in unspoken:
                waiting.attribution = _carried(claim.id, own)
        if not closes:
            return speaker, unspoken
    if not open_after:
        return None, []
    if own is not None and own.cue_span is not None and Quotes(claim.text).inside(own.cue_span.start - claim.start):
        own = None                                        # '“We like what Trump has said.': a cue the quotation holds
    return ((claim.id, own) if own is not None else None), ([] if own is not None or claim.attributions else [claim])


def _closed_quote_speaker(claim: Claim, open_after: bool, closed_at: int) -> tuple[str, Attribution] | None:
    """The speaker a sentence names outside a quotation it holds or closes ('“A,” Lind said.', or '... B,”
    Lind said.' at `closed_at`, where a quotation opened before closes), as (claim id, attribution), else None."""
    own = claim.attribution
    if open_after or own.kind == Kind.NONE or own.inherited or own.cue_span is None:
        return None
    cue = own.cue_span.start - claim.start
    quotes = Quotes(claim.text)
    return (claim.id, own) if closed_at and cue >= closed_at or quotes.starts and not quotes.inside(cue) else None


def _speak(fallback: tuple[int, tuple[str, Attribution], list[Claim]]) -> None:
    """Give the speaker of the quotation before to the claims of the quotation after it that found none where
    it closed ('“A,” Lind said. “B. C.”'; not '... “B. C,” Okafor replied.')."""
    _, speaker, claims = fallback
    for claim in claims:
        if claim.attribution.kind == Kind.NONE and not claim.attributions:
            claim.attribution = _carried(*speaker)


def _carried(claim_id: str, prior: Attribution) -> Attribution:
    return Attribution(kind=prior.kind, source=prior.source, source_span=prior.source_span, actor=prior.actor,
                       via=list(prior.via), via_spans=list(prior.via_spans), anonymity=prior.anonymity,
                       inherited=True, inherited_from=claim_id)


def _priority(cue: Cue, s: str) -> int:
    """A poll that frames the whole sentence ("In a new poll, 61 percent said ...") comes first: the sentence
    reports the poll, whose respondents are not the source."""
    if cue.kind == "poll_in" and not s[:cue.start].strip(TRIM):
        return 0
    return PRIORITY[cue.kind]


def _cue_start(attribution: Attribution) -> int:
    return attribution.cue_span.start if attribution.cue_span else 0


def _adds_nothing(cue: Cue, src: Source, found: list[tuple[Cue, Source]], quotes) -> bool:
    """A further cue that is no further attribution: its cue or source is part of one found ("X said ...,
    adding ..."), or its source is quoted text while the cue is not ('"The field ...," he said, adding')."""
    return any(cue.start < c.end and c.start < cue.end or src.start < f.end and f.start < src.end
               for c, f in found) or (quotes.inside(src.start) and not quotes.inside(cue.start))


def _only_outlet(src: Source, outlets) -> bool:
    """The source names nothing but an outlet (kept as via when another source exists)."""
    body = src.text.strip(TRIM)
    for i in range(bisect_left(outlets, src.start, key=itemgetter(0)), len(outlets)):   # outlets in text order
        a, b, _ = outlets[i]
        if a >= src.end:
            break
        if b <= src.end:
            rest = (src.text[: a - src.start] + src.text[b - src.start:]).strip(TRIM).lower()
            rest = _OUTLET_ONLY_REST.sub("", rest)
            if not rest or rest in {"the", "a report by", "network"}:
                return True
    return not body


def _add_via(attribution: Attribution, relays, s: str, base: int) -> None:
    """Outlets the claim came through go before the attribution's own chain, the last relay first."""
    own = sorted(((a, b, actor) for a, b, actor in relays if actor.name not in attribution.via), key=lambda v: -v[0])
    attribution.via = [actor.name for _, _, actor in own] + attribution.via
    attribution.via_spans = [Span(base + a, base + b, s[a:b]) for a, b, _ in own] + attribution.via_spans
    if attribution.kind == Kind.OUTLET and not attribution.via and attribution.actor:
        attribution.via = [attribution.actor]
        attribution.via_spans = [attribution.source_span] if attribution.source_span else []
