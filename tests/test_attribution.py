"""Attribution extraction on hand-written sentences: cues, source spans, kinds, chains, carry-over, anonymity."""
from __future__ import annotations

import pytest

from audit.models import Document


def _doc(text: str, outlet: str | None = None) -> Document:
    from audit.models import MetaValue

    meta = {"outlet": MetaValue(outlet, "test")} if outlet else {}
    return Document(id="t", path="t.txt", sha256="", text=text, regions=[(0, len(text))], meta=meta)


def claims(auditor, text: str, outlet: str | None = None):
    return auditor.extractor.claims(_doc(text, outlet))


def one(auditor, text: str, outlet: str | None = None):
    found = claims(auditor, text, outlet)
    assert len(found) == 1, [c.text for c in found]
    return found[0].attribution


# -- kinds -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, source", [
    ("Defence Minister Yoav Gallant said the talks had stalled.", "named_person", "Defence Minister Yoav Gallant"),
    ("“We will not stop,” said Abu Obeida.", "named_person", "Abu Obeida"),
    ("Mark Jones, a political scientist at Rice University, said the race was close.", "named_person",
     "Mark Jones, a political scientist at Rice University"),
    ("The race is close, said Mark Jones, a political scientist at Rice University.", "named_person",
     "Mark Jones, a political scientist at Rice University"),
    ("Addameer, a prisoners' rights group, said 5,200 Palestinians are held.", "named_org",
     "Addameer, a prisoners' rights group"),                  # appositives belong to the source (PolNeAR)
    ("The Trump campaign said it had raised $80 million.", "named_org", "The Trump campaign"),
    ("Mr. Lind's campaign said it had raised $80 million.", "named_org", "Mr. Lind's campaign"),   # the owner's name
    ("Northgate Electric said the plant would close.", "named_org", "Northgate Electric"),         # an org word
    ("An FBI spokesman said the bureau would not comment.", "named_org", "An FBI spokesman"),
    ("Officials at the State Department said the visas were valid.", "named_org",
     "Officials at the State Department"),
    ("According to the Israeli Broadcasting Authority, a deal was close.", "outlet",
     "the Israeli Broadcasting Authority"),
    ("According to the Israeli Broadcasting Authority,a deal was close.", "outlet",        # no space after
     "the Israeli Broadcasting Authority"),                                               # the comma
    ("Sources familiar with the negotiations said a deal was close.", "anonymous",
     "Sources familiar with the negotiations"),
    ("A senior US official said the talks had stalled.", "anonymous", "A senior US official"),
    ("Officials said the bridge would reopen in May.", "anonymous", "Officials"),
    ("Advisers to Mr. Obama say the president is frustrated.", "anonymous", "Advisers to Mr. Obama"),
    ("Mr. Sanders's aides said he intended to stay in California.", "anonymous", "Mr. Sanders's aides"),
    ("Palestinian officials assert that the occupation must end.", "unnamed_group", "Palestinian officials"),
    # one name before an appositive headed by a person's title is a person, whatever organisation it names
    ("Lind, a spokeswoman for the ferry company, said the boats were late.", "named_person",
     "Lind, a spokeswoman for the ferry company"),
    # a person's name beside an organisation's, described by an adjective, or with a reflexive
    ("Harbour Board Chairman Tomas Lind said the boats were late.", "named_person",
     "Harbour Board Chairman Tomas Lind"),
    ("Maria Ortiz of the Harbour Institute said the boats were late.", "named_person",
     "Maria Ortiz of the Harbour Institute"),
    ("A defensive Lind said the boats were late.", "named_person", "A defensive Lind"),
    ("Lind, who runs the ferry, said the boats were late.", "named_person", "Lind"),
    # a quantifier alone does not make a vague collective: "some allies" are allies, anonymous
    ("Some allies worry that the ferry will close.", "anonymous", "Some allies"),
    ("Some Palestinian officials assert that the occupation must end.", "unnamed_group", "Some Palestinian officials"),
    ("Critics say the plan is too expensive.", "unnamed_group", "Critics"),
    ("Some experts said the wording was ambiguous.", "unnamed_group", "Some experts"),
    ("A new poll shows Clinton with a four-point lead.", "document", "A new poll"),
    # A poll an outlet ran is the poll, a document, not the outlet's own reporting.
    ("A Reuters/Ipsos poll shows the mayor with a four-point lead.", "document", "A Reuters/Ipsos poll"),
    # A weekday after a participle is a time, not a name: the head stays the document's.
    ("A Harlow College poll released Monday shows the ferry ahead.", "document",
     "A Harlow College poll released Monday"),
    ("The audit published Tuesday found the bridge unsafe.", "document", "The audit published Tuesday"),
    # A participle before the noun is no cut, and a time after the head is no part of it.
    ("A newly released email relating to the pier finds that the guards had left.", "document",
     "A newly released email relating to the pier"),
    ("A Harlow College poll last week showed the mayor in third.", "document", "A Harlow College poll last week"),
    ("Polls there show the mayor trailing.", "document", "Polls there"),
    ("The Harlow College national tracking poll shows the mayor ahead.", "document",
     "The Harlow College national tracking poll"),
    ("County lobbying records show the firm was paid twice.", "document", "County lobbying records"),
    # A share written with a sign is a share of people, whatever capitals follow.
    ("31% of Republicans and Republican-leaning voters say the levy is too high.", "unnamed_group",
     "31% of Republicans and Republican-leaning voters"),
    ("The footage showed soldiers under fire.", "document", "The footage"),
    ("The Post has learned that the meeting was cancelled.", "outlet", "The Post"),
    # Organisations named like one, beyond a war's registry (a user's non-war stories).
    ("The U.S. Geological Survey said the quake had a magnitude of 7.1.", "named_org", "The U.S. Geological Survey"),
    ("Amnesty International said the arrests were arbitrary.", "named_org", "Amnesty International"),
    ("The Kenya Red Cross said 40 people were rescued.", "named_org", "The Kenya Red Cross"),
    ("Northwind Telecom said it was investigating the breach.", "named_org", "Northwind Telecom"),
    ("A Gallup survey found that 40 percent approve.", "document", "A Gallup survey"),
    ("Blantyre accounted for 588 cases and 19 deaths, the WHO said.", "named_org", "the WHO"),   # not "who"
])
def test_kind_and_source(auditor, sentence, kind, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == (kind, source)
    assert a.source_span is not None and sentence[a.source_span.start:a.source_span.end] == a.source_span.text


@pytest.mark.parametrize("sentence, source", [
    ("The Ohio Democrat on Tuesday said the bill was dead.", "The Ohio Democrat"),
    ("Okafor at the time said she would release her returns.", "Okafor"),
    ("Lindqvist, who lives in Tulsa, said she would vote in May.", "Lindqvist"),
    ("Greta Lund, 61, of South Bend, said she was undecided.", "Greta Lund, 61, of South Bend"),   # ages stay
    ("In a radio interview Okafor said the plan was weak.", "Okafor"),          # an introduction with no comma
    ("On May 2 they said the plan was weak.", "they"),
    ("The plan, which Okafor called weak, was dropped.", "Okafor"),             # the relative pronoun is no source
    ("A survey of farmers across the three northern counties by the regional water board last winter found "
     "wells running dry.", "A survey of farmers across the three northern counties by the regional water board "
                            "last winter"),                                     # a long document subject, whole
    ("Alvarez didn’t say whether the council would appeal.", "Alvarez"),
    ("Having heard the arguments, Judge Amari adjourned the court, saying it was late.", "Judge Amari"),
    ("Hours later, Okafor returned the favour, telling reporters that they were friends.", "Okafor"),
    ("There is no risk of flooding, officials in both towns insist, because the levees were raised.",
     "officials in both towns"),                                    # a phrase opening with its head
    ("Current officials who spoke with reporters said the fund was empty.",
     "Current officials who spoke with reporters"),                  # the relative clause is no clause test
    ("Okoro’s office, when contacted by email, said she could not recall it.", "Okoro’s office"),
    ("The mayor trails by nine points, according to the county polling average - despite her record.",
     "the county polling average"),                       # a dash ends the phrase
    ("His messages seem to show that he coordinated with the staff.", "His messages"),
    ("Speaking in Tulsa, Oklahoma, on Monday, Okafor attacked the plan, calling it weak.", "Okafor"),  # city, state, day
    ("Omar Haddad, a grocer from Dayton, Ohio, said he was undecided.",
     "Omar Haddad, a grocer from Dayton, Ohio"),        # a place's state is part of the appositive
    ("One Democratic candidate, Lena Park, said the plan was weak.",
     "One Democratic candidate, Lena Park"),          # a description before the name
    ("Okafor’s Republican rival, Ohio Sen. Dana Cole, said the plan was weak.",
     "Okafor’s Republican rival, Ohio Sen. Dana Cole"),
    ("The next day, Okafor said the plan was weak.", "Okafor"),       # a time is no description
    ("Tomas Reyes, a man visiting Lyon with his family, told reporters he ran.",
     "Tomas Reyes, a man visiting Lyon with his family"),
    ("Keller, a senator from Idaho, said the bill was flawed.", "Keller, a senator from Idaho"),
    ("\"We have seen growing pressure,\" said a Canadian official who was not authorized to speak publicly.",
     "a Canadian official who was not authorized to speak publicly"),  # the relative clause's verb is no clause
])
def test_source_span_without_time_or_relative_tail(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("phrase, kind", [
    ("A spokesman for Mr. Okafor", "anonymous"),                 # a spokesperson for a person
    ("A spokesman for the Okafor campaign", "named_org"),        # for an institution: its own voice
    ("Some GOP strategists", "anonymous"),                        # strategists, allies, operatives unnamed
    ("the governor's allies", "anonymous"),
    ("Republicans close to the Lund campaign", "anonymous"),     # described by their access
    ("people privy to the talks", "anonymous"),
    ("a senior Dana Cole adviser", "anonymous"),               # the name modifies the head
    ("one unaligned Ohio Democratic strategist", "anonymous"),
    ("U.S. intelligence officials", "anonymous"),                 # "U.S." names no institution
    ("Arizona election officials", "named_org"),
    ("some Republicans", "unnamed_group"),
    ("Critics", "unnamed_group"),
    ("the Chicago businessman", "named_person"),                 # a description of one person
    ("Forward Together PAC", "named_org"),                  # shaped like an organisation
    ("the DNC", "named_org"),
    ("NAACP", "named_org"),
    ("Farmers for Progress", "named_org"),
    ("the Hartwell Institution", "named_org"),
    ("the Rev. Ana Cole", "named_person"),
    ("the county polling average", "document"),          # "polling" is a noun, not a participle
    ("a ruling by the court", "document"),
])
def test_descriptor_kinds(auditor, phrase, kind):
    assert auditor.extractor.classify(phrase) == kind


@pytest.mark.parametrize("sentence, role, affiliation, plural", [
    ("Some GOP strategists said the ad would backfire.", True, "GOP", True),
    ("A spokesman for Mr. Okafor said the trip was private.", True, "Okafor", False),
    ("Republicans close to the Lund campaign said she would win.", True, "Lund", True),
    ("Recent leaks suggested that a deal was close.", False, None, True),
])
def test_descriptor_details_for_the_anonymity_rules(auditor, sentence, role, affiliation, plural):
    a = one(auditor, sentence)
    assert a.kind == "anonymous"
    assert (a.anonymity.role_given, a.anonymity.affiliation, a.anonymity.plural) == (role, affiliation, plural)


def test_a_transcript_speaker_in_capitals_is_not_an_acronym(auditor):
    assert auditor.extractor.classify("HOLLIS", "HOLLIS: We will win.") == "named_person"


def test_self_when_the_source_is_the_publisher(auditor):
    a = one(auditor, "According to Al Jazeera, the crossing was closed.", outlet="Al Jazeera")
    assert a.kind == "self"


@pytest.mark.parametrize("sentence, outlet, kind", [
    ("The Post has learned that the meeting was cancelled.", "The Washington Post", "self"),   # its short name
    ("The Post has learned that the meeting was cancelled.", "wash-post", "self"),             # a registry alias
    ("The Times reported that the meeting was cancelled.", "The Washington Post", "outlet"),  # another paper
    ("This newspaper has learned that the meeting was cancelled.", None, "self"),
    # the publisher's own database is a document a reader can check, not the outlet's bare word
    ("Police shot 491 people this year, according to a Washington Post database.", "The Washington Post",
     "document"),
])
def test_the_publisher_speaking_of_itself_is_self(auditor, sentence, outlet, kind):
    assert one(auditor, sentence, outlet=outlet).kind == kind


def test_first_person_writer_is_self(auditor):
    assert one(auditor, "I learned that the hard way when I was 19.").kind == "self"


@pytest.mark.parametrize("sentence", [
    "“I can tell you the bridge is safe.”",
    "“You went on the radio to blame the ferry crews.”",
    "“We’ll say it again: the bridge is safe.”",
])
def test_a_quoted_speaker_saying_i_or_you_is_no_source_of_the_claim(auditor, sentence):
    assert claims(auditor, sentence)[0].attributions == []


def test_a_sentence_inside_a_quotation_opened_before_it_is_the_quoted_speakers(auditor):
    found = claims(auditor, "Mayor Lind spoke on Monday. “The ferry will run all winter. I tell critics the bridge "
                            "costs more. Officials say the tolls will pay for it.” The meeting ended early.")
    assert [bool(c.attributions) for c in found] == [False, False, False, False, False]


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Lind said: “The ferry will run all winter. The bridge costs more. The tolls will pay.” It rained.", 0),
    ("“The ferry will run all winter. The bridge costs more. The tolls will pay,” Mayor Lind said. It rained.", 2),
])
def test_a_multi_sentence_quotation_carries_its_speaker_to_the_sentences_it_speaks(auditor, text, speaker):
    # named where the quotation opens or after it closes; carried as the primary attribution (inherited,
    # no cue in the sentence, so not among its own attributions), never past the quotation
    found = claims(auditor, text)
    carried = [c for i, c in enumerate(found[:3]) if i != speaker]
    assert [(c.attribution.source, c.attribution.inherited_from, c.attributions) for c in carried] \
        == [("Mayor Lind", found[speaker].id, [])] * 2
    assert found[3].attribution.kind == "none"


def test_a_quotation_opened_by_a_quoted_cue_carries_no_speaker(auditor):
    found = claims(auditor, "“We liked what Mayor Lind has said. The bridge costs more.” It rained.")
    assert found[1].attribution.kind == "none"


def test_a_speaker_after_the_close_of_a_carried_quotation_is_the_source(auditor):
    found = claims(auditor, "“The ferry will run all winter. Officials say the tolls will pay for it,” Mayor Lind said.")
    assert [a.source for a in found[1].attributions] == ["Mayor Lind"]


def test_a_quotation_closed_before_the_next_sentence_does_not_silence_it(auditor):
    found = claims(auditor, "“The ferry will run all winter,” Mayor Lind said. Critics say it costs too much.")
    assert found[1].attribution.source == "Critics"


def test_a_quotation_right_after_a_speakers_closed_one_is_the_same_speakers(auditor):
    found = claims(auditor, "“We will win,” Mayor Lind said. “We have the votes. The council knows it.”")
    assert [(c.attribution.source, c.attribution.inherited) for c in found] == \
        [("Mayor Lind", False), ("Mayor Lind", True), ("Mayor Lind", True)]
    assert [c.attributions for c in found[1:]] == [[], []]          # no cue of their own: not evaluated as one
    apart = claims(auditor, "“We will win,” Mayor Lind said. The council met on Monday. “We have the votes.”")
    assert apart[2].attribution.kind == "none"                       # another sentence between
    later = claims(auditor, "“We will win,” Mayor Lind said.\n\n“We have the votes.”")
    assert later[1].attribution.kind == "none"                       # another paragraph


@pytest.mark.parametrize("text, sources", [
    # a speaker named where the next quotation closes comes first
    ("“We will win,” Mayor Lind said. “Nonsense. You have no votes,” Okafor replied.",
     ["Mayor Lind", "Okafor", "Okafor"]),
    # another speaker carried over between: the quotation after is not Lind's
    ("An aide to the mayor said the plan was dead. “We will win,” Mayor Lind said. The aide said the money had "
     "run out. “There is no plan.”", ["An aide to the mayor", "Mayor Lind", "An aide to the mayor", None]),
    # a quotation of several sentences closed before its speaker carries that speaker on
    ("“The ferry will run. It will pay,” Mayor Lind said. “The council knows it.”",
     ["Mayor Lind", "Mayor Lind", "Mayor Lind"]),
    # a digit before a straight closing mark closes the quotation
    ('The group demanded "a ceasefire by 2024". Officials say the toll will rise.', ["The group", "Officials"]),
])
def test_quotation_speakers_are_not_carried_past_what_tells_another(auditor, text, sources):
    assert [c.attribution.source for c in claims(auditor, text)] == sources


@pytest.mark.parametrize("first", ['The new pipe is 12" wide.', 'The mayor is 5\'11" tall.', 'He said " never.'])
def test_an_inch_mark_or_a_stray_straight_quote_opens_no_quotation(auditor, first):
    found = claims(auditor, f"{first} Officials say the ferry is safe.")
    assert found[-1].attribution.source == "Officials"


def test_a_quoted_i_leaves_the_speaker_outside_the_quotation(auditor):
    claim = claims(auditor, "“I will tell the council the truth,” Mayor Lind said.")[0]
    assert [a.source for a in claim.attributions] == ["Mayor Lind"]


@pytest.mark.parametrize("sentence, cue", [
    ("Mayor Lind forecast that the ferry would soon run at a profit.", "forecast"),   # a verb before "that"
    ("Trump wants to build a wall on the border.", "wants"),
    ("Cruz believes the nomination is still open.", "believes"),
    ("Polls show Clinton ahead in Pennsylvania.", "show"),
    ("Sanders plans to meet with Reid on Tuesday.", "plans"),
    ("The senator criticized the deal on Monday.", "criticized"),
    ("Trump’s criticism of the judge drew a rebuke.", "’s criticism"),
    ("Republican presidential candidate Donald Trump took to Twitter, writing: \"Another attack.\"", "writing"),
    ("Trump: 'We are going to win so much.'", ":"),
    ("Councillor Okafor blasted the budget as reckless.", "blasted"),           # mined from train, see docs
    ("The mayor likened the new tax to a toll on every family.", "likened"),
    ("The governor laid out her plan for the ports on Friday.", "laid out"),
    ("The county board approved the new school map.", "approved"),
    ("Okafor is promoting her housing plan across the state.", "promoting"),
    ("The union distanced itself from the strike call.", "distanced itself from"),
    ("Okafor trails by six points in the latest county poll.", "in"),           # no cue word: the poll is tried
    ("\"Vote for the levy,\" the letter reads.", "reads"),
    ("Mayor Lind offered no proof that the ferry was safe.", "offered"),        # sixth round, mined from train
    ("The county court ruled that the tolls were lawful.", "ruled"),
    ("The senator was critical of the toll plan.", "was critical of"),
    ("Okafor is supportive of the harbour plan.", "is supportive of"),
    ("The report detailed the costs of the ferry.", "detailed"),
    ("Okafor talked at length about the bridge.", "talked"),
    ("Dock workers complain that the tolls are too high.", "complain"),
    ("Okafor admires the old mayor.", "admires"),
    ("Councillor Okafor blasts ferry tolls.", "blasts"),                       # headline present tenses
    ("Mayor Lind swipes at harbour board over tolls.", "swipes at"),
    ("Okafor boasts of record ferry crowds.", "boasts"),
    ("The governor nominated Okafor to the harbour board.", "nominated"),
    ("Okafor promises that the tolls will fall.", "promises"),                  # noun-like verbs of no category
    ("The harbour board views the ferry as a lifeline.", "views"),
    ("Okafor tried to persuade the council to keep the ferry.", "persuade"),
    ("The governor unveiled a plan for the harbour.", "unveiled"),
    ("Dock workers resented the new tolls.", "resented"),
    ("The union came out against the toll plan.", "came out against"),
    ("The board met on Monday, refusing to lower the tolls.", "refusing to"),
    ("Okafor articulated a plan for the harbour.", "articulated"),
])
def test_beliefs_intentions_stances_and_evidence_are_attributions(auditor, sentence, cue):
    a = one(auditor, sentence)
    assert a.kind != "none" and a.cue == cue


