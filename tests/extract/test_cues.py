"""Table tests for cue words: the speech-verb lexicon, cognition verbs, ``according to``.

The lexicons are data (``extract/data/*.txt``); ``find_cues`` labels every hit with its
lemma and class. A speech verb is found in its present, past and -ing forms; a cognition
verb (believe, think) is found but is not speech; parts of longer words are not cues.
"""

import pytest

from quotesvc.extract import extract
from quotesvc.extract.cues import find_cues
from quotesvc.extract.lexicon import cognition_verbs, speech_verbs


def _cues(text):
    return [(text[c.start : c.end], c.lemma, c.kind) for c in find_cues(text)]


SPEECH_FORMS = [
    pytest.param("say", ["say", "says", "said", "saying"], id="say-irregular"),
    pytest.param("tell", ["tell", "tells", "told", "telling"], id="tell-irregular"),
    pytest.param("argue", ["argue", "argues", "argued", "arguing"], id="argue-e-final"),
    pytest.param("admit", ["admit", "admits", "admitted", "admitting"], id="admit-doubled-consonant"),
    pytest.param("reply", ["reply", "replies", "replied", "replying"], id="reply-y-to-ied"),
    pytest.param("stress", ["stress", "stresses", "stressed", "stressing"], id="stress-es"),
    pytest.param("insist", ["insist", "insists", "insisted", "insisting"], id="insist-regular"),
    pytest.param("write", ["write", "writes", "wrote", "written", "writing"], id="write-irregular"),
    pytest.param("point out", ["point out", "points out", "pointed out", "pointing out"], id="phrasal"),
    pytest.param("make reference to", ["makes reference to", "made reference to"], id="multiword"),
    pytest.param("agree", ["agree", "agrees", "agreed", "agreeing"], id="agree-ee-final"),
    pytest.param("concur", ["concurs", "concurred", "concurring"], id="concur-doubled-consonant"),
    pytest.param("exclaim", ["exclaims", "exclaimed", "exclaiming"], id="exclaim"),
    pytest.param("muse", ["muses", "mused", "musing"], id="muse"),
    pytest.param("snap", ["snaps", "snapped", "snapping"], id="snap-irregular"),
    pytest.param("fire back", ["fires back", "fired back", "firing back"], id="fire-back-phrasal"),
    pytest.param("shoot back", ["shoots back", "shot back"], id="shoot-back-phrasal"),
    pytest.param("fume", ["fumes", "fumed", "fuming"], id="fume"),
    pytest.param("brag", ["brags", "bragged", "bragging"], id="brag-doubled-consonant"),
    pytest.param("marvel", ["marvels", "marvelled", "marvelling"], id="marvel-uk-doubling"),
    pytest.param("grumble", ["grumbles", "grumbled", "grumbling"], id="grumble"),
    pytest.param("chant", ["chants", "chanted", "chanting"], id="chant"),
    pytest.param("crack", ["cracks", "cracked", "cracking"], id="crack"),
    pytest.param("beg", ["begs", "begged", "begging"], id="beg-doubled-consonant"),
    pytest.param("confide", ["confides", "confided", "confiding"], id="confide"),
    pytest.param("text", ["texts", "texted", "texting"], id="text-es-free"),
    pytest.param("wonder", ["wonders", "wondered", "wondering"], id="wonder"),
]


