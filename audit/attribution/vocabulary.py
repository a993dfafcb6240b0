"""The attribution stage's word lists and patterns, read from the lexicon and compiled once.

Lists come from rules/lexicons/attribution.yaml (sourcing knowledge), grammar.yaml (function words) and
common.yaml (weekdays, months, nationalities); a user's `lexicons/` folder extends any of them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..language import LanguagePack, norm
from ..patterns import phrase_pattern, trie
from .spans import title_case

# Cue-verb lists of the lexicon and the cue category each one gives.
CUE_CATEGORIES = (("figure", "toll_verbs"), ("figure", "count_verbs"), ("sourceless", "sourceless_cues"), ("participle", "participle_cues"),
                  ("evidence", "evidence_verbs"), ("decision", "decision_verbs"), ("belief", "belief_verbs"),
                  ("stance", "stance_verbs"), ("speech", "cue_verbs"))
# Phrase lists the one scanning trie finds, and the role each hit gets.
ROLE_LISTS = (("prep", "source_follows"), ("pnoun", "possessive_cue_nouns"),
              ("pronnoun", "pronoun_cue_nouns"), ("cnoun", "cue_nouns"), ("hedge", "hedges"),
              ("evidence_subject", "evidence_subject_verbs"), ("attitude", "attitude_adjectives"),
              ("as_belief", "beliefs_before_as"),
              ("not_cue", "boilerplate"),
              ("not_cue", "non_attributive_senses"))


def _words(lx, name: str) -> frozenset[str]:
    return frozenset(norm(w) for w in lx.get(name, []))


def _heads(lx, name: str) -> frozenset[str]:
    """The last word of each phrase of a list: the head noun a descriptor ends in."""
    return frozenset(norm(w).split()[-1] for w in lx.get(name, []))


_MAX_LISTED_NAME_WORDS = 4         # a name in a list of names ("Ana M. Lind, Reyes and Ortiz")


def _alternation(phrases: Iterable[str]) -> str:
    """A regex group matching any of the phrases literally, in list order."""
    return "(?:" + "|".join(re.escape(p) for p in phrases) + ")"


def _cased_phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """Phrases as whole words in any case, but those written in capitals (acronyms: "WHO", "UN") only in capitals."""
    acronyms = [p for p in phrases if p.isupper()]
    words = phrase_pattern(p for p in phrases if not p.isupper())
    if not acronyms:
        return re.compile(words, re.IGNORECASE)
    return re.compile(r"(?i:" + words + r")|(?<![\w-])" + _alternation(sorted(acronyms, key=len, reverse=True))
                      + r"(?![\w-])")


def _loose_alternation(phrases: Iterable[str]) -> str:
    """Like `_alternation`, but words are separated by any whitespace and a trailing space requires one."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) + (r"\s" if p.endswith(" ") else "")
                            for p in phrases) + ")"


def _capitalised(words: Iterable[str]) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