@pytest.mark.parametrize("sentence", [
    "The early states will test their appeal.",                  # "states" is a noun
    "Facebook relies on user reports to find accounts.",           # "reports" is a noun
    "The building appeared to be destroyed.",                      # not a belief: no one to hold it
    "She came from the Middle East.",                              # "came from" without information
    "The rent has been about $2,000 per month.",                   # "per" without a source
    "The talks collapsed on Tuesday.",
])
def test_no_attribution(auditor, sentence):
    a = one(auditor, sentence)
    assert a.kind == "none" and a.cue is None


@pytest.mark.parametrize("phrase, kind", [
    ("the Washington Examiner", "outlet"),            # a head that is an outlet's name, not a person's
    ("Washington Examiner", "outlet"),
    ("Dana Cole of the Washington Examiner", "named_person"),
])
def test_outlet_names_are_not_people(auditor, phrase, kind):
    assert auditor.extractor.classify(phrase) == kind


@pytest.mark.parametrize("sentence, cue", [
    ("You think the ferry is safe.", "think"),                # the reader holds no belief ("I think": the writer's, self)
    ("Do you believe the tolls will fall?", "believe"),
])
def test_a_belief_with_no_source_keeps_its_cue(auditor, sentence, cue):
    a = one(auditor, sentence)
    assert a.kind == "none" and a.cue == cue


@pytest.mark.parametrize("sentence, source, cue", [
    ("Harbour aides were adamant that the ferry would run.", "Harbour aides", "were adamant"),
    ("Okafor’s allies have long been concerned that the tolls will rise.", "Okafor’s allies", "been concerned"),
    ("City officials aren’t sure how to cut the tolls.", "City officials", "aren’t sure"),
])
def test_an_attitude_after_be_is_a_belief_of_the_subject(auditor, sentence, source, cue):
    a = one(auditor, sentence)
    assert (a.source, a.cue) == (source, cue)


@pytest.mark.parametrize("sentence", [
    "The concerned residents met on Monday.",      # no "be" before it
    "The bridge was adamant.",                     # no one to hold the view
    "Be sure to vote early.",
    "The Senate is sure to pass the bill.",        # likely, not a state of mind
    "The council is divided into four wards.",
    "Okafor was convinced by the council.",        # a passive
])
def test_an_attitude_needs_be_and_a_holder(auditor, sentence):
    assert one(auditor, sentence).kind == "none"


def test_cue_without_source_keeps_kind_none(auditor):
    a = one(auditor, "Sanders is expected to win the primary.")
    assert a.kind == "none" and a.cue == "is expected" and a.source is None


def test_coordinated_verb_does_not_attribute_the_first_half(auditor):
    a = one(auditor, "Hamas captured about 240 Israelis, and said it wanted to exchange them.")
    assert a.kind == "none" and a.cue == "said"


def test_a_coordinated_cue_gets_the_main_subject_as_a_further_attribution(auditor):
    """The primary stays none (the figure is not attributed); the cue's own attribution names the subject,
    as PolNeAR marks it, and replaces the source-less primary among the claim's attributions."""
    [claim] = claims(auditor, "Hamas captured about 240 Israelis, and said it wanted to exchange them.")
    assert claim.attribution.kind == "none"
    assert [(a.kind, a.source, a.cue) for a in claim.attributions] == [("named_org", "Hamas", "said")]
    [claim] = claims(auditor, "The senator greeted supporters in Tulsa and told them the vote was close.")
    assert [(a.source, a.cue) for a in claim.attributions] == [("The senator", "told")]


def test_cues_outside_quotes_win(auditor):
    a = one(auditor, "“I think he is wrong,” Clinton said.")
    assert a.source == "Clinton" and a.cue == "said"


# -- chains ------------------------------------------------------------------------------------------

def test_chain_via_outlet(auditor):
    a = one(auditor, "A source in Hamas told Aljazeera Net that the losses were unprecedented.")
    assert a.kind == "anonymous" and a.actor == "Hamas" and a.via == ["Al Jazeera"]


def test_chain_of_two_outlets_nearest_first(auditor):
    a = one(auditor, "According to a senior US official as quoted by CNN, the deal was close.")
    assert a.kind == "anonymous" and a.via == ["CNN"]


def test_report_by_an_outlet(auditor):
    a = one(auditor, "Negotiations were nearing a deal, a report by The New York Times revealed.")
    assert a.via == ["The New York Times"]


# -- carry-over ----------------------------------------------------------------------------------------

def test_pronoun_carries_over_the_named_person(auditor):
    found = claims(auditor, "Saleh al-Arouri said the war was far from over. He added that more fighters were ready.")
    second = found[1].attribution
    assert second.inherited and second.kind == "named_person" and second.source == "Saleh al-Arouri"
    assert second.source_span.text == "He" and second.inherited_from == found[0].id


def test_he_is_not_carried_to_a_list_of_people(auditor):
    found = claims(auditor, "Ana Lind, Reyes and other senior harbour officials pledged support for the pier. "
                            "\"We will stay,\" he said.")
    assert found[0].attribution.source == "Ana Lind, Reyes and other senior harbour officials"
    assert not found[1].attribution.inherited


@pytest.mark.parametrize("sentence, source", [
    # names listed before a coordinated last piece are part of the subject, a floating quantifier is not
    ("Lind, Reyes and Ortiz said the pier was shut.", "Lind, Reyes and Ortiz"),
    ("Lind, Reyes and Ortiz all said the pier was shut.", "Lind, Reyes and Ortiz"),
    ("Instead, Ortiz, Harbour’s Ana Lind and Port’s Mark Reyes argued that the plan failed.",
     "Ortiz, Harbour’s Ana Lind and Port’s Mark Reyes"),
    # an introduction, a weekday or an adverb is no name of the list
    ("In Ohio, Reyes and Ortiz said the pier was shut.", "Reyes and Ortiz"),
    ("Tuesday, Reyes and Ortiz said the pier was shut.", "Reyes and Ortiz"),
    ("Across Northgate, Reyes and Ortiz said the pier was shut.", "Reyes and Ortiz"),
    ("Ultimately, Reyes and Ortiz said the pier was shut.", "Reyes and Ortiz"),
    # a verb of appearing before a place and "to": the subject is that verb's
    ("Ana Lind appeared before the harbour board on Monday to say the pier was shut.", "Ana Lind"),
    ("The pilots went before reporters on Tuesday to say the plan failed.", "The pilots"),
])
def test_listed_subjects_and_appearances(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions if not a.nested] == [source]


@pytest.mark.parametrize("sentence", [
    "Lind posted a clear victory in the port.",      # a result, not a message
    "Reyes appeared at the harbour fair anyway.",                    # a place, not a seeming
    "The mayor responded by closing the pier.",                # an act, not a reply
])
def test_cue_words_in_senses_that_report_nothing(auditor, sentence):
    assert claims(auditor, sentence)[0].attributions == []


def test_responded_by_a_means_still_reports(auditor):
    assert (one(auditor, "Lind responded by email that the pier was shut.").cue) == "responded"


@pytest.mark.parametrize("sentence, source", [
    # a message sent "to" someone before its participle: the sender, through a verb of sending in -ed too
    ("After the vote, Lind released a video calling it a disgrace.", "Lind"),
    ("The board sent out a text message to pilots saying the pier was shut.", "The board"),
])
def test_the_sender_of_a_message_before_its_participle(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions if not a.nested] == [source]


@pytest.mark.parametrize("sentence", [
    "Back in June, he wrote a letter to Reyes asking that the fees go to charity.",   # no sender right before
    "The board got a letter to pilots saying the pier was shut.",                     # received, not sent
    "A post shared by Ana Lind (@lind) “Harbour first,” he wrote in a post repeating a chant.",   # "shared by"
])
def test_no_sender_without_a_verb_of_sending_right_after_the_subject(auditor, sentence):
    sources = [a.source_span.text for a in claims(auditor, sentence)[0].attributions if a.source_span]
    assert not {"Back in June", "A post", "The board"} & set(sources)


@pytest.mark.parametrize("sentence, source", [
    # an introduction before a name and its aside or appositive is no part of the subject
    ("In the interview, Reyes, who backed Lind in May, reiterated the point.", "Reyes"),
    ("Last month, the Harbour Gazette, a local paper, revealed that the pier was shut.",
     "the Harbour Gazette, a local paper"),
    # a noun in -ly closing an appositive is no adverb to drop
    ("The Harbour Gazette, a weekly, revealed that the pier was shut.", "The Harbour Gazette, a weekly"),
    # "As X, a Y, put it": "As X" holds the name, so it is no introduction
    ("As Ana Lind, a pilot at the port, put it, the pier is shut.", "Ana Lind, a pilot at the port"),
])
def test_an_introduction_before_a_name_with_appositives(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions
            if not a.nested and a.source_span.text != "who"] == [source]


@pytest.mark.parametrize("sentence, source", [
    ("April Lind, a spokeswoman for the Harbour Board, said the plan was set.",
     "April Lind, a spokeswoman for the Harbour Board"),
    ("June Ortiz said the plan was set.", "June Ortiz"),
])
def test_a_month_that_is_a_given_name_opens_a_persons_name(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("named_person", source)


def test_a_month_before_a_place_naming_people_is_no_given_name(auditor):
    assert one(auditor, "Since April Northgate pilots have said the pier was shut.").kind == "unnamed_group"


@pytest.mark.parametrize("text, listed", [
    ("Lind, Reyes and other senior harbour officials", True),
    ("Ana Lind, Mark Reyes and Eva Ortiz", True),
    ("Ana Lind, CEO and Founder", False),                      # a title in apposition
    ("Ana Lind, vice president and general counsel", False),
    ("Tuesday, Reyes and Ortiz", False),
    ("Mark Reyes and his aides", False),                       # a person and their people: one speaker
])
def test_what_names_a_list_of_people(auditor, text, listed):
    assert auditor.extractor.vocabulary.names_a_list(text) is listed


def test_a_middle_initial_is_part_of_a_persons_name(auditor):
    a = one(auditor, "Jill A. Lind, counsel for the Harbour Organization, said the claim was false.")
    assert (a.kind, a.source) == ("named_person", "Jill A. Lind, counsel for the Harbour Organization")


def test_he_carries_over_one_person_not_the_sources_told_since(auditor):
    found = claims(auditor, "Dr. Ahmed Nasser said the toll was far higher. Other sources reported a lower toll. "
                            "He said more than 4,000 people had been killed.")
    assert found[1].attribution.anonymity is not None and found[1].attribution.anonymity.plural
    third = found[2].attribution
    assert third.inherited and (third.kind, third.source) == ("named_person", "Dr. Ahmed Nasser")


def test_the_official_carries_over_the_anonymous_source(auditor):
    found = claims(auditor, "A US official told CNN that the talks were close. "
                            "However, the official said that the talks could collapse.")
    second = found[1].attribution
    assert second.inherited and second.kind == "anonymous" and second.via == ["CNN"]
    assert second.anonymity is not None and second.anonymity.affiliation


def test_definite_description_carries_over_the_organisation(auditor):
    found = claims(auditor, "According to the Israeli Broadcasting Authority, a deal was close. "
                            "The authority explained that the talks were ongoing.")
    assert found[1].attribution.inherited and found[1].attribution.kind == "outlet"


def test_appositive_after_the_source_still_carries_over(auditor):
    found = claims(auditor, "A source in Hamas told Aljazeera Net that the losses were high. "
                            "The source, who spoke on condition of anonymity, also revealed more details.")
    assert found[1].attribution.inherited and found[1].attribution.via == ["Al Jazeera"]


def test_pronoun_without_antecedent_is_a_person(auditor):
    assert one(auditor, "He said the talks had stalled.").kind == "named_person"


# -- anonymity details ---------------------------------------------------------------------------------

def test_anonymity_role_affiliation_reason_plural(auditor):
    a = one(auditor, "Senior Israeli officials involved in the talks said, on condition of anonymity because they "
                     "were not authorized to speak publicly, that a deal was near.")
    assert a.kind == "anonymous"
    an = a.anonymity
    assert an.role_given and an.affiliation and an.plural and an.reason_given


def test_bare_source_has_no_role_or_reason(auditor):
    an = one(auditor, "A source said the ceasefire would hold.").anonymity
    assert not an.role_given and an.affiliation is None and not an.reason_given and not an.plural


def test_reason_later_in_the_article_is_recorded(auditor):
    found = claims(auditor, "An official said the talks were close. "
                            "The official, who spoke for fear of reprisal, said a deal was near.")
    assert found[1].attribution.anonymity.reason_given


# -- the seed sentences ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, source_part, via", [
    ("Hamas’s deputy chief, Saleh al-Arouri, has made a startling announcement that the group has captured "
     "enough Israeli soldiers.", "named_person", "Arouri", []),
    ("At present, there are approximately 5,200 Palestinians incarcerated in Israeli jails, according to "
     "Addameer.", "named_org", "Addameer", []),
    ("A senior Israeli source told the American ABC network that progress is being made.", "anonymous",
     "senior Israeli source", ["ABC News"]),
    ("The Al-Qassam Brigades, the military wing of Hamas, said that its fighters killed 9 Israeli soldiers.",
     "named_org", "Qassam", []),
    ("An Israeli official confirmed that negotiations regarding the detainees are ongoing.", "anonymous",
     "Israeli official", []),
    ("The update comes from sources familiar with the negotiations, including both Arab and Western "
     "officials.", "anonymous", "sources familiar", []),
    ("Until now, the Israeli aggression has led to the martyrdom of more than 11,000 Palestinians.", "none",
     None, []),
])
def test_seed_sentences(auditor, sentence, kind, source_part, via):
    a = one(auditor, sentence)
    assert a.kind == kind
    if source_part:
        assert source_part in a.source
    assert a.via == via


def test_hedges_are_recorded(auditor):
    found = claims(auditor, "The army may have lost dozens of vehicles. The army lost vehicles.")
    assert [c.hedged for c in found] == [True, False]


def test_offsets_and_entities(auditor):
    text = "Breaking news.\n\nAbu Obeida said on Tuesday that the group wanted a deal."
    found = claims(auditor, text)
    a = found[-1].attribution
    assert text[a.source_span.start:a.source_span.end] == "Abu Obeida"
    assert text[a.cue_span.start:a.cue_span.end] == "said"
    assert any(e.text == "Abu Obeida" for e in found[-1].entities)


# -- word lists come from the lexicon ---------------------------------------------------------------

@pytest.mark.parametrize("entry, sentence, before, after", [
    # grammar.yaml: a verb whose "to" sits between the subject and the cue
    ("to_verbs: [dared]", "The vote failed and Senator Smith dared to say the deal was dead.",
     ("none", None), ("named_person", "Senator Smith")),
    # attribution.yaml: a head that speaks for an institution
    ("spokesperson_heads: [mouthpiece]", "A mouthpiece for the Interior Ministry said the border was closed.",
     ("unnamed_group", "A mouthpiece for the Interior Ministry"),
     ("named_org", "A mouthpiece for the Interior Ministry")),
    # attribution.yaml: a verb that is a cue only before a clause
    ("clause_only_verbs: [added]", "Smith added a new clause to the bill.", ("named_person", "Smith"), ("none", None)),
])
def test_user_lexicon_extends_moved_lists(auditor, tmp_path, entry, sentence, before, after):
    """A list moved out of the code into rules/lexicons/ is extended by a user's lexicon folder."""
    from audit.attribution import Extractor
    from audit.language import LanguagePack

    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "extra.yaml").write_text(entry + "\n", encoding="utf-8")
    extended = Extractor(LanguagePack.load([tmp_path]), auditor.registry)
    for extractor, expected in ((auditor.extractor, before), (extended, after)):
        a = extractor.claims(_doc(sentence))[0].attribution
        assert (a.kind, a.source) == expected


# -- several attributions per claim, nesting ------------------------------------------------------------

def test_a_claim_keeps_every_attribution_in_text_order(auditor):
    claim = claims(auditor, "The plan will fail, Senator Mary Lee said, according to a memo seen by Reuters.")[0]
    assert len(claim.attributions) >= 2
    starts = [a.cue_span.start for a in claim.attributions]
    assert starts == sorted(starts)
    assert claim.attribution in claim.attributions and claim.attribution.source == "Senator Mary Lee"
    assert not any(a.nested for a in claim.attributions)


def test_an_attribution_inside_an_attributed_quotation_is_nested(auditor):
    claim = claims(auditor, 'Mary Lee said: "Senior officials told me the plan will fail."')[0]
    assert claim.attribution.source == "Mary Lee" and not claim.attribution.nested
    nested = [a for a in claim.attributions if a.nested]
    assert [a.source for a in nested] == ["Senior officials"]


def test_one_source_with_two_cues_is_one_attribution(auditor):
    claim = claims(auditor, "Mary Lee said the plan would fail, adding that it cost too much.")[0]
    assert [a.source for a in claim.attributions] == ["Mary Lee"]


@pytest.mark.parametrize("sentence", [
    "Hope Hicks, a spokeswoman for the campaign, did not respond to a request for comment.",
    "The mayor declined to comment.",
    "A police spokesman could not be reached for comment.",
    "Fahrenthold reported from Washington.",
    "Clinton has 1,700 pledged delegates.",
    "The win added to her lead in the South.",
])
def test_boilerplate_and_other_senses_of_cue_words_are_not_attributions(auditor, sentence):
    claim = claims(auditor, sentence)[0]
    assert claim.attributions == [] and claim.attribution.kind == "none" and claim.attribution.cue is None


@pytest.mark.parametrize("sentence, source, cue", [
    ("He gave little, and public records show no gifts at all from him.", "public records", "show"),
    ("A 2014 House Intelligence Committee report found no evidence of an order.",
     "A 2014 House Intelligence Committee report", "found"),
    ("The data indicate a slowdown.", "The data", "indicate"),
    ("Polls also suggest he is behind.", "Polls", "suggest"),
])
def test_evidence_with_a_document_subject(auditor, sentence, source, cue):
    a = one(auditor, sentence)
    assert (a.kind, a.source, a.cue) == ("document", source, cue)


def test_decisions_and_impersonal_appearance_are_attributions(auditor):
    a = one(auditor, "The judge ordered the county to release the video.")
    assert (a.kind, a.source, a.cue) == ("named_person", "The judge", "ordered")
    a = one(auditor, "As of Friday, it appears that the party will have no delegate.")
    assert (a.kind, a.cue) == ("none", "it appears")
    assert one(auditor, "The plan decided nothing.").kind == "none"        # a decision needs someone to decide


def test_a_dash_credit_at_the_end_of_a_line_inside_a_sentence(auditor):
    text = "“He talks like we don’t matter.” ― Krystal Correa\n“He cannot even answer a question.”"
    found = [a for c in claims(auditor, text) for a in c.attributions]
    assert [(a.source, a.cue) for a in found][:1] == [("Krystal Correa", "―")]


def test_a_participle_whose_source_is_not_found_still_marks_an_attribution(auditor):
    a = one(auditor, "Protesters marched through downtown, chanting slogans and saying the police had lied.")
    assert (a.kind, a.source, a.cue) == ("none", None, "saying")


def test_a_participle_after_a_quotation_does_not_take_the_quoted_words_as_its_source(auditor):
    claim = claims(auditor, "“The army was stunned by the attack,” he said, adding that the claims are documented.")[0]
    assert all(not (a.source or "").startswith("The army") for a in claim.attributions)


def test_names_overlapping_registry_mentions_are_found_by_bisection_as_by_a_full_scan():
    """entities._Covered replaced a scan of every mention per name (quadratic in a sentence of outlets)."""
    from hypothesis import given, strategies as st

    from audit.attribution.entities import _Covered

    spans = st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1], None))

    @given(st.lists(spans, max_size=12), spans)
    def same(mentions, name):
        a, b, _ = name
        assert _Covered(mentions).overlaps(a, b) == any(x < b and a < y for x, y, _ in mentions)

    same()


@pytest.mark.parametrize("sentence, credited", [
    ("Hamas attack: NYT", True), ("Hamas attack: NYT. ", True), ("Hamas attack:\t NYT", True),
    ("Hamas attack NYT", False), ("Hamas attack: NYT says", False), ("NYT", False),
])
def test_a_headline_credit_is_an_outlet_after_a_colon_at_the_end(sentence, credited):
    from audit.attribution.cues import is_credit

    a = sentence.index("NYT")
    assert is_credit(sentence, a, a + 3) is credited


