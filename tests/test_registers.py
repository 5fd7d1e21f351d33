"""Questions written in the manner of a place: a social-media post ("@QAbot", "#LangSon",
"plsss", "ALL") and a ministry's formal English ("Kindly enumerate ...", "the said hospital").
What the manner adds is no part of what is asked, and must not make the bot decline."""

from __future__ import annotations

import pytest

from knowledge import Knowledge
from retrieval.answerer import Answerer
from retrieval.chat import as_plain, without_emphasis
from retrieval.requests import without_requests


@pytest.fixture(scope="module")
def answerer(shipped: Knowledge) -> Answerer:
    return Answerer.build(shipped.passages)


# --- social media ------------------------------------------------------------------------


@pytest.mark.parametrize("typed, plain", [
    ("@QAbot whats the goal?", "whats the goal?"),
    ("#LangSon health sector", "Lang Son health sector"),
    ("#DoctorsDay2026 when", "Doctors Day2026 when"),
    ("#huu_nghi director", "huu nghi director"),
    ("sooo many stations plsss", "so many stations pls"),
    ("goood doctors?", "good doctors?"),
    ("do they have doctors?? y/n", "do they have doctors??"),
    ("write to info@moh.gov.vn", "write to info@moh.gov.vn"),
    ("how many beds in Lang Son", "how many beds in Lang Son"),
    ("how many Level-III specialists", "how many Level-III specialists"),  # a numeral
    ("To Lam visit 2 Huu Nghi – date?", "To Lam visit to Huu Nghi – date?"),
    ("drs care 4 patients w/ what 2 things", "drs care for patients w/ what 2 things"),
    ("how 2 apply 4 a card", "how to apply for a card"),
    ("how many level 2 specialists", "how many level 2 specialists"),  # counts
    ("has 3 or 4 provincial hospitals?", "has 3 or 4 provincial hospitals?"),
    ("Bach Mai 2 facility", "Bach Mai 2 facility"),
    ("specific for transglutaminase 2 are scarce", "specific for transglutaminase 2 are scarce"),
    ("A T helper 2 cell environment", "A T helper 2 cell environment"),
])
def test_the_marks_of_a_post_are_read_as_plain_writing(typed, plain):
    assert as_plain(typed) == plain


def test_common_words_in_capitals_are_emphasis_unless_the_index_holds_the_acronym():
    nothing_held = without_emphasis("do ALL stations have GOOD doctors at the ICU?",
                                    lambda word: False)
    assert nothing_held == "do all stations have good doctors at the ICU?"
    # a medical index holds "ALL" (a leukaemia): there it is the acronym
    assert without_emphasis("is ALL treated with X?", lambda word: word == "all") == \
        "is ALL treated with X?"
    # the WHO is a body, and a question in capitals throughout is no emphasis
    assert without_emphasis("what did WHO say", lambda word: False) == "what did WHO say"
    assert without_emphasis("HOW MANY BEDS", lambda word: False) == "HOW MANY BEDS"