def _cue_roles(lx, category: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each phrase the scanning trie finds and its roles (a cue category, prep, noun or hedge)."""
    roles: dict[str, set[str]] = {}
    for phrase, kind in category.items():
        roles.setdefault(phrase, set()).add(kind)
    for role, name in ROLE_LISTS:
        for phrase in lx.get(name, []):
            roles.setdefault(norm(phrase), set()).add(role)
    hedges = [norm(p) for p in lx["hedges"]]
    for phrase, found in roles.items():          # "could not be reached" also hedges ("could")
        if any(phrase.startswith(h + " ") for h in hedges):
            found.add("hedge")
    frozen = {phrase: frozenset(found) for phrase, found in roles.items()}
    frozen.update({phrase.replace("'", "’"): found for phrase, found in frozen.items() if "'" in phrase})
    return frozen


class Vocabulary:
    """Every word set and compiled pattern the attribution stages use, built once from a lexicon."""

    def __init__(self, lx: LanguagePack):
        self._grammar(lx)
        self._cues(lx)
        self._descriptors(lx)
        self._phrase_edges(lx)

    def listed_name(self, piece: str) -> bool:
        """A comma piece of a list of names ("Lind" in "Lind, Reyes and Ortiz"): up to four capitalised words, not
        opened by an introduction, a determiner, a stop word or an adverb ("Tuesday,", "Across X,", "Ultimately,")."""
        words = piece.split()
        first = words[0].lower() if words else ""
        return 0 < len(words) <= _MAX_LISTED_NAME_WORDS and all(w[:1].isupper() for w in words) \
            and first not in self.opening_non_names and first not in self.determiners and first not in self.name_stop \
            and not self.adverb(first)

    def names_a_list(self, text: str) -> bool:
        """Several people named in a list ("Lind, Reyes and other senior officials"; not "Lind, Chair and
        Treasurer", a title in apposition): names, then a last piece joining capitalised words."""
        pieces = text.split(", ")
        last = pieces[-1].split()
        if len(pieces) > 2 and len(last) > 1 and last[0] in self.list_conjunctions:   # "Lind, Reyes, and Ortiz"
            return self.listed_name(pieces[-1].split(None, 1)[1]) and all(map(self.listed_name, pieces[:-1]))
        return len(pieces) > 1 and any(w in self.list_conjunctions for w in last) and last[0][:1].isupper() \
            and not self.title_re.match(pieces[-1]) and all(map(self.listed_name, pieces[:-1]))

    def adverb(self, word: str) -> bool:
        """A lower-case adverb in -ly ("sharply", "slightly"), not a noun in -ly (`ly_nouns`: "family", "weekly")."""
        low = word.lower()
        return word.islower() and low.endswith("ly") and len(low) > 4 and low not in self.ly_nouns

    def filler(self, word: str, s: str) -> bool:
        """`word`, as written in sentence `s`, is an adverb or auxiliary skipped between a subject and its verb
        (`filler_words`); capitalised only in a title-case sentence ("USA Today reported": part of a name)."""
        return word.lower() in self.filler_words and (not word[:1].isupper() or title_case(s))

    def _grammar(self, lx) -> None:
        self.be_forms = _words(lx, "be_forms")
        self.filler_pairs = _words(lx, "filler_pairs")
        self.message_nouns = _words(lx, "message_nouns")
        self.relative_antecedents = _words(lx, "relative_antecedents")
        self.relative_prepositions = _words(lx, "relative_prepositions")
        self.ing_nouns = _words(lx, "ing_nouns")
        self.relative_determiners = _words(lx, "relative_determiners")
        self.relative_blockers = _words(lx, "relative_blockers")
        self.not_agent_passives = _words(lx, "not_agent_passives")
        # Stances said with "be" and an adjective ("was critical of"): the adjective alone after "be" and an adverb
        # ("was especially critical of") keeps the subject before "be".
        self.be_stances = frozenset(norm(p).split(None, 1)[1] for p in lx["stance_verbs"]
                                    if " " in p and norm(p).split()[0] in self.be_forms)
        self.attitude_not_before = _words(lx, "attitude_not_before")
        self.cue_other_senses = {norm(k): frozenset(norm(w) for w in ws)
                                 for k, ws in (lx.get("cue_other_senses") or {}).items()}
        self.filler_words = _words(lx, "filler_words")
        self.ly_nouns = _words(lx, "ly_nouns")
        self.describer_openers = _words(lx, "describer_openers")
        self.name_describer_stops = _words(lx, "name_describer_stops")
        self.subject_ending_cues = _words(lx, "subject_ending_cues")
        self.opening_copula_participles = _words(lx, "opening_copula_participles")
        self.pronoun_subject_blockers = _words(lx, "pronoun_subject_blockers")
        self.nominative_pronouns = _words(lx, "nominative_pronouns")
        self.time_nouns = _words(lx, "time_nouns")
        self.to_verbs = _words(lx, "to_verbs")
        self.to_adjectives = _words(lx, "to_adjectives")
        self.place_to_verbs = _words(lx, "place_to_verbs")
        self.presence_verbs = _words(lx, "presence_verbs")
        self.floating_quantifiers = _words(lx, "floating_quantifiers")
        self.presence_prepositions = _words(lx, "presence_prepositions")
        self.contracted_auxiliaries = _words(lx, "contracted_auxiliaries")
        self.noun_participle_prepositions = _words(lx, "noun_participle_prepositions")
        self.question_aside_re = re.compile(_loose_alternation(lx["question_aside_openers"]) + r"\b")
        self.name_head_end_re = re.compile(r"\s" + _alternation(lx["head_end_words"]) + r"\s")   # "the Ministry in X"
        self.appositive_determiner_re = re.compile(_alternation(lx["appositive_determiners"]) + r"\s", re.IGNORECASE)
        self.list_conjunctions = _words(lx, "list_conjunctions")
        self.gerund_other_senses = {norm(k): frozenset(norm(w) for w in ws)
                                    for k, ws in lx["gerund_other_senses"].items()}
        self.with_clause_re = re.compile(              # "with Lind declaring", "including a pilot ... acknowledging"
            r"(?<![\w-])(?:" + _alternation(lx["participle_subject_openers"]) + r"\s+|"
            + _alternation(lx["participle_listing_openers"]) + r"\s+(?=" + _alternation(lx["strict_determiners"])
            + r"\s))([^,;:“\"—–]{2,80})$")
        self.to_adjective_degrees = _words(lx, "to_adjective_degrees")
        self.joined_clause_re = re.compile(r"(?:,\s*" + _alternation(lx["clause_joiners"]) + r"|;)\s*$", re.IGNORECASE)
        self.aux_adverbial_prepositions = _words(lx, "aux_adverbial_prepositions")
        self.aux_adverbial_verbs = _words(lx, "aux_adverbial_verbs")
        self.leading_words = _words(lx, "leading_words")
        self.clause_words = _words(lx, "clause_words")
        # Between a passive participle and a later "by": a word that opens or holds another clause (a clause word,
        # an auxiliary, a verb form in -ed or -ing) means the "by" is not the participle's agent.
        self.clause_gap_re = re.compile(r"\s(?:" + _alternation([*lx["clause_words"], *lx["modal_verbs"], *lx["be_forms"], "who", "which",
                                                                  "and", "or"])
                                        + r"|[a-z]+(?:ed|ing))(?=\s)")
        self.as_participles = _words(lx, "as_participles")
        self.subordinators = _words(lx, "subordinators")
        self.bare_head_followers = _words(lx, "bare_head_followers")
        self.figure_clause_openers = _words(lx, "figure_clause_openers")
        self.pronouns = _words(lx, "pronouns")
        self.first_person = _words(lx, "first_person")
        self.speaker_pronouns = _words(lx, "speaker_pronouns")
        self.clause_verbs = _words(lx, "clause_verbs")
        self.irregular_past = _words(lx, "irregular_past")
        self.not_verbs = _words(lx, "not_verbs")
        self.strict_determiners = _words(lx, "strict_determiners")
        self.determiners = _words(lx, "determiners")
        self.possessors = _words(lx, "possessors")
        self.quantifiers = _words(lx, "quantifiers")
        self.nationalities = _words(lx, "nationalities")
        self.countries = _words(lx, "countries")
        self.not_names = _words(lx, "not_names")
        self.clause_only_verbs = _words(lx, "clause_only_verbs")
        self.from_agent_end_re = re.compile(r"\s(?:" + _alternation(lx["from_agent_end_words"]) + r")\s")
        self.material_modifiers = _words(lx, "material_modifiers")
        self.from_agent_re = re.compile(r"(?<![\w-])(" + _alternation(lx["agent_from_nouns"]) + r")\s+from\s+(?=[\w“\"])")
        self.nominative_re = re.compile(r"\s+" + _alternation(_capitalised(list(lx["nominative_pronouns"])) + [
            w for w in lx["nominative_pronouns"] if w != "i"]) + r"(?:[’']\w+)?\b")
        self.estimate_verbs = _words(lx, "estimate_verbs")
        self.count_verbs = _words(lx, "count_verbs")
        # The figure a figure verb's object holds: a count right after a count verb ("registered 61 deaths", "counts
        # more than 40 killed"), or a count noun, then a preposition and the figure ("put the death toll at 3,785",
        # "revised the toll from the blast down from 500 to 471"), in the same clause.
        figure_number = r"(?:\d[\d,.]*|" + _alternation(lx["number_words"]) + r")\b(?!\s+of\b)"
        figure_hedges = sorted({norm(h) for hs in lx["quantity_hedges"].values() for h in hs}, key=len, reverse=True)
        hedged = r"(?:" + _alternation(figure_hedges) + r"\s+)?" + figure_number
        self.toll_object_re = re.compile(
            r"\s+" + _alternation(lx["figure_object_openers"]) + r"\s+(?:[\w’'-]+\s+){0,4}?" + _alternation(lx["figure_nouns"]) + r"\b[^,.;:!?“”\"()]{0,80}?\s"
            + _alternation(lx["figure_prepositions"]) + r"\s+" + hedged, re.IGNORECASE)
        self.count_object_re = re.compile(r"\s+" + hedged, re.IGNORECASE)
        verbs = [*lx["clause_verbs"], *lx["modal_verbs"], *lx["be_forms"]]
        self.estimate_object_re = re.compile(          # "estimated the damage at $2 billion": no verb in the object
            r"\s+(?:(?!" + _alternation(verbs) + r"\s)(?![a-z]+ed\s)[\w’'-]+\s+){1,6}?"    # ("the ferry left at 10"),
            + _loose_alternation(lx["estimate_prepositions"]) + r"\s+(?:"    # and no clock time ("at 5 p.m.")
            + _alternation(figure_hedges) + r"\s+)?" + _alternation(lx["figure_currency_signs"]) + "?" + figure_number
            + r"(?!:\d|\s*" + _alternation(lx["clock_marks"]) + r")", re.IGNORECASE)
        self.passive_before_of = _words(lx, "passive_before_of")
        self.seeming_verbs = _words(lx, "seeming_verbs")
        self.inverting_verbs = _words(lx, "inverting_verbs")
        self.modal_names = frozenset(lx["modal_names"])
        # An agent ends before these, and before "and" with a past form ("by X and confirmed by the Senate").
        self.agent_end_re = re.compile(r"\)|\s(?:" + _alternation(lx["agent_end_words"]) + r")\s|\s+and\s+[a-z]+ed\b"
                                       r"|\s(?:is|are|was|were)\s")     # "promoted by the enemy are baseless"

        self.standalone_beliefs = _words(lx, "standalone_beliefs")
        self.plural_anonymous_heads = _words(lx, "plural_anonymous_heads")
        self.generic_anonymous_heads = _words(lx, "generic_anonymous_heads")
        self.group_quantifiers = _words(lx, "group_quantifiers")
        self.spokesperson_heads = _words(lx, "spokesperson_heads")
        self.institution_plural_heads = _words(lx, "institution_plural_heads")
        self.side_heads = _words(lx, "side_heads")
        self.side_excluders = _words(lx, "side_excluders")
        self.possessive_pronouns = tuple(lx["possessive_pronouns"])
        self.companions_re = re.compile(r"(?P<first>\S.*?),?\s+(?:and|&)\s+" + _alternation(lx["companion_possessives"])
                                        + r"\s+\S", re.IGNORECASE)
        self.people_suffixes = tuple(lx["people_suffixes"])
        self.not_people_plurals = _words(lx, "not_people_plurals")
        self.weekdays = _words(lx, "weekdays")
        self.aside_tail_words = _words(lx, "aside_tail_words") | self.weekdays
        self.name_stop = _words(lx, "name_stop_words") | self.weekdays | _words(lx, "months")
        self.given_name_months = _words(lx, "given_name_months")
        self.sending_verbs = _words(lx, "sending_verbs")
        self.modal_re = re.compile(r"(?<![\w-])" + _alternation(lx["modal_verbs"]) + r"(?![\w-])")
        self.number_word_re = re.compile(_alternation(lx["number_words"]) + r"(?:-\w+)?")
        self.honorific_re = re.compile(r"\b" + _alternation(lx["honorifics"]) + r"\.?\s+[A-Z]")
        self.institution_word_re = re.compile(r"\b" + _alternation(lx["institution_words"]) + r"\b")
        self.institution_domain_re = re.compile(r"\b" + _alternation(lx["institution_domains"]) + r"\b")
        self.place_nouns = _words(lx, "place_nouns")
        self.spokesperson_institution_re = re.compile(r"\b" + _alternation(lx["institution_words"] + lx["spokesperson_institutions"]) + r"\b")
        self.unique_office_words = _words(lx, "unique_office_words")
        # A clause after a verb with no "that": a determiner and up to two words, or a name, then a finite verb
        # ("feel the country is on the wrong path", "knew the deal would fail", "notes Lind has").
        self.bare_clause_re = re.compile(r"\s+(?:(?:the|this|that|his|her|their|its|our|many|most|some)\s+(?:[\w’'-]+\s+){0,2}?"
                                         r"|(?:[A-Z][\w’'.-]*\s+){1,3})" + _alternation(lx["bare_clause_verbs"]) + r"\b")
        self.partitive_re = re.compile(_alternation(lx["partitive_quantifiers"]) + r"\s+of\s+", re.IGNORECASE)
        # A share given as so many in ten ("Six in 10 Ohio voters", "nine out of 10 of them"): its head follows.
        number = r"(?:\d+|" + _alternation(lx["number_words"]) + r")"
        self.in_ten_re = re.compile(r"(?:(?:about|nearly|almost|roughly|some|over|more\s+than)\s+)?" + number
                                    + r"\s+(?:in|out\s+of|of)\s+" + number + r"\s+(?:of\s+)?(?=\S)", re.IGNORECASE)

    def _cues(self, lx) -> None:
        self.category = {norm(phrase): kind for kind, name in CUE_CATEGORIES for phrase in lx.get(name, [])}
        self.discourse_marker_re = re.compile(r"[\s\"“'‘(]*(?:(?:but|and|so)\s+)?" + _loose_alternation(lx["discourse_markers"])
                                              + r"\s*,", re.IGNORECASE)
        # One trie over the lower-cased text finds every cue word, preposition, cue noun and hedge in a
        # single pass; each phrase maps to its roles and the context checks run on the few hits only.
        self.roles = _cue_roles(lx, self.category)
        self.scan_re = re.compile(r"\b" + trie(dict.fromkeys(self.roles, "")) + r"(?![\w-])")
        self.noun_verb_re = re.compile(
            r"(?<![\w-])(?:(?:has|have|had)\s+)?(?:" + "|".join(map(re.escape, (norm(v) for v in lx["cue_noun_verbs"])))
            + r")\s+(?:(?:an?|the|this|that|its|his|her|their)\s+)?(?:[\w-]+\s+)?$")
        self.possessor_re = re.compile(r"(?<=[\w.])[’']s?\s+(?:[\w-]+\s+)?$")
        self.pronoun_possessor_re = re.compile(r"(?<![\w-])" + _alternation(lx["possessive_pronouns"]) + r"\s+$")
        # The outlet is the marker's object ("told the Harbour Courier"), not a noun's complement
        # ("unhappy with the tone of the Courier's weather page"): no "of" between them.
        self.via_marker_re = re.compile(
            "(?:" + phrase_pattern(lx["via_markers"]) + r")\s+(?:the\s+)?(?:(?!of\s)[\w-]+\s+){0,2}$", re.IGNORECASE)
        self.poll_re = re.compile(
            r"(?<![\w-])([Ii]n|[Bb]y)\s+((?:(?:an?|the|this|that|their|its|[A-Z][\w.’'/&-]*)\s+(?:[\w.’'/&-]+\s+){0,5}?"
            r"|(?:[a-z-]+\s+)?(?=polls\b|surveys\b))"  # "in exit polls", "leads in polls"
            + _alternation(lx["poll_nouns"]) + r")\b")
        self.share_re = re.compile(r"^(?:\w+\s+){0,2}?(?:\d[\d.,]*%|(?:\d[\d.,]*\s+)?" + phrase_pattern(lx["share_words"])
                                   + r")(?:\s+of\b|$)", re.IGNORECASE)
        self.origin_before_re = re.compile(_alternation(lx["origin_nouns"]) + r"\s*$", re.IGNORECASE)
        self.show_subjects = _words(lx, "show_subjects")
        self.evidence_heads = _heads(lx, "document_heads")
        self.evidence_adverbs = ("also", "now", "still", "further")     # "polls also show"
        self.evidence_subject_re = re.compile(
            r"(?P<np>(?:[\w.’'/&-]+\s+){0,5}?" + _alternation(sorted(_heads(lx, "document_heads"), key=len, reverse=True))
            + r")\s+(?:" + _alternation(self.evidence_adverbs) + r"\s+)?$", re.IGNORECASE)
        self.colon_labels = _words(lx, "colon_non_sources")
        self.ambiguous = _words(lx, "noun_like_verbs")
        self.non_sources = frozenset(w.lower() for w in lx["non_sources"])
        self.non_source_openers = _words(lx, "non_source_openers")

    def _descriptors(self, lx) -> None:
        determiners = _alternation(lx["determiners"])
        self.anonymous_re = re.compile(
            rf"^(?:{determiners}\s+)?(?:[\w.’'-]+\s+|and\s+){{0,4}}?" + phrase_pattern(lx["anonymous_heads"]),
            re.IGNORECASE)
        self.group_re = re.compile(
            rf"^(?:{determiners}\s+)?(?:\d[\d,]*\s+|[\w.’'-]+\s+){{0,3}}?" + phrase_pattern(lx["unnamed_group_heads"])
            + r"\s*$",                                    # "34,000 people": a number's commas
            re.IGNORECASE)
        self.document_start_re = re.compile(
            r"^(?:[\w.’'/-]+\s+){0,4}?" + phrase_pattern(lx["document_heads"]), re.IGNORECASE)
        self.role_re = re.compile(phrase_pattern(lx["anonymous_role_markers"]), re.IGNORECASE)
        self.access_re = re.compile(phrase_pattern(lx["access_descriptors"]), re.IGNORECASE)
        self.person_descriptions = _words(lx, "person_descriptions")
        self.collective_modifiers = _words(lx, "collective_modifiers")
        self.role_heads = _words(lx, "role_heads")
        self.epithet_modifiers = _words(lx, "epithet_modifiers")
        self.self_references = _words(lx, "self_references")
        self.reason_re = re.compile(phrase_pattern(lx["anonymity_reasons"]), re.IGNORECASE)
        self.condition_re = re.compile(phrase_pattern(lx.get("anonymity_conditions", [])), re.IGNORECASE)
        self.citing_re = re.compile(                      # "..., Bloomberg reported earlier, citing people ..."
            r"(?:\s+" + _alternation([*lx["citing_time_words"], *lx["weekdays"]]) + r")*"
            r"\s*(?:,\s*(?:which|who)\s+)?,?\s*(?P<cue>" + _alternation(lx["citing_cues"]) + r")\s+"
            r"(?P<np>[^,;:!?“”\"()]{3,120})", re.IGNORECASE)
        self.title_re = re.compile(phrase_pattern(lx["person_titles"]), re.IGNORECASE)
        self.org_word_re = _cased_phrases(lx["org_words"])
        self.affiliation_re = re.compile(phrase_pattern(lx["affiliations"]), re.IGNORECASE)
        self.unnamed_media = tuple(norm(m) for m in lx.get("unnamed_media", []))
        self.unnamed_media_heads = frozenset(m.split()[-1] for m in self.unnamed_media)
        self.outlet_name_re = re.compile(phrase_pattern(lx.get("outlet_names", [])), re.IGNORECASE)
        heads = "|".join(map(re.escape, lx.get("outlet_name_heads", []))) or "(?!x)x"
        self.outlet_shape_re = re.compile(    # "the Dunmore Herald": capitalised words ending in a newspaper's head
            rf"(?<![\w-])(?:[Tt]he\s+)?(?:[A-Z][\w'’.-]*\s+){{1,3}}(?:{heads})(?![\w-])")
        self.anaphors = {norm(phrase): kind for kind, words in lx["anaphors"].items() for phrase in words}
        self.anaphor_pronouns = _words(lx, "anaphor_pronouns")
        self.anonymous_person_anaphors = _words(lx, "anonymous_person_anaphors")
        self.generic_org_anaphors = _words(lx, "generic_org_anaphors")
        self.plural_pronouns = _words(lx, "plural_pronouns")
        self.opening_non_names = (_words(lx, "opening_non_names") | _words(lx, "intro_words")
                                  | _words(lx, "lead_clause_words") | _words(lx, "leading_words")
                                  | _words(lx, "subordinators") | _words(lx, "number_words"))
        self.openers = _words(lx, "source_openers")
        self.approximations = _words(lx, "approximations")
        self.titles = _words(lx, "person_titles")
        self.org_heads = _words(lx, "org_heads")
        self.force_heads = _words(lx, "force_heads")
        self.compound_titles = _words(lx, "compound_titles")
        self.definite_org_re = re.compile(r"\b[Tt]he\s+(?:[\w.’'-]+\s+){0,3}?" + phrase_pattern(lx["org_heads"]))
        self.person_nouns = self.titles | _words(lx, "person_nouns")
        # A listed phrase of several words makes its last word a head only with the others ("a senior Hamas figure";
        # "another GOP figure" is a person the story names): the head word maps to the other words it needs.
        self.anonymous_heads = frozenset(norm(w) for w in lx["anonymous_heads"] if len(norm(w).split()) == 1) \
            | self.spokesperson_heads
        self.anonymous_head_needs = {norm(w).split()[-1]: frozenset(norm(w).split()[:-1])
                                     for w in lx["anonymous_heads"] if len(norm(w).split()) > 1}
        self.document_heads = _heads(lx, "document_heads")
        self.named_org_document_heads = _heads(lx, "named_org_document_heads")
        self.poll_heads = _words(lx, "poll_nouns")
        self.group_heads = _heads(lx, "unnamed_group_heads") - {"many", "some", "all"}
        self.people_heads = _heads(lx, "anonymous_heads") | _heads(lx, "unnamed_group_heads") | self.person_nouns
        self.heads = self.people_heads | self.document_heads | _heads(lx, "person_titles") | self.org_heads
        self.plain = self.openers | _words(lx, "anonymous_role_markers") \
            | frozenset(["law", "enforcement", "officials", "officers", "administration"])

    def _phrase_edges(self, lx) -> None:
        weekdays_after_on = ["on " + day for day in lx["weekdays"]]
        month = _alternation(sorted([*lx["months"], *lx["month_abbreviations"]], key=len, reverse=True)) + r"\.?"
        dated = (r"on\s+" + month + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"   # "On June 5", "in May 2016"
                 + r"|in\s+(?:early\s+|mid-?|late\s+)?" + month + r"(?:\s+\d{4})?|in\s+\d{4}")
        self.intro_re = re.compile(r"^(?:(?:" + _alternation(list(lx["intro_words"]) + weekdays_after_on) + "|" + dated
                                   + r")\b[\s,]*)+", re.IGNORECASE)
        clause = r"[^,;:“\"]{0,90},\s*"                  # the rest of an introduction, up to its comma
        # "This year,", "The day before,", "Late last month,", "Early in his campaign,"
        time_lead = (r"(?i:" + _alternation(lx["time_lead_openers"]) + r")(?:\s+[\w’'-]+){0,2}\s+"
                     + _alternation(lx["time_nouns"]) + r"(?:\s+(?:before|after|later|earlier|ago)\b[^,;:“\"]{0,80})?,\s*"
                     + r"|" + _alternation(_capitalised(lx["time_lead_within"])) + r"\s+in\b" + clause)
        # "Walking to the pier,", "Reached by the Herald,": not "Beijing responded ...," nor "Polling shows ...,"
        participle_lead = (r"(?!" + _alternation(_capitalised(list(lx["ing_nouns"]) + list(lx["ed_nouns"]))) + r"\b)"
                           r"[A-Z][a-z]{2,}(?:ing|ed)\s+(?!" + _alternation(lx["participle_lead_blockers"])
                           + r"\b)(?![a-z]+ed\b)[a-z]" + clause)
        self.time_tail_re = re.compile(r"(?<!\S)(?:(?:" + _alternation(list(lx["time_phrase_words"]) + list(lx["number_words"]))
                                       + r"|\d+)\s+)*" + _alternation(lx["time_nouns"])
                                       + r"(?:\s+" + _alternation(list(lx["time_lead_ends"]) + ["before", "after"]) + r")?$",
                                       re.IGNORECASE)
        self.time_lead_ends = _words(lx, "time_lead_ends")
        self.lead_clause_degrees = _words(lx, "lead_clause_degrees")
        # A time opening a span with no comma after it: a live blog's clock ("7:10 p.m. Lebanon's army said") or
        # "Only hours earlier Tajani said".
        self.lead_time_re = re.compile(
            r"\d{1,2}:\d{2}\s*" + _alternation(lx["clock_marks"]) + r"?\s+(?=[A-Z])|(?i:(?:"
            + _alternation(lx["lead_clause_degrees"])
            + r")\s+)?(?i:" + _alternation(lx["time_nouns"]) + r")\s+"
            + _alternation(list(lx["time_lead_ends"]) + ["before", "after"]) + r"\s+(?=[A-Z])")
        self.lead_clause_re = re.compile(r"(?:" + _alternation(_capitalised(lx["lead_clause_degrees"])) + r"\s+"
                                         + _alternation(lx["lead_clause_words"]) + r"|"
                                         + _alternation(_capitalised(lx["lead_clause_words"])) + r")"
                                         + r"\b" + clause + r"|(?:[\w’'-]+\s+){1,4}"
                                         + _alternation(lx["time_lead_ends"]) + r",\s*|" + time_lead + "|" + participle_lead)
        self.lead_word_re = re.compile(_alternation(_capitalised(lx["lead_clause_words"])) + r"\s")
        self.title_blocking_re = re.compile(_alternation(_capitalised(lx["title_blocking_words"])) + r"\b")
        self.appositive_participle_re = re.compile(r",\s+" + _alternation(lx["appositive_participles"]) + r"\b")
        self.parenthetical_re = re.compile(r"\s*(?:" + _alternation(lx["parenthetical_words"]) + r"|(?!"
                                           + _alternation(lx["appositive_participles"]) + r"\b)[a-z]+ing)\b")
        self.head_cut_re = re.compile(r",|\s(?:" + _alternation(lx["head_end_words"]) + r"|(?!"
                                      + _alternation(lx["ing_nouns"]) + r"\s)[a-z]+ing|(?!"
                                      + _alternation(lx["ed_nouns"]) + r"\s)[a-z]{2,}ed(?!\s+(?!"
                                      + _alternation(_capitalised(list(lx["weekdays"]) + list(lx["months"])))
                                      + r"\b)[A-Z]))\s")               # "a poll released Monday" is cut
        # A past-tense verb right after a name or subject pronoun inside a candidate subject ("Carson shared a
        # syllabus for a class called", "He criticized ... said"): the subject ends before it.
        # Also a cue verb, a verb taking "to" or a negated auxiliary ("Politico reveals a few relevant facts",
        # "Progressives tend to", "Weaver didn't seem").
        verbs = sorted({w for w in self.category if " " not in w} | self.to_verbs | _words(lx, "subject_end_verbs"),
                       key=len, reverse=True)
        # A capitalised word, not a determiner ("An unclassified assessment", "A retired general": adjectives)
        determiners = _alternation(_capitalised(lx["strict_determiners"]))
        self.verb_after_name_re = re.compile(
            r"(?:(?<![\w-])(?!" + determiners + r"\s)[A-Z][\w.’'-]*|^" + _alternation(lx["subject_opening_pronouns"]) + r")(?P<verb>\s+(?:(?!"
            + _alternation(lx["ed_nouns"]) + r"\b)[a-z]{2,}ed\b(?!\s+" + _alternation(lx["participle_prepositions"])
            + r"\b)|"
            + _alternation(verbs) + r"(?![\w’'-])|[a-z]+n[’']t\b|cannot\b))")
        self.relative_words = _words(lx, "relative_pronouns")
        self.object_relatives = _words(lx, "object_relatives")
        self.subject_relatives = _words(lx, "subject_relatives")
        self.relative_chain_conjunctions = _words(lx, "relative_chain_conjunctions")
        self.subject_relative_re = re.compile(r"(?<![\w-])" + _alternation(lx["subject_relatives"]) + r"(?![\w-])")
        self.aside_relatives = _words(lx, "aside_relatives")
        self.conjunctions = _words(lx, "conjunctions")
        self.opening_conjunctions = _words(lx, "opening_conjunctions")
        self.not_relative_subjects = _words(lx, "not_relative_subjects")
        self.causative_verbs = _words(lx, "causative_verbs")
        self.head_time_tail_re = re.compile(
            r"(?<=\S)\s+(?:(?:this|last|next|that)\s+" + _alternation(lx["time_nouns"]) + r"|"
            + _alternation(_capitalised(list(lx["weekdays"]) + list(lx["months"]))) + r"|there|here)$")
        self.relative_re = re.compile(r",|\s\(?" + _alternation(lx["relative_pronouns"]) + r"\s")
        # A relative clause inside a source phrase ("pilots who spoke with Ana Lind", "pilots who'd rather ..."): the
        # names after it are not the source's.
        self.relative_clause_re = re.compile(r"\s" + _alternation(lx["relative_pronouns"]) + r"(?:['’]"
                                             + _alternation(lx["contracted_auxiliaries"]) + r")?\s")
        subjects = [w.upper() if w == "i" else w for w in lx["subject_pronouns"]]
        self.pronoun_after_stop_re = re.compile(r"[.!?]\s+(?=" + _alternation(_capitalised(subjects)) + r"\b)")
        self.lead_before_subject_re = re.compile(r".*\s(?=(?:" + "|".join(map(re.escape, subjects))
                                                 + r"|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*)$)")
        relatives = _alternation([*lx["leading_relatives"]])
        self.relative_lead_re = re.compile(r"(?:[Tt]o\s+)?" + relatives + r"\s+(?=\S)")
        # A partitive relative ("both of whom", "some of which") opens a relative clause as "who" does.
        self.partitive_relative_re = re.compile(r"[a-z]+\s+of\s+" + _alternation(lx["partitive_relatives"]) + r"\b")
        # A relative clause after a speaker's head ("an official who was briefed ..."), "that" aside (also a
        # complementiser: "the examples that critics point to ... failed").
        self.speaker_relative_re = re.compile(r"\s" + _alternation(lx["source_relative_tails"]) + r"\s")
        self.particle_name_re = re.compile(_alternation(lx["name_particles"]) + r"\s+[A-Z][\w’'-]+")
        self.np_end_re = re.compile(r"[;:“”\"]|\((?![RDI]-)|,(?=\s|[^\W\d_])|\s[-–—]{1,2}\s|\s" + _alternation(lx["phrase_end_words"])
                                    + r"\s|$")
        self.inverted_cut_re = re.compile(
            r",\s+(?:" + _loose_alternation(list(lx["inverted_source_ends_after_comma"]) + weekdays_after_on)
            + r"|" + _alternation(sorted(lx["participle_cues"], key=len, reverse=True)) + r"\b)"
            + r"|\s\(?" + _loose_alternation(list(lx["inverted_source_ends"]) + weekdays_after_on), re.IGNORECASE)
        # The tails of a source span: a time ("[Name] on Friday"), and for a subject before its cue also a
        # relative clause after a comma or dash ("[Name], who ..., said"). An age stays: PolNeAR keeps
        # "[Name], 58, of Ohio" (63 spans on train, 12 without it).
        time = r"(?<!\s)\s+" + _loose_alternation(list(lx["source_time_tails"]) + weekdays_after_on) + r"$"
        self.source_tail_re = re.compile(time, re.IGNORECASE | re.DOTALL)
        self.subject_tail_re = re.compile(
            time + r"|(?<!\s)(?:,|\s*[—–]|\s+-)\s*" + _alternation(lx["source_relative_tails"]) + r"\b.*$",
            re.IGNORECASE | re.DOTALL)
        day = _alternation(_capitalised(lx["weekdays"])) + r"(?:\s+" + _alternation(lx["times_of_day"]) + r")?"
        self.subject_time_re = re.compile(
            r"(?<=\S)\s+(?:" + _alternation(lx["subject_time_openers"]) + r"\s+)?(?:" + day + "|"
            + _loose_alternation(lx["subject_time_tails"]) + r")$")
        self.subject_time_blocker_re = re.compile(
            r"(?:\b[a-z]+ed|\b" + _alternation(lx["subject_time_blockers"]) + r")$"
            + r"|\b(?:" + _alternation(lx["relative_pronouns"]) + r"|[a-z]{3,}ing)\b")
        self.abbreviation_end_re = re.compile(r"(?:\b[A-Z]|\b" + _alternation(lx["abbreviations"]) + r"\.|\b(?:[A-Z]\.){2,})$")