def test_linear_lookups_before_a_cue_agree_with_the_scans_they_replace():
    """sources.last_word and NounPhrases._last_close replaced a copy of, or a scan over, the whole text
    before each cue (quadratic in a sentence of cues); they must give what the scans gave."""
    from hypothesis import given, settings, strategies as st

    from audit.attribution.phrases import NounPhrases
    from audit.attribution.sources import last_word
    from audit.attribution.spans import QUOTE_CLOSE

    phrases = NounPhrases(None)
    pieces = st.sampled_from(['"', "”", "’", "'", "''", ",", ".", "!", " ", "  ", "\n", "said", "X", "a"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30).map("".join), st.data())
    def same(s, data):
        pos = data.draw(st.integers(0, len(s)))
        before = s[:pos].rstrip()
        assert last_word(s, pos) == (before.rsplit(None, 1)[-1] if before else "")
        assert phrases._last_close(s, pos) == max((m.end() for m in QUOTE_CLOSE.finditer(s, 0, pos)), default=0)

    same()


def test_quoted_spans_are_found_by_bisection():
    from audit.attribution.spans import Quotes
    s = "Done,” he said, and “we will win” was heard. “Again"
    quotes = Quotes(s)                  # a close with no opener quotes from the start
    assert quotes.inside(0) and quotes.inside(s.index(","))
    assert not quotes.inside(s.index("he said"))
    assert quotes.inside(s.index("we will")) and not quotes.inside(s.index("was heard"))
    assert quotes.inside(s.index("Again"))
    assert quotes.opened_before(s.index("will")) == s.index("we will")
    assert quotes.opened_before(s.index("was heard")) == 0


def test_a_sentence_keeps_at_most_sixteen_attributions(auditor):
    from audit.attribution.extractor import MAX_ATTRIBUTIONS
    names = ["Adams", "Baker", "Clark", "Davis", "Evans", "Frost", "Green", "Hayes", "Irwin", "Jones",
             "Klein", "Lopez", "Moore", "Nolan", "Owens", "Perez", "Quinn", "Reyes", "Stone", "Tate"]
    text = "The vote failed, " + ", ".join(f"Senator {n} said" for n in names) + "."
    [claim] = claims(auditor, text)
    assert len(claim.attributions) == MAX_ATTRIBUTIONS
    assert [a.source for a in claim.attributions][:2] == ["Senator Adams", "Senator Baker"]


@pytest.mark.parametrize("space", ["\r", "\u00a0", "\u2028", "\x0b"])
def test_a_cue_followed_only_by_whitespace_has_no_source(auditor, space):
    """Found by bench/fuzz.py: "as per" then a carriage return made a source of "\\r" alone."""
    [claim] = claims(auditor, f"Five people died as per{space}")
    assert claim.attribution.source is None


# -- issue 10: spans, further stances, seeming beliefs, source-less phrases, anonymous descriptors ---------

@pytest.mark.parametrize("sentence, source", [
    ("“Let her decide,” said Senator Ana Ortiz, urging critics to wait.", "Senator Ana Ortiz"),
    ("“It will pass,” said Mayor Tom Reyes, though he added that it could take a year.", "Mayor Tom Reyes"),
    ("He praised the mayor’s budget said the deficit would shrink.", "He"),
])
def test_source_span_stops_at_a_participle_or_a_verb_after_the_name(auditor, sentence, source):
    sources = [a.source for a in claims(auditor, sentence)[0].attributions]
    assert source in sources, sources


def test_a_candidate_subject_ends_before_a_past_verb_after_a_name(auditor):
    np = auditor.extractor.sources.phrases.np
    s = "Carla Mendes shared a syllabus for a class"
    assert np(s, 0, len(s)).text == "Carla Mendes"
    s = "the letter from the Veterans League obtained by the paper"     # a participle with its agent stays
    assert np(s, 0, len(s)).text == s


def test_a_participial_modifier_after_an_organisation_stays_in_the_span(auditor):
    a = one(auditor, "A new super PAC backed by Dana Cole said it would spend $2 million.")
    assert a.source == "A new super PAC backed by Dana Cole"


def test_a_stance_adds_a_further_attribution(auditor):
    [claim] = claims(auditor, "Governor Lena Park said the plan was sound, and Senator Omar Diaz criticized it.")
    assert [a.source for a in claim.attributions] == ["Governor Lena Park", "Senator Omar Diaz"]


@pytest.mark.parametrize("sentence, attributed", [
    ("Mayor Tom Reyes appeared to suggest that the vote would be delayed.", True),
    ("The building appeared to be destroyed.", False),
    ("The bridge appears to have collapsed overnight.", False),
])
def test_appeared_to_is_a_belief_only_for_a_person(auditor, sentence, attributed):
    a = one(auditor, sentence)
    assert (a.kind != "none") == attributed


@pytest.mark.parametrize("sentence, cue", [
    ("The senator is not expected to run again.", "is not expected"),
    ("The program was widely criticized after the audit.", "was widely criticized"),
    ("The plan has been described as a gamble.", "been described as"),
    ("The mayor is known for her long speeches.", "is known for"),
])
def test_sourceless_phrases_keep_a_cue_without_a_source(auditor, sentence, cue):
    a = one(auditor, sentence)
    assert (a.kind, a.cue, a.source) == ("none", cue, None)


@pytest.mark.parametrize("sentence, kind", [
    ("Advisers to Mr. Lindqvist are quick to point out that he won twice.", "anonymous"),
    ("Her advisers are not convinced that the strategy will work.", "anonymous"),
    ("Most party strategists consider the race lost.", "anonymous"),
])
def test_anonymous_descriptors_with_adjective_or_negated_cues(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind


@pytest.mark.parametrize("phrase, kind", [
    ("the media", "outlet"),
    ("Turkish news reports", "outlet"),
    ("the entire liberal press", "outlet"),
    ("The Associated Press", "outlet"),                     # "press" ends the outlet's name, not a group
    ("critics of the Associated Press", "unnamed_group"),
    ("the press office", "named_org"),
    ("White House press secretary Dana Moreau", "named_person"),
])
def test_unnamed_media_and_outlet_names_ending_in_a_group_word(auditor, phrase, kind):
    assert auditor.extractor.classify(phrase) == kind


@pytest.mark.parametrize("phrase, kind", [
    ("Lindqvist, a Democrat", "named_person"),
    ("de Vries", "named_person"),
    ("Acme, a company in Ohio", "named_org"),               # the appositive describes an organisation
    ("two senators present who requested anonymity", "anonymous"),
])
def test_single_names_with_appositives_and_anonymity_inside_the_phrase(auditor, phrase, kind):
    assert auditor.extractor.classify(phrase) == kind


@pytest.mark.parametrize("sentence, source", [
    ("Even Mayor Tom Reyes said the plan was late.", "Mayor Tom Reyes"),
    ("The polls close at 8 p.m. He said turnout would be high.", "He"),
    ("~ Media executive Dana Moreau said the network would grow.", "Media executive Dana Moreau"),
    ("Progressives tend to say the plan is too small.", "Progressives"),
])
def test_subject_spans_drop_leading_words_and_earlier_sentences(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("Mayor Tom Reyes isn’t saying which roads will close.", "Mayor Tom Reyes"),
    ("Senator Omar Diaz also is stressing that the bill is temporary.", "Senator Omar Diaz"),
])
def test_progressive_cues_with_a_negation_or_adverb_find_their_subject(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("text, source, cue", [
    ("“We will register every voter.”\n\n― Lena Park", "Lena Park", "―"),      # a credit line of its own
    ("“The plan failed,” Dana Moreau concluded.", "Dana Moreau", "concluded"),
    ("“Is that profiling?” reacted Omar Diaz.", "Omar Diaz", "reacted"),
    ("Senator Omar Diaz made the following comment: the bill is dead.", "Senator Omar Diaz", "made the following comment"),
    ("While he’s said he will stay in the race, he has not decided.", "he", "said"),
])
def test_credit_lines_concluded_after_a_quote_and_more_speech_cues(auditor, text, source, cue):
    found = [(a.source, a.cue) for c in claims(auditor, text) for a in c.attributions]
    assert (source, cue) in found, found


@pytest.mark.parametrize("sentence, kind, source", [
    ("Although the mayor lacks a signature law, elected officials from both parties say she works hard.",
     "unnamed_group", "elected officials from both parties"),
    ("Jewish groups also widely condemned the proposal.", "unnamed_group", "Jewish groups"),   # not passive
    ("Palestinian officials familiar with the talks said a deal was near.", "anonymous",
     "Palestinian officials familiar with the talks"),
])
def test_elected_officials_are_a_group_and_active_widely_condemned_keeps_its_subject(auditor, sentence, kind, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == (kind, source)


def test_passive_widely_criticized_is_a_sourceless_cue(auditor):
    a = one(auditor, "The plan was widely criticized after the audit.")
    assert (a.kind, a.cue) == ("none", "was widely criticized")


@pytest.mark.parametrize("sentence, kind, source", [
    ("County records from the 2012 election cycle show she gave $500 to the mayor.", "document",
     "County records from the 2012 election cycle"),
    ("He will need their support, with recent polls showing a tight race.", "document", "recent polls"),
    ("The findings underscore the risk for the governor.", "document", "The findings"),
])
def test_document_sources_with_long_subjects_and_participles(auditor, sentence, kind, source):
    found = [(a.kind, a.source) for c in claims(auditor, sentence) for a in c.attributions]
    assert (kind, source) in found, found


def test_a_poll_participle_does_not_outrank_a_belief(auditor):
    a = one(auditor, "Bush's team thinks his debate and polls showing a close race give him a chance.")
    assert (a.source, a.cue) == ("Bush's team", "thinks")


def test_an_evidence_verb_after_a_quotation_reads_its_source_after_it(auditor):
    a = one(auditor, "“Voters change their minds late,” concluded a 2014 study by the Hartwell Institute.")
    assert (a.kind, a.source) == ("document", "a 2014 study by the Hartwell Institute")


@pytest.mark.parametrize("sentence, cue", [
    ("The proposal was rejected at the hearing.", "rejected"),
    ("The nominee was endorsed in March.", "endorsed"),
])
def test_an_agentless_passive_stance_keeps_its_cue_without_a_source(auditor, sentence, cue):
    a = one(auditor, sentence)
    assert (a.kind, a.cue, a.source) == ("none", cue, None)


def test_a_stance_whose_source_is_not_found_keeps_its_cue(auditor):
    a = one(auditor, "It was a year that criticized nothing.")       # "that" is no source
    assert (a.kind, a.cue, a.source) == ("none", "criticized", None)


@pytest.mark.parametrize("sentence, kept", [
    ("It was the outcome that you had hoped for.", True),      # the reader holds no belief; "hoped" is listed
    ("It was the outcome that you want to see.", False),       # "want" alone is too often no attribution
])
def test_only_listed_beliefs_keep_their_cue_without_a_source(auditor, sentence, kept):
    assert (one(auditor, sentence).cue is not None) == kept


def test_every_dash_credit_of_a_run_of_quotations_is_found(auditor):
    text = "“We will vote.” ― Lena Park\n“Build a bridge instead.” ― Tom Reyes\n“Count me in.” ― Ana Ortiz"
    found = [a.source for c in claims(auditor, text) for a in c.attributions]
    assert {"Lena Park", "Tom Reyes", "Ana Ortiz"} <= set(found), found


@pytest.mark.parametrize("sentence, kind, source", [
    ("Senator Alma Reyes - who spent the week in Ohio - said the bill was dead.", "named_person",
     "Senator Alma Reyes - who spent the week in Ohio"),
    ("Mina Holt — a ferry captain for thirty years, now retired — said the harbour was unsafe.",
     "named_person", "Mina Holt — a ferry captain for thirty years, now retired"),
    ("Some beekeepers -- among them two county inspectors -- warn that the hives will fail.",
     "unnamed_group", "Some beekeepers -- among them two county inspectors"),
])
def test_a_subject_before_an_aside_in_dashes_is_the_source_with_its_aside(auditor, sentence, kind, source):
    a = one(auditor, sentence)                  # PolNeAR keeps the aside in the span, as it keeps appositives
    assert (a.kind, a.source_span.text) == (kind, source)


@pytest.mark.parametrize("sentence, source", [
    ("Three weeks later, Senator Reyes changed course, telling the council the bridge would close.", "Senator Reyes"),
    ("Two weeks ago, the mayor trimmed the budget, saying the city had no choice.", "the mayor"),
])
def test_a_time_phrase_opening_the_sentence_is_no_subject_of_a_participle(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence", [
    "The talks had stalled, according to a Democrat familiar with the discussions.",
    "The deal is close, said one banker with knowledge of the negotiations.",
    "A shipping executive privy to the talks said the port would reopen.",
])
def test_an_unnamed_person_described_by_access_is_anonymous(auditor, sentence):
    a = one(auditor, sentence)                  # as "people familiar with" and "Republicans close to" already are
    assert a.kind == "anonymous" and a.anonymity is not None


def test_an_outlet_with_its_own_cue_is_a_further_attribution(auditor):
    sentence = "The Lindqvist campaign said the senator will open the new ferry terminal, CNN reported."
    found = [(a.kind, a.source) for c in claims(auditor, sentence) for a in c.attributions]
    assert ("named_org", "The Lindqvist campaign") in found and ("outlet", "CNN") in found, found


@pytest.mark.parametrize("sentence, source", [
    ("In the river towns, 61 percent would vote for the levy.", "61 percent"),
    ("A majority believe the economy is getting worse.", "A majority"),
])
def test_a_share_of_people_holds_views(auditor, sentence, source):
    a = one(auditor, sentence)                  # a poll's share of respondents, as "most Republicans" are
    assert (a.kind, a.source) == ("unnamed_group", source)


@pytest.mark.parametrize("sentence, source", [
    ("Senator Reyes defended the ferry plan, wrongly suggesting that it would cost nothing.", "Senator Reyes"),
    ("Governor Ortiz ended the week, eventually saying the budget was dead.", "Governor Ortiz"),
])
def test_a_participle_after_an_adverb_reads_the_main_subject(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("named_person", source)


@pytest.mark.parametrize("sentence, source", [
    # the phrase after "including" (with a determiner) speaks, as after "with"
    ("Reyes slipped after errors, including a security adviser to his campaign acknowledging that he was lost.",
     "a security adviser to his campaign"),
    ("The ferry left with Lind declaring victory.", "Lind"),
])
def test_a_participle_after_with_or_including_reads_the_phrase_before_it(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions if not a.nested] == [source]


def test_including_a_clause_or_a_bare_plural_is_no_speaker(auditor):
    found = claims(auditor, "Lind spoke about his decision, including why he will not be supporting the levy.")[0]
    assert [a.source_span.text for a in found.attributions if a.cue == "supporting"] == ["he"]
    found = claims(auditor, "Conservative groups spent $6 million, while liberal groups, including labor unions and "
                            "groups supporting the levy, spent $1 million.")[0]
    assert [a.source_span for a in found.attributions if a.cue == "supporting"] == [None]


@pytest.mark.parametrize("sentence, source", [
    ("Even Norway, the largest donor to the fund, said the plan was flawed.", "Norway, the largest donor to the fund"),
    ("Mexico insists the wall will never be paid for.", "Mexico"),
    ("The United States said the talks would resume.", "The United States"),
])
def test_a_country_speaking_is_its_government_not_a_person(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("named_org", source)


def test_a_participle_opening_the_sentence_reads_the_subject_after_its_clause(auditor):
    a = one(auditor, "After saying the well was dry, the farmer walked out of the hearing.")
    assert (a.cue, a.source) == ("saying", "the farmer")


@pytest.mark.parametrize("sentence, source", [
    ("But critics of the harbour plan have rejected the deal.", "critics of the harbour plan"),
    ("But voters in the river towns have rejected the levy.", "voters in the river towns"),
])
def test_a_view_holder_is_read_by_the_head_before_its_modifier(auditor, sentence, source):
    a = one(auditor, sentence)                  # "critics of the plan" hold views; the plan does not
    assert (a.kind, a.source) == ("unnamed_group", source)


def test_a_quantifier_of_things_holds_no_views(auditor):
    assert one(auditor, "Tolls rose because many of the old bridges favor heavy lorries.").kind == "none"


def test_a_number_with_thousands_commas_counts_people(auditor):
    a = one(auditor, "In the valley, 12,500 people supported the levy.")
    assert (a.kind, a.source) == ("unnamed_group", "12,500 people")


@pytest.mark.parametrize("sentence, poll", [
    ("In a Harlow College poll released Monday, 31% of likely voters said they backed the levy.",
     "a Harlow College poll released Monday"),
    ("In the latest county survey, a majority of residents said the ferry was too slow.", "the latest county survey"),
])
def test_a_poll_opening_the_sentence_is_its_source_and_its_shares_are_findings(auditor, sentence, poll):
    """The poll that frames the sentence is the source, with its description up to the comma; the share of
    respondents after it is what the poll found, not a further source."""
    found = [(a.kind, a.source) for c in claims(auditor, sentence) for a in c.attributions if not a.nested]
    assert found == [("document", poll)], found


def test_a_named_speaker_after_an_opening_poll_is_still_a_further_source(auditor):
    sentence = "In a Harlow College poll, the ferry led the bridge, the pollster Maria Lindqvist said."
    found = [(a.kind, a.source) for c in claims(auditor, sentence) for a in c.attributions if not a.nested]
    assert ("document", "a Harlow College poll") in found and ("named_person", "the pollster Maria Lindqvist") in found, found


@pytest.mark.parametrize("sentence, kind", [
    # bare "officials" of an institution the sentence has just named speak for it
    ("The protests alarmed the Norwegian government so much that, according to officials, it changed course.",
     "named_org"),
    # with no institution named they are anonymous, as before
    ("The bridge will reopen in May, officials said.", "anonymous"),
])
def test_bare_officials_speak_for_an_institution_named_before_them(auditor, sentence, kind):
    a = one(auditor, sentence)
    assert (a.source, a.kind) == ("officials", kind)


@pytest.mark.parametrize("sentence, source, cue", [
    ("The new audit demonstrates the risk the ferry still faces.", "The new audit", "demonstrates"),
    ("Two other emails highlight the mayor's role in the deal.", "Two other emails", "highlight"),
    ("The county's own guidelines describe the pier as a public space.", "The county's own guidelines", "describe"),
])
def test_a_document_subject_of_an_evidence_verb_is_the_source(auditor, sentence, source, cue):
    a = one(auditor, sentence)
    assert (a.kind, a.source, a.cue) == ("document", source, cue)


def test_a_plural_noun_after_a_document_is_not_an_evidence_verb(auditor):
    # "details" and "estimates" are left out of the list: after a document head they are nouns
    a = one(auditor, "The mayor did not release further details about the talks.")
    assert a.kind != "document"


@pytest.mark.parametrize("sentence, source", [
    # an adverb closing a relative clause in commas is part of the clause, not a filler before the verb
    ("A harbour official, who was not authorized to speak publicly, said the ferry would be late.",
     "A harbour official"),
    # a clause inside the relative clause does not become the subject
    ("A harbour official, who spoke on condition of anonymity because he was not authorized to speak publicly, "
     "said the ferry would be late.", "A harbour official"),
])
def test_a_relative_clause_in_commas_before_the_cue_leaves_its_head_as_subject(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("anonymous", source)


def test_an_adverb_aside_after_a_name_is_still_dropped(auditor):
    a = one(auditor, "Hunter, meanwhile, told reporters the plan was dead.")
    assert a.source == "Hunter"


@pytest.mark.parametrize("sentence, source", [
    ("Harbour officials have, in fact, praised the new ferry.", "Harbour officials"),
    ("The mayor, of course, said the plan was dead.", "The mayor"),
])
def test_a_short_parenthetical_between_subject_and_verb_is_skipped(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, cue", [
    ("On Oct. 23 said the ferry would close.", "said"),
    ("In a subsequent told reporters the ferry would close.", "told"),
])
def test_a_clause_tail_is_no_source_but_its_cue_stays(auditor, sentence, cue):
    """A phrase opening with a preposition or conjunction is the tail of a clause, not a source: the cue
    is kept without one, so the sentence stays attributed."""
    a = one(auditor, sentence)
    assert (a.kind, a.source, a.cue) == ("none", None, cue)


def test_bare_polls_open_a_sentence_as_its_source(auditor):
    a = one(auditor, "In exit polls, voters in both towns were unhappy with the ferry.")
    assert (a.kind, a.source, a.cue) == ("document", "exit polls", "In")


def test_bare_polls_inside_a_sentence_are_not_a_source(auditor):
    # "leads in polls" is too often unmarked (train: 9 of 17 such sentences hold a gold cue)
    assert one(auditor, "The mayor has led in polls since May.").kind == "none"


@pytest.mark.parametrize("sentence, source", [
    ("The ferry's recent losses have led some allies to worry whether it could survive.", "some allies"),
    ("The delay prompted the harbour board to warn that the bridge might never open.", "the harbour board"),
])
def test_the_object_of_a_causative_verb_is_the_source_of_the_cue_after_to(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("But maritime experts said the ferry could not survive the winter.", "maritime experts"),
    ("The harbour will close by spring, coastal engineering experts say.", "coastal engineering experts"),
    ("But harbour scholars say the bridge is safer.", "harbour scholars"),
])
def test_a_lower_case_phrase_ending_in_a_plural_head_is_a_source(auditor, sentence, source):
    # the head was read with every leading and trailing "s" stripped ("experts" -> "expert", "scholars" ->
    # "cholar"), so a plural head under a modifier that opens no source was no phrase
    assert one(auditor, sentence).source == source


def test_including_opens_a_clause_tail_not_a_source(auditor):
    a = one(auditor, "The captain has written many letters, including one in September that said the ferry was safe.")
    assert (a.kind, a.source, a.cue) == ("none", None, "said")


@pytest.mark.parametrize("sentence, source, kind", [
    ("Two harbour officials, speaking on condition of anonymity because they were not authorized to discuss the "
     "talks, said the ferry would close.", "Two harbour officials", "anonymous"),
    ("A ferry pilot, requesting anonymity to discuss private talks, said the plan was dead.", "A ferry pilot", None),
    ("Sen. Mary Stone, R-Ore., appearing on television after the vote, said the mayor had failed.",
     "Sen. Mary Stone, R-Ore.", "named_person"),
])
def test_a_participle_aside_in_commas_before_the_cue_leaves_its_head_as_subject(auditor, sentence, source, kind):
    # like a relative clause in commas ("X, who spoke on condition of anonymity ..., said"); the subject
    # before the aside keeps its appositives ("Sen. Mary Stone, R-Ore.")
    a = one(auditor, sentence)
    assert a.source.rstrip(".") == source.rstrip(".")
    assert kind is None or a.kind == kind



@pytest.mark.parametrize("sentence, span, kind", [
    ("But Tom Fenn, the president of Harbour Watch, a group that has sued to see the ferry records, said the "
     "damage was done.", "Tom Fenn, the president of Harbour Watch, a group that has sued to see the ferry records",
     "named_person"),
    ("Ada Lind, a Vermont farmer who had been a member of the board, said the farm was sold.",
     "Ada Lind, a Vermont farmer who had been a member of the board", "named_person"),
])
def test_a_clause_inside_an_appositive_before_the_cue_stays_with_the_appositive(auditor, sentence, span, kind):
    # the "that" or "who" inside the appositive was read as the start of the subject's clause, so the
    # subject was the clause's tail ("has sued to see the ferry records") and was rejected or misread
    a = one(auditor, sentence)
    assert (a.source_span.text, a.kind) == (span, kind)


@pytest.mark.parametrize("sentence, source, kind", [
    ("But officials who spoke on condition of anonymity said the ferry would close.",
     "officials who spoke on condition of anonymity", "anonymous"),
    ("Still, people who have sailed the old ferry for years say it could be safer.",
     "people who have sailed the old ferry for years", None),
])
def test_a_head_noun_with_a_relative_clause_is_a_lower_case_source(auditor, sentence, source, kind):
    # a phrase opening with a bare head noun may be long only when a relative clause makes it so
    a = one(auditor, sentence)
    assert a.source == source
    assert kind is None or a.kind == kind


@pytest.mark.parametrize("sentence, source", [
    ("Gov. Mary Stone earlier Thursday said the ferry would close.", "Gov. Mary Stone"),
    ("The harbour board this week announced the ferry would close.", "The harbour board"),
    ("Stone Sunday night recounted how the ferry sank.", "Stone"),
    ("A harbour poll last week showed the ferry was unpopular.", "A harbour poll last week"),
    ("A harbour poll released last week showed the ferry was unpopular.", "A harbour poll released last week"),
    ("Pilots waking up on Tuesday morning think the ferry is late.", "Pilots waking up on Tuesday morning"),
])
def test_a_time_right_before_the_verb_is_cut_from_its_subject(auditor, sentence, source):
    # not from a document, after a participle or preposition, or from a phrase holding a clause
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("But multiple sources privy to the talks say the ferry will close.", "multiple sources privy to the talks"),
    ("Yet unnamed officials said the ferry would close.", "unnamed officials"),
])
def test_quantifiers_and_unnamed_open_an_anonymous_source(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("anonymous", source)


def test_whose_after_a_head_noun_keeps_its_clause_in_the_subject(auditor):
    a = one(auditor, "The harbour officials whose piers were closed say the ferry must return.")
    assert a.source == "The harbour officials whose piers were closed"


@pytest.mark.parametrize("sentence, source", [
    ("The ferry will run late all winter, said Mara Quill, a pilot with the harbour board.",
     "Mara Quill, a pilot with the harbour board"),
    ("If the bridge closes, the town will lose its market, said Otto Brenn, who has fished here since 1990.",
     "Otto Brenn, who has fished here since 1990"),
    ("Even after the storm the piers held, says one harbour official.", "one harbour official"),
])
def test_a_speaker_after_an_inverting_verb_that_follows_its_clause(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("Mara Quill, a pilot, said the harbour board would close the piers.", "Mara Quill, a pilot"),
    ("Otto Brenn, a fisher, said Tuesday that the piers were closed.", "Otto Brenn, a fisher"),
    ("Otto Brenn, a fisher, said the board's plan didn't help.", "Otto Brenn, a fisher"),
    ("Otto Brenn, a fisher, said Quill believes the piers will close.", "Otto Brenn, a fisher"),
])
def test_what_follows_an_inverting_verb_is_its_clause_when_it_is_one(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("The mayor has been criticized by several harbour pilots for closing the piers.", "several harbour pilots"),
    ("The ferry plan was sharply criticized by fishers on the radio.", "fishers"),
    ("The pilot was asked by a caller whether the ferry would run.", "a caller"),
    ("The toll was endorsed by the harbour board.", "the harbour board"),
])
def test_the_agent_of_a_passive_cue_is_its_source(auditor, sentence, source):
    assert source in [a.source for a in claims(auditor, sentence)[0].attributions]