@pytest.mark.parametrize(("lemma", "forms"), SPEECH_FORMS)
def test_speech_verb_forms_are_cues(lemma, forms):
    table = speech_verbs()
    for form in forms:
        assert table.get(form) == lemma
        text = f"The minister {form} it."
        assert _cues(text) == [(form, lemma, "speech")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        pytest.param("Said the minister: no.", ("Said", "say", "speech"), id="capitalised"),
        pytest.param("She points  out the flaw.", ("points  out", "point out", "speech"), id="phrasal-two-blanks"),
        pytest.param("It was, according to the board, late.", ("according to", "according to", "according"),
                     id="according-to"),
        pytest.param("Critics believe it.", ("believe", "believe", "cognition"), id="believe-cognition"),
        pytest.param("She thought so.", ("thought", "think", "cognition"), id="thought-cognition"),
        pytest.param("He hopes so.", ("hopes", "hope", "cognition"), id="hope-cognition"),
        pytest.param("\u201cIt happens,\u201d Trump went on.", ("went on", "go on", "speech"), id="went-on-at-a-clause-end"),
        pytest.param("\u201cNo,\u201d her husband cut in: \u201cnever.\u201d", ("cut in", "cut in", "speech"),
                     id="cut-in-before-a-colon"),
    ],
)
def test_cue_class(text, cue):
    assert _cues(text) == [cue]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("It was his say-so that mattered.", id="hyphenated-compound"),
        pytest.param("The team went on to win the title.", id="went-on-to-a-verb"),
        pytest.param("The ministers cut in half the budget.", id="cut-in-half"),
        pytest.param("The tell\u2019s owner was out.", id="apostrophe-suffix"),
        pytest.param("An unsaid essay of old sayings.", id="inside-longer-words"),
        pytest.param("Wells and Tellford are towns.", id="inside-names"),
        pytest.param("The statement was short.", id="statement-is-not-state"),
        pytest.param("Last week the editors of The Washington Post ran the story on page one.", id="capitalised-after-a-name"),
        pytest.param("She studied political science at Iowa State University for four years.", id="capitalised-inside-a-name"),
        pytest.param("He moved to the United States in 1990.", id="united-states"),
        pytest.param("The spokeswoman Hope Hicks was there.", id="capitalised-before-a-name"),
    ],
)
def test_not_a_cue(text):
    assert _cues(text) == []


@pytest.mark.parametrize(
    ("text", "form"),
    [
        pytest.param("Says Mr Mayo: it is late.", "Says", id="sentence-start"),
        pytest.param("Murphy, the head of the group, Tweeted on Friday.", "Tweeted", id="after-a-comma"),
        pytest.param("Pence Says Flowers Will Not Attend the Debate", "Says", id="title-case-headline"),
    ],
)
def test_a_capitalised_cue_form_outside_a_name_is_a_cue(text, form):
    assert [c[0] for c in _cues(text)] == [form]


def test_lexicons_do_not_overlap():
    assert not set(speech_verbs()) & set(cognition_verbs())


def test_every_form_of_a_multi_word_cue_has_its_head():
    # "chime in | chimes in chimed in …" once made "in in" a cue ("did Romney in in 2012").
    for form, lemma in speech_verbs().items():
        tail = lemma.split()[1:]
        assert form.split()[1:] == tail and form.split()[0] not in tail, form


def test_a_snap_election_has_no_speaker():
    assert not extract("Mr Dale called a snap election that nobody had expected this year.").quotes


def test_bare_noun_form_needs_a_plural_subject():
    (cue,) = find_cues("The report was late.")
    assert cue.is_bare_nounish("The report was late.")
    (cue,) = find_cues("It reported a loss.")
    assert not cue.is_bare_nounish("It reported a loss.")


# --- the cue as the extractor reports it ----------------------------------------------

QUOTE_CUES = [
    pytest.param("\u201cWe will strike,\u201d Yusuf Demir said.", "said", id="said"),
    pytest.param("\u201cWe will strike,\u201d Yusuf Demir added.", "added", id="added"),
    pytest.param("Said Yusuf Demir: \u201cWe will strike.\u201d", "Said", id="Said-as-written"),
    pytest.param("Yusuf Demir told the rally: \u201cWe will strike.\u201d", "told", id="told"),
    pytest.param("Yusuf Demir has admitted that the strike will go ahead.", "admitted", id="admitted"),
    pytest.param("Yusuf Demir defended the vote, saying the strike will go ahead.", "saying", id="saying"),
    pytest.param("Yusuf Demir writes that the strike will go ahead.", "writes", id="writes"),
    pytest.param("Yusuf Demir pointed out that the strike will go ahead.", "pointed out", id="pointed-out"),
]