@pytest.mark.parametrize("question, said", [
    ("@QAbot whats the ULTIMATE goal the health sector gotta stay steadfast in?? 🤔",
     "ultimate goal of universal health coverage"),
    ("do ALL commune medical stations in lang son have doctors assigned?? y/n",
     "100% of commune-level medical stations have assigned doctors"),
    ("#LangSon health sector: how many years following uncle ho's teachings?? 🇻🇳",
     "Over the past 70 years"),
    ("ngl curious what has vn's health care system helped improve?? 📈",
     "contributing significantly to the improvement of public health"),
    ("doctors care for patients w/ what 2 things acc to the gen sec? 🤍",
     "with both expertise and compassion"),
    ("whose trust will lang son healthcare pros live up to?? 🫡",
     "trust and expectations of the Party"),
])
def test_a_question_posted_the_way_people_post_is_answered(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered, answer.reason
    assert said in answer.sentence


# --- formal English ----------------------------------------------------------------------


@pytest.mark.parametrize("question, said", [
    ("Could you elucidate the number of commune-level medical stations in Lạng Sơn?",
     "194 commune-level medical stations"),
    ("Kindly indicate the agency to which the photographs of the visit are attributed.",
     "Photo: VNA"),
    ("Identify the Politburo resolution pertaining to breakthroughs in public health care.",
     "Resolution No. 72-NQ/TW"),
    ("Please furnish me with the municipality in which the Huu Nghi Hospital is situated.",
     "in Hanoi"),
    ("Identify the individual who presently occupies the directorship of the said hospital.",
     "Nguyen The Anh"),
    ("What position ought patients to occupy in relation to the sector's activities, as "
     "articulated by the General Secretary?", "placing patients at the centre of all"),
    ("What does the Department of Health intend in the forthcoming period?",
     "Moving forward, the Department of Health"),
])
def test_a_question_in_formal_english_is_answered(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered, answer.reason
    assert said in answer.sentence


def test_formal_words_for_what_the_articles_lack_still_decline(answerer):
    # "remuneration" is pay, which the articles never give, not a word to overlook
    assert not answerer.ask("What remuneration do commune-level physicians receive?").answered


# --- search-box keywords -----------------------------------------------------------------


def test_keywords_ending_in_name_ask_for_a_name_the_passage_must_give(answerer):
    director = answerer.ask("huu nghi hospital director name")
    assert director.answered and "Nguyen The Anh" in director.sentence
    # the hospital's paragraph tells of "a mobile application", never what it is called
    assert not answerer.ask("huu nghi hospital mobile app name").answered
    assert not answerer.ask("lang son medical college name").answered


@pytest.mark.parametrize("keywords", [
    "laparoscopic surgery cost",  # the articles name the surgery, never a price
    "minimum wage vietnam 2026",
    "mental health helpline vietnam",  # nor a number to call
    "cataract surgery recovery time",  # nor how long it takes
])
def test_keywords_naming_a_kind_of_figure_need_that_figure(answerer, keywords):
    answer = answerer.ask(keywords)
    assert not answer.answered, answer.sentence


def test_a_roman_numeral_is_not_read_as_a_stretched_word(answerer):
    # the articles count Level-I and Level-II specialists, never Level-III ones
    assert not answerer.ask("how many Level-III specialists does Lang Son have").answered


def test_shorthand_is_read_only_where_it_cannot_be_a_word_of_health_english(answerer):
    # "RN" is a registered nurse, and "pros" may be "pros and cons"
    assert "rn" in answerer.ask("how many RNs or rn staff work in lang son").terms
    assert "pros" in answerer.ask("pros and cons of district dialysis").terms


def test_a_word_that_orders_formally_is_kept_where_it_names():
    assert without_requests("State the year the department was founded") == \
        "the year the department was founded"
    assert without_requests("State officials cared for at Huu Nghi?") == \
        "State officials cared for at Huu Nghi?"


# --- indirect questions --------------------------------------------------------------------


@pytest.mark.parametrize("typed, asked", [
    ("Not sure how many stations Lang Son has", "how many stations Lang Son has"),
    ("Can't remember when Ho Chi Minh wrote his letter", "when Ho Chi Minh wrote his letter"),
    ("Would be good to know the goal", "the goal"),
    ("Looking for the name of the director", "the name of the director"),
    ("I need the year the department was founded", "year the department was founded"),
    ("Help me understand why he thinks people matter", "why he thinks people matter"),
    ("Trying to find out which hospital applied it", "which hospital applied it"),
    ("Does anyone know whether Lam met patients", "whether Lam met patients"),
    ("My question is about how many nurses work there", "how many nurses work there"),
    # the same words asking about something else stay
    ("What do dialysis patients need?", "What do dialysis patients need?"),
    ("Is the hospital looking for nurses?", "Is the hospital looking for nurses?"),
])
def test_what_an_unsure_or_polite_asker_wraps_a_question_in_is_not_searched(typed, asked):
    assert without_requests(typed) == asked


def test_an_indirect_question_is_answered(answerer):
    answer = answerer.ask("Would be good to know the goal the Department of Health is "
                          "working toward going forward")
    assert answer.answered, answer.reason
    assert "build a compassionate and dedicated medical workforce" in answer.sentence


@pytest.mark.parametrize("question", [
    "Regarding the Huu Nghi visit: when did it take place?",  # not "regardless"
    "regarding the hospital visit, on what date did it happen?",
])
def test_what_a_question_is_about_and_that_it_happened_are_no_words_to_find(answerer,
                                                                           question):
    answer = answerer.ask(question)
    assert answer.answered, answer.reason
    assert "on February 27" in answer.sentence


# --- notes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("question, said", [
    ("Lang Son Health Dept. est. – yr?", "Founded in 1948"),
    ("which Nat'l Party Congress resolution mentioned (#)?", "14th National Party Congress"),
    ("drs care 4 patients w/ what 2 things (To Lam)?", "with both expertise and compassion"),
    ("Vietnamese Doctors' Day – 1st yr?", "February 27, 1955"),  # "yr" frames the names
    ("pct of LS commune health stations meeting nat'l standards?",
     "100% of commune health stations meet national healthcare standards"),
])
def test_a_question_jotted_in_note_taking_shorthand_is_answered(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered, answer.reason
    assert said in answer.sentence


@pytest.mark.parametrize("question", [
    "WHO rep. in Vietnam – who?",  # an acronym opening the message still names a body
    "what does the world health org say universal health coverage means",  # lower case
])
def test_a_body_the_articles_never_name_is_declined_however_it_is_written(answerer, question):
    answer = answerer.ask(question)
    assert not answer.answered, answer.sentence
    assert "never mention" in answer.reason