@pytest.mark.parametrize("sentence", [
    "The mayor should have been endorsed by now, fishers say.",
    "The ferry was praised by threatening to cut its fares.",
])
def test_a_time_or_an_action_after_by_is_no_agent(auditor, sentence):
    assert "now" not in [a.source for a in claims(auditor, sentence)[0].attributions]
    assert not any((a.source or "").startswith("threatening") for a in claims(auditor, sentence)[0].attributions)


@pytest.mark.parametrize("sentence, source", [
    ("Will Tamsin, the harbour master, said the ferry would run.", "Will Tamsin, the harbour master"),
    ("Harbour Chairman Will Tamsin, for example, said the ferry would run.", "Harbour Chairman Will Tamsin"),
    ("Ada Nell May, 60, a pilot, said the ferry would run.", "Ada Nell May, 60, a pilot"),
])
def test_a_modal_that_is_also_a_name_does_not_make_a_clause(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_a_relative_clause_in_brackets_does_not_make_the_subject_a_clause(auditor):
    a = one(auditor, "Tamsin (who has run the ferry for ten years) said the piers would close.")
    assert a.source == "Tamsin (who has run the ferry for ten years"


@pytest.mark.parametrize("sentence, source", [
    ("The ferry sank, police said.", "police"),
    ("The top issues, respondents said, are fares and piers.", "respondents"),
    ("To win the town, participants said, the board must cut fares.", "participants"),
])
def test_bare_collective_heads_after_a_clause_are_sources(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("unnamed_group", source)


def test_according_to_an_outlet_after_another_source_is_a_further_attribution(auditor):
    c = claims(auditor, "Mayor Lind said the ferry would run all winter, according to Reuters.")[0]
    assert c.attribution.source == "Mayor Lind" and "Reuters" in c.attribution.via
    assert [(a.kind, a.source) for a in c.attributions] == [("named_person", "Mayor Lind"), ("outlet", "Reuters")]


@pytest.mark.parametrize("sentence, source", [
    ("Harbour pilots see the new toll as a threat to the ferry.", "Harbour pilots"),
    ("Mayor Lind viewed the closure of the piers as a mistake.", "Mayor Lind"),
])
def test_see_or_view_something_as_is_a_belief(auditor, sentence, source):
    a = one(auditor, sentence)
    assert (a.source, a.cue) == (source, sentence.split()[len(source.split())])


@pytest.mark.parametrize("sentence", [
    "Harbour pilots see the ferry from the pier.",
    "The toll was viewed by some as a threat.",
])
def test_see_or_view_without_as_or_with_an_agent_is_no_belief(auditor, sentence):
    assert all(a.cue not in ("see", "viewed") for a in claims(auditor, sentence)[0].attributions)


def test_an_including_segment_stays_in_the_subject_and_the_head_gives_the_kind(auditor):
    a = one(auditor, "Several pilots, including Mara Quill and Otto Brenn, said the ferry would run.")
    assert (a.kind, a.source_span.text) == ("unnamed_group", "Several pilots, including Mara Quill and Otto Brenn")


@pytest.mark.parametrize("sentence, source", [
    ("Ada Nell, a ferry pilot, closed the pier, saying the storm was too strong.", "Ada Nell, a ferry pilot"),
    ("Otto Brenn, the harbour master, visited the pier and said the ferry would run.", "Otto Brenn, the harbour master"),
])
def test_the_main_subject_keeps_its_appositives(auditor, sentence, source):
    assert source in [a.source_span.text for a in claims(auditor, sentence)[0].attributions if a.source_span]


@pytest.mark.parametrize("source, actor", [
    ("Israeli officials", "Israel"),
    ("Israeli authorities", "Israel"),
    ("An Israeli security source", "Israel"),
    ("Gaza authorities", "Hamas"),
    ("Hamas officials", "Hamas"),
    ("The Palestinian Health Ministry", "Hamas"),
    ("Palestinian health officials", "Hamas"),
    ("The Gaza Health Ministry", "Hamas"),
    ("A spokesman for the Palestinian Health Ministry", "Hamas"),
])
def test_a_body_described_by_its_place_or_people_speaks_for_the_registry_actor(auditor, source, actor):
    assert one(auditor, f"{source} said 12 fishermen were hurt at the pier.").actor == actor


@pytest.mark.parametrize("source", [
    "Canadian officials",              # a nationality the registry names no body of
    "Palestinian officials",           # two sides share the word: the Hamas-run ministry, Islamic Jihad
    "Former Israeli officials",        # no longer anyone's voice
    "Israeli residents",               # people of a side who speak for no one
    "Palestinian witnesses",
    "The Jordanian Health Ministry",
    "Israeli and Palestinian officials",
])
def test_a_description_that_names_no_one_body_gets_no_actor(auditor, source):
    assert one(auditor, f"{source} said 12 fishermen were hurt at the pier.").actor is None


def test_a_bare_description_takes_the_body_the_article_named_before(auditor):
    found = claims(auditor, "Gaza's Health Ministry said 30 fishermen died on Monday.\n\n"
                            "The Health Ministry said 12 more were hurt at the pier.\n\n"
                            "Health officials said the harbour was closed.\n\n"
                            "The Jordan Health Ministry said its clinics were open.")
    assert [c.attribution.actor for c in found] == ["Hamas", "Hamas", "Hamas", None]


def test_a_bare_description_with_nothing_named_before_stays_unresolved(auditor):
    assert one(auditor, "The Health Ministry said 12 fishermen were hurt at the pier.").actor is None


def test_a_description_resolves_after_a_wording_the_registry_reaches_through_another_name(auditor):
    found = claims(auditor, "The Hamas-run health ministry said 30 fishermen died.\n\n"
                            "The ministry said 12 more were hurt at the pier.")
    assert [c.attribution.actor for c in found] == ["Hamas", "Hamas"]


def test_a_probe_for_a_kind_neither_resolves_nor_remembers_a_body(auditor):
    from audit.attribution.spans import Source
    kinds = auditor.extractor.kinds
    kinds.begin([])
    probe = "Gaza authorities"
    assert kinds.classify(probe, probe + " seem tired.", 0, Source(0, len(probe), probe), [], resolve=False).actor is None
    later = "Health authorities"
    s = "x" * 40 + later + " said 12 were hurt."
    assert kinds.classify(later, s, 0, Source(40, 40 + len(later), later), []).actor is None


# -- no junk sources: discourse markers, pronoun words, clauses of "seen as", compound titles -----------------

@pytest.mark.parametrize("sentence", [
    "That said, the ferry will run on Sunday.",
    "“Having said that, I am free to give my view of the toll,” the pilot added.",
])
def test_a_discourse_marker_reports_nobody(auditor, sentence):
    found = claims(auditor, sentence)[0].attributions
    assert all(norm_cue(a) != "said" or a.source != "That" for a in found)
    assert not any(a.source in ("That", "Having") for a in found)


def norm_cue(a):
    return (a.cue or "").lower()


def test_a_word_that_cannot_speak_is_no_source(auditor):
    text = "The pilots warned against “the closure of every pier by the council” which has added to the delays."
    found = claims(auditor, text)[0].attributions
    assert "which" not in [a.source for a in found]
    assert found[0].source == "The pilots"


def test_the_group_that_said_it_keeps_its_source(auditor):
    assert one(auditor, "Harbour Watch, which said it counted the boats, sued the council.").source == "Harbour Watch"


def test_a_description_seen_as_something_stays_in_the_subject(auditor):
    a = one(auditor, "Officials at the Harbour Office, long seen as the most careful judge of tides, said the pier "
                     "was closed.")
    assert (a.kind, a.source_span.text) == (
        "named_org", "Officials at the Harbour Office, long seen as the most careful judge of tides")


@pytest.mark.parametrize("sentence, kind", [
    ("The Consulate General of Norway in Dover confirmed the visit.", "named_org"),
    ("The Attorney General said the case was closed.", "named_person"),
    ("A general said the troops would stay.", "anonymous"),
    ("The Bureau of Harbour Statistics said the toll had doubled.", "named_org"),
    ("The Harbour Council National Executive Director Ada Lind says the plan is bad.", "named_person"),
])
def test_general_after_a_title_and_capitalised_institutions(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind



# -- only the speaker is the source ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence, source", [
    ("Late on Sunday, but before the harbour pilots said anything about the cause, the ferry master "
     "told dockworkers in Dover that a valve had failed.", "the ferry master"),
    ("While the pilots insist the pier is safe, Mayor Lind said it would close.", "Mayor Lind"),
])
def test_the_main_clause_speaks_not_an_adverbial_clause(auditor, sentence, source):
    found = claims(auditor, sentence)[0]
    assert found.attribution.source == source
    assert len(found.attributions) == 2                   # the clause's source stays a further attribution


def test_a_relative_clause_source_does_not_become_the_primary(auditor):
    c = claims(auditor, "The decision came days after the council said its review found the pier safe, which the "
                        "harbour office said was a mistake.")[0]
    assert c.attribution.source == "the council"


def test_an_outlet_as_a_topic_is_no_relay(auditor):
    c = auditor.analyse(_doc("Mr. Lane said that he was unhappy with the tone of RT's weather page and "
                             "would write to its editor."))[0]
    assert c.attribution.via == []
    c = auditor.analyse(_doc("Mr. Lane said in a call with CNN's harbour reporter that the plan was bad."))[0]
    assert c.attribution.via == ["CNN"]


@pytest.mark.parametrize("sentence", [
    "A harbour pilot accused of sinking a ferry was charged on Monday.",
    "Pilots Accused Of Speeding In The Harbour.",
])
def test_the_one_accused_is_no_source(auditor, sentence):
    a = one(auditor, sentence)
    assert a.kind == "none" and a.source is None


def test_an_active_accusation_keeps_its_speaker(auditor):
    assert one(auditor, "The mayor accused the pilots of speeding.").source == "The mayor"


# -- sources that were missed -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, source", [
    ("An unclassified harbour assessment delivered to the council estimated the damage at 40 boats.", "document",
     "An unclassified harbour assessment delivered to the council"),
    ("A retired navy officer said the storm was the worst in years.", "anonymous", "A retired navy officer"),
    ("A displaced Dover resident says the pier was closed.", "unnamed_group", "A displaced Dover resident"),
])
def test_an_adjective_in_ed_after_an_article_is_no_verb(auditor, sentence, kind, source):
    a = one(auditor, sentence)
    assert (a.kind, a.source) == (kind, source)


def test_an_estimate_verb_with_an_object_needs_a_document_before_it(auditor):
    assert one(auditor, "The survey estimated the damage at 40 boats.").kind == "document"
    assert one(auditor, "The crew estimated the distance badly.").cue is None


@pytest.mark.parametrize("sentence, source", [
    ("Forty people were hurt in the storm, said officials.", "officials"),
    ("Forty people were hurt in the storm, said officials in Dover.", "officials in Dover"),
    ("“The road is closed,” said witnesses near the bridge.", "witnesses near the bridge"),
])
def test_a_bare_plural_head_after_an_inverted_cue(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_a_bare_head_followed_by_a_clause_is_the_reported_clause(auditor):
    a = one(auditor, "But Ada Lind, an adviser at the Harbour Institute, said residents still need the old ferry.")
    assert a.source == "Ada Lind, an adviser at the Harbour Institute"


def test_a_source_never_runs_into_a_quotation(auditor):
    a = one(auditor, "A Dover student who posted a video saying ‘I back the strike’ was suspended.")
    assert not (a.source or "").endswith("‘I")


def test_a_document_seen_by_an_outlet_is_the_document_relayed_by_it(auditor):
    c = auditor.analyse(_doc("An unclassified harbour report seen by Reuters on Thursday said the pier was unsafe."))[0]
    assert (c.attribution.kind, c.attribution.via) == ("document", ["Reuters"])
    assert one(auditor, "A report by Reuters said the pier was unsafe.").kind == "outlet"


# -- a description of someone already named -----------------------------------------------------------------

def test_a_former_role_of_someone_just_named_is_that_person(auditor):
    found = claims(auditor, "Dana Holt urged the harbour board to close the pier.\n\n"
                            "“The board has waited too long,” the governor's former press aide said.")
    a = found[1].attribution
    assert (a.kind, a.source, a.inherited, a.source_span.text) == (
        "named_person", "Dana Holt", True, "the governor's former press aide")


@pytest.mark.parametrize("text", [
    "Dana Holt said the plan was bad. Mayor Lee's spokesman said the plan was fine.",      # a current role speaks
    "Mayor Lee said the plan was fine. Mayor Lee's former adviser said it was not.",        # not the possessor
    "A senior pilot said the pier was safe. Mayor Lee's former adviser said it was not.",   # nobody named before
])
def test_other_possessed_roles_stay_anonymous(auditor, text):
    assert claims(auditor, text)[1].attribution.kind == "anonymous"


# -- a figure's own speaker -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, source", [
    ("But the senior pilot said the mayor left to protest a strike on a clinic that health officials say has hurt "
     "over 50 people.", "health officials"),
    ("The council said it would rebuild the pier, which the storm office said cost 40 boats.", "the storm office"),
])
def test_figures_in_a_relative_clause_are_its_speakers(auditor, sentence, source):
    c = claims(auditor, sentence)[0]
    assert c.attribution.source == source
    assert len(c.attributions) == 2                       # the sentence's speaker is still there


@pytest.mark.parametrize("sentence, source", [
    ("The pilots told the crew that the harbour office expects 20 ferries.", "The pilots"),   # a cue's object
    ("The pilots noted that the harbour office counted 20 ferries.", "The pilots"),          # a complement
])
def test_a_that_clause_of_the_cue_keeps_the_sentence_speaker(auditor, sentence, source):
    assert claims(auditor, sentence)[0].attribution.source == source


# -- round 10: a person named with people of their own, "of whom" asides, pronouns after a named person ------

@pytest.mark.parametrize("sentence, source", [
    ("Mayor Lind and his aides said the ferry would run late.", "Mayor Lind and his aides"),
    ("The senator and her allies intend to block the toll.", "The senator and her allies"),
    ("Okafor and his advisers have said the toll is fair.", "Okafor and his advisers"),
])
def test_a_person_named_with_people_of_their_own_is_on_the_record(auditor, sentence, source):
    """ "aides" alone are anonymous; with the person they serve named beside them the phrase is the person's."""
    a = one(auditor, sentence)
    assert (a.kind, a.source) == ("named_person", source)
    assert a.anonymity is None


