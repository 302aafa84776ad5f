"""Table tests for indirect (reported) speech: the shapes of issue 2 and their negatives.

The gold conventions: the span is the reported clause only (no speaker, no cue, no
complementizer ``that``, no sentence-final punctuation), it needs a finite clause,
and cognition verbs (believe, think), ``calling for X to``, ``urged X to`` and
``announced NP`` are not reported speech. The sentences are made up in a news
register; none comes from the seed articles.
"""

import pytest

from quotesvc.extract import extract


def _indirect(text):
    """The indirect quotes of ``text``; every quote must slice back to its own text."""
    result = extract(text)
    assert all(text[q.start : q.end] == q.text for q in result.quotes)
    return [q for q in result.quotes if q.kind == "indirect"]


def _xfail(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


CLINIC = "the clinic would reopen in the spring"

# (text, reported clause, speaker, speaker mention, cue as written)
POSITIVE = [
    pytest.param(
        f"Hugo Strand - who previously opposed the plan - said {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand", "said",
        id="a-parenthetical-between-spaced-hyphens",
    ),
    pytest.param(
        f"Hugo Strand, a spokesman for the board - which has backed the plan - said {CLINIC}.", CLINIC, "Hugo Strand",
        "Hugo Strand", "said", id="a-name-and-its-apposition-before-a-parenthetical",
    ),
    pytest.param(
        f"Olga Brandt said hopefully that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said",
        id="an-adverb-before-that-is-no-part-of-the-clause",
    ),
    pytest.param(
        f"Some have suggested that {CLINIC}.", CLINIC, "Some", "Some", "suggested", id="a-lone-quantifier-speaks",
    ),
    pytest.param(
        f"The officers shouted. Olga Brandt can be heard yelling to them that {CLINIC}.", CLINIC, "Olga Brandt",
        "Olga Brandt", "yelling", id="a-perception-passive-before-a-participle",
    ),
    pytest.param(
        f"In her 2002 book, \u2018Make Your Kid a Doctor,\u2019 Olga Brandt argued that {CLINIC}.", CLINIC,
        "Olga Brandt", "Olga Brandt", "argued", id="a-title-before-the-subject",
    ),
    pytest.param(
        "Even the council\u2019s biggest hawks, like Ruiz and Strand, say the bulk of the cuts should fall on roads.",
        "the bulk of the cuts should fall on roads", "council\u2019s biggest hawks", "council\u2019s biggest hawks", "say",
        id="even-a-possessive-noun-phrase-with-a-like-list",
    ),
    pytest.param(
        f"The last question came from a young nurse, who said {CLINIC}.", CLINIC, "young nurse", "young nurse", "said",
        id="a-noun-phrase-before-comma-who",
    ),
    pytest.param(
        f"Florida delegate Hugo Strand, wearing a shirt covered in badges, said {CLINIC}.", CLINIC, "Hugo Strand",
        "Hugo Strand", "said", id="a-delegate-with-a-participle-apposition",
    ),
    pytest.param(
        "Olga Brandt said ending the grants before other sources of money could be found could gut the clinic.",
        "ending the grants before other sources of money could be found could gut the clinic", "Olga Brandt",
        "Olga Brandt", "said", id="a-long-gerund-subject",
    ),
    pytest.param(
        f"But the Court of Appeals for the 6th Circuit overruled and said {CLINIC}.", CLINIC, "Court of Appeals",
        "Court of Appeals", "said", id="an-organisation-with-a-prepositional-phrase-then-and-said",
    ),
    pytest.param(
        "Olga Brandt said Monday\u2019s decision will make the choice even more stark.",
        "Monday\u2019s decision will make the choice even more stark", "Olga Brandt", "Olga Brandt", "said",
        id="a-day-with-a-possessive-opens-the-clause",
    ),
    pytest.param(
        "The budget office said about half of the shortfall reflected lost revenue.",
        "about half of the shortfall reflected lost revenue", "budget office", "budget office", "said",
        id="about-half-is-a-quantity-not-a-preposition",
    ),
    pytest.param(
        "The aides, led by campaign manager Hugo Strand, told the group that they did not expect to win.",
        "they did not expect to win", "aides", "aides", "told", id="a-subject-with-a-participle-apposition",
    ),
    pytest.param(
        f"Olga Brandt said about the budget that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said",
        id="said-about-a-topic-that-S",
    ),
    pytest.param(
        "The plan, a costly one, will fail, the mayor said.", "The plan, a costly one, will fail", "mayor", "mayor",
        "said", id="an-apposition-inside-the-clause-before-the-cue",
    ),
    pytest.param(
        f"The board, long a critic of the merger, writes that {CLINIC}.", CLINIC, "board", "board", "writes",
        id="an-unnamed-subject-with-an-apposition",
    ),
    pytest.param(
        f"Olga Brandt went on to say that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "say", id="went-on-to-say",
    ),
    pytest.param(
        f"Olga Brandt was quick to say that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "say", id="quick-to-say",
    ),
    pytest.param(f"Olga Brandt said that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said", id="X-said-that-S"),
    pytest.param(f"Olga Brandt said {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said", id="X-said-S"),
    pytest.param(
        "Olga Brandt says that the clinic will reopen in the spring.",
        "the clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "says", id="present-tense",
    ),
    pytest.param(
        "Olga Brandt defended the plan, saying it would save the county money.",
        "it would save the county money", "Olga Brandt", "Olga Brandt", "saying", id="ing-form",
    ),
    pytest.param(
        f"Olga Brandt told the BBC that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "told", id="X-told-Y-that-S",
    ),
    pytest.param(
        f"Olga Brandt told the BBC on Tuesday that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "told",
        id="X-told-Y-adjunct-that-S",
    ),
    pytest.param(
        f"Olga Brandt told reporters {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "told", id="X-told-Y-S",
    ),
    pytest.param(
        "Olga Brandt warned that the clinic could close for good.",
        "the clinic could close for good", "Olga Brandt", "Olga Brandt", "warned", id="warned-that",
    ),
    pytest.param(
        "Olga Brandt has repeatedly warned that the clinic could close.",
        "the clinic could close", "Olga Brandt", "Olga Brandt", "warned", id="aux-adverb-warned-that",
    ),
    pytest.param(
        "Olga Brandt argued that the clinic had been badly run for years.",
        "the clinic had been badly run for years", "Olga Brandt", "Olga Brandt", "argued", id="argued-that",
    ),
    pytest.param(
        "Olga Brandt claimed that the clinic had never been inspected.",
        "the clinic had never been inspected", "Olga Brandt", "Olga Brandt", "claimed", id="claimed-that",
    ),
    pytest.param(
        "Olga Brandt claims the clinic has never been inspected.",
        "the clinic has never been inspected", "Olga Brandt", "Olga Brandt", "claims", id="claims-S",
    ),
    pytest.param(
        "Olga Brandt insisted that the clinic was safe.",
        "the clinic was safe", "Olga Brandt", "Olga Brandt", "insisted", id="insisted-that",
    ),
    pytest.param(
        f"Olga Brandt said on Tuesday that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said",
        id="said-adjunct-that",
    ),
    pytest.param(
        f"The health board said in a statement that {CLINIC}.", CLINIC, "health board", "health board", "said",
        id="organisation-said-in-a-statement",
    ),
    pytest.param(
        "The clinic will reopen in the spring, Olga Brandt said.",
        "The clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "said", id="S-comma-X-said",
    ),
    pytest.param(
        "The clinic will reopen in the spring, said Olga Brandt.",
        "The clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "said", id="S-comma-said-X",
    ),
    pytest.param(
        "Olga Brandt met the board. The clinic will reopen in the spring, she said.",
        "The clinic will reopen in the spring", "Olga Brandt", "she", "said", id="S-comma-pronoun-said",
    ),
    pytest.param(
        "According to Olga Brandt, the clinic will reopen in the spring.",
        "the clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "According to", id="according-to-X-S",
    ),
    pytest.param(
        "The clinic will reopen in the spring, according to Olga Brandt.",
        "The clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "according to", id="S-according-to-X",
    ),
    pytest.param(
        "Ministers said the offer was final.", "the offer was final", "Ministers", "Ministers", "said",
        id="group-speaker",
    ),
    pytest.param(
        "Tom Reyes said funding for rural buses would rise next year.",
        "funding for rural buses would rise next year", "Tom Reyes", "Tom Reyes", "said", id="gerund-subject",
    ),
    pytest.param(
        "Both parents stiffened their criticism of the mayor, saying that he lacked the character to lead.",
        "he lacked the character to lead", "parents", "parents", "saying", id="participle-after-a-past-verb",
    ),
    pytest.param(
        "They believe other senators will follow. Several senators said they are ready to move on.",
        "they are ready to move on", "senators", "senators", "said", id="group-not-a-clause-before-it",
    ),
    pytest.param(
        "Many factors drive up the cost of college for families, said Mark Kanter, a publisher of guides.",
        "Many factors drive up the cost of college for families", "Mark Kanter", "Mark Kanter", "said",
        id="S-said-X-with-apposition",
    ),
    pytest.param(
        "Olga Brandt met the board. The vote will be close, Ms. Brandt told The New York Times on Sunday.",
        "The vote will be close", "Olga Brandt", "Ms. Brandt", "told", id="S-X-told-addressee",
    ),
    pytest.param(
        "Friends in Chad were devastated by the news, according to Tchadinfos.com.",
        "Friends in Chad were devastated by the news", "Tchadinfos", "Tchadinfos", "according to",
        id="according-to-a-dotted-name",
    ),
    pytest.param(
        "Mayor Ruiz leads 46 percent to 39 percent according to a Marist poll released Monday.",
        "Mayor Ruiz leads 46 percent to 39 percent", "Marist", "Marist", "according to",
        id="S-according-to-X-without-comma",
    ),
    pytest.param(
        "The cabin had two couches and eleven seats, according to F.A.A. records.",
        "The cabin had two couches and eleven seats", "F.A.A. records", "F.A.A. records", "according to",
        id="according-to-an-initialism-then-a-noun",
    ),
    pytest.param(
        "The campaign will propose spending $2 billion a year on research, according to a campaign official "
        "who was not authorized to speak publicly.",
        "The campaign will propose spending $2 billion a year on research", "campaign official", "campaign official",
        "according to", id="according-to-a-source-with-a-relative-clause",
    ),
    pytest.param(
        "That message mirrored the one he gave his colleagues, according to three people briefed on the talks.",
        "That message mirrored the one he gave his colleagues", "people", "people", "according to",
        id="according-to-a-source-with-a-participle",
    ),
    pytest.param(
        "Hugo Strand, despite admitting that he had concerns about the deal, voted for it.",
        "he had concerns about the deal", "Hugo Strand", "Hugo Strand", "admitting",
        id="participle-after-despite-ends-where-the-main-verb-comes-back",
    ),
    pytest.param(
        "His ex-wife agreed, but contended that she should keep her privacy.",
        "she should keep her privacy", "ex-wife", "ex-wife", "contended",
        id="coordinated-cue-after-a-verb-in-eed",
    ),
    pytest.param(
        "Olga Brandt left early, saying that the plan, approved in May, was dead.",
        "the plan, approved in May, was dead", "Olga Brandt", "Olga Brandt", "saying",
        id="participle-without-a-parenthetical-lead-keeps-its-whole-clause",
    ),
    pytest.param(
        "Hugo Strand met the judges. Michigan was only doing what other states do, he told the court in his filing.",
        "Michigan was only doing what other states do", "Hugo Strand", "he", "told",
        id="S-X-told-a-lower-case-addressee",
    ),
    pytest.param(
        "Mr. Obama called Ana Ruiz. Her husband was free and would soon be home, Mr. Obama told her.",
        "Her husband was free and would soon be home", "Obama", "Mr. Obama", "told", id="S-X-told-a-pronoun",
    ),
    pytest.param(
        "Ana Ruiz would not say whether she agrees or disagrees with the plan.",
        "whether she agrees or disagrees with the plan", "Ana Ruiz", "Ana Ruiz", "say",
        id="a-whether-clause-holding-or",
    ),
    pytest.param(
        "Hugo Strand visited the border. A month later, he paid a visit to Texas and explained that the wall would work.",
        "the wall would work", "Hugo Strand", "he", "explained", id="a-time-ago-phrase-opens-the-sentence",
    ),
    pytest.param(
        "The media has always maintained that the server was secure.",
        "the server was secure", "media", "media", "maintained", id="has-always-maintained",
    ),
    pytest.param(
        "In addition, according to the department, nearly nine million more workers will be protected.",
        "nearly nine million more workers will be protected", "department", "department", "according to",
        id="connective-then-according-to",
    ),
    pytest.param(
        "The implication, according to Olga Brandt, is that the clinic will reopen in the spring.",
        "The implication, according to Olga Brandt, is that the clinic will reopen in the spring", "Olga Brandt",
        "Olga Brandt", "according to", id="according-to-X-between-a-short-subject-and-its-verb",
    ),
    pytest.param(
        "The Gazette reported that, according to Olga Brandt, the clinic will reopen in the spring.",
        "the clinic will reopen in the spring", "Olga Brandt", "Olga Brandt", "according to",
        id="that-then-according-to-X",
    ),
    pytest.param(f"{CLINIC.capitalize()}, the Gazette reported in 2014.", CLINIC.capitalize(), "Gazette", "Gazette",
                 "reported", id="S-X-reported-in-a-year"),
    pytest.param(f"{CLINIC.capitalize()}, the news site Harbour Gazette reported.", CLINIC.capitalize(), "Harbour Gazette",
                 "Harbour Gazette", "reported", id="S-a-described-name-reported"),
    pytest.param(f"{CLINIC.capitalize()}, Hugo Strand said during his visit on Monday.", CLINIC.capitalize(),
                 "Hugo Strand", "Hugo Strand", "said", id="S-X-said-and-a-prepositional-phrase"),
    pytest.param("Sales were great, Hugo Strand said, wiping his brow.", "Sales were great", "Hugo Strand", "Hugo Strand",
                 "said", id="a-short-clause-with-its-verb-before-a-parenthetical-cue"),
    pytest.param(f"Olga Brandt of Northfield Baptist Church in Marion said {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt",
                 "said", id="a-person-of-an-organisation-in-a-place"),
    pytest.param(f"The pastor, Olga Brandt of Northfield Baptist Church in Marion, said {CLINIC}.", CLINIC, "Olga Brandt",
                 "Olga Brandt", "said", id="an-apposition-person-of-an-organisation-in-a-place"),
    pytest.param(f"{CLINIC.capitalize()}, said Olga Brandt, a professor of nursing at M.I.T., who ran it for years.",
                 CLINIC.capitalize(), "Olga Brandt", "Olga Brandt", "said", id="S-said-X-an-apposition-with-full-stops"),
    pytest.param(f"Olga Brandt said \u2014 on the radio, as it happens \u2014 that {CLINIC}.", CLINIC, "Olga Brandt",
                 "Olga Brandt", "said", id="an-aside-between-dashes-before-that"),
    pytest.param("Olga Brandt said having Dr. Reyes run the ward is a good plan.",
                 "having Dr. Reyes run the ward is a good plan", "Olga Brandt", "Olga Brandt", "said",
                 id="a-gerund-subject-with-an-abbreviation"),
    pytest.param(f"{CLINIC.capitalize()}, said Olga Brandt, who was elected to the U.S. House in 2012.", CLINIC.capitalize(),
                 "Olga Brandt", "Olga Brandt", "said", id="S-said-X-a-relative-clause-with-a-dotted-name"),
    pytest.param(f"{CLINIC.capitalize()}, said the board's chairwoman, Olga Brandt.", CLINIC.capitalize(), "Olga Brandt",
                 "Olga Brandt", "said", id="S-said-a-role-then-the-name"),
    pytest.param(f"After the vote, residents in the two towns \u2014 Marion and Leeds \u2014 said {CLINIC}.", CLINIC,
                 "residents in the two towns", "residents in the two towns", "said", id="a-people-noun-and-its-modifier-before-dashes"),
    pytest.param(f"Olga Brandt repeated that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "repeated",
                 id="repeated-that"),
    pytest.param(f"Olga Brandt later clarified that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "clarified",
                 id="clarified-that"),
    pytest.param(f"Olga Brandt herself also signaled that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "signaled",
                 id="a-reflexive-after-the-subject"),
    pytest.param(f"The three nurses -- Ms. Brandt, Ms. Reyes and Mr. Strand -- agreed {CLINIC}.", CLINIC,
                 "three nurses", "three nurses", "agreed", id="an-aside-between-doubled-hyphens"),
    pytest.param(f"But residents clamoring to keep the ward say {CLINIC}.", CLINIC, "residents", "residents", "say",
                 id="a-participle-phrase-after-a-people-noun"),
    pytest.param(f"Even residents who have praised the mayor warned that {CLINIC}.", CLINIC, "residents", "residents",
                 "warned", id="even-before-a-subject-with-a-relative-clause"),
    pytest.param(f"Missouri Secretary of State Olga Brandt said {CLINIC}.", CLINIC, "Olga Brandt",
                 "Olga Brandt", "said", id="a-state-then-a-title-of-office-then-the-name"),
    pytest.param(f"Citing \u201cduties at home,\u201d the mayor's spokeswoman told the Gazette that {CLINIC}.", CLINIC,
                 "mayor's spokeswoman", "mayor's spokeswoman", "told", id="a-fragment-before-the-cue-leaves-its-clause"),
    pytest.param(f"{CLINIC.capitalize()}, nurses and union officials told the Gazette.", CLINIC.capitalize(),
                 "nurses and union officials", "nurses and union officials", "told", id="S-two-coordinated-groups-told-X"),
    pytest.param(f"In a panel this weekend in Leeds, Olga Brandt, the head of the Harbour Trust, forcefully told a nurse that "
                 f"{CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "told", id="a-place-before-a-name-with-an-apposition"),
    pytest.param(f"Those close to her say that, in the end, {CLINIC}.", f"in the end, {CLINIC}", "Those close to her",
                 "Those close to her", "say", id="those-close-to-X-and-a-comma-after-that"),
    pytest.param(f"People familiar with the talks said {CLINIC}.", CLINIC, "People familiar with the talks",
                 "People familiar with the talks", "said", id="people-familiar-with-X"),
    pytest.param(f"{CLINIC.capitalize()}, said one Labour source in the room.", CLINIC.capitalize(), "Labour source",
                 "Labour source", "said", id="S-said-a-source-and-its-post-modifier"),
    pytest.param(f"The family watched it on Thursday, and {CLINIC}, lawyers for the family said.",
                 f"The family watched it on Thursday, and {CLINIC}", "lawyers for the family", "lawyers for the family",
                 "said", id="S-people-for-X-said"),
    pytest.param(f"In the end, all the nurses I interviewed said {CLINIC}.", CLINIC, "nurses", "nurses", "said",
                 id="a-noun-before-a-contact-clause"),
    pytest.param(f"The union, which represents 50,000 nurses, said {CLINIC}.", CLINIC, "union", "union", "said",
                 id="a-relative-clause-with-a-number-in-thousands"),
    pytest.param(f"The report, published on Tuesday, warns that {CLINIC}.", CLINIC, "report", "report", "warns",
                 id="a-participle-apposition-after-the-subject"),
    pytest.param("Critics, including several Labour councillors, argue the plan goes too far.", "the plan goes too far",
                 "Critics", "Critics", "argue", id="a-lone-word-subject-with-a-short-apposition-is-no-inverted-report"),
    pytest.param("Reyes, who has led the board since 2010, told CBC News the decision was final.",
                 "the decision was final", "Reyes", "Reyes", "told", id="told-X-is-never-an-inverted-subject"),
    pytest.param(f"The 62-year-old grandmother said {CLINIC}.", CLINIC, "62-year-old grandmother", "62-year-old grandmother",
                 "said", id="an-age-in-a-common-noun-subject"),
    pytest.param(f"The senator, speaking on condition of anonymity, said {CLINIC}.", CLINIC, "senator", "senator", "said",
                 id="a-participle-phrase-in-ing-after-the-subject"),
    pytest.param(f"Chief Constable Olga Brandt said {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said",
                 id="chief-constable-is-a-title"),
    pytest.param(f"The president of the commission, Ursula von der Leyen, said {CLINIC}.", CLINIC, "Ursula von der Leyen",
                 "Ursula von der Leyen", "said", id="a-name-with-two-particles-in-an-apposition"),
    pytest.param(f"A Pentagon spokesman, Lt. Col. Eric Pahon, said {CLINIC}.", CLINIC, "Eric Pahon", "Col. Eric Pahon",
                 "said", id="two-rank-abbreviations-before-a-name-in-an-apposition"),
    pytest.param(f"Olga Brandt told reporters {CLINIC}, though the board was less sure.", CLINIC, "Olga Brandt",
                 "Olga Brandt", "told", id="a-though-clause-after-the-report-is-the-reporter-s"),
    pytest.param(f"The nurses' union said {CLINIC} and called on the minister to resign.", CLINIC, "nurses' union",
                 "nurses' union", "said", id="a-judgement-verb-after-and-ends-the-clause"),
    pytest.param("Olga Brandt said she did not condone violence and hoped that people would stay calm.",
                 "she did not condone violence and hoped that people would stay calm", "Olga Brandt", "Olga Brandt", "said",
                 id="a-mental-verb-after-and-stays-in-the-clause"),
    pytest.param(f"Opposition TD Olga Brandt said {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "said",
                 id="td-is-a-title"),
    pytest.param(f"The bill's sponsor, state Sen. Olga Brandt, a Republican, told reporters {CLINIC}.", CLINIC,
                 "Olga Brandt", "Sen. Olga Brandt", "told", id="lower-case-role-words-before-a-titled-name-in-an-apposition"),
    pytest.param(f"According to the latest figures from the Office for National Statistics, {CLINIC}.", CLINIC,
                 "Office for National Statistics", "Office for National Statistics", "According to",
                 id="figures-from-X-speak-for-X"),
    pytest.param(f"{CLINIC.capitalize()}, according to exit polls (a wide margin, but in line with others).",
                 CLINIC.capitalize(), "exit polls", "exit polls", "according to", id="a-remark-in-brackets-ends-the-source"),
    pytest.param(f"{CLINIC.capitalize()}, according to the Alliance for Better Schools (ABS).", CLINIC.capitalize(),
                 "Alliance for Better Schools", "Alliance for Better Schools", "according to",
                 id="an-acronym-in-brackets-stays-with-the-source"),
    pytest.param(f"Her father, a retired miner, says {CLINIC}.", CLINIC, "father", "father", "says",
                 id="a-possessive-determiner-subject-with-an-apposition"),
    pytest.param(f"An adviser to Olga Brandt said {CLINIC}.", CLINIC, "adviser to Olga Brandt", "adviser to Olga Brandt",
                 "said", id="a-role-noun-to-a-name"),
    pytest.param(f"A hospital source speaking to the Gazette said {CLINIC}.", CLINIC, "hospital source",
                 "hospital source", "said", id="a-source-and-a-participle-phrase-before-a-name"),
    pytest.param(f"In response, Olga Brandt's right-hand woman rallied supporters, saying {CLINIC}.", CLINIC,
                 "Olga Brandt's right-hand woman", "Olga Brandt's right-hand woman", "saying",
                 id="a-possessive-and-a-right-hand-woman"),
    pytest.param(f"{CLINIC.capitalize()}, said Mr. Strand, the lawyer for the town's health board.", CLINIC.capitalize(),
                 "Strand", "Mr. Strand", "said", id="S-said-an-honorific-with-a-full-stop-and-an-apposition"),
    pytest.param(f"{CLINIC.capitalize()}, said Hugo N. Strand, a senior official.", CLINIC.capitalize(), "Hugo N. Strand",
                 "Hugo N. Strand", "said", id="S-said-a-name-with-an-initial"),
    pytest.param(f"Olga Brandt told Sen. Hugo Strand that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "told",
                 id="told-an-addressee-with-a-full-stop-that-S"),
    pytest.param(f"The former mayor, in a rare interview, said {CLINIC}.", CLINIC, "former mayor", "former mayor", "said",
                 id="a-prepositional-aside-after-the-subject"),
    pytest.param(f"U.N. Secretary-General Olga Brandt warned that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "warned",
                 id="a-hyphenated-title"),
    pytest.param(f"As reported by the Harbour Gazette, {CLINIC}.", CLINIC, "Harbour Gazette", "Harbour Gazette", "reported",
                 id="as-reported-by-X-S"),
    pytest.param(f"As first noted by Olga Brandt, {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "noted",
                 id="as-first-noted-by-X-S"),
    pytest.param(
        "Hugo Strand said that on Monday the clinic would reopen.", "on Monday the clinic would reopen", "Hugo Strand",
        "Hugo Strand", "said", id="that-then-a-fronted-adjunct",
    ),
    pytest.param(
        f"Why had Hugo Strand asserted that {CLINIC}?", CLINIC, "Hugo Strand", "Hugo Strand", "asserted",
        id="a-wh-question-presupposes-the-report",
    ),
    pytest.param(
        f"Hugo Strand asked the minister whether {CLINIC}.", f"whether {CLINIC}", "Hugo Strand", "Hugo Strand",
        "asked", id="asked-X-whether-S",
    ),
    pytest.param(
        "Hugo Strand asked why the clinic had not reopened in the spring.",
        "why the clinic had not reopened in the spring", "Hugo Strand", "Hugo Strand", "asked", id="asked-why-S",
    ),
    pytest.param(
        "Olga Brandt wondered aloud if the clinic would ever reopen.",
        "if the clinic would ever reopen", "Olga Brandt", "Olga Brandt", "wondered", id="wondered-aloud-if-S",
    ),
    pytest.param(
        "According to exit polls conducted for the networks by Edison Research, most voters feel let down.",
        "most voters feel let down", "Edison Research", "Edison Research", "According to",
        id="according-to-a-long-source",
    ),
    pytest.param(
        "The ministry announced reforms which it claims will give patients more control of their care.",
        "will give patients more control of their care", "ministry", "it", "claims", id="relative-it-claims",
    ),
    pytest.param(
        "Erin Moss, a former aide who went with her to Burma in 2011, said McConnell's trip mattered more than Clinton's.",
        "McConnell's trip mattered more than Clinton's", "Erin Moss", "Erin Moss", "said",
        id="X-apposition-with-relative-said-S",
    ),
    pytest.param(
        "Even so, three-quarters of the voters said they were worried about the economy.",
        "they were worried about the economy", "three-quarters of the voters", "three-quarters of the voters",
        "said", id="sentence-adverb-then-subject",
    ),
    pytest.param(
        "About half of registered Democratic voters said they want a more liberal nominee.",
        "they want a more liberal nominee", "half of registered Democratic voters",
        "half of registered Democratic voters", "said", id="share-of-a-group",
    ),
    pytest.param(
        "Her advisers say it is fitting that, having beaten so many rivals, she now faces the hardest one.",
        "it is fitting that, having beaten so many rivals, she now faces the hardest one", "advisers", "advisers",
        "say", id="participle-inside-the-clause",
    ),
    pytest.param(
        "Obama was a bigger surprise to the black community than to anyone else, said several observers.",
        "Obama was a bigger surprise to the black community than to anyone else", "several observers",
        "several observers", "said", id="inverted-quantified-group",
    ),
    pytest.param(
        "Part of the problem is the soil, say experts like Paul Bauman, a geophysicist.",
        "Part of the problem is the soil", "Paul Bauman", "Paul Bauman", "say",
        id="inverted-experts-like-a-name",
    ),
    pytest.param("One in four said the party was hostile to them.", "the party was hostile to them",
                 "One in four", "One in four", "said", id="share-one-in-four"),
    pytest.param("Some of the mayor's longtime allies said the party was hostile to them.", "the party was hostile to them",
                 "Some of the mayor's longtime allies", "Some of the mayor's longtime allies", "said",
                 id="some-of-a-group"),
    pytest.param("Two of the senators said the party was hostile to them.", "the party was hostile to them",
                 "Two of the senators", "Two of the senators", "said", id="a-number-of-a-group"),
    pytest.param("Fact-checkers soon noted that the party was hostile to them.", "the party was hostile to them",
                 "Fact-checkers", "Fact-checkers", "noted", id="an-adverb-between-subject-and-cue-is-no-part-of-it"),
    pytest.param("Some 56 percent of Cuban-Americans polled said they were less likely to vote.",
                 "they were less likely to vote", "56 percent of Cuban-Americans polled",
                 "56 percent of Cuban-Americans polled", "said", id="share-percent-of-a-group-polled"),
    pytest.param("Thirty-one percent of those surveyed say they would be satisfied.", "they would be satisfied",
                 "Thirty-one percent of those surveyed", "Thirty-one percent of those surveyed", "say",
                 id="share-spelled-percent-of-those-surveyed"),
    pytest.param("By big margins, those surveyed say the economy should come first.", "the economy should come first",
                 "those surveyed", "those surveyed", "say", id="those-surveyed"),
    pytest.param("Ana Ruiz says he\u2019s riding momentum.", "he\u2019s riding momentum", "Ana Ruiz", "Ana Ruiz", "says",
                 id="pronoun-contraction-clause"),
    pytest.param("Ana Ruiz said selling the plan to voters has been a challenge.",
                 "selling the plan to voters has been a challenge", "Ana Ruiz", "Ana Ruiz", "said",
                 id="gerund-phrase-subject"),
    pytest.param("Twenty-four percent said she did nothing wrong. In March, 46 percent said they were unenthusiastic.",
                 "they were unenthusiastic", "46 percent", "46 percent", "said", id="share-percent-alone-is-its-own-group"),
    pytest.param("A Chinese official said the economy would slow. A labor official said this year that cutbacks could cost jobs.",
                 "cutbacks could cost jobs", "labor official", "labor official", "said",
                 id="indefinite-noun-phrase-is-a-new-speaker"),
    pytest.param("Current and former officials said the group had lost its way. Many Democratic officials say they expect a fight.",
                 "they expect a fight", "Democratic officials", "Democratic officials", "say",
                 id="named-modifier-keeps-a-group-apart"),
    pytest.param("Several candidates, including Dan Kildee, said the plan should be dropped.", "the plan should be dropped",
                 "candidates", "candidates", "said", id="subject-before-an-including-list"),
    pytest.param("Rep. Dan Kildee (Mich.), a superdelegate, said he has spoken with many colleagues.",
                 "he has spoken with many colleagues", "Dan Kildee", "Rep. Dan Kildee", "said",
                 id="name-party-state-apposition"),
    pytest.param("Hawkins and others who want to ban abortion said the ruling will make the choice harder.",
                 "the ruling will make the choice harder", "Hawkins and others", "Hawkins and others", "said",
                 id="subject-with-a-relative-clause"),
    pytest.param("Voters who backed Dan Kildee say they will stay home.", "they will stay home", "Voters", "Voters", "say",
                 id="name-inside-a-relative-clause-is-not-the-subject"),
    pytest.param("The poll surveyed Democrats and independent voters who said they would vote in the primary.",
                 "they would vote in the primary", "independent voters", "independent voters", "said",
                 id="noun-phrase-before-who-said"),
    pytest.param("President Obama passionately rebuked critics who say he should condemn the group.",
                 "he should condemn the group", "critics", "critics", "say", id="noun-phrase-before-who-after-a-verb"),
    pytest.param("Ana Ruiz backed a retired general who suggested the army should stay.",
                 "the army should stay", "retired general", "retired general", "suggested",
                 id="participle-adjective-stays-in-the-phrase-before-who"),
    pytest.param("Mark Humphrey, who said the plan was dead, left early.", "the plan was dead", "Mark Humphrey",
                 "Mark Humphrey", "said", id="relative-clause-report-ends-at-the-main-verb"),
    pytest.param("Mark Humphrey, who calls Trump a \u201csociopath,\u201d said he doubts the effort will work.",
                 "he doubts the effort will work", "Mark Humphrey", "Mark Humphrey", "said",
                 id="apposition-ending-in-a-quoted-comma"),
    pytest.param("Another Clinton ally, Agriculture Secretary Tom Vilsack, told MSNBC that the timing was suspect.",
                 "the timing was suspect", "Tom Vilsack", "Tom Vilsack", "told", id="apposition-then-a-titled-name"),
    pytest.param("The force will help the Kurds, Defense Secretary Ash Carter told a Senate panel.",
                 "The force will help the Kurds", "Ash Carter", "Ash Carter", "told", id="titled-name-closes-the-report"),
    pytest.param("LA CROSSE, Wisc. \u2014 Gov. Mike Pence on Thursday blamed the media, saying the remarks were sarcasm.",
                 "the remarks were sarcasm", "Mike Pence", "Gov. Mike Pence", "saying", id="dateline-is-not-the-subject"),
    pytest.param("FBI officials were angered by the deal and said it was too lenient.", "it was too lenient",
                 "FBI officials", "FBI officials", "said", id="organisation-modifying-a-plural-subject"),
    pytest.param("Marc Morial, the chief executive of the National Urban League, forcefully told a woman that she was wrong.",
                 "she was wrong", "Marc Morial", "Marc Morial", "told", id="adverb-after-an-apposition-ending-in-a-name"),
    pytest.param("Ana Ruiz this week also said she would consider a second term.", "she would consider a second term",
                 "Ana Ruiz", "Ana Ruiz", "said", id="a-time-between-subject-and-cue"),
    pytest.param("Barack Obama, speaking at the museum on Saturday, said it would tell an American story.",
                 "it would tell an American story", "Barack Obama", "Barack Obama", "said",
                 id="a-time-closing-an-apposition"),
    pytest.param("Morton Blackwell endorsed Cruz last week, saying he had shown courage.", "he had shown courage",
                 "Morton Blackwell", "Morton Blackwell", "saying", id="a-time-before-a-participle"),
    pytest.param("Chris Murphy \u2014 after a knock-on-wood gesture \u2014 told me he has had a lucky life.",
                 "he has had a lucky life", "Chris Murphy", "Chris Murphy", "told", id="subject-before-a-dash-parenthetical"),
    pytest.param("Ana Ruiz called on Congress to pass a deal and said funding is needed for the city.",
                 "funding is needed for the city", "Ana Ruiz", "Ana Ruiz", "said", id="gerund-subject-right-before-is"),
    pytest.param("But Ana Ruiz said bullying doesn\u2019t just happen to children.", "bullying doesn\u2019t just happen to children",
                 "Ana Ruiz", "Ana Ruiz", "said", id="gerund-subject-before-a-negative-contraction"),
    pytest.param("CNN reported at least six planes filled the skies.", "at least six planes filled the skies", "CNN", "CNN",
                 "reported", id="clause-opening-with-at-least"),
    pytest.param("Sen. John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber will vote on Monday.",
                 "the chamber will vote on Monday", "John Cornyn", "Sen. John Cornyn", "said", id="name-of-a-state-then-apposition"),
    pytest.param("Ana Ruiz said that was a mistake.", "that was a mistake", "Ana Ruiz", "Ana Ruiz", "said",
                 id="that-as-the-subject"),
    pytest.param(
        "The nurse later sued, claiming the quarantine violated her rights.",
        "the quarantine violated her rights", "nurse", "nurse", "claiming", id="participle-after-noun-adverb-verb",
    ),
    pytest.param("Justin Trudeau spoke on Monday.\n\n\u201cWe will not back down,\u201d said Trudeau, adding that the "
                 "tariffs were unacceptable.", "the tariffs were unacceptable", "Justin Trudeau", "Trudeau", "adding",
                 id="a-participle-after-an-inverted-cue-that-closes-a-quotation"),
    pytest.param("The official, who spoke on condition of anonymity, said the talks would resume.",
                 "the talks would resume", "official", "official", "said", id="an-unnamed-subject-with-a-relative-clause"),
    pytest.param("Michael Marmot told the BBC the figures were shocking.", "the figures were shocking",
                 "Michael Marmot", "Michael Marmot", "told", id="told-the-acronym-the-clause"),
    pytest.param("Donald Trump warned that Clinton opposes the plan.", "Clinton opposes the plan", "Donald Trump",
                 "Donald Trump", "warned", id="warned-that-a-name-is-no-addressee"),
    pytest.param("Donald Trump spoke on Tuesday.\n\nTrump, speaking at a rally in Wilmington, N.C., warned that the "
                 "rules were unfair.", "the rules were unfair", "Donald Trump", "Trump", "warned",
                 id="a-state-after-its-city-is-no-subject"),
    pytest.param("A U.S. official said the talks had failed.", "the talks had failed", "official", "official", "said",
                 id="a-dotted-acronym-before-a-lower-case-noun"),
    pytest.param("Ana Ruiz has since said she would support the increase.", "she would support the increase",
                 "Ana Ruiz", "Ana Ruiz", "said", id="has-since-said"),
    pytest.param("Ruiz\u2019s advisers have long insisted they would win the primary.", "they would win the primary",
                 "Ruiz\u2019s advisers", "Ruiz\u2019s advisers", "insisted", id="have-long-insisted"),
    pytest.param("Vice President Joseph R. Biden Jr., who was to travel to Columbus, Ohio, on Wednesday, said the rules "
                 "were fair.", "the rules were fair", "Joseph R. Biden Jr", "Joseph R. Biden Jr", "said",
                 id="a-name-with-jr-and-a-relative-clause-holding-a-place"),
    pytest.param("Hugo Strand told the Washington Post editorial board he would run again.", "he would run again",
                 "Hugo Strand", "Hugo Strand", "told", id="told-a-long-addressee-then-a-pronoun"),
    pytest.param("The director, Ina Kirsch, told the AP her group never worked with Manafort.",
                 "her group never worked with Manafort", "Ina Kirsch", "Ina Kirsch", "told",
                 id="told-an-addressee-then-a-possessive"),
    pytest.param(f"Secretary of State Hugo Strand said {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand",
                 "said", id="a-title-with-of-before-a-name-is-no-post-modifier"),
    pytest.param(f"Hugo Strand at the time said {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand",
                 "said", id="a-name-then-a-time-phrase"),
    pytest.param(f"The document states that {CLINIC}.", CLINIC, "document", "document", "states",
                 id="states-after-a-document"),
    pytest.param(f"The leaders state that {CLINIC}.", CLINIC, "leaders", "leaders", "state", id="state-after-plural-people"),
    pytest.param(f"Olga Brandt states that {CLINIC}.", CLINIC, "Olga Brandt", "Olga Brandt", "states",
                 id="states-after-a-name"),
    pytest.param(f"Hugo Strand spoke at a rally in Leeds, where the head of the union said {CLINIC}.", CLINIC,
                 "head of the union", "head of the union", "said", id="the-subject-after-where"),
    pytest.param(f"Olga Brandt won the vote even though a number of members said {CLINIC}.", CLINIC,
                 "number of members", "number of members", "said", id="the-subject-after-though"),
    pytest.param("The depot also reuses the same photo over and over again, said Rita Katz, the director of the Harbour"
                 " Trust, which tracks such accounts.", "The depot also reuses the same photo over and over again",
                 "Rita Katz", "Rita Katz", "said", id="an-inverted-cue-after-a-sentence-with-an-adverb-aux"),
    pytest.param(f"Hugo Strand has said for weeks {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand", "said",
                 id="for-weeks-is-an-adjunct"),
    pytest.param(f"Olga Brandt spoke. {CLINIC.capitalize()}, she said Wednesday morning on Harbour FM's programme.",
                 CLINIC.capitalize(), "Olga Brandt", "she", "said", id="a-day-part-and-a-possessive-show-close-the-clause"),
    pytest.param(f"{CLINIC.capitalize()}, union leaders said Friday afternoon, as they left the hall.",
                 CLINIC.capitalize(), "union leaders", "union leaders", "said", id="adjuncts-then-a-subordinate-clause"),
    pytest.param(f"Olga Brandt's campaign, which has been shadowed for months by the row over the clinic, said that {CLINIC}.",
                 CLINIC, "Olga Brandt's campaign", "Olga Brandt's campaign", "said",
                 id="a-possessive-noun-phrase-and-a-relative-clause"),
    pytest.param(f"Her campaign workers here said {CLINIC}.", CLINIC, "campaign workers", "campaign workers", "said",
                 id="here-between-a-subject-and-its-cue"),
    pytest.param(f"Friday on Harbour FM\u2019s \u201cNew Day,\u201d Sen. Olga Brandt said {CLINIC}.", CLINIC, "Olga Brandt",
                 "Sen. Olga Brandt", "said", id="a-day-and-a-show-in-marks-open-the-sentence"),
    pytest.param(f"Rather, sources close to her campaign say {CLINIC}.", CLINIC, "sources close to her campaign",
                 "sources close to her campaign", "say", id="rather-is-a-connective"),
    pytest.param(f"At a rally in Portsmouth, N.H., on Tuesday, Senator Hugo Strand of Leeds endorsed the mayor, saying that"
                 f" {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand", "saying", id="a-dotted-state-inside-an-opening-phrase"),
    pytest.param(f"LEEDS \u2015 The health board announced on Tuesday, saying {CLINIC}.", CLINIC, "health board",
                 "health board", "saying", id="a-dateline-with-a-horizontal-bar"),
    pytest.param("Olga Brandt notes the foundation hid four donations from the board.",
                 "the foundation hid four donations from the board", "Olga Brandt", "Olga Brandt", "notes",
                 id="an-irregular-past-makes-the-clause-finite"),
    pytest.param("Olga Brandt argues the clinic remains the best hope for the villages.",
                 "the clinic remains the best hope for the villages", "Olga Brandt", "Olga Brandt", "argues",
                 id="a-present-verb-that-is-no-noun-makes-the-clause-finite"),
    pytest.param(f"As the Harbour Gazette noted, {CLINIC}.", CLINIC, "Harbour Gazette", "Harbour Gazette", "noted",
                 id="as-x-noted-opens-the-sentence"),
    pytest.param(f"But as Hugo Strand said on Monday, {CLINIC}.", CLINIC, "Hugo Strand", "Hugo Strand", "said",
                 id="but-as-x-said-with-an-adjunct"),
    pytest.param(f"Cement makers, for instance, argue that {CLINIC}.", CLINIC, "Cement makers", "Cement makers",
                 "argue", id="an-aside-between-a-common-noun-subject-and-its-cue"),
    pytest.param(f"The two lawmakers, however, say {CLINIC}.", CLINIC, "two lawmakers", "two lawmakers",
                 "say", id="however-between-a-plural-subject-and-its-cue"),
    pytest.param(f"Hugo Strand, the chairman of the board in Leeds, for example, said {CLINIC}.", CLINIC, "Hugo Strand",
                 "Hugo Strand", "said", id="an-aside-after-an-apposition-keeps-the-name"),
    pytest.param(f"''It went well,'' Hugo Strand told the hosts of ''Morning Report,'' adding that {CLINIC}.", CLINIC,
                 "Hugo Strand", "Hugo Strand", "adding", id="a-participle-after-a-title-in-doubled-apostrophes"),
    pytest.param(f'"It went well," Hugo Strand told the hosts of "Morning Report," adding that {CLINIC}.', CLINIC,
                 "Hugo Strand", "Hugo Strand", "adding", id="a-participle-after-a-title-in-double-marks"),
]


@pytest.mark.parametrize(("text", "clause", "speaker", "mention", "cue"), POSITIVE)
def test_indirect_speech(text, clause, speaker, mention, cue):
    found = [q for q in _indirect(text) if q.text == clause]
    assert found, f"no indirect quote {clause!r} in {[q.text for q in _indirect(text)]}"
    q = found[0]
    assert (q.speaker, text[q.speaker_start : q.speaker_end], q.cue) == (speaker, mention, cue)
    assert text[q.cue_start : q.cue_end] == cue
    assert q.start == text.index(clause)


def test_bullets_after_argues_colon_give_one_record_per_bullet():
    bullets = ["the clinic serves four villages", "the nearest hospital is an hour away by bus",
               "nobody consulted the patients"]
    text = "Olga Brandt argues:\n\n" + "\n".join(f"\u2022 {b}" for b in bullets)
    found = _indirect(text)
    assert [q.text for q in found] == bullets
    assert {(q.speaker, q.cue) for q in found} == {("Olga Brandt", "argues")}


# Speech acts without a finite reported clause, and cognition verbs: no indirect record.
NEGATIVE = [
    pytest.param("Olga Brandt believes the clinic will reopen in the spring.", id="believe"),
    pytest.param("Olga Brandt asked how to reopen the clinic.", id="asked-how-to-an-infinitive-is-no-clause"),
    pytest.param("Would you say the clinic will reopen in the spring?", id="a-yes-no-question-reports-nothing"),
    pytest.param("Ana Ruiz, an analyst at the Harbour Trust, spoke for an hour.", id="an-organisation-after-role-words-speaks-not"),
    pytest.param("An official, who asked not to be named because he was not authorised to speak, left early.",
                 id="a-subordinate-clause-after-asked-is-no-reported-clause"),
    pytest.param("The clinic was closed for a month, says conventional wisdom in the town.", id="a-thing-after-an-inverted-cue"),
    pytest.param("After the vote, investments in the two towns \u2014 Marion and Leeds \u2014 helped the clinic reopen.",
                 id="a-thing-in-ments-is-no-people-noun"),
    pytest.param("Olga Brandt said \u2014 and nobody argued \u2014 nothing at all.", id="an-aside-between-dashes-with-no-that"),
    pytest.param("If the mayor opted to close it, the board should have insisted on a vote by the council.",
                 id="insisted-on-a-prepositional-complement"),
    pytest.param("Lately, when he gives speeches, Hugo Strand is often asked about the clinic.",
                 id="asked-about-a-prepositional-complement"),
    pytest.param("The clinic was full, the nurses and Harbour Gazette reported.", id="a-conjoined-phrase-before-a-name-is-no-descriptor"),
    pytest.param("Can she maintain the support of voters who were new to politics?", id="a-yes-no-question-with-a-cue-verb"),
    pytest.param("Olga Brandt ran the clinic for years, but she doesn't mention that on the campaign trail.",
                 id="that-as-an-object-before-a-preposition"),
    pytest.param("She hopes to win swing states like Nevada that have many young voters.", id="states-the-noun-before-like"),
    pytest.param("Olga Brandt maintained an energetic pace into advanced age.", id="an-ed-adjective-after-a-preposition"),
    pytest.param("As the day went on, Olga Brandt offered stronger defences of the plan.", id="as-the-day-went-on"),
    pytest.param("Olga Brandt stressed the comments made by the mayor at the rally.", id="an-irregular-participle-before-by"),
    pytest.param("SHORT READS:\n\n\u2014 The clinic is closing, by the Herald.\n\u2014 The depot is open, by the Post.",
                 id="bullets-under-a-heading-in-capitals"),
    pytest.param("Olga Brandt announced a plan to cut taxes for married couples.", id="an-ed-adjective-after-for"),

    pytest.param("The race moves to Western states this week that Olga Brandt is counting on.", id="states-after-an-adjective"),
    pytest.param("Firms could move across state lines to save on labour costs.", id="state-as-a-modifier"),
    pytest.param("Voters in Ohio and other Rust Belt states that have lost jobs went to the polls.", id="states-noun"),
    pytest.param("In a close race, battleground states could trend toward the challenger.", id="states-noun-modal"),
    pytest.param("Olga Brandt thinks that the clinic will reopen in the spring.", id="think-that"),
    pytest.param("Olga Brandt thought the clinic had been badly run.", id="thought"),
    pytest.param("Critics believe the merger will cost hundreds of jobs.", id="critics-believe"),
    pytest.param("Olga Brandt hopes the clinic will reopen in the spring.", id="hope"),
    pytest.param("Olga Brandt fears that the clinic will close for good.", id="fear-that"),
    pytest.param("Olga Brandt expects the clinic to reopen in the spring.", id="expect-to"),
    pytest.param("Olga Brandt is calling for the clinic to be reopened.", id="calling-for-X-to"),
    pytest.param("Olga Brandt called on ministers to reopen the clinic by the spring.", id="called-on-X-to"),
    pytest.param("Olga Brandt urged ministers to reopen the clinic by the spring.", id="urged-X-to"),
    pytest.param("Officials told residents to boil their water until Friday.", id="told-X-to"),
    pytest.param("Olga Brandt chided the board for its silence over the closure.", id="chided-X-for"),
    pytest.param("Olga Brandt called the closure a disgrace.", id="calling-X-Y"),
    pytest.param("Olga Brandt announced a review of the clinic\u2019s finances.", id="announced-NP"),
    pytest.param("Olga Brandt announced plans for a new clinic in the spring.", id="announced-plans"),
    pytest.param("Olga Brandt revealed a hole in the clinic\u2019s accounts.", id="revealed-NP"),
    pytest.param("His remarks on the clinic were brief and unremarkable.", id="noun-remarks"),
    pytest.param("The report on the clinic was published on Monday.", id="noun-report"),
    pytest.param("Olga Brandt said: \u201cThe clinic will reopen in the spring.\u201d", id="quotation-complement"),
    pytest.param(
        "\u201cLabour has said it would scrap the scheme within a year,\u201d said Olga Brandt.",
        id="reported-speech-inside-a-quote",
    ),
    pytest.param(
        "Hugo Strand wrote a book about the fishing industry last year.", id="wrote-NP",
    ),
    pytest.param("Hugo Strand had a long career in the navy, said their stump speeches.", id="inverted-possessive-object"),
    pytest.param("The school will close in June, according to plan.", id="according-to-plan"),
    pytest.param("Would you vote for a man or woman who said and did the same things?", id="said-and-did"),
    pytest.param("Ana Ruiz largely agreed with the mayor and seemed to think the plan was phony.",
                 id="agreed-with-X-and-another-verb"),
    pytest.param("On the third day of his tour, the candidate Hugo Strand told a joke. He was the punch line.",
                 id="told-a-joke-after-a-comma"),
    pytest.param("The school will close in June, according to schedule.", id="according-to-schedule"),
    pytest.param("Mona Friis won a majority of regular, pledged delegates.", id="participle-modifier-after-a-comma"),
    pytest.param("Mona Friis said during a meeting that was broadcast live on Monday.", id="relative-that-after-an-adjunct"),
    pytest.param("Mona Friis said nothing about the plan.", id="said-nothing-about"),
    pytest.param("Mona Friis claimed momentum.", id="claimed-a-noun"),
    pytest.param("When the doors opened, the crowd cheered, asked the first question.", id="asked-an-object-is-no-inverted-subject"),
    pytest.param("Mona Friis spoke during a meeting that was broadcast live.", id="during-is-no-gerund-subject"),
    pytest.param(
        "Hugo Strand wrote a book called The Quiet Coast about the fishing industry.", id="wrote-NP-called",
    ),
    pytest.param("Mona Friis said pleasantly into the phone.", id="said-an-adverb-and-a-preposition"),
    pytest.param("At the debate, Ana Ruiz mentioned disparaging remarks Hugo Strand had made about her.",
                 id="an-adjective-before-a-plural-noun-cue"),
    pytest.param("Ana Ruiz cited derogatory comments the mayor had made about the clinic.", id="derogatory-comments"),
    pytest.param("Olga Brandt declined to say whether the clinic would reopen in the spring.", id="declined-to-say"),
    pytest.param("Play fair or do not play. Now tell us this is not a witch hunt of the highest order!",
                 id="an-imperative-after-a-lone-adverb"),
    pytest.param("Early the next day, Olga Brandt walked the wards in a green suit, beaming, a victory lap.",
                 id="a-participle-closes-no-reported-sentence"),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_indirect_speech(text):
    assert [q.text for q in _indirect(text)] == []


def test_a_coordinated_cue_starts_a_clause_of_its_own_without_a_comma():
    text = "On Saturday, Ana Ruiz claimed momentum and argued she is the stronger candidate."
    assert [(q.text, q.cue) for q in _indirect(text)] == [("she is the stronger candidate", "argued")]


def test_any_speech_verb_joined_by_and_starts_a_clause_of_its_own():
    text = ("Olga Brandt attacked the plan, saying it would close the clinic in Roe v. Wade Street, and reminded "
            "the council that the roof was fixed.")
    assert [(q.text, q.cue) for q in _indirect(text)] == [
        ("it would close the clinic in Roe v. Wade Street", "saying"),
        ("the roof was fixed", "reminded"),
    ]


def test_a_plural_noun_after_and_does_not_end_a_clause():
    text = "Hugo Strand said the recent spate of closures and protests demands a new plan for the town."
    assert [q.text for q in _indirect(text)] == ["the recent spate of closures and protests demands a new plan for the town"]


def test_a_while_clause_with_its_own_speaker_ends_the_report():
    text = "Olga Brandt said she would protect the clinic, while Hugo Strand argued that it was too costly."
    assert [(q.text, q.speaker) for q in _indirect(text)] == [
        ("she would protect the clinic", "Olga Brandt"),
        ("it was too costly", "Hugo Strand"),
    ]


def test_clause_leaves_out_that_and_final_punctuation():
    text = "Olga Brandt said that the clinic would reopen!"
    (q,) = _indirect(text)
    assert q.text == "the clinic would reopen"
    assert text[q.end] == "!" and text[q.start - 5 : q.start] == "that "


def test_a_reported_sentence_goes_on_after_a_parenthetical_attribution():
    text = "Tom Reyes spoke first. But to prevent problems, he said, local officials should be vigilant."
    found = _indirect(text)
    assert [q.text for q in found] == ["But to prevent problems", "local officials should be vigilant"]
    assert {q.speaker for q in found} == {"Tom Reyes"}


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        pytest.param("The golf industry, Ana Ruiz said, is doing much better than it has since 2009.",
                     ["The golf industry", "is doing much better than it has since 2009"], id="subject-then-predicate"),
        pytest.param("Within marriages, Ana Ruiz said, women now have more say over giving.",
                     ["Within marriages", "women now have more say over giving"], id="short-phrase-then-clause"),
        pytest.param("Still, Ana Ruiz said, officials have to decide who gets extra scrutiny.",
                     ["officials have to decide who gets extra scrutiny"], id="a-lone-adverb-is-not-reported"),
        pytest.param("And yet, Ana Ruiz said, the clinic remains a priority for her.",
                     ["the clinic remains a priority for her"], id="connectives-alone-are-not-reported"),
        pytest.param("Six months ago, Ana Ruiz said, the council considered her a fringe candidate.",
                     ["the council considered her a fringe candidate"], id="a-time-phrase-is-not-reported"),
        pytest.param("Migrant children would be treated as a distinct group, Ana Ruiz said, a policy that could help them.",
                     ["Migrant children would be treated as a distinct group"], id="an-apposition-after-the-cue-is-no-clause"),
    ],
)
def test_a_short_stretch_before_a_parenthetical_attribution(text, parts):
    found = _indirect(text)
    assert [q.text for q in found] == parts
    assert {q.speaker for q in found} == {"Ana Ruiz"}


@pytest.mark.parametrize("text", ["Indeed, Ana Ruiz said.", "The golf industry, Ana Ruiz said."])
def test_a_short_stretch_before_a_closing_attribution_is_not_reported(text):
    assert _indirect(text) == []


def test_an_apposition_after_an_inverted_cue_is_not_a_clause():
    text = "Many factors drive up the cost of college, said Mark Kanter, a publisher of guides."
    assert [q.text for q in _indirect(text)] == ["Many factors drive up the cost of college"]


def test_parenthetical_cue_is_not_followed_into_the_next_clause():
    text = "The clinic will reopen in the spring, Olga Brandt said, because the roof is fixed."
    assert [q.text for q in _indirect(text)] == ["The clinic will reopen in the spring"]


def test_partial_quote_inside_a_reported_clause_is_also_kept():
    text = "Ines Moreau warned that staff were \u201cat breaking point\u201d."
    quotes = extract(text).quotes
    assert sorted((q.kind, q.text) for q in quotes) == [
        ("indirect", "staff were \u201cat breaking point\u201d"),
        ("partial", "at breaking point"),
    ]
    assert {q.speaker for q in quotes} == {"Ines Moreau"}


# --- a headline that opens with "Name:" ----------------------------------------

HEADLINE_BODY = "\n\nMayor Ines Moreau spoke to the council on Monday."


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        pytest.param("Moreau: The clinic will reopen in the spring.",
                     [("indirect", "The clinic will reopen in the spring", "Ines Moreau", ":")], id="surname-colon-claim"),
        pytest.param("Ines Moreau: Council ‘Sleepwalking Into A Crisis’ Over Heating.",
                     [("indirect", "Council ‘Sleepwalking Into A Crisis’ Over Heating", "Ines Moreau", ":"),
                      ("partial", "Sleepwalking Into A Crisis", "Ines Moreau", ":")], id="a-quoted-fragment-in-the-claim"),
        pytest.param("Moreau: Is the council ready for winter?", [], id="a-question-is-no-claim"),
        pytest.param("Breaking: The clinic will reopen in the spring.", [], id="not-a-name-the-article-gives"),
        pytest.param("Moreau Wades In: Clinic will reopen in the spring.", [], id="a-name-and-a-verb-before-the-colon"),
    ],
)
def test_a_headline_claim_after_a_name_and_a_colon(headline, expected):
    text = headline + HEADLINE_BODY
    found = [(q.kind, q.text, q.speaker, q.cue) for q in extract(text).quotes if q.start < len(headline)]
    assert sorted(found) == sorted(expected)


def test_a_two_noun_adjunct_after_a_cue_is_no_clause():
    # "in a video message to the convention": adjuncts, each to its last noun; no clause
    # after the cue, so the one before it is what was reported.
    text = "The party made history, Olga Brandt said in a video message to the convention."
    assert [(q.text, q.speaker) for q in _indirect(text)] == [("The party made history", "Olga Brandt")]


def test_according_to_after_that_does_not_report_the_words_before_it():
    text = "The Gazette reported that, according to Olga Brandt, the clinic will reopen in the spring."
    assert "The Gazette reported that" not in [q.text for q in _indirect(text)]


def test_according_to_after_an_opening_phrase_reports_the_clause_after_it():
    text = "In the spring, according to Olga Brandt, the clinic will reopen."
    assert [q.text for q in _indirect(text)] == ["the clinic will reopen"]