@pytest.mark.parametrize(("text", "cue"), QUOTE_CUES)
def test_quote_cue_is_as_written_and_slices_back(text, cue):
    (q,) = extract(text).quotes
    assert q.cue == cue
    assert text[q.cue_start : q.cue_end] == cue
    assert q.speaker == "Yusuf Demir"


def test_colon_cue_has_no_offsets():
    text = "And from councillor Peter Yiu:\n\n\u201cWe will review every contract the council has signed.\u201d"
    (q,) = extract(text).quotes
    assert (q.cue, q.cue_start, q.cue_end) == (":", None, None)


def test_dash_byline_cue():
    text = "\u201cA library is the memory of a town.\u201d \u2014 Imogen Pike"
    (q,) = extract(text).quotes
    assert q.cue == "\u2014"


COGNITION_NOT_SPEECH = [
    pytest.param("Yusuf Demir believes the strike will go ahead.", id="believes"),
    pytest.param("Yusuf Demir thinks that the strike will go ahead.", id="thinks-that"),
    pytest.param("Yusuf Demir feels the strike will go ahead.", id="feels"),
    pytest.param("Yusuf Demir considers the strike inevitable.", id="considers"),
]


@pytest.mark.parametrize("text", COGNITION_NOT_SPEECH)
def test_cognition_verb_introduces_no_speech(text):
    assert extract(text).quotes == ()


def test_cognition_verb_may_still_carry_a_partial_quote():
    # Evaluation verbs (branding, describing) attribute the quoted fragment in their sentence.
    text = "Yusuf Demir described the offer as \u201can insult to every driver\u201d."
    (q,) = extract(text).quotes
    assert (q.kind, q.speaker, q.cue) == ("partial", "Yusuf Demir", "described")


@pytest.mark.parametrize("verb", ["slammed", "mocked", "praised", "denounced", "criticised", "touted", "dismissed", "defended"])
def test_an_evaluation_verb_carries_a_partial_quote_but_no_reported_clause(verb):
    # "slammed the plan as “a betrayal”": the fragment is hers; "mocked Rubio for losing"
    # takes an object, not a reported clause, so it is never indirect speech.
    text = f"Laura Tribe {verb} the plan as \u201ca betrayal of every tenant\u201d on Monday."
    (q,) = extract(text).quotes
    assert (q.kind, q.speaker, q.cue) == ("partial", "Laura Tribe", verb)
    assert extract(f"Laura Tribe {verb} Rubio for suggesting that the plan would fail.").quotes == ()


def test_a_blast_or_a_slam_as_a_noun_is_no_cue():
    for text in ["The blast shook the building.", "It was a grand slam for the team."]:
        (cue,) = find_cues(text)
        assert cue.is_bare_nounish(text)


def test_a_noun_cue_after_a_determiner_and_adjective_is_no_speech_verb():
    # "delivered a snappy retort:" — the colon rule reads the sentence's subject instead.
    text = "Bernie Sanders spoke. Sanders delivered a snappy retort:\n\n\u201cNo one is tearing this up.\u201d"
    (q,) = extract(text).quotes
    assert (q.speaker, q.rule) == ("Bernie Sanders", "direct.colon-paragraph")


def test_fumed_attributes_a_direct_quote():
    (q,) = extract("\u201cNothing was done about it,\u201d Toomey fumed on Tuesday.").quotes
    assert (q.kind, q.speaker, q.cue) == ("direct", "Toomey", "fumed")


@pytest.mark.parametrize("verb", ["likened", "compared"])
def test_a_comparison_verb_carries_a_partial_quote(verb):
    text = f"Laura Tribe {verb} the new rules to \u201cburning the Constitution\u201d on Monday."
    (q,) = extract(text).quotes
    assert (q.kind, q.speaker, q.cue) == ("partial", "Laura Tribe", verb)