@pytest.mark.parametrize("sentence, kind", [
    ("An aide and his wife said the ferry would run late.", "unnamed_group"),    # no one named
    ("Aides to Mayor Lind said the ferry would run late.", "anonymous"),          # the person is only served
])
def test_companions_without_a_named_person_first_stay_unnamed(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind


@pytest.mark.parametrize("sentence, source", [
    ("Only two pilots, both of whom opposed the toll, are backing the plan.", "Only two pilots"),
    ("Three pilots, some of whom had flown for decades, said the runway was short.", "Three pilots"),
    ("The harbour board, none of whose members live here, said the toll was fair.", "The harbour board"),
])
def test_a_partitive_relative_aside_before_the_cue_is_not_the_subject(auditor, sentence, source):
    """ "both of whom ..." opens a relative clause as "who" does: the source is the phrase before it."""
    assert one(auditor, sentence).source == source


def _kinds(auditor, text):
    return [(c.attribution.kind, c.attribution.source) for c in claims(auditor, text) if c.attributions]


def test_a_pronoun_after_a_named_subject_is_that_person_not_the_earlier_anonymous_source(auditor):
    text = ("A spokesman for the port said the ferry was late. Ana Lind, the harbour master, met pilots on Monday. "
            "She said the toll was fair.")
    assert _kinds(auditor, text)[-1] == ("named_person", "She")
    text = ("A spokesman for the port said the ferry was late. In the morning, Lind toured the pier. "
            "He said it was fair.")
    assert _kinds(auditor, text)[-1] == ("named_person", "He")


@pytest.mark.parametrize("text", [
    "A spokesman for the port said the ferry was late. He added that the toll was fair.",
    # a person named inside the anonymous source's own sentence is not the subject of a later one
    "A spokesman for the port said the ferry was late, blaming Ana Lind. He said the toll was fair.",
])
def test_a_pronoun_right_after_an_anonymous_source_stays_that_source(auditor, text):
    kind, source = _kinds(auditor, text)[-1]
    assert kind == "anonymous"
    assert source == "A spokesman for the port"


@pytest.mark.parametrize("sentence, source", [
    ("After harbour aides insisted in June that the pier was safe, the mayor reopened it.", "harbour aides"),
    ("Before the mayor said the bridge was safe, pilots left.", "the mayor"),
    ("Until officials confirm the toll, pilots will wait.", "officials"),
])
def test_a_clause_opened_by_after_before_or_until_has_its_own_speaker(auditor, sentence, source):
    """ "When officials said ..." was read; "After" and "Before" opening a sentence hid the subject after them."""
    assert source in [a.source for a in claims(auditor, sentence)[0].attributions]


@pytest.mark.parametrize("sentence, source", [
    ("Harbour insiders were more likely to say the pier would close.", "Harbour insiders"),
    ("The pilots involved are all quick to point out that the pier is safe.", "The pilots involved"),
])
def test_a_degree_word_between_be_and_a_to_adjective_keeps_the_subject(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("The mayor's close friends have in the past said she would not run.", "The mayor's close friends"),
    ("Harbour pilots have in particular noted the fog.", "Harbour pilots"),
    ("Officials had at one point suggested the pier would close.", "Officials"),
])
def test_an_adverbial_phrase_after_an_auxiliary_is_no_bar_to_the_subject(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("The harbour master has been warning that the pier is unsafe.", "The harbour master"),
    ("Many pilots would be asking the board to step aside.", "Many pilots"),
])
def test_a_participle_after_been_or_be_is_a_progressive_with_the_subject_before(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("Pilots hope the buoys will shield the harbour from the mayor's angry remarks.", "Pilots"),
    ("Harbour pilots denounced Okafor's remarks about the fog.", "Harbour pilots"),
])
def test_a_possessive_cue_noun_in_the_reported_clause_is_not_the_claims_source(auditor, sentence, source):
    """The possessor of a cue noun after the main verb is what is reported on; the verb's subject speaks."""
    found = claims(auditor, sentence)[0]
    assert found.attribution.source == source
    assert [a.source for a in found.attributions] == [source]


def test_a_possessive_cue_noun_alone_still_attributes(auditor):
    assert one(auditor, "Okafor's remarks about the fog alarmed the pilots.").source == "Okafor"


def test_a_view_in_a_joined_main_clause_is_a_further_attribution(auditor):
    found = claims(auditor, "The emails showed no favours, but her allies fear that more might come out.")[0]
    assert [(a.kind, a.source) for a in found.attributions] == [("document", "The emails"), ("anonymous", "her allies")]


@pytest.mark.parametrize("sentence", [
    "Lind said the toll was fair and hoped it would pass.",                 # no subject of its own: one speaker
    '“The toll is fair, but most pilots want it lower,” Lind said.',        # inside the quotation: Lind\'s words
])
def test_a_view_without_a_joined_clause_of_its_own_adds_no_attribution(auditor, sentence):
    assert [a.source for a in claims(auditor, sentence)[0].attributions] == ["Lind"]


@pytest.mark.parametrize("sentence, source", [
    ("Many harbour aides feel they have enough on their plates.", "Many harbour aides"),
    ("The mayor has indicated she would not raise the toll.", "The mayor"),
])
def test_a_subject_pronoun_after_a_clause_only_verb_opens_its_clause(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_a_clause_only_verb_with_an_object_is_still_no_cue(auditor):
    assert not claims(auditor, "The pilots felt the cold on the pier.")[0].attributions


def test_a_common_word_capitalised_only_at_the_sentence_start_is_no_name(auditor):
    text = "Ferrymen said the pier was unsafe. Two ferrymen left the harbour on Monday."
    assert (claims(auditor, text)[0].attribution.kind, claims(auditor, text)[0].attribution.source) == \
        ("unnamed_group", "Ferrymen")


@pytest.mark.parametrize("text", [
    "Ferris said the pier was unsafe. The mayor later met Ferris.",          # capitalised inside a sentence too
    "Ferrymen said the pier was unsafe.",                                     # no lower-case use to go by
    "Judge said the pier was unsafe. The judge left.",                       # a person's title
])
def test_a_capitalised_sentence_opener_with_no_lower_case_evidence_stays_a_name(auditor, text):
    assert claims(auditor, text)[0].attribution.kind == "named_person"


@pytest.mark.parametrize("sentence, source", [
    ('The plan has been called "reckless" by Ana Lind, a pilot.', "Ana Lind"),
    ("The ferry was praised in the harbour by pilots.", "pilots"),
])
def test_the_agent_of_a_passive_cue_may_follow_a_few_words_after_it(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_a_by_after_another_clause_is_not_the_passive_cues_agent(auditor):
    a = one(auditor, "The pier was criticized for saying the plan was approved by voters.")
    assert a.source != "voters"


@pytest.mark.parametrize("sentence, source", [
    ("The toll plan drew sharp criticism from harbour pilots.", "harbour pilots"),
    ("The mayor has won overwhelming support from ferry crews and fishers.", "ferry crews and fishers"),
    ("The plan faced stern opposition from some of the homeowners to the new pier.", "some of the homeowners"),
])
def test_the_agent_of_a_cue_noun_follows_from(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence", [
    "The criticism of the plan was loud.",          # "of" names what is criticised
    "Support from harbour pilots has helped the mayor.",
])
def test_a_from_agent_is_read_after_from_only_and_stops_at_a_verb(auditor, sentence):
    assert all(a.source is None or "helped" not in a.source and "plan" not in a.source
               for a in claims(auditor, sentence)[0].attributions)


def test_support_in_the_sense_of_aid_is_no_attribution(auditor):
    found = claims(auditor, "The militia is accused of receiving financial support from a neighbouring state.")[0]
    assert "a neighbouring state" not in [a.source for a in found.attributions]


def test_an_office_anaphor_never_carries_an_anonymous_source(auditor):
    found = [c.attribution for c in claims(auditor, "An aide said the race was close. The candidate said it was not.")]
    assert (found[1].kind, found[1].source) == ("named_person", "The candidate")


def test_the_spokesman_may_still_carry_an_anonymous_spokesman(auditor):
    found = [c.attribution for c in claims(auditor, "A spokesman said the pier was shut. The spokesman added that it "
                                                    "would reopen.")]
    assert (found[1].kind, found[1].source) == ("anonymous", "A spokesman")


@pytest.mark.parametrize("text, kind, source", [
    ("Thomas White said the camp was full of families.", "named_person", "Thomas White"),
    ("Eleanor Young, a farmer near the border, said prices fell.", "named_person", "Eleanor Young, a farmer near the border"),
    ("White evangelicals said they would vote for him.", "unnamed_group", "White evangelicals"),
    ("Clinton Democrats said the plan had failed.", "unnamed_group", "Clinton Democrats"),
])
def test_a_describing_word_after_a_first_name_is_a_surname(auditor, text, kind, source):
    """"White" or "Young" describe a group when they open it, and are a surname after a first name."""
    a = one(auditor, text)
    assert (a.kind, a.source) == (kind, source)


@pytest.mark.parametrize("text", [
    "Monday's rallies come amid growing calls for a truce as the toll rises in the region, where fuel "
    "shortages wreak havoc on its clinics.",
    "Tuesday's marches come amid mounting calls for an inquiry as the number of arrests rises in the capital.",
])
def test_growing_calls_are_no_attribution(auditor, text):
    assert one(auditor, text).kind == "none"


@pytest.mark.parametrize("text, source", [
    ("The Dunmore Herald reported that the plant had failed two inspections.", "The Dunmore Herald"),
    ("The Springfield Gazette said the mayor would resign.", "The Springfield Gazette"),
])
def test_a_newspaper_shaped_name_is_an_outlet_not_a_person(auditor, text, source):
    a = one(auditor, text)
    assert (a.kind, a.source) == ("outlet", source)


def test_a_report_by_an_unknown_newspaper_is_relayed_by_it(auditor):
    a = one(auditor, "According to a report by the Dunmore Herald, the plant had failed two inspections.")
    assert a.kind == "outlet" and "the Dunmore Herald" in a.via
    assert one(auditor, "According to a report by the state auditor, the plant failed.").kind == "document"


@pytest.mark.parametrize("text, kind, source", [
    ("“The pier is safe,” said harbour pilot Tomas Lind.", "named_person", "harbour pilot Tomas Lind"),
    ("“The pier is safe,” said retired Navy Capt. Ana Reyes, who ran the port for a decade.", "named_person",
     "retired Navy Capt. Ana Reyes, who ran the port for a decade"),
    ("“The pier is safe,” said master of ceremonies Omar Haddad.", "named_person", "master of ceremonies Omar Haddad"),
    ("“The pier is safe,” said Will Tamsin, a pilot.", "named_person", "Will Tamsin, a pilot"),
])
def test_an_inverted_speaker_described_in_lower_case_or_named_will(auditor, text, kind, source):
    """A lower-case description before a name after an inverted "said" is the speaker, and "Will" before a
    surname is a first name, not a modal."""
    a = one(auditor, text)
    assert (a.kind, a.source) == (kind, source)


def test_said_in_a_statement_is_no_described_speaker(auditor):
    a = one(auditor, "“The pier is safe,” said in a statement to the Herald.")
    assert a.kind == "none"


def test_an_inverted_speaker_with_an_article_and_a_relative_clause_is_a_further_source(auditor):
    """ "X warned ..., said an official who was briefed ...": the official is a second source, not dropped
    because the relative clause holds a verb."""
    found = claims(auditor, "Mayor Lind warned the pilots not to sail, said an official who was briefed on the "
                            "meeting and spoke anonymously.")[0].attributions
    assert [(a.kind, a.source) for a in found] == [
        ("named_person", "Mayor Lind"),
        ("anonymous", "an official who was briefed on the meeting and spoke anonymously")]


@pytest.mark.parametrize("text, kind, source", [
    # one office's holder, a person the reader can identify (as "the state's governor")
    ("The U.S. top diplomat said aid would reach the port.", "named_person", "The U.S. top diplomat"),
    ("The harbour board's chief adviser said the pier was safe.", "named_person", "The harbour board's chief adviser"),
    # indefinite, or with anonymity stated: still an unnamed individual
    ("A top official said aid would reach the port.", "anonymous", "A top official"),
    ("The top official, who spoke on condition of anonymity, said aid would reach the port.", "anonymous",
     "The top official"),
])
def test_a_definite_top_office_is_its_holder(auditor, text, kind, source):
    a = one(auditor, text)
    assert (a.kind, a.source) == (kind, source)


@pytest.mark.parametrize("text, kind, source", [
    # a place and a domain name one public body: its voice, as "administration officials" are
    ("Palestinian health officials said 40 people had died.", "named_org", "Palestinian health officials"),
    ("The territory’s health officials said 40 people had died.", "named_org", "The territory’s health officials"),
    ("Ferries stopped after a storm that health officials in Gaza say killed 40 people.", "named_org",
     "health officials in Gaza"),
    # no place, an armed or secret service, or a former official: unnamed individuals as before
    ("The clinic closed, health officials said.", "anonymous", "health officials"),
    ("American military officials said the strike hit a depot.", "anonymous", "American military officials"),
    ("Former Palestinian health officials said the figure was low.", "anonymous",
     "Former Palestinian health officials"),
])
def test_officials_of_a_place_and_domain_speak_for_its_body(auditor, text, kind, source):
    found = claims(auditor, text)[0].attributions
    assert [(a.kind, a.source) for a in found if a.source == source] == [(kind, source)]


@pytest.mark.parametrize("text, kind", [
    ("A spokesperson for the military said 222 soldiers had died.", "named_org"),
    ("A school spokesman said classes were cancelled.", "named_org"),
    ("At least 15 people were killed, the Civil Defense spokesperson said.", "named_org"),
    ("The hospital registered 61 deaths, its spokesperson said.", "named_org"),
    ("A spokesman for the senator said he was ill.", "anonymous"),
    ("His spokesman said he was ill.", "anonymous"),
])
def test_a_spokesperson_for_an_institution_is_its_voice(auditor, text, kind):
    """The guideline: a spokesperson for an institution is named_org ("its spokesperson" is a thing's), for a
    person anonymous."""
    found = claims(auditor, text)[0].attributions
    assert [a.kind for a in found if "spokes" in (a.source or "")] == [kind]


@pytest.mark.parametrize("text, kind", [
    # a word capitalised only because it opens the sentence names no institution
    ("Public health officials warned the clinic would close. The public was not told.", "anonymous"),
    # people described by their access are anonymous whatever else describes them
    ("Federal officials familiar with the logbook taken from Mrs. Lind's boat said it was old.", "anonymous"),
    ("Police officials said the pier was old.", "named_org"),
])
def test_officials_opening_a_sentence_or_described_by_access(auditor, text, kind):
    assert claims(auditor, text)[0].attribution.kind == kind


@pytest.mark.parametrize("text", ["Mexican officials say they have chosen a new strategy.",
                                  "Russians now say they admire the mayor."])
def test_demonyms_describe_a_nationality(auditor, text):
    assert one(auditor, text).kind == "unnamed_group"


def test_mark_cuban_is_a_person(auditor):
    assert one(auditor, "Mark Cuban said he would consider a bid.").kind == "named_person"


def test_no_subject_opens_with_said(auditor):
    """ "X says harbour residents outlined ...": "says harbour residents" is no source."""
    found = claims(auditor, "Rep. Ana Lind, D-Maine, says harbour residents outlined a plan under which the "
                            "ferry stops.")[0].attributions
    assert [a.source for a in found] == ["Rep. Ana Lind, D-Maine"]


def test_a_subject_pronoun_right_before_its_cue_is_the_subject(auditor):
    """ "..., in which she said": the pronoun before the verb is its subject, however the clause opens."""
    a = one(auditor, "Lind was asked about the delay in an interview with the Herald, in which she said the ferry "
                     "would run.")
    assert (a.kind, a.source_span.text) == ("named_person", "she")
    assert a.source == "Lind"                             # the subject opening the sentence the pronoun is in


def test_a_pronoun_after_a_reporting_verb_opens_the_reported_clause(auditor):
    found = claims(auditor, "Lind said he supports the plan.")[0].attributions
    assert [a.source for a in found] == ["Lind"]


@pytest.mark.parametrize("text, name", [
    ("The ferry carried a young pilot, who said the storm was over.", "pilot"),
    ("The plan needs delegates who’ve already said they back Lind.", "delegates"),
])
def test_who_after_a_common_noun_is_a_source(auditor, text, name):
    """PolNeAR marks "who" as the source of a relative clause's cue; its kind is read from the noun before it."""
    a = one(auditor, text)
    assert (a.kind, a.source, a.source_span.text) == ("unnamed_group", name, "who")


def test_a_relative_clause_cue_comes_after_the_main_clause(auditor):
    """ "After ... a pilot who expressed regret ..., residents are divided": the main clause's attribution stays
    the primary; the relative clause's is a further one."""
    c = claims(auditor, "After a storm that a pilot who expressed regret caused, residents are evenly divided on the "
                        "pier.")[0]
    assert c.attribution.source == "residents"
    assert [a.source for a in c.attributions] == ["pilot", "residents"]


@pytest.mark.parametrize("text, source", [
    ("About four in 10 voters said the ferry was late, while nine in 10 said the fares were high.", "nine in 10"),
    ("Six in 10 Maine Democratic primary voters said the ferry was late.", "Six in 10 Maine Democratic primary voters"),
])
def test_a_share_in_ten_is_a_group(auditor, text, source):
    found = claims(auditor, text)[0].attributions
    assert [(a.kind, a.source) for a in found if a.source == source] == [("unnamed_group", source)]


def test_a_name_in_a_partitive_is_the_possessor_not_the_head(auditor):
    """ "one of Mr. Lind's aides": the aides' head is read after "one of", so the name is a possessor."""
    assert one(auditor, "One of Mr. Lind's aides said the ferry was late.").kind == "anonymous"


@pytest.mark.parametrize("text, source", [
    ("Pointing to the report’s conclusions, harbour officials concurred with the findings.", "harbour officials"),
    ("Saying he was tired, Lind left the harbour.", "Lind"),
])
def test_a_participle_opening_the_sentence_takes_the_main_subject(auditor, text, source):
    assert one(auditor, text).source == source


def test_adding_to_opens_an_inverted_clause_with_no_speaker(auditor):
    found = claims(auditor, "Adding to the worry is a report that Lind, after a storm, laid off his "
                            "crew.")[0].attributions
    assert all(a.source_span is None or "storm" not in a.source_span.text for a in found)


@pytest.mark.parametrize("text, source", [
    ("Ana Lind, who has run the ferry this year, hopes the pier will reopen.", "Ana Lind"),
    ("Lind, a harbour pilot, intends to sail on Monday.", "Lind, a harbour pilot"),
])
def test_a_noun_like_verb_after_a_name_and_its_aside_is_a_verb(auditor, text, source):
    assert one(auditor, text).source == source


def test_a_plural_noun_after_a_comma_stays_a_noun(auditor):
    assert one(auditor, "In the year, hopes for a deal faded.").kind == "none"


@pytest.mark.parametrize("text, source", [
    ("Most pilots feel the harbour is safer now.", "Most pilots"),
    ("The Harbour Institute notes the pier is usually closed in winter.", "The Harbour Institute"),
    ("Lind knows Reyes will sail to the end.", "Lind"),
])
def test_a_clause_only_verb_before_a_clause_without_that(auditor, text, source):
    """ "feel the harbour is ...": a determiner or a name and a finite verb show the clause "that" would open."""
    assert one(auditor, text).source == source


def test_a_clause_only_verb_with_an_object_stays_none(auditor):
    assert one(auditor, "Lind knows the city well.").kind == "none"


def test_a_main_clause_view_after_an_adverbial_clause_attribution(auditor):
    """ "While almost everyone agrees ..., some critics fear ...": the main clause's view is an attribution too,
    and the primary one."""
    c = claims(auditor, "While almost everyone agrees the old pier was flawed, some critics fear the new one will "
                        "leave the harbour with fewer berths.")[0]
    assert [a.source for a in c.attributions] == ["almost everyone", "some critics"]
    assert c.attribution.source == "some critics"


@pytest.mark.parametrize("text, kind", [
    ("Prime Minister Ana Lind spoke on Monday. Lind’s spokesman said the pier would reopen.", "anonymous"),
    ("Rep. Tomas Reyes spoke on Monday. Reyes's spokeswoman said the pier would reopen.", "anonymous"),
    ("The ferry company spoke on Monday. Harbourline’s spokesman said the pier would reopen.", "named_org"),
])
def test_a_spokesperson_for_a_person_the_document_names(auditor, text, kind):
    """A one-word possessor is a person when the document names it after a first name or an honorific: a
    spokesperson for a person is anonymous, for an institution named_org."""
    assert claims(auditor, text)[1].attribution.kind == kind


@pytest.mark.parametrize("text, source", [
    ("I think the pier should reopen before the summer.", "I"),
    ("We want the harbour board to publish its figures.", "We"),
])
def test_the_writers_own_belief_is_self(auditor, text, source):
    """ "I think" outside a quotation is the writer's view (an op-ed's): kind self, as the guideline labels it."""
    a = one(auditor, text)
    assert (a.kind, a.source) == ("self", source)


def test_a_quoted_speakers_i_think_is_not_the_claims_source(auditor):
    found = claims(auditor, "“I think the pier is safe,” Lind said.")[0].attributions
    assert [a.source for a in found if not a.nested] == ["Lind"]




@pytest.mark.parametrize("sentence, reason", [
    ("A teacher at the school, who spoke on condition of anonymity for fear of reprisals, said 37 students "
     "were missing.", True),
    ("A rescuer who asked not to be named because he was not authorised to speak to the media said dozens "
     "were still trapped.", True),
    ("One attendee, who spoke on the condition of anonymity, said the message was clear.", False),
])
def test_a_relative_clause_stating_anonymity_makes_its_source_anonymous(auditor, sentence, reason):
    """The relative clause is cut from the source span, but it still says the source is unnamed on purpose
    (these were "unnamed_group", so no anonymous finding was raised); a reason in it is counted."""
    a = one(auditor, sentence)
    assert a.kind == "anonymous" and a.anonymity is not None and a.anonymity.reason_given is reason
    assert one(auditor, "Jane Okafor, who spoke on condition of anonymity, said the talks failed.").kind == "named_person"


@pytest.mark.parametrize("sentence, kind, source, via", [
    ("Northwind is investigating a breach, Bloomberg reported, citing people familiar with the matter.",
     "anonymous", "people familiar with the matter", ["Bloomberg"]),
    ("The talks collapsed, CNN reported on Tuesday, citing two U.S. officials.", "anonymous", "two U.S. officials",
     ["CNN"]),
    ("Israeli media, citing rescue service officials, said at least 250 people were killed.", "anonymous",
     "rescue service officials", ["Israeli media"]),
    ("The company is investigating, according to Bloomberg, which cited people familiar with the matter.",
     "anonymous", "people familiar with the matter", ["Bloomberg"]),
])
def test_an_outlet_citing_a_source_relays_it(auditor, sentence, kind, source, via):
    """The cited source is the claim's, relayed by the outlet (the outlet was the source, so no anonymous
    finding was raised); the outlet's own attribution stays among the claim's."""
    [claim] = claims(auditor, sentence)
    a = claim.attribution
    assert (a.kind, a.source, a.via) == (kind, source, via)
    assert any(x.kind == "outlet" for x in claim.attributions)
    assert sentence[a.source_span.start:a.source_span.end] == source


@pytest.mark.parametrize("text, source", [
    ("Walking to the next pier, Lind reminisced about the tides and said the harbour had changed.", "Lind"),
    ("Recognizing this, Reyes joined the pilots in writing a new plan.", "Reyes"),
    ("Early in her term, Lind attacked Reyes, calling him a failure.", "Lind"),
    ("Late last month, the council wrote a letter to the mayor, calling the plan reckless.", "the council"),
    ("The pilots met the board. This year, they rose to the defense of the ferry, saying it was safe.", "they"),
])
def test_an_opening_participle_or_time_phrase_is_no_main_subject(auditor, text, source):
    """ "Walking to the pier,", "This year,", "Early in her term,": the introduction before the comma is not the
    subject a participle cue ("..., calling") or a coordinated cue ("... and said") takes; the one after it is."""
    found = claims(auditor, text)[-1].attributions
    assert [a.source for a in found if a.source] == [source]


@pytest.mark.parametrize("text", [
    "Facing criticism from pilots, Lind released a statement on Saturday, describing the pier as safe.",
    "Reached by the Herald, Reyes denied the report, explaining that he was away.",
    "The next month, a harbour clerk announced plans to sue, claiming he was fired.",
])
def test_an_opening_phrase_is_no_second_source_of_a_participle(auditor, text):
    found = claims(auditor, text)[0].attributions
    assert found and all(not a.source.startswith(("Facing", "Reached", "The next")) for a in found if a.source)


def test_a_capitalised_name_before_a_verb_is_no_opening_participle(auditor):
    """ "Harbourling responded by ...,": a verb after the capitalised -ing word makes it the subject."""
    assert one(auditor, "Harbourling responded by closing the pier, saying the tides were high.").source == "Harbourling"


@pytest.mark.parametrize("text, source", [
    ("But ferry operators worry that the pier is breaking up.", "ferry operators"),
    ("If the tide keeps rising, forecasters say the pier will close by June.", "forecasters"),
    ("But harbour specialists say the new buoys might not even be needed.", "harbour specialists"),
])
def test_a_short_bare_phrase_ending_in_a_plural_of_people_is_a_subject(auditor, text, source):
    """A lower-case subject no list names ("forecasters", "harbour specialists") is accepted when it ends in a
    plural of people (`people_suffixes`), as `holds_views` reads it."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", [
    "His instincts are as rash as hers are cautious.",
    "But interest rates say little about the harbour.",
])
def test_a_plural_that_names_no_people_is_no_bare_subject(auditor, text):
    assert one(auditor, text).source is None


@pytest.mark.parametrize("text, kind", [
    ("The plan was backed by Sen. Ana Lind of Ohio, the ranking member on the Harbour Committee, who said the pier "
     "was safe.", "named_person"),
    ("Pilots watched Reyes clash with Mara Quill, a senior fellow at the Harbour Institute who questioned his record.",
     "named_person"),
    ("“We are ready,” said Tomas Reyes, the board's harbour strategist, who added that fees would fall.",
     "named_person"),
])
def test_who_after_an_appositive_refers_to_the_name_it_describes(auditor, text, kind):
    """ "X, a Y at Z, who said": "who" is a person, the name the appositive describes, not the organisation or
    outlet the appositive ends in, nor its common noun."""
    found = [a for a in claims(auditor, text)[0].attributions if a.source_span and a.source_span.text == "who"]
    assert [a.kind for a in found] == [kind]


def test_who_after_a_place_is_not_the_place(auditor):
    found = claims(auditor, "Voters in Ohio, the largest bloc, who fear the toll, said it was unfair.")[0].attributions
    assert all(a.kind != "named_org" for a in found)


@pytest.mark.parametrize("text, kind", [
    ("The app was down on Monday. A spokeswoman for Harbourly said the outage was over.", "named_org"),
    ("Ana Lind spoke on Monday. A spokeswoman for Lind said the outage was over.", "anonymous"),
    ("Ana Lind spoke on Monday. A spokeswoman for Mrs. Lind said the outage was over.", "anonymous"),
])
def test_a_spokesperson_for_one_capitalised_word(auditor, text, kind):
    """ "a spokeswoman for X" with one capitalised word: a person when the document names X after a first name or
    an honorific (anonymous, a person's spokesperson), else an institution (named_org, its voice)."""
    assert claims(auditor, text)[1].attribution.kind == kind


@pytest.mark.parametrize("text, kind", [
    ("Teachers and union officials told the Herald that the strike would go on.", "unnamed_group"),
    ("Harbour activists and their allies in the council insist that the pier is safe.", "unnamed_group"),
    ("Their friends and advisers insist that the pier is safe.", "anonymous"),
    ("Pilots and officials familiar with the plan said the pier would close.", "anonymous"),
    ("The pier was safe, according to harbour activists and officials who worked with him.", "anonymous"),
    ("HPA members and officials insist that the pier is safe.", "named_org"),
])
def test_anonymous_heads_joined_to_a_collective_are_a_group(auditor, text, kind):
    """ "teachers and union officials": people described as a group (unnamed_group), unless access or a condition
    of anonymity is stated, or the people are a named institution's."""
    assert one(auditor, text).kind == kind


def test_a_name_after_and_opens_a_clause_of_its_own(auditor):
    """ "a pilot asked for a photo and Lind said": the subject of "said" is Lind, not the phrase back to "a pilot"."""
    found = claims(auditor, "At one point, a pilot asked for a photo and Lind said, “as long as we are not breaking "
                            "any rules.”")[0].attributions
    assert [(a.source, a.cue) for a in found] == [("a pilot", "asked"), ("Lind", "said")]


def test_names_joined_by_and_stay_one_subject(auditor):
    found = claims(auditor, "The pilots were angry when Lind and Reyes implied that the pier was unsafe.")[0].attributions
    assert [a.source for a in found] == ["Lind and Reyes"]


def test_a_cue_after_and_takes_the_main_subject_beside_another_attribution(auditor):
    """ "When asked whom she backed, Ms. Quill smiled and said": the joined cue's subject is the main clause's,
    a further attribution, even when the sentence has another one ("she backed")."""
    found = claims(auditor, "When asked whom she backed, Ms. Quill smiled and said, “I am waiting for Reyes.”")[0]
    assert ("Ms. Quill", "said") in [(a.source, a.cue) for a in found.attributions]


@pytest.mark.parametrize("text, wrong", [
    ("Some in the crowd booed, and when Lind thanked the pilots and said it was good to be home, a man yelled.",
     "Some in the crowd"),
    ("The anxiety about the vote grew when Lind lamented the delays and criticized the board.", "The anxiety"),
    ("Lind drew criticism from pilots and praise from the board.", "Lind"),
])
def test_a_cue_after_and_keeps_no_main_subject_past_another_source(auditor, text, wrong):
    """No joined cue takes the main subject past a nearer source ("when Lind thanked ... and said"), a subject that
    holds no views, or a noun with its agent after "from"."""
    found = claims(auditor, text)[0].attributions
    assert all(not (a.source or "").startswith(wrong) or a.cue not in ("said", "criticized", "praise") for a in found)


@pytest.mark.parametrize("text, source", [
    ("The harbour board less than two weeks ago said the pier was safe.", "The harbour board"),
    ("Ana Lind, the harbour master, this past week announced a new plan.", "Ana Lind, the harbour master"),
    ("Reyes a month later announced 600 layoffs.", "Reyes"),
    ("A harbour survey released last year showed most pilots were tired.", "A harbour survey released last year"),
])
def test_a_time_right_before_the_cue_is_not_the_subject(auditor, text, source):
    """ "X, the master, this past week announced", "X a month later announced": the time is no subject; the phrase
    before it is. A document keeps its time ("a survey released last year")."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text, source", [
    ("The Harbour Legion has twice complained to the board about the emblem.", "The Harbour Legion"),
    ("And in 2011, Reyes all but accused the chair of trying to debase the toll.", "Reyes"),
    ("Reyes, the harbour front-runner, was especially critical of the board.", "Reyes, the harbour front-runner"),
    ("Kerpen needled the Herald “reporter,” saying, “A reporter who tweets on request!”", "Kerpen"),
    ("PORT TALBOT, Wales — Rallying the pilots, Ana Lind promised to reopen the pier.", "Ana Lind"),
    ("Here’s what is happening at the harbour: PORT TALBOT — The head of the harbour agency is warning that the pier "
     "will close, stressing that ferries are full.", "The head of the harbour agency"),
])
def test_words_between_a_subject_and_its_cue(auditor, text, source):
    """ "has twice complained", "all but accused", "was especially critical of", a participle after a comma inside
    quotation marks ('the "reporter," saying'), a dateline before the main subject."""
    found = claims(auditor, text)[0].attributions
    assert [a.source for a in found if a.source] == [source]


@pytest.mark.parametrize("text, source", [
    ("Two weeks after the storm, Justice Ana Lind broke a long silence by asking questions from the bench.",
     "Justice Ana Lind"),
    ("Two weeks earlier, harbour voters dealt a blow to the board by rejecting a toll favored by the council.",
     "harbour voters"),
])
def test_an_irregular_past_verb_ends_the_main_subject(auditor, text, source):
    """ "broke", "dealt": finite verbs (`clause_verbs`) end the main subject a participle cue takes."""
    assert claims(auditor, text)[0].attributions[0].source == source


@pytest.mark.parametrize("text, source", [
    ("Reyes was also endorsed by former rival Ana Lind.", "former rival Ana Lind"),
    ("Of the ten judges, six were appointed by Harbour presidents.", "Harbour presidents"),
    ("The pier was approved by Mayor Ana Lind and confirmed by the council in 2012.", "Mayor Ana Lind"),
])
def test_a_passive_decision_or_stance_takes_its_named_agent(auditor, text, source):
    """ "was also endorsed by X" (a filler word between "be" and the verb), "appointed by X" (a decision's agent when
    named), an agent ending before "and confirmed"."""
    assert source in [a.source for a in claims(auditor, text)[0].attributions]


@pytest.mark.parametrize("text", [
    "The race will be decided by a runoff between two pilots.",
    "Lind moved that Reyes be nominated by acclamation.",
])
def test_a_decision_by_a_margin_or_manner_has_no_agent(auditor, text):
    assert all(a.source is None for a in claims(auditor, text)[0].attributions)


@pytest.mark.parametrize("text, source", [
    ("They held a call in which organizers claimed that 400 pilots took part.", "organizers"),
    ("The pier is now the place harbour officials say the city might take a stand.", "harbour officials"),
    ("It was the third time the Harbour Club said it had set up such an event.", "the Harbour Club"),
    ("Not everything Lind says is true, the pilots insist.", "Lind"),
])
def test_a_relative_clause_without_that_opens_its_own_subject(auditor, text, source):
    """ "in which organizers claimed", "the place X say", "the third time X said", "everything X says": the subject
    follows the noun or the "which" after a preposition."""
    assert source in [a.source for a in claims(auditor, text)[0].attributions]


def test_a_noun_before_a_preposition_opens_no_relative_clause(auditor):
    found = claims(auditor, "Anyone who knows anything about Lind knows she will not cave.")[0].attributions
    assert all(a.source != "about Lind" for a in found)


@pytest.mark.parametrize("text, source", [
    ("Tomas Reyes, star of television’s “Harbour Nights,” thanked Lind for the plan.",
     "Tomas Reyes, star of television’s “Harbour Nights"),
    ("As Ana Lind, author of ''The Unwritten Harbour,'' put it, ''the pier is safe.''",
     "Ana Lind, author of ''The Unwritten Harbour"),
])
def test_a_title_in_quotation_marks_inside_an_appositive_is_no_quotation(auditor, text, source):
    """ "X, star of “Scandal,” thanked": the short title-case quotation right before the cue is part of the subject's
    appositive, not a quotation that ends the subject search."""
    assert one(auditor, text).source == source


def test_a_quotation_before_the_speaker_still_ends_the_subject(auditor):
    assert one(auditor, "“The Pier Is Safe,” Lind said.").source == "Lind"


@pytest.mark.parametrize("text, source", [
    ("“Absolutely,” Lind said when asked by a reporter if that remains her view.", "a reporter"),
    ("Reyes's plan was echoed by former Mayor Ana Lind, who noted that she had raised the toll.", "former Mayor Ana Lind"),
])
def test_a_passive_agent_is_a_further_attribution(auditor, text, source):
    """ "..., Lind said when asked by a reporter", "was echoed by X, who noted": the agent after "by" is a further
    source of the sentence, not dropped because another attribution came first."""
    assert source in [a.source for a in claims(auditor, text)[0].attributions]


@pytest.mark.parametrize("text, wrong", [
    ("But the pilots stressed that sanctions worked, unlike in Cuba, where the outreach has been opposed by most "
     "councillors.", "most councillors"),
    ("The records are maintained by the harbour board and owned by the city.", "the harbour board"),
])
def test_a_passive_agent_in_a_relative_clause_or_another_sense_is_no_source(auditor, text, wrong):
    assert wrong not in [a.source for a in claims(auditor, text)[0].attributions]


@pytest.mark.parametrize("text, source", [
    ("Minutes later, she sent an email saying, “done.”", "she"),
    ("The harbour office put out a statement saying the pier was unsafe.", "The harbour office"),
    ("Ana Lind held up a sign saying the pier was closed.", "Ana Lind"),
])
def test_a_message_before_a_participle_has_its_sender_as_source(auditor, text, source):
    """ "sent an email saying", "put out a statement saying": with no comma before the participle, the sender (the
    clause's subject) is the source when the noun before the participle is a message (`message_nouns`)."""
    assert one(auditor, text).source == source


def test_a_message_opening_the_sentence_is_not_its_own_sender(auditor):
    assert one(auditor, "A petition calling on him to resign has 500 signatures.").source is None


@pytest.mark.parametrize("text, source", [
    ("The contrast with Reyes, said Doyle and others, would be clear since he has no allies.", "Doyle and others"),
    ("Lind also lacks in the looks department, said Howard, but her plans make up for it.", "Howard"),
    ("Lind's former manager, Corey Reyes, said the clerk who succeeded him, Paul Quill, should be fired.",
     "Lind's former manager, Corey Reyes"),
    ("Mohamed Lind, head of all harbour clinics, said the roof of the pier office, the port's largest, was hit.",
     "Mohamed Lind, head of all harbour clinics"),
])
def test_a_speaker_set_in_the_middle_of_the_reported_clause(auditor, text, source):
    """ "The contrast, said X, would be clear": the speaker after the verb, up to the segment that goes on with the
    reported clause; not when a name ends the phrase before the verb (then that name said it)."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text, source", [
    ("Harbour Democrats slam the new toll.", "Harbour Democrats"),
    ("Rabbis vow to boycott the harbour speech.", "Rabbis"),
    ("Ferry experts rebuke Lind's plan for a second pier.", "Ferry experts"),
    ("Lind and Reyes reject the term containment.", "Lind and Reyes"),
    ("Reyes declined to speculate on a backup plan for the pier.", "Reyes"),
    ("Harbour pilots tout the new buoys as a success.", "Harbour pilots"),
    ("Lind clashed with Reyes at the hearing, chiding him for the delay.", "Lind"),
    ("Tomas Reyes, whose father ran the ferry, remembers Lind as a careful pilot.", "Tomas Reyes"),
    ("Ana Lind, a longtime harbour operative, vouched for both pilots.", "Ana Lind, a longtime harbour operative"),
    ("Reyes downplayed the damage to the pier.", "Reyes"),
    ("Lind later walked back her remarks about the tides.", "Lind"),
    ("Reyes fired back at Lind over the harbour fees.", "Reyes"),
    ("The harbour master, Ana Lind, plays down concerns about the pier.", "The harbour master, Ana Lind"),
    ("Lind's allies bristle at the suggestion that she is to blame.", "Lind's allies"),
    ("Harbour officials welcome the fight over the pier.", "Harbour officials"),
])
def test_present_plural_forms_of_stance_and_speech_verbs(auditor, text, source):
    """Headlines and plural subjects use the base form ("pilots blast", "rabbis vow"), which the lists lacked."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", ["The blast destroyed the pier.", "The board made a pledge to cut fees.",
                                  "Harbour doctors struggle to save survivors from the hospital blast."])
def test_a_base_form_used_as_a_noun_is_no_cue(auditor, text):
    assert one(auditor, text).source is None


def test_anonymous_heads_beside_unnamed_media_stay_anonymous(auditor):
    """ "state media and official sources": media are no group of people the sources could belong to."""
    a = one(auditor, "Eight people were killed, according to harbour state media and official sources.")
    assert a.kind == "anonymous"


def test_a_passive_agent_ends_before_a_form_of_be(auditor):
    found = claims(auditor, "“The accusations promoted by the enemy are baseless,” the board said.")[0].attributions
    assert all(a.source != "the enemy are baseless" for a in found)


def test_a_reported_clause_after_says_is_no_speaker_set_in_the_middle(auditor):
    """ "The ministry, which is run by X, says more than 100 people have been killed, including 40 children, but
    ...": the ministry speaks; the clause after "says" holds a verb, so it is no speaker."""
    a = one(auditor, "The harbour ministry, which is run by the Lind government, says more than 100 people have been "
                     "killed, including 40 children, but these numbers cannot be verified.")
    assert a.source.startswith("The harbour ministry")


@pytest.mark.parametrize("text, source", [
    ("Senator Ray Holt defended his vote on Tuesday.", "Senator Ray Holt"),
    ("Lind defends the toll as fair.", "Lind"),
    ("The mayor defended the city budget.", "The mayor"),
    ("Harbour campaign officials defend their voter strategy.", "Harbour campaign officials"),
])
def test_defending_a_view_is_a_stance(auditor, text, source):
    """ "X defended his vote": a public stance, like "criticized" (a cue word on nearly every train sentence)."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", [
    "The lawyer Anna Bell defended clients accused of fraud for years.",
    "The champion defended her title in Oslo.",
    "The town was defended by its militia.",
    "Troops defend the city from attacks each night.",
    "Lind hired lawyers to defend her against the charges.",
])
def test_defending_in_another_sense_is_no_source(auditor, text):
    """A lawyer's clients, a champion's title (`cue_other_senses`) or a passive ("defended by its militia",
    `not_agent_passives`) take no view."""
    assert [a for a in claims(auditor, text)[0].attributions if a.source and "defend" in (a.cue or "")] == []


def test_a_right_to_defend_itself_is_no_cue(auditor):
    """ "has the right to defend itself": not even a cue without a source ("to defend" is among the
    `non_attributive_senses`)."""
    found = claims(auditor, "Like any state, Freedonia has the right to defend itself against raids.")[0].attributions
    assert [a for a in found if "defend" in (a.cue or "")] == []


@pytest.mark.parametrize("text, source", [
    ("Critics charged that the harbour plan ignored the fishers.", "Critics"),
    ("Harbour pilots charge that the new pier is unsafe.", "Harbour pilots"),
    ("“The pier is a disgrace,” Lind charged.", "Lind"),
])
def test_charging_that_is_an_accusation(auditor, text, source):
    """ "Critics charged that ...": an accusation made in public, a cue only before a clause (`clause_only_verbs`)."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", [
    "Police charged the skipper with smuggling on Monday.",
    "He was arrested on a smuggling charge.",
    "Lind faces an assault charge.",
])
def test_a_criminal_charge_is_no_cue(auditor, text):
    """ "charged X with", "a smuggling charge": the legal sense (an object, or a noun after a noun) takes no view."""
    assert [a for a in claims(auditor, text)[0].attributions if a.source and "charge" in (a.cue or "")] == []


def test_doubting_is_a_belief(auditor):
    """ "Some fishers doubt that ...": a belief, as "doubts" and "doubted" already were; "no doubt" is a noun."""
    assert one(auditor, "Some fishers doubt that the new pier will open this year.").source == "Some fishers"
    assert [a for a in claims(auditor, "There is no doubt the pier will open.")[0].attributions if a.source] == []


@pytest.mark.parametrize("text, source", [
    ("Lind made the point that the pier had been safe for years.", "Lind"),
    ("The harbour board made several statements about the toll.", "The harbour board"),
    ("Reyes has made repeated references to the ferry contract.", "Reyes"),
    ("Captain Ana Lind made a plea for calm at the harbour.", "Captain Ana Lind"),
])
def test_a_speech_noun_after_made_is_a_cue(auditor, text, source):
    """ "made the point that", "made several statements", "made a plea for": a speech act told as a noun after
    "made" (`cue_nouns`, `cue_noun_verbs`)."""
    assert one(auditor, text).source == source


def test_making_a_case_in_the_infinitive_is_no_attribution(auditor):
    """ "to make a point", "help X make its case": the bare "case" and "point" count only after a finite "made"."""
    assert claims(auditor, "The harder task for the pilots is how to make that case to the town.")[0].attributions == []


@pytest.mark.parametrize("text, source", [
    ("Reyes needs to tell the fishers why the pier closed.", "Reyes"),
    ("The harbour polls failed to predict the result.", "The harbour polls"),
    ("Lind is continuing to insist she will reopen the pier.", "Lind"),
])
def test_a_verb_taking_to_stands_between_subject_and_cue(auditor, text, source):
    """ "needs to tell", "failed to predict", "is continuing to insist": the verb and its "to" are read past
    (`to_verbs`), with the "be" of a progressive one; the subject was "Reyes needs to" or none."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text, source", [
    ("Harbour leaders assembled on Monday to discuss the pier.", "Harbour leaders"),
    ("The fishers' leaders used harsh words to denounce the closure.", "The fishers' leaders"),
    ("Harbour Union to endorse Lind.", "Harbour Union"),
    ("Still, harbour polls continue to show that fishers are angry.", "harbour polls"),
])
def test_an_infinitive_cue_takes_the_main_subject(auditor, text, source):
    """A cue after "to" whose phrase before runs into a verb ("X assembled on Monday to discuss"): the main clause's
    subject, not "X assembled on Monday to"; a headline's name before "to" is its subject."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", ["There's no way to tell which boat won the race.", "It's hard to say when the pier opens."])
def test_an_infinitive_after_an_impersonal_clause_has_no_source(auditor, text):
    """ "There's no way to tell", "It's hard to say": nobody before the "to" speaks."""
    assert [a.source for a in claims(auditor, text)[0].attributions if a.source] == []


@pytest.mark.parametrize("text, source", [
    ("Lind has spoken about the pier many times.", "Lind"),
    ("Harbour pilots speak of a safer season.", "Harbour pilots"),
    ("Reyes took a shot at the harbour board.", "Reyes"),
])
def test_speaking_of_and_taking_shots_at_are_speech(auditor, text, source):
    """ "has spoken about", "speak of", "took a shot at": forms of speech verbs the lists had only in other tenses
    ("spoke about", "talked about", "took aim at")."""
    assert one(auditor, text).source == source


# -- carry-over precision (tests/fixtures/carried_sample.tsv) ------------------------------------------

def test_a_kind_of_body_is_not_carried_to_another_named_body(auditor):
    # "the army" is no description of the health officials named before: left unresolved
    found = claims(auditor, "The Harbour Health Authority said nine people were hurt in the blast. "
                            "The army said a rocket had misfired.")
    second = found[1].attribution
    assert not second.inherited and second.source == "The army"


def test_a_generic_description_still_carries_to_the_named_body(auditor):
    found = claims(auditor, "The Harbour Workers Union said nine people were hurt in the blast. "
                            "The group said a rocket had misfired.")
    second = found[1].attribution
    assert second.inherited and second.source == "The Harbour Workers Union"


def test_he_is_not_carried_past_another_speaker_named_in_a_later_paragraph(auditor):
    # Lind is named, then another paragraph gives the ministry's words: "he" may be someone left out
    found = claims(auditor, "Ana Lind said the port was closed.\n\nThe Harbour Ministry said two ships had sunk.\n\n"
                            "He said three more were missing.")
    third = found[2].attribution
    assert not third.inherited and (third.kind, third.source) == ("named_person", "He")


def test_he_is_not_carried_three_paragraphs_back(auditor):
    found = claims(auditor, "Ana Lind said the port was closed.\n\nTwo ships sank.\n\nThe crews swam ashore.\n\n"
                            "He said three more were missing.")
    assert not found[3].attribution.inherited


def test_she_is_still_carried_past_another_speaker_of_the_same_paragraph(auditor):
    found = claims(auditor, "Ana Lind said the port was closed. Two ships sank, the ministry said.\n\n"
                            "She said three more were missing.")
    assert found[2].attribution.inherited and found[2].attribution.source == "Ana Lind"


def test_a_pronoun_is_the_name_opening_its_own_sentence(auditor):
    # Okafor opens the sentence whose "statement he posted" is the claim's source: not Lind, the last speaker
    found = claims(auditor, "Harbour Minister Ana Lind said two ships had sunk.\n\n"
                            "Okafor condemned the sinking in a brief statement he posted Tuesday on his website.")
    second = found[1].attribution
    assert (second.kind, second.source) == ("named_person", "Okafor")


def test_a_pronoun_is_carried_from_the_earlier_attribution_of_its_sentence_s_subject(auditor):
    found = claims(auditor, "Port director Ben Okafor said the harbour was closed. Ana Lind said two ships sank.\n\n"
                            "Mr. Okafor got the council to listen to warnings he has been repeating for years.")
    third = found[2].attribution
    assert third.inherited and third.source == "Port director Ben Okafor"


def test_a_pronoun_of_a_reporting_clause_is_not_the_sentence_s_subject(auditor):
    # "Okafor has no chance, he said": the speaker is Lind, not the man the sentence is about
    found = claims(auditor, "Ana Lind said the vote was close. Ben Okafor lost his seat.\n\n"
                            "Okafor has no chance of a comeback, he said.")
    assert found[2].attribution.source != "Okafor"


def test_a_word_capitalised_at_the_sentence_start_is_no_subject_for_the_pronoun(auditor):
    found = claims(auditor, "Ana Lind said the port was closed.\n\nAsked whether more ships sank, she said two had.")
    second = found[1].attribution
    assert second.inherited and second.source == "Ana Lind"


def test_they_is_the_group_opening_its_own_sentence(auditor):
    # "they" are the neighbours, not the residents quoted before
    found = claims(auditor, "Many residents of Dunmore said the water was unsafe.\n\n"
                            "Neighbours came out to tell of the 13 houses they say were flooded on Thursday.")
    second = found[1].attribution
    assert not second.inherited and second.source == "Neighbours"


def test_a_body_s_description_is_not_carried_six_paragraphs_back(auditor):
    # six paragraphs on, "the ministry" may be another country's: left unresolved
    filler = "".join(f"Ship {n} sank near the pier.\n\n" for n in ("one", "two", "three", "four", "five"))
    found = claims(auditor, "The Dunmore Health Ministry said 12 people had died.\n\n" + filler
                            + "The ministry confirmed the death of a visiting sailor.")
    last = found[-1].attribution
    assert not last.inherited and last.source == "The ministry"


def test_a_body_s_description_still_carries_a_few_paragraphs_back(auditor):
    found = claims(auditor, "The Dunmore Health Ministry said 12 people had died.\n\nShip one sank near the pier.\n\n"
                            "The ministry confirmed the death of a visiting sailor.")
    last = found[-1].attribution
    assert last.inherited and last.source == "The Dunmore Health Ministry"


# -- sources of figures: verbs whose subject gives the figure in their object ----------------------------------------

@pytest.mark.parametrize("sentence, source, cue", [
    ("The Harbour Health Ministry revised the death toll from the ferry fire down from 50 to 47 on Wednesday.",
     "The Harbour Health Ministry", "revised"),
    ("The Northgate Coast Guard put the death toll at 12.", "The Northgate Coast Guard", "put"),
    ("The port authority puts the number of missing at 30.", "The port authority", "puts"),
    ("Harbour health officials raised their toll on Friday to more than 120 people.", "Harbour health officials",
     "raised"),
    ("The Northgate Ferry Union has pegged the toll beyond 800 people.", "The Northgate Ferry Union", "pegged"),
    ("The Ferry Institute gave its most recent toll of 1,078 on Nov. 10.", "The Ferry Institute", "gave"),
    # a relative clause or a later reporting verb does not take the figure away from the body that gives it
    ("The Harbour Ministry in Northgate, which the council has run since 2007, has put the toll above 105, "
     "and it says 40 of them were children.", "The Harbour Ministry in Northgate", "put"),
])
def test_a_body_that_puts_or_revises_a_toll_is_the_figures_source(auditor, sentence, source, cue):
    a = one(auditor, sentence)
    assert (a.source, a.cue) == (source, cue) and a.kind != "none"


@pytest.mark.parametrize("sentence", [
    "The deaths raised the toll to 205.",                 # an event, not a source
    "The storm raised the number of dead to 14.",
    "The council put pressure on the ferry company.",    # no figure in the object
    "She raised three children in Northgate.",            # a figure, but no count noun before it
    "The pilots put the boats at anchor for 3 days.",
    "Initially 40 bodies were recorded at the pier.",     # a passive: no source
])
def test_a_toll_verb_without_a_source_or_a_toll_is_no_cue(auditor, sentence):
    assert one(auditor, sentence).kind == "none"


@pytest.mark.parametrize("sentence, source, cue", [
    ("The Northgate General Hospital registered 61 deaths since Monday morning.", "The Northgate General Hospital",
     "registered"),
    ("The Ferry Workers Union has documented 34 attacks on crews since May.", "The Ferry Workers Union", "documented"),
    ("Norway also counts 40 killed in the crash.", "Norway", "counts"),
    ("The Northgate Wreck Registry has identified 2,018 wrecks since 1992.", "The Northgate Wreck Registry",
     "identified"),
    ("Coast guard agencies estimate 100 to 300 people drowned.", "Coast guard agencies", "estimate"),
])
def test_a_body_that_counts_a_figure_is_its_source(auditor, sentence, source, cue):
    a = one(auditor, sentence)
    assert (a.source, a.cue) == (source, cue) and a.kind != "none"


@pytest.mark.parametrize("sentence", [
    "Of registered 312 boats, two sank in the storm.",                  # a participle after a preposition
    "The pilots identified the man as one of six crew members.",        # no figure right after the verb
    "Forty deaths were recorded at the pier.",
])
def test_a_count_verb_without_a_figure_after_it_or_a_subject_is_no_cue(auditor, sentence):
    assert one(auditor, sentence).kind == "none"


@pytest.mark.parametrize("sentence, source", [
    ("The Harbour Ministry had previously estimated the death toll at 1,400.", "The Harbour Ministry"),
    ("Norway would later estimate the death toll at 1,200 people.", "Norway"),
    # any short object when a figure follows "at" or "to be", a currency sign allowed
    ("The Harbour Board estimated the damage at $2 billion.", "The Harbour Board"),
    ("Organisers estimated the crowd to be about 20,000.", "Organisers"),
])
def test_an_estimate_of_a_toll_names_its_source(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_an_estimate_verb_with_a_plain_object_stays_no_cue(auditor):
    assert one(auditor, "The harbour estimates the damage was severe.").kind == "none"
    assert one(auditor, "The harbour board estimated the damage at the pier.").kind == "none"
    assert one(auditor, "Lind estimated the ferry left at 10 and was late.").kind == "none"      # a verb between
    assert one(auditor, "Reyes forecast the vote at 5 p.m. would be close.").kind == "none"     # a clock time


@pytest.mark.parametrize("sentence", [
    "One pilot, Ana Lind, 35, showed up in the gear of the harbour union.",
    "Then the pilots showed up at the pier.",
])
def test_showed_up_is_no_evidence(auditor, sentence):
    assert [a.cue for a in claims(auditor, sentence)[0].attributions] == []


def test_an_evidence_subject_keeps_its_appositive(auditor):
    a = one(auditor, "Two harbour analysts, Ana Lind and Mark Reyes, found in 2014 that the pier was the best.")
    assert (a.kind, a.source_span.text) == ("unnamed_group", "Two harbour analysts, Ana Lind and Mark Reyes")


@pytest.mark.parametrize("sentence, sources", [
    # a clause whose verb is irregular ("won"), then "and" and a name: the name opens a clause of its own
    ("Neither ferry won a berth and Lind strongly suggested the pier should close.", ["Lind"]),
    # a sentence opening with "And": the conjunction is no part of the subject
    ("And nearly half said the ferry should run.", ["nearly half"]),
    # a second share of respondents after "and", with "nearly" before it
    ("Two in three said the pier is safe, and nearly three in five said the ferry is late.",
     ["Two in three", "nearly three in five"]),
    # a relative aside holding commas of its own: the subject is the name before it
    ("Ana Lind, whose firm, Northgate Tugs, tows barges for the port, said the pier was closed.", ["Ana Lind"]),
    # a belief verb after a closing quotation reads the speaker after it
    ('"She proved them wrong," remembered Ben Okafor, the harbour master.', ["Ben Okafor, the harbour master"]),
])
def test_subjects_past_conjunctions_asides_and_quotations(auditor, sentence, sources):
    found = claims(auditor, sentence)
    assert len(found) == 1
    assert [a.source for a in found[0].attributions if not a.nested] == sources


def test_a_straight_mark_after_a_comma_closes_a_quotation_opened_in_an_earlier_sentence(auditor):
    # the sentence starts inside a quotation: its closing mark is no opener, so the speaker after it is the
    # claim's source, not nested, and the quoted words' own verbs are nested
    found = claims(auditor, 'Ana Lind spoke at the pier.\n\nYou sail on time, but that is not how the pier '
                            'works," Lind said.')[-1]
    own = [a for a in found.attributions if not a.nested]
    assert [(a.source, a.cue) for a in own] == [("Lind", "said")]


def test_a_word_quoted_inside_an_aside_does_not_hide_the_subject_before_it(auditor):
    found = claims(auditor, "Ana Lind, who calls the pier a “disgrace,” said the ferry should stop.")
    assert ("Ana Lind", "said") in [(a.source, a.cue) for a in found[0].attributions if not a.nested]


@pytest.mark.parametrize("sentence, source", [
    # a clause, "and", then a phrase headed by people: that phrase alone is the subject
    ("The plan failed and harbour officials said the pier would stay shut.", "harbour officials"),
    # a relative pronoun with a subject of its own before the cue: "who" is the object, not the speaker
    ("Lind is a pilot who Northgate officials say is the best in the port.", "Northgate officials"),
])
def test_a_subject_after_a_clause_or_an_object_relative_starts_there(auditor, sentence, source):
    assert source in [a.source for a in claims(auditor, sentence)[0].attributions if not a.nested]


def test_a_relative_clause_with_a_verb_of_its_own_stays_in_the_subject(auditor):
    a = one(auditor, "Officials who spoke on condition of anonymity said the pier would close.")
    assert a.source.startswith("Officials") and a.cue == "said"


@pytest.mark.parametrize("sentence, source, kind", [
    # a subject relative opened by "that", or chained by "and who", stays in the subject with its clause, and an
    # anonymity it states makes the source anonymous
    ("Groups that have endorsed Lind say the pier should close.", "Groups that have endorsed Lind", "unnamed_group"),
    ("A pilot who worked at the pier and who did not want to be named said the ferry was late.",
     "A pilot who worked at the pier and who did not want to be named", "anonymous"),
    ("A pilot who didn’t want to be named said the ferry was late.", "A pilot who didn’t want to be named",
     "anonymous"),
    # with a contracted auxiliary and no clause boundary before: not the name ending the clause
    ("Many pilots who’d rather be sailing for Lind or Ana Ortiz said they backed the plan.",
     "Many pilots who’d rather be sailing for Lind or Ana Ortiz", "unnamed_group"),
])
def test_a_subject_relative_without_commas_is_part_of_the_source(auditor, sentence, source, kind):
    found = [a for a in claims(auditor, sentence)[0].attributions if not a.nested]
    assert [(a.source_span.text, a.kind) for a in found] == [(source, kind)]


@pytest.mark.parametrize("sentence, source", [
    # a quotation closing on a single mark inside the double one ends before the speaker
    ("Her \"finest role was 'keeping the port open,'\" Reyes says, a job few mayors manage.", "Reyes"),
    # a speaker after the verb with a long "of" tail: the words before "of" are what count as a name's
    ('"It was a long shot," said Ana Lind of the Northgate Harbour Institute of Maritime and Port Law.',
     "Ana Lind of the Northgate Harbour Institute of Maritime and Port Law"),
    # a sentence adverb between the subject and the verb, without commas
    ("Reyes however said the pier would stay shut.", "Reyes"),
    ("The pilots meanwhile told reporters the pier was shut.", "The pilots"),
])
def test_speakers_found_past_a_nested_close_a_long_tail_or_an_adverb(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions if not a.nested] == [source]


@pytest.mark.parametrize("sentence, source", [
    # a time aside in commas between subject and verb
    ("Then the Harbour Board, only two months later, announced plans to merge.", "the Harbour Board"),
    # an appositive closing on a list of items ("for ports, harbours, and ferries")
    ('The plans "are steps in the right direction," Ana Lind, head of ports, harbours, and ferries, said.',
     "Ana Lind, head of ports, harbours, and ferries"),
    # an inverted speaker after an opening conjunction, before a quotation
    ('But, said Reyes, "I do not want conflict."', "Reyes"),
    # a question put to the subject, in commas before its verb
    ("Lind, when asked what was wrong, responded that the plan failed.", "Lind"),
    # degree words before an adjective taking "to" ("slightly more likely to say")
    ("Pilots were slightly more likely to say they preferred Lind.", "Pilots"),
])
def test_a_time_aside_or_degree_words_between_subject_and_cue(auditor, sentence, source):
    assert [a.source_span.text for a in claims(auditor, sentence)[0].attributions if not a.nested][:1] == [source]


@pytest.mark.parametrize("sentence, wrong", [
    # a comma piece ending in "later" that is no time phrase is the subject, not an aside to drop
    ("After the vote, pilots hired later, said the pier was unsafe.", "the vote"),
    # a time aside after a relative pronoun is the relative's
    ("Pilots who, two years ago, said the ferry was late now back Lind.", "who"),
    # a bare plural after ", and" opens a clause: no list of items in an appositive
    ("Reyes, a pilot, and captains, too, said the pier was shut.", "Reyes, a pilot, and captains"),
    # a lead-in before names joined by "or" is no name of a list
    ("Northgate, Lind or Reyes said the pier was unsafe.", "Northgate, Lind or Reyes"),
])
def test_asides_and_lists_the_rules_must_not_invent(auditor, sentence, wrong):
    assert wrong not in [a.source_span.text for a in claims(auditor, sentence)[0].attributions if a.source_span]


@pytest.mark.parametrize("text, first, later", [
    # an organisation's description refers back to a name it heads before a preposition ...
    ("The Committee to Protect Journalists said the toll rose. The committee said it would publish the list.",
     "The Committee to Protect Journalists", "The Committee to Protect Journalists"),
    # ... but not to a body named only in a participle phrase of another's name
    ("The Harbour Board, backed by the ministry, said the toll rose. The ministry added that the pier was shut.",
     "The Harbour Board, backed by the ministry", "The ministry"),
])
def test_a_bodys_description_refers_back_to_the_name_it_heads(auditor, text, first, later):
    found = claims(auditor, text)
    assert (found[0].attribution.source, found[1].attribution.source) == (first, later)


def test_a_speaker_after_the_verb_does_not_run_into_a_clause(auditor):
    found = claims(auditor, '"It was late," said Lind of the ferry as it finally docked at the old pier.')[0]
    assert all(a.source_span is None or "docked" not in a.source_span.text for a in found.attributions)


@pytest.mark.parametrize("sentence, source", [
    # "that" after a verb opens its complement, not a relative clause of the phrase before
    ("The report noted that only one of the 40 pilots publicly supports Lind.", "The report"),
    # a relative clause ending in "to" holds the cue itself: its object is the source
    ("The storm that has caused the pilots to complain was the worst in years.", "the pilots"),
])
def test_a_that_clause_is_no_subject_relative(auditor, sentence, source):
    assert [a.source for a in claims(auditor, sentence)[0].attributions if not a.nested][:1] == [source]


@pytest.mark.parametrize("sentence, kind", [
    # a person named in a relative clause is not the source: the head before it is
    ("Pilots who spoke with Ana Lind said the pier was shut.", "unnamed_group"),
    ("A woman who has accused Mayor Mark Reyes of fraud said the pier was shut.", "unnamed_group"),
    # a name before the relative still is
    ("Mark Reyes, who heads the Harbour Board, said the pier was shut.", "named_person"),
])
def test_a_name_inside_a_relative_clause_does_not_name_the_source(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind


def test_a_relative_clause_ending_in_a_preposition_is_no_subject(auditor):
    found = claims(auditor, "It is time for the port's annual dinner, a ritual that may seem to be a relic of a "
                            "different era in the face of recently announced layoffs.")[0].attributions
    assert [a.source_span for a in found if a.cue == "announced"] == [None]


@pytest.mark.parametrize("sentence, source", [
    # a relative clause of an earlier clause is no aside of this subject
    ("Lind, who runs the port, closed the pier, and the pilots, too, said it was safe.", "the pilots"),
    # "and" joining modifiers or two people is no clause boundary
    ("The report, which was leaked, drew criticism, and current and former officials said it was wrong.",
     "current and former officials"),
    ("The pier is closed and the ferry is late, and the mayor and his aides said the town would pay.",
     "the mayor and his aides"),
    ("The pier closed, so local and state officials said the town would pay.", "local and state officials"),
    # a relative clause with a verb of its own stays in the subject
    ("The pilots who nearly died said the pier was closed.", "The pilots who nearly died"),
])
def test_subject_boundaries_the_rules_must_not_invent(auditor, sentence, source):
    assert [a.source for a in claims(auditor, sentence)[0].attributions if not a.nested] == [source]


def test_a_negated_passive_has_no_subject_source(auditor):
    found = claims(auditor, "The Harbour Gazette also reported that 1,200 ferry fares weren’t disclosed.")
    assert [(a.source, a.cue) for a in found[0].attributions] == [("The Harbour Gazette", "reported")]


def test_an_object_relative_s_speaker_is_no_primary_before_the_main_clause_s(auditor):
    # "which the board said ..." is the board's aside; Lind speaks the sentence
    a = one(auditor, "And if the port shuts the pier — which the board said Monday it is planning — the ferries "
                     "will stop, Lind said.")
    assert a.source == "Lind"


def test_a_list_ending_in_a_comma_before_an_inverted_verb_is_not_split_at_and(auditor):
    found = claims(auditor, "The dead included 39 children and 25 women, said the harbour master Ana Lind, "
                            "adding that 40 were hurt.")
    assert "25 women" not in [a.source for a in found[0].attributions]


def test_in_the_words_of_names_the_source_that_follows(auditor):
    """ "was, in the words of a senior adviser, ...": a prepositional cue like "according to"."""
    a = one(auditor, 'The mayor was, in the words of a senior adviser, "the best chance" the town had.')
    assert (a.source, a.kind) == ("a senior adviser", "anonymous")


@pytest.mark.parametrize("text, source", [
    ("Lind took to Twitter to say the toll was fair.", "Lind"),
    ("The harbour chief took to the steps of the pier Wednesday to assail the ferry plan.", "The harbour chief"),
    ("Harbour defenders today argue that the pier was fine.", "Harbour defenders"),
    ("Lind seldom speaks of her brother.", "Lind"),
    ("The numbers changed over the summer, as Lind has sometimes acknowledged.", "Lind"),
    ("Mayor Ana Lind on Monday hit the trail, accusing Reyes of waste.", "Mayor Ana Lind"),
    ("Mayor Ana Lind hit the trail, trashing the toll plan.", "Mayor Ana Lind"),
])
def test_subjects_behind_a_place_an_adverb_or_a_time(auditor, text, source):
    """ "took to Twitter to say" (the verb's subject speaks), adverbs and times between the subject and its
    verb ("today", "seldom", "on Monday" are no part of the source), a participle after the main clause."""
    assert one(auditor, text).source == source


def test_documented_by_names_the_source_after_it(auditor):
    """ "documented by X": a prepositional cue, as "according to" is."""
    assert one(auditor, "Lind was arrested twice, in arrests documented by the Northgate Herald.").source \
        == "the Northgate Herald"


@pytest.mark.parametrize("text", ["Guests ate at a chocolate fountain courtesy of the harbour board.",
                                  "The funding came courtesy of a federal grant."])
def test_courtesy_of_is_no_cue(auditor, text):
    """ "courtesy of" thanks a sponsor or names a means as often as a source: not a cue."""
    assert [a.source for a in claims(auditor, text)[0].attributions if a.source] == []


@pytest.mark.parametrize("text, source", [
    ("Shortly after the vote, the ferry pilots had mobilized, warning that the deal would fail.", "the ferry pilots"),
    ("Just before the ferry left, the pilot asked for volunteers to move to the back.", "the pilot"),
    ("Long before the vote, Lind left the hall, saying the toll was fair.", "Lind"),
])
def test_a_degree_word_before_an_introduction_is_no_subject(auditor, text, source):
    """ "Shortly after the vote, X ...": the introduction ends at its comma; "Shortly" is no speaker."""
    assert one(auditor, text).source == source


def test_a_closing_quotation_mark_opens_no_quotation(auditor):
    """ '"Nothing happened," she said': the comma and mark close the quoted words, so "happened" introduces
    nothing (it was read as 'X boasted, "..."', with "Nothing" as a speaker)."""
    found = claims(auditor, '"Nothing happened," she said.')[0].attributions
    assert [(a.source, a.cue) for a in found] == [("she", "said")]


def test_everybody_after_a_quotation_is_a_group(auditor):
    assert one(auditor, '"It is fine," everybody said.').kind == "unnamed_group"


@pytest.mark.parametrize("text", ["Whenever officials say the pier is safe, it floods.",
                                  "Wherever officials say the pier is safe, it floods."])
def test_whenever_opens_no_source(auditor, text):
    """ "Whenever officials say": the subordinator is no part of the source, as "When" is not."""
    assert one(auditor, text).source == "officials"


def test_a_participle_with_its_preposition_or_a_weekday_is_no_source(auditor):
    """ "while commenting on the divide ... highlighted": a clause, not a speaker, so nothing a later "They"
    could carry over; nor is "Sunday" the one commenting. A noun in -ing ("polling of his members showed")
    stays a source."""
    first, later = claims(auditor, "Sunday, while commenting on the racial divide in America highlighted by the "
                                   "recent shootings in Ohio, Governor Ana Lind said the country was hurting. "
                                   "They want safe homes.")
    sources = [a.source for c in (first, later) for a in c.attributions]
    assert not any((s or "").startswith(("commenting", "Sunday")) for s in sources)
    assert one(auditor, "Polling of his members showed that the toll was unpopular.").source \
        == "Polling of his members"
    assert one(auditor, "Since then, reporting by the Herald has found that the pier leaked.").source \
        == "reporting by the Herald"


@pytest.mark.parametrize("text", [
    "He and his sisters joined a resistance movement called the Harbour Party.",
    "The firm was renowned for a chummy corporate culture called “The Pier Way.”",
    "An anti-Lind super PAC called Our Principles is ramping up.",
    'There is also a regular series, called "Quick Question," in which Lind talks.',
    "Israel has also called in the ambassadors of Freedonia and Sylvania.",
    "The mayor called off the vote.",
])
def test_called_naming_a_thing_or_summoning_is_no_cue(auditor, text):
    """ "a movement called the Harbour Party" names a thing (up to three words after the article, and "the"
    before a name); "called in", "called off" summon and cancel."""
    assert [a for a in claims(auditor, text)[0].attributions if a.cue and "called" in a.cue.lower()] == []


@pytest.mark.parametrize("text, source", [
    ("The mayor called the Harbour Party a disgrace.", "The mayor"),
    ("Ortiz, a Reyes ally, called Harbour’s standards “strong.”", "Ortiz, a Reyes ally"),
    ("A spokesman called Reyes a liar.", "A spokesman"),
    ("The Pentagon called the Reuters report inaccurate.", "The Pentagon"),
    ("Reyes, a fierce critic, called Lind a liar.", "Reyes, a fierce critic"),
    ("Lind has called in the past for higher tolls.", "Lind"),
])
def test_called_as_a_view_keeps_its_speaker(auditor, text, source):
    """A person's title before "called" keeps the verb ("a spokesman called ..."); a word beginning in "a"
    ("ally,", "also") is no article before a named thing; "the" before a name after "called" is an object."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", ["USA Today reported that the pier was unsafe.", "USA Today said the pier was unsafe."])
def test_a_capitalised_filler_is_part_of_a_name(auditor, text):
    """ "today" between a subject and its verb is skipped, and a source never ends in it; "Today" in "USA Today"
    is part of the name."""
    a = one(auditor, text)
    assert (a.source, a.kind) == ("USA Today", "outlet")


@pytest.mark.parametrize("text", ["City officials said the pier would close on Friday.",
                                  "The pier will close, county officials said."])
def test_city_and_county_officials_speak_for_their_government(auditor, text):
    assert one(auditor, text).kind == "named_org"


@pytest.mark.parametrize("text", ["Officials welcome visitors to the fair every summer.",
                                  "Visitors are welcome to fish from the pier."])
def test_welcome_as_hospitality_is_no_cue(auditor, text):
    assert [a for a in claims(auditor, text)[0].attributions if "welcome" in (a.cue or "")] == []


@pytest.mark.parametrize("text, source", [
    ("The progressive group One Harbour Now said the pier was unsafe.", "The progressive group One Harbour Now"),
    ("The watchdog group Reporters Without Borders said the pier was unsafe.",
     "The watchdog group Reporters Without Borders"),
])
def test_an_organisation_noun_before_a_name_is_an_organisation(auditor, text, source):
    """ "the watchdog group Reporters Without Borders": the name after a lower-case organisation noun names the
    organisation, whatever its words ("Now" ends the name, not a time); not "the party leader Ana Lind"."""
    a = one(auditor, text)
    assert (a.source, a.kind) == (source, "named_org")
    assert one(auditor, "The party leader Ana Lind said the pier was unsafe.").kind == "named_person"


@pytest.mark.parametrize("text, kind", [
    ("The Iran-backed group said the pier was unsafe.", "named_org"),
    ("Pier Watch Harbour, an international media advocacy group, said the pier was unsafe.", "named_org"),
    ("Another agency, Save the Harbour, said the pier was unsafe.", "named_org"),
    ("Ana Lind of the Harbour Group, a consulting company, said the pier was unsafe.", "named_person"),
    ("Ana Lind, chief executive of the Harbour Aid group, said the pier was unsafe.", "named_person"),
])
def test_a_phrase_headed_by_an_organisation_noun_is_an_organisation(auditor, text, kind):
    """The phrase or its appositive headed by a lower-case organisation noun ("group", "agency"), no title in it:
    an organisation; a person "of" one stays a person."""
    assert one(auditor, text).kind == kind


@pytest.mark.parametrize("text, kind", [
    ("The military said it killed five fighters in the raid.", "named_org"),
    ("The Lebanese army said it fired back.", "named_org"),
    ("An angry army of harbour workers had amassed at the pier, calling for a strike.", "unnamed_group"),
])
def test_armed_forces_are_organisations_and_an_army_of_people_a_crowd(auditor, text, kind):
    """ "the military", "the Lebanese army" speak as institutions (as "the Israeli military" does); "an army of
    workers" is a crowd (`force_heads`)."""
    assert one(auditor, text).kind == kind


def test_a_body_description_refers_back_only_to_a_name_it_heads(auditor):
    """ "The ministry said" after "The Harbour Ministry's press office said" is not the press office: the anaphor's
    noun must head the earlier name, not only appear in it."""
    found = claims(auditor, "The Harbour Ministry's press office said the pier was closed. The ministry said "
                            "later that it would reopen.")
    assert found[1].attribution.source == "The ministry" and not found[1].attribution.inherited


@pytest.mark.parametrize("text, source", [("The U.S. said the pier would close.", "The U.S."),
                                          ("The pier will close, the U.S. said.", "the U.S.")])
def test_a_dotted_initialism_keeps_its_last_dot(auditor, text, source):
    """ "The U.S." is the country (named_org); trimmed to "The U.S" it was no country and became a group."""
    a = one(auditor, text)
    assert (a.source, a.kind) == (source, "named_org")


def test_tallies_are_documents(auditor):
    """ "Israeli tallies show ...": a count is a document, as "figures" are, so the figure it gives is sourced."""
    a = one(auditor, "Freedonian tallies show raiders killed 1,200 people in the October attack.")
    assert (a.source, a.kind) == ("Freedonian tallies", "document")


@pytest.mark.parametrize("text, source", [
    ("A banner read “Stop the tolls.”", "A banner"),
    ("The rebels’ slogan calls for the pier to be freed.", "The rebels’ slogan"),
])
def test_banners_slogans_and_charters_are_documents(auditor, text, source):
    a = one(auditor, text)
    assert (a.source, a.kind) == (source, "document")


@pytest.mark.parametrize("text, source", [
    ("7:10 p.m. Lebanon's army said it fired at a drone.", "Lebanon's army"),
    ("Only hours earlier Tajani said the ship would sail.", "Tajani"),
])
def test_a_time_opening_the_subject_without_a_comma_is_cut(auditor, text, source):
    """A live blog's clock time or "Only hours earlier" before the subject is no part of the source."""
    assert one(auditor, text).source == source


@pytest.mark.parametrize("text", [
    "The toll rose to 1,200, the ministry said, adding that 300 were children.",
    "Thirty-four pilots have been hurt on the pier, a harbour union said Friday, accusing the board of neglect.",
])
def test_a_participle_after_a_reporting_aside_is_its_speakers(auditor, text):
    """ "..., the ministry said, adding ...": the participle is the aside's speaker's, never the sentence's
    subject ("The toll", "Thirty-four pilots")."""
    sources = {a.source for a in claims(auditor, text)[0].attributions}
    assert not sources & {"The toll", "Thirty-four pilots"} and len(sources) == 1


def test_a_war_that_claimed_lives_claims_nothing(auditor):
    """ "The war has claimed the lives of ...": taken, not said (`cue_other_senses`); "claimed responsibility" is
    still a claim."""
    assert claims(auditor, "The war has claimed the lives of more than 1,200 people.")[0].attributions == []
    assert one(auditor, "The harbour front claimed responsibility for the fire.").source == "The harbour front"


@pytest.mark.parametrize("text, speaker", [
    ("The governor signed the bill, a move critics said was overdue, adding that more reform was needed.",
     "The governor"),
    ("The mayor closed the beach, which residents said was dangerous, warning that the tide was high.", "The mayor"),
    ("The rebels seized the town, a claim the government denies, adding that they held the airport.", "The rebels"),
    ("The toll rose to 1,200, officials said in a statement, adding that 300 were children.", "officials"),
])
def test_a_relative_clause_between_commas_is_no_reporting_aside(auditor, text, speaker):
    """Only an aside of a speaker, a speech verb and words such as "on Friday" or "in a statement" takes the
    participle; a relative clause without its pronoun ("a move critics said was overdue") leaves it to the
    sentence's subject."""
    found = claims(auditor, text)[0].attributions
    assert speaker in [a.source for a in found]


def test_claimed_before_a_clause_is_still_a_claim(auditor):
    assert one(auditor, "Ana Lind claimed victims were paid to stay silent.").source == "Ana Lind"


@pytest.mark.parametrize("text, referent", [
    ("The UN refugee agency UNRWA said the camp was full. The agency said supplies would run out.",
     "The UN refugee agency UNRWA"),
    ("The Harbour Refugee Council, an aid agency, said the camp was full. The agency said supplies would run out.",
     "The Harbour Refugee Council, an aid agency"),
    ("The Agriculture and Fisheries Ministry said the pier was closed. The ministry said it would reopen.",
     "The Agriculture and Fisheries Ministry"),
])
def test_a_body_description_refers_back_to_the_name_it_heads_or_precedes(auditor, text, referent):
    """The noun heads the name, its appositive, or stands right before a name ("agency UNRWA")."""
    assert claims(auditor, text)[1].attribution.source == referent


@pytest.mark.parametrize("sentence, source", [
    ("The harbour will close in May, Ana Lind, Tomas Reyes, and Maria Ortiz said on Monday.",
     "Ana Lind, Tomas Reyes, and Maria Ortiz"),
    ("Lind, Reyes, and Ortiz said the pier is safe.", "Lind, Reyes, and Ortiz"),
    ("The pier closed at noon, the ferry stopped, and Reyes said the port was shut.", "Reyes"),
])
def test_a_list_of_names_with_a_comma_before_and_is_the_source_whole(auditor, sentence, source):
    assert one(auditor, sentence).source == source


def test_a_pronoun_after_a_list_of_names_with_a_serial_comma_is_no_one_of_them(auditor):
    first, second = claims(auditor, "Lind, Reyes, and Ortiz said the pier is safe. He added that the harbour is open.")
    assert first.attribution.source == "Lind, Reyes, and Ortiz"
    assert not second.attribution.inherited and second.attribution.source == "He"


@pytest.mark.parametrize("sentence, source", [
    ("On June 5 the board said the pier would reopen.", "the board"),
    ("In May 2016 the harbour board said the pier would reopen.", "the harbour board"),
    ("In 2016 the board said the pier would reopen.", "the board"),
    ("May Lind said the pier would reopen.", "May Lind"),
])
def test_a_date_opening_the_sentence_without_a_comma_is_no_part_of_the_subject(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, source", [
    ("Still, said Reyes, the pier is shut.", "Reyes"),
    ("But, said Reyes, a pilot, the pier will reopen.", "Reyes, a pilot"),
    ("But, said Otto Brenn, who has fished here, the town will lose.", "Otto Brenn, who has fished here"),
])
def test_a_speaker_between_an_opener_and_the_clause_it_reports_ends_where_the_clause_begins(auditor, sentence, source):
    assert one(auditor, sentence).source == source


@pytest.mark.parametrize("sentence, kind", [
    ("The ferry will run late, said Reyes, a pilot who has sailed here.", "named_person"),
    ("The ferry will run late, said Reyes, a pilot with the UN.", "named_person"),
    ("The ferry will run late, the WHO said.", "named_org"),
])
def test_an_acronym_marks_an_organisation_only_in_capitals(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind


@pytest.mark.parametrize("sentence, kind", [
    ("The pier will close, said Reyes, a pilot who joined the Harbour Union in May.", "named_person"),
    ("The pier will close, said Quill, whose union is lobbying the Harbour Board.", "named_person"),
    ("The pier will close, said Acme, a company based in Ohio.", "named_org"),
])
def test_organisations_named_in_a_persons_relative_clause_do_not_make_the_person_a_body(auditor, sentence, kind):
    assert one(auditor, sentence).kind == kind
