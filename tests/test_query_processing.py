"""What the bot does with a question before and after BM25: spellings and typos meet the
articles' words, and it declines rather than answer with another place's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Knowledge, Passage, PassageKind, load_articles
from retrieval.analyzer import Analyzer
from retrieval.answer import (
    AnswerType,
    Decline,
    answer_type,
    fits_type,
    has_count,
    is_yes_no,
    photo_number,
    says_by_whom,
)
from retrieval.answerer import Answerer
from retrieval.autocorrected import restore_names
from retrieval.choices import offered_choices
from retrieval.query import Speller
from retrieval.requests import about_the_asker, asides, question_parts, without_requests

analyzer = Analyzer()


@pytest.fixture(scope="module")
def answerer(shipped: Knowledge) -> Answerer:
    return Answerer.build(shipped.passages)


# --- analysis -----------------------------------------------------------------------------


def test_british_spellings_find_american_ones():
    assert analyzer.terms("district health centres, training programmes, tumour, "
                          "hospitalised") == analyzer.terms("district health centers, training "
                                                            "programs, tumor, hospitalized")


def test_british_isation_nouns_the_spelling_list_lacks_are_read_as_american():
    assert analyzer.terms("digitalisation") == analyzer.terms("digital")
    assert analyzer.terms("prioritisations") == analyzer.terms("prioritizations")
    # "-alise" verbs too, and only those: "advise" and "expertise" are no British spellings
    assert analyzer.terms("digitalised") == analyzer.terms("digital")
    assert analyzer.terms("hospitalising") == analyzer.terms("hospitalizing")
    assert analyzer.terms("advise expertise") == ["advis", "expertis"]


def test_an_acronym_that_spells_a_stop_word_is_a_word():
    assert analyzer.terms("the WHO's definition") == ["who", "definit"]
    assert analyzer.terms("IT applications") == ["it", "applic"]
    assert analyzer.terms("Who is it? It is IT-based. MATERIALS AND METHODS") == [
        "base", "materi", "method"]


def test_lone_greek_letters_are_spelled_out_but_micro_stays_a_unit():
    assert analyzer.terms("TNF-α and NF-κB") == analyzer.terms("TNF-alpha and NF-kappaB")
    assert "mug" not in analyzer.terms("5 µg")


def test_hyphenated_words_are_their_words_while_codes_stay_whole():
    assert analyzer.terms("commune-level stations") == analyzer.terms("commune level stations")
    assert "72-nq-tw" in analyzer.terms("Resolution No. 72-NQ/TW")


# --- the question's words -----------------------------------------------------------------


@pytest.mark.parametrize("typed, meant", [
    ("how many hosptial beds", "how many hospital beds"),
    ("where was the health departmnet founded", "where was the health department founded"),
    ("laproscopic surgery", "laparoscopic surgery"),
    ("langson", "lang son"),
])
def test_a_mistyped_word_the_index_lacks_is_read_as_the_word_meant(answerer, typed, meant):
    assert answerer.ranker.parse(typed).terms == tuple(analyzer.terms(meant))


@pytest.mark.parametrize("typed, meant", [
    ("when did he write his leter", "when did he write his letter"),  # short, but no word
    ("staff in the Lang Sonn health sector", "staff in the Lang Son health sector"),  # a name
    ("what did the General Secratary say", "what did the General Secretary say"),
    ("hospitals in Hà Nội", "hospitals in Hanoi"),  # one name typed as two words
    ("what did tolam give", "what did lam give"),  # run together with a stop word
    ("director of Huu Nghi Hosptial", "director of Huu Nghi Hospital"),  # a capitalised word
    ("when was the Health Departmnet founded", "when was the Health Department founded"),
])
def test_a_slip_that_is_no_english_word_is_mended_even_when_short_or_a_name(answerer, typed,
                                                                             meant):
    query = answerer.ranker.parse(typed)
    assert query.terms == tuple(analyzer.terms(meant))
    assert query.corrections


def test_a_rare_slip_for_a_common_word_is_read_as_that_word(answerer):
    # "directer" stems to "direct", which the articles use ("directly"): still a slip
    answer = answerer.ask("who is the directer of huu nghi hospital")
    assert answer.answered and "Nguyen The Anh" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("how many staff work in the lang son health sector", "3,460 personnel"),
    ("where was langson health dept set up", "Keo Coong"),  # a short form typed on a phone
    ("does each commune station in lang son have a doc now", "have assigned doctors"),
    ("do all commune stations in Lang Son have a doctor posted?", "have assigned doctors"),
    # a job is a task: "initially tasked with establishing a provincial medical station"
    ("what was the health department's original job when it started", "initially tasked"),
    # a Vietnamese commune is what foreigners call a village
    ("how many village clinics does lang son have", "194 commune-level medical stations"),
    ("what kinds of obstacles shouldnt stop people getting care", "economic or social barriers"),
    # "keep up" is "uphold", which the article writes "upheld": a form no stemmer ties
    ("which qualities did lang son's health sector keep up over 70 yrs",
     "solidarity, determination, and innovation"),
    ("what did lam honour medical workers for", "paid tribute to the unsung sacrifices"),
    # "the deciding factor" is what "remains decisive"
    ("what did the general secretery say is the deciding factor in the end, not equipment?",
     "human resources remain decisive"),
    # "speed up" is what the article calls "accelerating"
    ("What does Tô Lâm want the health sector to speed up?", "accelerating science"),
    # what people "focus on" is what the article says they "remained committed to"
    ("in the early days what did the sector focus on despite shortages",
     "committed to treating wounded soldiers"),
    ("what should each doctor be for patients when times are hardest",
     "source of support for patients in their most difficult moments"),
    # the workforce To Lam asked for is "a contingent of medical professionals", and the
    # "medical staff" he visited is no answer to what kind he wants
    ("what sort of medical workforce does to lam want built", "strong in expertise"),
    # a "health post" is aid agencies' name for the smallest clinic, not "posted"
    ("how many health posts are in lang son's villages", "194 commune-level"),
    ("is there a medical school in lang son", "one medical college"),
    # readers' own words for the articles' ideas
    ("According to To Lam, what should be at the heart of everything hospitals do?",
     "placing patients at the centre of all activities"),
    ("Why is the health sector called a mix of brains and heart?",
     "a convergence of intellect and compassion"),
    ("Does fairness in getting medical care matter to To Lam?", "equitable access"),
    ("Which codes of conduct do Lang Son's health staff follow?", "12 Medical Ethics Principles"),
    ("How has the country's health system made people's lives better?", "quality of life"),
    ("Is Uncle Ho's advice to doctors just a professional rule?",
     "not only a professional principle"),
    ("Looking ahead, what does Lang Son's Department of Health plan to do?",
     "continue to integrate President Ho Chi Minh"),
])
def test_a_word_people_use_for_the_articles_word_finds_it(answerer, question, expected):
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_slip_the_stemmer_cut_to_another_word_is_read_as_the_word_meant(answerer):
    # Snowball cuts "provincal" to "provinc", the stem of "province"; it meant "provincial"
    query = answerer.ranker.parse("how many provincal hospitals lang son")
    assert query.terms[0] == analyzer.terms("provincial")[0]
    answer = answerer.ask("how many provincal hospitals lang son")
    assert "four provincial hospitals" in answer.sentence


def test_a_term_of_art_is_no_slip_for_the_everyday_word_one_letter_away():
    # "atopic" is in no dictionary and one letter from "atomic": in a corpus that holds it,
    # it is what the question means
    vocabulary = analyzer.terms("atopic atomic dermatitis")
    speller = Speller(vocabulary, lambda term: int(term in vocabulary), analyzer)
    assert speller.likelier("atopic", analyzer.terms("atopic")[0]) is None


def test_a_word_is_read_as_its_relative_but_not_as_the_person_who_does_it(answerer):
    # "satisfied" is the articles' "satisfaction", which Snowball cuts apart from it
    assert ("satisfied", "satisfact") in answerer.ranker.parse(
        "how satisfied are patients").corrections
    # ... but a pharmacy is no pharmacist, nor a direction a director
    assert "pharmacist" not in answerer.ranker.parse("where is the nearest pharmacy").terms
    assert "director" not in answerer.ranker.parse("in which direction").terms
    # "why are pharmacists leaving ... for private pharmacies": the pharmacies were the
    # pharmacists again, and the question found the count of them
    assert not answerer.ask("How come so many pharmacists are leaving public hospitals for "
                            "private pharmacies?").answered


def test_a_misspelt_stop_word_is_not_searched_nor_missed(answerer):
    query = answerer.ranker.parse("what barriers should not keep anyone from care, acording to lam")
    assert "acord" not in query.terms and "acord" not in query.unknown
    assert answerer.ranker.parse("why did satisfaction rise becuase of what").unknown == ()
    # "acording" was the one word of it the passages lack, enough to call it a weak match
    answer = answerer.ask("what kinds of barriers should not leave anyone behind in getting "
                          "treatment, acording to to lam")
    assert answer.answered and "economic or social barriers" in answer.sentence


def test_known_words_short_words_and_unknown_names_are_left_as_typed(answerer):
    query = answerer.ranker.parse("how long is the cure in Bac Giang")
    assert query.terms == tuple(analyzer.terms("long cure Bac Giang"))
    assert query.corrections == ()
    assert "giang" in query.unknown and "giang" in query.names


def test_a_common_english_word_is_never_taken_for_a_slip(answerer):
    # "insurance" is two edits from a form of "inspir" the articles hold, but it is a word
    # people use every day: the articles lack it, nobody mistyped it
    query = answerer.ranker.parse("does health insurance cover cataract surgery")
    assert query.corrections == ()
    assert "insur" in query.unknown


def test_a_slip_one_letter_from_a_word_the_articles_lack_is_not_mended_to_theirs(answerer):
    # "insurence" is one letter from "insurance" and two from "inspire": it meant the word the
    # articles lack, so the question is not answered from "Inspired by his teachings"
    query = answerer.ranker.parse("what does the article say about insurence")
    assert query.corrections == () and "insur" in query.unknown
    assert not answerer.ask("what does the article say about insurence").answered
    # a slip as near the articles' word as an everyday one is still theirs ("personal")
    assert "personnel" in answerer.ask("Lang Son health workforce size personel").sentence


@pytest.mark.parametrize("question, said", [
    ("what citty is the frendship hospital in", "in Hanoi"),  # "what city": where
    ("wich hosbital did toe lam visit on docters day", "Huu Nghi"),  # "wich" is no "wish"
])
def test_a_slip_of_an_everyday_word_is_read_as_that_word_though_the_articles_lack_it(
        answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_thumb_slip_of_a_short_question_word_or_a_swap_is_read_as_the_word_meant(answerer):
    # "hiw many" asks how many: the count of district centres, not the passage on procedures
    answer = answerer.ask("hiw many district health centres does lang son have")
    assert answer.answered and "11 district health centers" in answer.sentence
    assert answerer.ranker.parse("what is teh goal").text == "what is the goal"
    # a short word that is no slip of a question word nor a swap stays as typed
    for typed in ("does huu nghi have an app", "how many med staff work there", "cost in usd"):
        assert answerer.ranker.parse(typed).text == typed


@pytest.mark.parametrize("question, said", [
    ("wat did to lamb give the hospital staff on feb 27", "To Lam presents gift"),
    ("whwre is huh nghi hospital", "Huu Nghi (Friendship) Hospital in Hanoi"),
    ("how many hospital beds in lang song", "2,762 hospital beds"),
])
def test_a_names_word_autocorrected_into_an_english_word_is_read_as_the_name(answerer,
                                                                            question, said):
    answer = answerer.ask(question)
    assert answer.answered, answer.reason
    assert said in answer.sentence


def test_a_word_split_by_a_stray_space_is_read_whole_not_as_two_slips(answerer):
    # "princi" and "ples" are each one slip from another word ("prince", "plus")
    answer = answerer.ask("how many medical ethics princi ples are there")
    assert answer.answered and "12 Medical Ethics Principles" in answer.sentence


def test_only_a_word_beside_the_rest_of_a_written_name_is_read_as_the_name():
    texts = ["General Secretary To Lam visited Lang Son."]
    lacking = {"lamb", "song", "long", "an", "la"}.__contains__
    assert restore_names("did to lamb visit lang song", lacking, texts) == \
        "did to Lam visit lang Son"
    # a place the texts never name stays one they lack
    assert restore_names("hospitals in Long An or Son La", lacking, texts) == \
        "hospitals in Long An or Son La"
    assert restore_names("a lamb in the song", lacking, texts) == "a lamb in the song"


@pytest.mark.parametrize("question", [
    "what currensy does vietnam use",
    "what is the life expectency in vietnam now",
])
def test_a_slip_of_a_topic_the_articles_lack_is_declined_like_the_word(answerer, question):
    assert not answerer.ask(question).answered


def test_names_vietnamese_and_the_articles_own_words_are_not_read_as_everyday_slips(answerer):
    # "giang" is no "giant", "Coong" no "coon", "compasion" the articles' "compassion"
    for typed in ("beds in bac giang", "founded in Keo Coong", "compasion in medicine",
                  "does huu nghi have a mobile app"):
        assert answerer.ranker.parse(typed).text == typed


@pytest.mark.parametrize("sentence, counts", [
    ("The province has 2,762 hospital beds.", True),
    ("This includes four provincial hospitals.", True),
    ("Satisfaction rates now exceed 80%.", True),
    ("Founded in 1948 in Keo Coong.", False),
    ("He visited on February 27 for the 71st anniversary.", False),
])
def test_a_count_is_a_quantity_not_a_year_a_day_or_an_ordinal(sentence, counts):
    assert has_count(sentence) is counts


def test_the_kind_of_answer_is_read_from_the_question():
    assert answer_type("Why did satisfaction rise?") is AnswerType.REASON
    assert answer_type("How many beds are there?") is AnswerType.NUMBER
    assert answer_type("what year was it founded") is AnswerType.DATE
    assert answer_type("Who is the director?") is AnswerType.PERSON
    # the first question word decides: a "when" further on is part of what is asked about
    assert answer_type("What did he praise when visiting the hospital?") is AnswerType.OTHER
    assert answer_type("In what year was it founded?") is AnswerType.DATE
    # ... and "when" joining a clause to a past deed asks no date; asking when still does
    assert answer_type("the quote he recalled when he wished them well") is AnswerType.OTHER
    assert answer_type("I asked when he visited") is AnswerType.DATE
    assert answer_type("health department founded when") is AnswerType.DATE
    # how old: an age, which a founding year or an anniversary gives as well as a count does
    assert answer_type("how old is the health department") is AnswerType.AGE
    # a measure asked for by name, of whatever or whoever
    assert answer_type("What is the total number of hospital beds?") is AnswerType.NUMBER
    assert answer_type("what is vietnam's life expectancy now") is AnswerType.NUMBER
    assert answer_type("whats the average life expectancy") is AnswerType.NUMBER  # phone typing
    assert answer_type("no. of district health centres lang son") is AnswerType.NUMBER
    assert answer_type("what is the total no. of staff at the hospital") is AnswerType.NUMBER
    # ... but "the number of the resolution" is which one, not how many
    assert answer_type("May I know the number of the Politburo resolution?") is AnswerType.OTHER
    assert answer_type("the number of the commune stations") is AnswerType.NUMBER
    assert answer_type("is there no doctor at the station") is AnswerType.OTHER
    assert answer_type("14th national party congress date") is AnswerType.DATE  # keywords
    assert answer_type("to lam huu nghi visit year") is AnswerType.DATE
    assert answer_type("dengue cases this year") is AnswerType.OTHER  # a span, not asked
    assert answer_type("is service improving year after year") is AnswerType.OTHER  # a trend
    assert answer_type("satisfaction year-on-year") is AnswerType.OTHER
    assert answer_type("lang son district health centres number?") is AnswerType.NUMBER
    assert answer_type("huu nghi hospital phone number") is AnswerType.CONTACT
    assert fits_type("Founded in 1948.", AnswerType.DATE)


# --- answering and declining ---------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "how many health workers in lang son province",
    "How much is the count of health workers in Lang Son province?",
])
def test_a_count_of_workers_is_a_count_of_the_staff_by_any_name(answerer, question):
    # the article counts "personnel"; "healthcare workers" are in a paragraph on the wars,
    # whose only figure is "70 years"
    answer = answerer.ask(question)
    assert answer.answered and "3,460 personnel" in answer.sentence


def test_the_number_of_a_named_thing_is_which_one_it_is(answerer):
    answer = answerer.ask("May I know the number of the Politburo resolution on public "
                          "healthcare that was mentioned?")
    assert answer.answered and "72-NQ/TW" in answer.sentence


def test_a_share_is_no_count_of_the_whole(answerer):
    # "Eight out of ten district health centers now provide ..." is a share; the count of
    # district health centers is the "11" of the list
    answer = answerer.ask("How many district health centres are there in Lang Son?")
    assert answer.answered and "11 district health centers" in answer.sentence
    share = answerer.ask("how many district health centres provide 80% of district services")
    assert share.answered and "Eight out of ten" in share.sentence
    keywords = answerer.ask("lang son district health centres number?")
    assert keywords.answered and "11 district health centers" in keywords.sentence


def test_a_count_beside_a_place_is_no_count_of_what_is_asked(answerer):
    # "Over the past 70 years, Lang Son's health sector ..." holds a count next to "Lang Son",
    # not next to the people who work there
    answer = answerer.ask("How many people work in Lang Son's health sector?")
    assert answer.answered and "over 3,460 personnel" in answer.sentence
    typed = answerer.ask("how many people work in the lang son health sector")
    assert typed.answered and "over 3,460 personnel" in typed.sentence


def test_a_number_the_question_gives_is_no_answer_to_it(answerer):
    # the article names "Resolution No. 72-NQ/TW" and never its funding
    funding = answerer.ask("How much funding does Resolution 72-NQ/TW allocate to hospitals?")
    assert not funding.answered
    beds = answerer.ask("how many hospital beds per 10,000 people in lang son")
    assert beds.answered and "34 beds per 10,000" in beds.sentence


def test_commune_stations_question_is_answered_with_the_194(answerer):
    answer = answerer.ask("how many commune stations does Lang Son have")
    assert answer.answered and "194" in answer.sentence
    assert "194 commune-level medical stations" in answer.passages[0].passage.text


def test_a_why_question_answered_by_a_result_also_gets_the_reason_before_it(answerer):
    answer = answerer.ask("why did patient satisfaction go up in lang son")
    assert answer.answered
    assert answer.sentence.startswith("Additionally, the attitude and working style")
    assert "As a result, patient satisfaction rates now exceed 80%" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    # the cause asked for by name: the sentence before "As a result, ..."
    ("What led to patient satisfaction rates above 80% in Lang Son?",
     "the attitude and working style of healthcare staff have also undergone positive changes"),
    # what came of something: the sentence after the one naming it
    ("What was the result of the positive change in staff attitude?",
     "As a result, patient satisfaction rates now exceed 80%"),
    # the aim of something: "The goal is to ..." after the sentence naming it
    ("What is the aim of expanding exemplary models and innovative initiatives?",
     "The goal is to build a compassionate and dedicated medical workforce"),
])
def test_a_cause_a_result_or_an_aim_asked_for_brings_the_sentence_that_gives_it(
        answerer, question, expected):
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_sentence_going_on_about_the_answer_joins_it_when_it_holds_more_of_the_question(
        answerer):
    # "... President Ho Chi Minh wrote: '... protecting public health.' This is a most
    # honorable duty.": "this" is the first sentence's task, and only it says "honorable"
    answer = answerer.ask("Uncle Ho called treating illnesses and protecting public health a "
                          "most honourable what?")
    assert answer.answered and answer.sentence.startswith("In his letter to healthcare workers")
    assert answer.sentence.endswith("This is a most honorable duty.")
    # when it adds nothing the question asks, it stays apart
    alone = answerer.ask("who did Ho Chi Minh write his 1955 letter to")
    assert alone.sentence.endswith("protecting public health.")


def test_the_sentence_holding_what_is_asked_for_wins(answerer):
    answer = answerer.ask("What training programmes has Lang Son's health sector run to build "
                          "a skilled workforce?")
    assert "training programs for technology transfer" in answer.sentence


@pytest.mark.parametrize("question", [
    "how many nurses work in lang son",  # the articles count staff, never nurses
    "how many ambulances does lang son have",
])
def test_a_question_about_what_no_article_mentions_is_declined(answerer, question):
    assert not answerer.ask(question).answered


@pytest.mark.parametrize("question", [
    "what did To Lam say about universal health coverage",  # "say" only frames the question
    "number of People's Doctors in lang son health sector",
    "Who is the head of the Friendship Hospital in Hanoi?",  # names and one everyday word
])
def test_words_that_only_frame_a_question_do_not_make_the_bot_decline(answerer, question):
    assert answerer.ask(question).answered


@pytest.mark.parametrize(("question", "expected"), [
    ("where is the friendship hospital located", "in Hanoi"),
    ("huu nghi hospital location", "in Hanoi"),  # keywords: the word asks where
    ("what year did Vietnamese Doctors' Day begin", "1955"),
    ("the huu nghi hospital is in which city", "in Hanoi"),
    # nor those saying who said it
    ("Which resolution on healthcare breakthroughs did the leader cite?", "72-NQ/TW"),
    ("Which saying of Hồ Chí Minh did Tô Lâm remind the doctors of?", "gentle mother"),
    # nor, in a question for a date, those asking when it began
    ("when did the vietnamese doctors day begin", "1955"),
    # ... even when the name is all the rest: "year" and "begin" only say what kind of answer
    ("what year did Doctors' Day begin?", "1955"),
    # nor those asking for the whole of a figure
    ("how many people work in the lang son health sector altogether", "3,460"),
])
def test_words_framing_the_question_need_not_be_in_the_passage(answerer, question,
                                                         expected):
    # the passage holds a year or a city, not the words "year" or "city"; nor the word
    # "cite" for a resolution the leader cited
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_uncle_ho_is_president_ho_chi_minh(answerer):
    # the hospital article says "President Ho Chi Minh", the Lang Son one "Uncle Ho": a title
    # honours the man, it is no place or body the answer must be about
    answer = answerer.ask("What did the General Secretary say Uncle Ho's guidance is?")
    assert answer.answered and "sacred moral standard" in answer.sentence


@pytest.mark.parametrize("question", [
    "which saying of uncle ho did the general secretary quote",
    "what uncle ho quote did to lam use at the hospital",
])
def test_uncle_ho_is_searched_as_ho_chi_minh(answerer, question):
    # the hospital article quotes "President Ho Chi Minh"; searched as "uncle", the question
    # finds the Lang Son paragraphs that write "Uncle Ho" and declines as not about To Lam
    answer = answerer.ask(question)
    assert answer.answered and "gentle mother" in answer.sentence


@pytest.mark.parametrize(("question", "expected"), [
    ("which ho chi minh saying did to lam quote to the hospital staff", "gentle mother"),
    ("what did to lam say uncle ho's teaching is besides a professional principle",
     "sacred moral standard"),
])
def test_a_passage_a_little_further_down_answers_when_the_best_is_about_others(
        answerer, question, expected):
    # the Lang Son paragraphs on Ho Chi Minh rank first and are not about To Lam; the hospital
    # article's paragraph, third or fourth, is, and says what is asked
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence
    assert "huu-nghi" in answer.passages[0].passage.article  # listed first


def test_a_name_the_question_asks_for_is_what_is_asked(answerer):
    # the article writes "Politburo Resolution No. 72-NQ/TW" as a name; after "which" it is
    # what is asked for, not the context of the question, so finding it counts
    answer = answerer.ask("which Politburo resolution on healthcare did To Lam cite")
    assert answer.answered and "72-NQ/TW" in answer.sentence


def test_an_everyday_word_the_articles_also_write_as_a_name_is_the_word(answerer):
    # "Vietnamese Doctors' Day" makes "Day" a name; "in its early days" is not about it
    answer = answerer.ask("in its early days, what was the health sector committed to "
                          "despite the shortages")
    assert answer.answered and "treating wounded soldiers" in answer.sentence


def test_a_name_only_one_paragraph_mentions_is_not_lent_to_the_others(answerer):
    # "Vietnamese Doctors' Day" is in one paragraph of the visit article: the closing one,
    # which names General Secretary Lam, is not about that day, the paragraph naming it is
    answer = answerer.ask("Which hospital did General Secretary To Lam visit on Doctors Day?")
    assert answer.answered and "Huu Nghi (Friendship) Hospital" in answer.sentence


def test_a_title_is_no_name_the_articles_must_mention(answerer):
    answer = answerer.ask("Dear bot, what do doctors sustain besides prolonging life, "
                          "according to Mr To Lam?")
    assert answer.answered and "confidence of patients" in answer.sentence


def test_a_typo_and_vietnamese_spelling_still_find_the_answer(answerer):
    answer = answerer.ask("how many hosptial beds are there in Lạng Sơn")
    assert answer.answered and "2,762" in answer.sentence


def test_a_figure_for_lang_son_is_no_answer_about_hanoi(answerer):
    answer = answerer.ask("How many hospital beds does Hanoi have?")
    assert not answer.answered and "Hanoi" in answer.reason
    assert answer.passages  # the nearest passages are still offered


@pytest.mark.parametrize("question", [
    "How many provincial hospitals are there in Bac Giang?",
    "What was the patient satisfaction rate in Lang Son back in 2015?",  # a year
])
def test_a_place_or_year_the_articles_never_mention_is_declined(answerer, question):
    answer = answerer.ask(question)
    assert not answer.answered and "never mention" in answer.reason
    assert answer.declined is Decline.NEVER_MENTIONED


@pytest.mark.parametrize("question, lacking", [
    ("How many provincial hospitals are there in Bac Giang?", ("Bac Giang",)),  # "bac" known
    ("Is there a cancer hospital in Đà Nẵng, Vietnam?", ("Đà Nẵng",)),  # the comma ends it
    ("How many doctors did Mr Smith train in Quang Ninh?", ("Mr Smith", "Quang Ninh")),
])
def test_a_decline_names_what_the_articles_lack_as_the_asker_typed_it(answerer, question,
                                                                       lacking):
    assert answerer.ask(question).lacking == lacking


def test_the_who_is_a_body_the_articles_never_mention(answerer):
    # "WHO" is no question word, and the first word searched is as much a name as any other
    answer = answerer.ask("What is the WHO's official definition of universal health coverage?")
    assert answer.declined is Decline.NEVER_MENTIONED and answer.lacking == ("WHO",)


def test_a_shouted_question_is_read_as_if_typed_in_lower_case(answerer):
    answer = answerer.ask("HOW MANY HOSPITAL BEDS DOES LANG SON HAVE")
    assert answer.answered and "2,762" in answer.sentence


@pytest.mark.parametrize("question, answered", [
    ("can you get dialysis at a district hospital in lang son", True),
    ("Does Lang Son have a medical college?", True),
    ("is there a cancer centre in lang son", False),  # "centre" and "Lang Son" are not enough
    ("does health insurance pay for dialysis in lang son", False),
])
def test_a_yes_no_question_must_be_found_nearly_whole(answerer, question, answered):
    assert answerer.ask(question).answered is answered


@pytest.mark.parametrize("question, said", [
    ("Is patient satisfaction in Lang Son above 90%?", "exceed 80%"),
    ("was to lam's hospital visit for the 70th anniversary of doctors day", "71st anniversary"),
    # a figure checked in words: "forty" is no word the passage lacks when it gives "34"
    ("Does Lang Son have over forty hospital beds for every ten thousand people?", "34 beds"),
    ("are there more than fifty beds per ten thousand people in lang son", "34 beds"),
])
def test_a_yes_no_question_with_the_wrong_figure_gets_the_right_one(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_question_for_something_is_no_yes_no_question():
    assert is_yes_no("Does Lang Son have a medical college?")
    assert not is_yes_no("can you tell me how many beds lang son has")


def test_asked_for_a_name_the_passage_must_write_one(answerer):
    # the hospital has "a mobile application", never named
    assert not answerer.ask("What is the name of Huu Nghi Hospital's mobile application?").answered
    answer = answerer.ask("whats the name of the huu nghi hospital director")
    assert answer.answered and "Nguyen The Anh" in answer.sentence


@pytest.mark.parametrize("question, answered", [
    # "patients receiving treatment at the hospital's Intensive Care and Toxicology
    # Department": names, but none of them a patient's
    ("What was the name of the patient To Lam visited?", False),
    ("name of the medical college in lang son", False),  # "one medical college", unnamed
    ("name of the director of huu nghi hospital", True),
    ("tell me the name of the campaign lang son's first medical station served", True),
    # "procure modern medical equipment": from whom, no passage says
    ("which company supplied the modern medical equipment lang son procured", False),
    # "Eight out of ten district health centers now provide at least 80% ...": which two
    # do not, the article does not say
    ("Which two district health centres in Lang Son do not provide 80% of services?", False),
    ("which hospital did to lam visit on doctors day", True),
])
def test_a_name_must_be_given_beside_what_it_names(answerer, question, answered):
    assert answerer.ask(question).answered is answered


def test_what_something_costs_is_answered_by_an_amount_of_money_only(answerer):
    assert answer_type("How much does a dialysis session cost?") is AnswerType.MONEY
    assert answer_type("what salary do commune doctors earn") is AnswerType.MONEY
    assert answer_type("what is the annual budget of the department") is AnswerType.MONEY
    assert answer_type("how much of the budget went to beds") is AnswerType.NUMBER
    # an amount of funding is money too, however asked
    assert answer_type("What was the amount of financial support from the government?") is \
        AnswerType.MONEY
    assert answer_type("how much funding did lang son get") is AnswerType.MONEY
    assert not answerer.ask("What was the quantum of financial support extended by the "
                            "central government to Lang Son?").answered
    assert fits_type("The fee is VND 500,000 a session.", AnswerType.MONEY)
    assert not fits_type("Eight out of ten centres provide 80% of services.", AnswerType.MONEY)
    # "Eight out of ten district health centers now provide at least 80% ..." is a count
    assert not answerer.ask("How much does a dialysis session cost at a district health "
                            "centre in Lang Son?").answered


def test_which_agency_asks_for_a_name_the_passage_gives_without_the_word(answerer):
    # "Photo: VNA": the caption names the agency, never the word "agency"
    answer = answerer.ask("Which news agency supplied the photos of the General Secretary "
                          "at the Friendship Hospital?")
    assert answer.answered and "VNA" in answer.sentence


def test_a_how_many_question_without_any_count_in_the_passage_is_declined(answerer):
    assert not answerer.ask("How many staff work at the Huu Nghi Hospital?").answered
    # ... however the count is asked for
    assert not answerer.ask("what is the total no. of staff working at the Friendship "
                            "Hospital").answered


def test_names_scope_the_answer_to_their_own_article(articles_dir: Path):
    answerer = Answerer.build(load_articles(articles_dir).passages)
    here = answerer.ask("How many beds does the clinic in Cao Bang have?")
    assert here.answered and "40 beds" in here.sentence
    elsewhere = answerer.ask("How many beds does the clinic in Ha Giang have?")
    assert not elsewhere.answered


def test_an_article_about_vietnamese_doctors_is_about_vietnam(answerer):
    # the hospital article says "Vietnam" once and "Vietnamese" twice
    answer = answerer.ask("doctors day vietnam started what year")
    assert answer.answered and "1955" in answer.sentence
    assert not answerer.ask("How many hospital beds does Vietnam have?").answered


def test_a_synonym_list_is_groups_of_words_read_like_the_articles():
    from retrieval.synonyms import parse_groups, synonym_terms

    groups = parse_groups(["# comment", "clinic, station  # a health station", "alone", "",
                           "centre, hub"])
    assert groups == [["clinic", "station"], ["centre", "hub"]]
    table = synonym_terms(analyzer, groups)
    assert table[analyzer.terms("clinics")[0]] == frozenset(analyzer.terms("stations"))
    assert table[analyzer.terms("hub")[0]] == frozenset(analyzer.terms("center"))  # British


def test_vietnamese_words_in_a_question_are_read_as_the_articles_english():
    from retrieval.glossary import Glossary

    glossary = Glossary.parse(["# comment", "trạm y tế = health station",
                               "trạm y tế xã = commune health station", "xã = commune",
                               "Tổng Bí thư = General Secretary", "GS = General Secretary",
                               "no equals sign"])
    assert glossary.translate("How many trạm y tế xã does Lang Son have?") == (
        "How many commune health station does Lang Son have?")  # the longest phrase wins
    assert glossary.translate("tram y te in each xa?") == "health station in each commune?"
    assert glossary.translate("(Tổng Bí Thư) visited") == "(General Secretary) visited"
    assert glossary.translate("Lạng  Sơn\n") == "Lạng  Sơn\n"  # untouched, spaces and all
    # a possessive is the phrase's, an acronym's or a title's
    assert glossary.translate("the GS's remarks") == "the General Secretary's remarks"
    assert glossary.translate("the tổng bí thư's view") == "the General Secretary's view"


@pytest.mark.parametrize(("question", "said"), [
    ("What must every doctor serve as for patients, per the Party leader?",
     "source of support"),
    ("What barriers should leave no one behind in getting medical care, per the opening "
     "paragraph?", "geographical, economic or social barriers"),
])
def test_per_the_names_a_source_as_according_to_does(answerer, question, said):
    # "per" was searched as a rare word no answering passage holds, as in "34 beds per 10,000"
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


@pytest.mark.parametrize(("question", "said"), [
    ("which barriers should never stop someone getting medical care, in the party chief's view",
     "geographical, economic or social barriers"),
    ("Whose health is the Friendship Hospital's mission to care for?",
     "senior Party and State officials and the public"),
])
def test_a_phrase_the_glossary_knows_is_read_with_its_possessive(answerer, question, said):
    # "party chief's" was searched as "party" and "chief", and "chief" is a director's title
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_foto_is_a_photo_not_a_slip_for_foot(answerer):
    # "foto" is how many languages spell it; as an English slip it is nearest "foot"
    answer = answerer.ask("who took the foto of to lam presenting gifts")
    assert answer.answered and "Photo: VNA" in answer.sentence


def test_a_question_naming_things_in_vietnamese_is_answered(answerer):
    answer = answerer.ask("How many trạm y tế xã does Lang Son have?")
    assert answer.answered and "194 commune-level medical stations" in answer.sentence
    assert answer.question == "How many trạm y tế xã does Lang Son have?"  # as asked
    director = answerer.ask("ai là giám đốc bệnh viện Hữu Nghị")
    assert director.answered and "Nguyen The Anh" in director.sentence


@pytest.mark.parametrize(("question", "said"), [
    ("Lạng Sơn có bao nhiêu giường bệnh", "2,762 hospital beds"),
    ("beds per 10 ngàn dân lang son", "34 beds per 10,000 people"),
    # "10.000" is ten thousand as Vietnamese write it
    ("bác sĩ per 10.000 dân ở Lạng Sơn là bao nhiêu", "11.4 doctors"),
    # ... and "10 000" as they type it with a space
    ("Doctors for every 10 000 residents in Lang Son is how many?", "11.4 doctors"),
    # the question word last, in Vietnamese order ("năm nào", "thành phố nào")
    ("Bệnh viện Hữu Nghị is located in city which?", "in Hanoi"),
    ("Vietnamese Doctors Day begin from year what?", "1955"),
    # the grades of specialist ("chuyên khoa cấp II" is a Level-II specialist)
    ("Lạng Sơn có bao nhiêu bác sĩ chuyên khoa cấp II?", "44 Level-II specialists"),
])
def test_vietnamese_question_words_and_numbers_keep_the_question_asked(answerer, question,
                                                                       said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


@pytest.mark.parametrize(("question", "said"), [
    ("When was Sở Y tế Lạng Sơn (DOH) established?", "1948"),
    ("which dept did the GS visit patients and give gifts in", "Intensive Care and Toxicology"),
    ("beyond physical pain, what do physicians relieve per the GS's remarks",
     "emotional distress"),  # the acronym's possessive
    ("huu nghi EMR digital signature app", "electronic medical records"),
    # as public-health staff write the grassroots: commune health stations, district health
    # centres, health-care workers, the grades of specialist, medical examination and treatment
    ("how many CHSs does lang son have at grassroots level", "194 commune-level"),
    ("No. of DHCs in the Lang Son network?", "11 district health centers"),
    ("total HCWs employed by the lang son health sector", "3,460"),
    ("how many CKI / level 1 specialists does the province have", "240 Level-I"),
    ("Lang Son total bed capacity", "2,762"),
    ("GS end goal for the sector - UHC?", "universal health coverage"),
    ("Is patient satisfaction in Lang Son above or below 80 per cent?", "exceed 80%"),
    ("doctor's role for pts at their worst moments per GS?", "most difficult moments"),
    ("beds per 10,000 ppl in LS?", "34 beds per 10,000"),
    # "bệnh viện" as Vietnamese chat shortens it, and "bệnh viện tỉnh" in its English order
    ("To Lam visit bv Huu Nghi in which city?", "in Hanoi"),
    ("how many bv tỉnh Lang Son have?", "four provincial hospitals"),
])
def test_the_acronyms_of_health_administration_are_read_as_their_words(answerer, question,
                                                                        said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_an_acronym_is_the_name_whose_initials_it_is_where_the_passages_write_one():
    from retrieval.initials import spell_out

    texts = ["In Lang Son, President Ho Chi Minh’s teachings guide Lang Son’s doctors.",
             "Lang Son General Hospital"]
    assert spell_out("LS's first station", ["LS"], texts) == "Lang Son's first station"
    assert spell_out("what did HCM write", ["HCM"], texts) == "what did Ho Chi Minh write"
    # only a whole name or its tail: "President Ho Chi" is no name
    assert spell_out("PHC in LS", ["PHC"], texts) == "PHC in LS"
    assert spell_out("HCMC hospitals", ["HCMC"], texts) == "HCMC hospitals"
    # a capital that opens a sentence names nothing
    assert spell_out("IS therapy", ["IS"], ["In Sepsis, IS was given."]) == "IS therapy"


@pytest.mark.parametrize(("question", "said"), [
    ("which military campaign did LS's first provincial medical station support?",
     "Cao – Bac – Lang"),
    ("What percentage of Party members and staff in the LS health sector register each year "
     "to study Ho Chi Minh's teachings?", "100% of Party members"),
])
def test_an_acronym_of_a_name_the_articles_write_out_finds_it(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_an_acronym_no_name_spells_is_still_a_name_the_articles_lack(answerer):
    answer = answerer.ask("how many beds does HCMC general hospital have")
    assert not answer.answered


def test_a_dotted_number_is_a_decimal_where_the_index_holds_it():
    from retrieval.query import parse_query

    def known(*terms: str):
        return lambda term: int(term in terms)

    assert parse_query("10.000 people", analyzer, known("10000", "peopl")).terms == (
        "10000", "peopl")
    assert parse_query("a ratio of 2.762", analyzer, known("2.762", "2762", "ratio")).terms == (
        "ratio", "2.762")


def test_chat_shorthand_for_a_question_word_is_read_as_the_word(answerer):
    # "wat" would otherwise be searched as a word no passage holds, and "year" lose its
    # question word
    answer = answerer.ask("wat year did vietnamese doctors day start")
    assert answer.answered and "1955" in answer.sentence
    assert answerer.ask("hw many commune stations in lang son").sentence.count("194") == 1
    when = answerer.ask("wen did the gen sec go to huu nghi hosp?")
    assert when.answered and "February 27" in when.sentence
    # "acc to" says where the answer is said, as "according to" does, not what is asked
    love = answerer.ask("acc to uncle ho's letter how should a doctor love patients")
    assert love.answered and "as if they were their own family" in love.sentence
    # "n" is "and": no passage holds it, so it would count as a word the answer lacks
    progress = answerer.ask("besides facilities n staff what else did they make progress on")
    assert progress.answered and "administrative reform" in progress.sentence


def test_a_capital_that_opens_a_sentence_is_no_name(answerer):
    # "Thanks" is no place the articles fail to mention
    for question in ("How many commune stations does Lang Son have? Thanks!",
                     "Hello. How many commune stations does Lang Son have? Thank you"):
        answer = answerer.ask(question)
        assert answer.answered and "194 commune-level" in answer.sentence


def test_a_name_asked_in_english_is_the_one_the_article_gives_in_brackets(answerer):
    # "Huu Nghi (Friendship) Hospital": "English", "mean" and "called" frame the question
    for question in ("What does Huu Nghi mean in English?",
                     "whats the english name of huu nghi hosptial",
                     "What is Huu Nghi Hospital called in English?"):
        answer = answerer.ask(question)
        assert answer.answered and "(Friendship)" in answer.sentence
    assert not answerer.ask("How do I say thank you in English?").answered


def test_living_longer_is_life_expectancy(answerer):
    # "living" and "longer" alone find nothing; the article credits the sector with
    # "the improvement of ... life expectancy"
    answer = answerer.ask("do vietnamese people live longer now because of the health sector")
    assert answer.answered and "life expectancy" in answer.sentence


def test_looking_after_is_caring_for(answerer):
    # neither "look" nor "after" is searched on its own; the articles write "caring for"
    answer = answerer.ask("who does huu nghi hospital look after")
    assert answer.answered and "caring for senior Party and State officials" in answer.sentence


@pytest.mark.parametrize(("question", "expected"), [
    ("what digital tools has the hospital rolled out", "electronic medical records"),
    ("what two things did to lam say come together in healthcare", "intellect and compassion"),
    ("health sector is a meeting point of which 2 things he said", "intellect and compassion"),
    ("which ward did he go to see patients in", "Intensive Care and Toxicology Department"),
    ("when exactly did to lam drop in on huu nghi hospital", "February 27"),
])
def test_a_phrasal_verb_is_read_as_the_one_word_news_english_writes(answerer, question,
                                                                    expected):
    # "rolled out" is "implemented", "come together" "converge", "a meeting point"
    # "a convergence", "go to see" "visit"; "rolled" and "come" alone would be searched as
    # words no passage holds
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence
    assert answerer.ranker.parse("has the sector kept up its tradition").terms == tuple(
        analyzer.terms("has the sector upheld its tradition"))


def test_the_friendship_hospital_is_huu_nghi(answerer):
    # "Hữu Nghị" means friendship; the article writes "Huu Nghi (Friendship) Hospital" in its
    # opening lines only, and "Huu Nghi Hospital" where it says whom the hospital cares for
    answer = answerer.ask("who does the Friendship Hospital mainly look after?")
    assert answer.answered and "senior Party and State officials" in answer.sentence


@pytest.mark.parametrize("question", [
    "who is the huu nghi hospital meant to look after",  # "meant to": what it does
    "has lang son made progress on digitalisation",  # the article: "digital transformation"
])
def test_hedged_and_british_questions_are_answered(answerer, question):
    assert answerer.ask(question).answered


@pytest.mark.parametrize("question, expected", [
    ("What has the health care system helped improve? need a list for my assignment",
     "quality of life and life expectancy"),
    ("list all the types of facilities in lang sons health network for my assignment",
     "194 commune-level medical stations"),
])
def test_words_about_the_askers_homework_are_not_searched(answerer, question, expected):
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence
    assert answer.question == question  # the reply still quotes the question as asked


def test_only_the_wrapping_of_a_request_is_taken_out():
    assert without_requests("what strategies has it used? (list pls)") == (
        "what strategies has it used?")
    assert without_requests("I'm doing a school project about healthcare in Lang Son") == (
        "healthcare in Lang Son")
    for question in ("who is on the waiting list", "which projects did lang son build",
                     "list pls"):  # nothing else would be left
        assert without_requests(question) == question


@pytest.mark.parametrize(("question", "expected"), [
    ("summarise what the article says about the Department of Health's plans going forward",
     "integrate President Ho Chi Minh’s teachings"),
    ("Give me the year Vietnamese Doctors' Day goes back to", "1955"),
    ("kindly explain why patient satisfaction went up in lang son", "80%"),
])
def test_an_order_is_read_as_the_question_it_gives(answerer, question, expected):
    # "summarise what the article says about", "give me": the order is wrapping, and "the
    # year" it asks for is the kind of answer wanted, as in "which year"
    assert not without_requests(question).lower().startswith(("summar", "give", "kindly"))
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize(("question", "expected"), [
    ("In one word: in which city is the Huu Nghi Hospital?", "in Hanoi"),
    ("Reply with the date only - when did the General Secretary visit the Friendship "
     "Hospital?", "February 27"),
    ("(year only) When did Vietnamese Doctors' Day begin?", "1955"),
    ("Give me the source: who supplied the photos of To Lam at the hospital?", "VNA"),
    ("TL;DR of the headline: for how many years has Lang Son's health sector followed "
     "Uncle Ho's teachings?", "70 years"),
])
def test_how_the_answer_should_be_put_is_not_searched(answerer, question, expected):
    # "one word", "reply", "source", "TL;DR": no passage says them, and the bot declined
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_only_words_about_the_answers_form_are_taken_out():
    assert without_requests("How many beds? Be precise.") == "How many beds?"
    assert without_requests("What did the Party chief say? (list them, no details)") == (
        "What did the Party chief say?")
    for question in ("Lang Son: how many beds?", "How many beds (Lang Son only)?",
                     "how many beds? Lang Son only",  # a name after the mark is asked
                     "Physicians don't only heal physical pain - what else do they do?",
                     "What is the source of the photos?", "two words please"):
        assert without_requests(question) == question


def test_courtesies_and_self_introductions_are_not_searched(answerer):
    question = ("Good afternoon. I am a retired nurse and I read the article about the Party "
                "leader going to a hospital in the capital on Doctors' Day. Could you kindly "
                "tell me which hospital it was? Thank you.")
    assert without_requests(question) == (
        "the Party leader going to a hospital in the capital on Doctors' Day. Could you "
        "kindly tell me which hospital it was?")
    answer = answerer.ask(question)
    assert answer.answered and "Huu Nghi" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("When To Lam commended the Huu Nghi Hospital's achievements, whom did he say the "
     "hospital is tasked with caring for?", "senior Party and State officials"),
    ("My family lives far from a hospital. When To Lam talked about equitable access, which "
     "barriers did he say should leave no one behind?", "geographical, economic or social"),
])
def test_a_clause_setting_the_scene_with_when_asks_no_date(answerer, question, expected):
    # the kind of answer comes from "whom" and "which", not from the opening "when"
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("Good afternoon. For my report, how many provincial health centres are there in Lang Son? "
     "Cheers, Olivia from the NGO office", "five provincial health centers"),
    ("Who is the director of the Friendship Hospital? Kind regards, Dr. Hanh (Pharm)",
     "Nguyen The Anh"),
    ("what is the satisfaction rate in lang son now? thanks in advance", "80%"),
])
def test_a_signature_closing_the_message_is_no_name_asked_about(answerer, question, expected):
    # "Olivia", "Hanh" were names the articles never mention, so the bot declined
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_closing_word_that_asks_or_opens_a_question_stays():
    for question in ("I need a hospital. Best hospital in Hanoi for cancer.",
                     "Thanks for the help. How many beds does Lang Son have?",
                     "What do they wish for? Best wishes to whom?"):
        assert without_requests(question) == question


@pytest.mark.parametrize("question, expected", [
    ("I work for an aid agency focused on access to care. What ultimate goal did Vietnam's "
     "top leader say the health sector must stick to?", "universal health coverage"),
    ("I'm preparing a class on Vietnamese public holidays - what year did Vietnamese Doctors' "
     "Day begin?", "1955"),
])
def test_who_asks_and_why_does_not_make_the_answer_a_weak_match(answerer, question, expected):
    # "aid agency", "class" and "holidays" are in no passage, yet nothing asked is missing
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("Dear friends, I'm from Lang Son and proud of our doctors. What principle of President Ho "
     "Chi Minh have generations of medical professionals in Lang Son upheld as their guiding "
     "mission? I know To Lam quoted a similar phrase about physicians in Hanoi, but I want the "
     "Lang Son one.", "gentle mother"),
    ("Greetings from Da Nang. How many hospital beds does Lang Son have?", "2,762"),
])
def test_names_in_the_asides_around_a_question_are_not_what_it_asks_about(answerer, question,
                                                                            expected):
    # "To Lam", "Hanoi" and "Da Nang" were names the best passage is not about
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question, expected", [
    # a pronoun leans on the sentence before the question, not on a remark after it
    ("I picked the opening line of To Lam's speech at the Friendship Hospital. What is the "
     "ultimate goal he said the health sector must remain steadfast in? I've also been reading "
     "about Lang Son's 2,762 hospital beds, but that's not what I need here.",
     "universal health coverage"),
    # ... whose names are the question's own: it asks about no place named further back
    ("My grandfather worked as a nurse in Nam Dinh. The Party chief highlighted the health "
     "sector's development over a certain period. How many decades of development did he "
     "mention?", "seven decades"),
])
def test_a_pronoun_in_the_question_leans_on_the_sentence_just_before_it(answerer, question,
                                                                        expected):
    answer = answerer.ask(question)  # "not about Lang Son", "never mention Nam Dinh"
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question", [
    "My family lives in Bac Giang. How many hospital beds are there?",  # asks about no place
    "My family lives in Bac Giang. We worry about care. How many hospital beds are there?",
    "I live in Hanoi. How many doctors per 10,000 people does the capital have?",  # points back
    "My aunt was treated in Hanoi. What is the patient satisfaction rate there?",
])
def test_a_question_about_the_place_its_asides_name_is_about_that_place(answerer, question):
    assert not answerer.ask(question).answered


def test_a_message_is_split_into_sentences_at_any_case_but_not_after_an_abbreviation():
    assert asides("hey so my cousin is here. i told her. in which city is the hospital?") == (
        "hey so my cousin is here. i told her.")
    assert asides("what is the total no. of staff at the hospital") == ""
    # "no." ends a sentence unless a number follows ("Resolution No. 72", "no. of staff")
    assert asides("i told her its in ho chi minh city but my uncle says no. in which city is "
                  "the huu nghi hospital?") == (
        "i told her its in ho chi minh city but my uncle says no.")


def test_a_sentence_whose_question_word_only_opens_a_clause_asks_nothing():
    # "where the general secretary went", "which is an amazing number": no question asked
    assert asides("My cousin wants to see the hospital where the general secretary went. In "
                  "which city is it?") == ("My cousin wants to see the hospital where the "
                                           "general secretary went.")
    assert asides("When was the visit? I read Lang Son has 194 stations, which is amazing."
                  ) == "I read Lang Son has 194 stations, which is amazing."
    for asking in ("Please tell me when it was founded.", "so how many beds are there.",
                   "I wonder who the director is.", "like how many years on average"):
        assert asides(f"Hi there friend. {asking}") == "Hi there friend."


@pytest.mark.parametrize("question, expected", [
    ("hey so my cousin wants to see the famous Friendship hospital where the general secretary "
     "went on doctors day. i told her its in ho chi minh city but my uncle says no. in which "
     "city is the huu nghi hospital that to lam visited? thanks in advance", "Hanoi"),
    ("My grandmother was treated at Huu Nghi, so she was thrilled the Party leader stopped by. On "
     "what date did To Lam visit the hospital? By the way, I also read that Lang Son has 194 "
     "commune-level medical stations, which is an amazing number.", "February 27"),
])
def test_a_remark_around_the_question_does_not_decide_what_it_asks_about(answerer, question,
                                                                        expected):
    answer = answerer.ask(question)  # "not about Ho Chi Minh", "not about Lang Son"
    assert answer.answered and expected in answer.sentence


def test_what_the_asker_read_or_was_told_is_what_is_asked():
    assert about_the_asker("We supply medical equipment. Did To Lam say people matter most?"
                           ) == "We supply medical equipment. "
    for question in ("I read that Lang Son has 194 stations. Is that right?",
                     "I've got ten district health centres in my copy. What figure is right?",
                     "I work in Lang Son and how many beds are there",  # no sentence ends
                     "My aunt is at Huu Nghi."):  # nothing asked after it
        assert about_the_asker(question) == ""


def test_courtesies_stay_where_they_are_what_is_asked():
    for question in ("how do you say thank you in Vietnamese", "good health for all?",
                     "thanks to what did lang son improve",
                     # a name says which hospital "we" are
                     "I am a doctor at Bach Mai. how many beds do we have",
                     "I am a nurse at Bach Mai. how many beds do we have"):
        assert without_requests(question) == question


@pytest.mark.parametrize("question", [
    "What are the visiting hours at Huu Nghi Hospital?",  # "visited" is no opening time
    "what are visiting hours at huu nghi hospital for relatives of icu patients",
    "what time does the huu nghi hospital open in the morning",  # no passage says
])
def test_a_question_for_a_time_of_day_needs_one_in_the_answer(answerer, question):
    assert answer_type(question) is AnswerType.TIME
    assert not answerer.ask(question).answered


@pytest.mark.parametrize("question", [
    "can my grandma get dialysis at the district level in lang son or does she have to go "
    "to the city",  # who asks is no part of what is asked
    "my uncle is in the icu at huu nghi which department did the general secretary visit",
])
def test_a_relative_of_the_asker_and_note_taking_shorthand_do_not_hide_the_answer(answerer,
                                                                                  question):
    assert answerer.ask(question).answered


@pytest.mark.parametrize("question", ["weather in hanoi tomorrow",
                                      "whats the weather in hanoi tomorrow"])
def test_the_day_the_question_is_asked_is_not_in_dated_news(answerer, question):
    answer = answerer.ask(question)
    assert answer.declined is Decline.NEVER_MENTIONED and "tomorrow" in answer.lacking


@pytest.mark.parametrize("question", ["phone number lang son general hospital",
                                      "what is the hotline of huu nghi hospital"])
def test_a_number_to_call_must_be_in_the_answer(answerer, question):
    assert answer_type(question) is AnswerType.CONTACT
    assert not answerer.ask(question).answered
    assert answer_type("is there a phone app for the friendship hospital") is AnswerType.OTHER


def test_a_who_question_needs_the_office_it_asks_about_in_the_passage(answerer):
    # the founding paragraph holds 1948 and the department, but names no director
    assert not answerer.ask("who was the first director of the lang son health dept in 1948"
                            ).answered
    head = answerer.ask("who is the head of the friendship hospital")  # "Director of the ..."
    assert head.answered and "Nguyen The Anh" in head.sentence


@pytest.mark.parametrize("question", ["whats the goal of the dept of health going forward",
                                      "lang son dept of health goal going forward"])
def test_going_forward_finds_the_paragraph_but_the_goal_is_the_answer(answerer, question):
    answer = answerer.ask(question)
    assert answer.answered and "compassionate and dedicated medical workforce" in answer.sentence


def test_a_phrase_to_translate_must_be_in_the_passage(answerer):
    assert not answerer.ask("how do you say thank you doctor in vietnamese").answered
    # "Huu Nghi (Friendship) Hospital" does say it
    friendship = answerer.ask("how do you say friendship in vietnamese")
    assert friendship.answered and "Huu Nghi (Friendship)" in friendship.sentence


@pytest.mark.parametrize("question", ["What gifts exactly did Tô Lâm give to the patients?",
                                      "what was in the gift to lam gave the hospital staff",
                                      "what exactly was the gift to lam gave the huu nghi staff",
                                      "the nature of the gifts To Lam presented to patients"])
def test_what_a_gift_was_is_not_said_by_a_passage_that_only_mentions_gifts(answerer, question):
    # "presented gifts to patients receiving treatment": that gifts were given, not what
    answer = answerer.ask(question)
    assert answer.declined is Decline.NAMES_NOTHING
    # who received them is said
    ward = answerer.ask("which ward did to lam give gifts to patients in")
    assert ward.answered and "Intensive Care and Toxicology" in ward.sentence


def test_who_founded_is_not_said_by_a_sentence_that_only_says_when(answerer):
    # "Founded in 1948 in Keo Coong, ..., the Lang Son Health Department was initially
    # tasked with ...": when and where, not by whom
    answer = answerer.ask("Who founded the Lang Son health department in 1948?")
    assert answer.declined is Decline.NAMES_NOTHING
    when = answerer.ask("when was the lang son health department founded")
    assert when.answered and "1948" in when.sentence


@pytest.mark.parametrize(("sentence", "says"), [
    ("Founded in 1948 in Keo Coong, the department was tasked with ...", False),
    ("The hospital was established in 1906.", False),
    ("The hospital was established by the French in 1906.", True),
    ("Doctor Tran Van Giau founded the clinic in 1950.", True),
    ("Its founder, Doctor Tran Van Giau, was born in Hue.", True),
])
def test_a_sentence_says_who_founded_only_with_an_agent(sentence, says):
    assert says_by_whom(sentence) is says


def one_sentence_passages(texts: list[tuple[PassageKind, str]]) -> list[Passage]:
    """Passages of one article "a", each one sentence, numbered from 0."""
    return [Passage(id=f"a:{i}", article="a", number=i, kind=kind, text=text,
                    sentences=(text,), title="", date=None, source="a.txt")
            for i, (kind, text) in enumerate(texts)]


def test_a_gift_told_with_what_it_was_answers():
    texts = ["The minister presented gifts of rice and blankets to flood victims in Hue.",
             "The hospital opened a new cardiology ward in Hanoi last year.",
             "Commune health stations in the province now have a doctor each.",
             "Nurses at the district centre were trained in emergency care."]
    passages = one_sentence_passages([(PassageKind.BODY, text) for text in texts])
    answer = Answerer.build(passages).ask("what gifts did the minister give flood victims")
    assert answer.answered and "rice and blankets" in answer.sentence


def test_a_question_quoting_the_article_up_to_a_blank_gets_the_sentence_it_quotes(answerer):
    # the letter's opening sentence holds as many of the question's terms; only the other
    # writes "as if they were", all stop words
    answer = answerer.ask("in uncle ho's letter doctors should love patients as if they were what")
    assert answer.answered and "their own family" in answer.sentence


def test_whom_something_is_done_to_may_be_a_kind_of_people_not_a_name(answerer):
    # the paragraph's opening sentence names Keo Coong and Binh Gia, which a "who" question
    # asking who did something would prefer
    answer = answerer.ask("despite shortages in the early years, who did the lang son health "
                          "sector keep treating")
    assert answer.answered and "wounded soldiers" in answer.sentence


def test_a_sentence_that_goes_on_about_the_matching_one_is_quoted_with_it(answerer):
    # "Building a highly skilled ... medical workforce remains a top priority ..." matches
    # the question's words; "To achieve this, the sector has implemented multiple
    # strategies, including ..." says what they are
    answer = answerer.ask("what strategies has lang son used to build a skilled medical "
                          "workforce")
    assert answer.answered and "Building a highly skilled" in answer.sentence
    assert "infrastructure upgrades" in answer.sentence


@pytest.mark.parametrize("question", [
    "who visited hữu nghị hospital in hà nội on feb 27",
    "By whom was the Huu Nghi Hospital visited on February 27?",  # the passive asks it too
])
def test_who_did_it_is_answered_by_a_sentence_that_names_them(answerer, question):
    # the visit's paragraph matches best but says "The leader made the statement while
    # visiting ..."; the caption names him
    answer = answerer.ask(question)
    assert answer.answered and "To Lam" in answer.sentence
    # whom he met is said by the paragraph that refers back to him
    met = answerer.ask("who did To Lam meet at the hospital in hanoi")
    assert met.answered and met.sentence.startswith("The leader made the statement")


def test_of_the_passages_naming_who_did_it_the_one_holding_most_of_the_question_answers(
        answerer):
    # the ward's paragraph names him too, and scores higher, but says only "the hospital";
    # the caption names the hospital, the city and the staff he gave a gift to
    answer = answerer.ask("Who visited the Huu Nghi Hospital in Hanoi on Doctors' Day and gave "
                          "gifts to the staff?")
    assert answer.answered and "presents gift to officials and medical staff" in answer.sentence


def test_a_framing_word_the_passage_holds_still_counts_for_it(answerer):
    # "recall" need not be in the passage, but where it is ("recalling President Ho Chi
    # Minh's teaching") it is as good a sign as any other word found
    answer = answerer.ask("What teaching of Bác Hồ did the General Secretary recall when he "
                          "visit the hospital?")
    assert answer.answered and "gentle mother" in answer.sentence


def test_one_word_of_a_passage_stands_in_for_one_question_word_only(answerer):
    from retrieval.synonyms import matched

    # "head" and "director" both have "chief" as a synonym: "Party chief" is one of them
    synonyms = {"head": frozenset({"chief", "director"}),
                "director": frozenset({"chief", "head"})}
    assert len(matched(["head", "director"], {"chief", "parti"}, synonyms)) == 1
    assert matched(["head", "director"], {"chief", "director"}, synonyms) == {"head", "director"}
    # so the paragraph naming the Party chief no longer outranks the hospital's director
    answer = answerer.ask("Who runs the Huu Nghi hospital, who is the director there?")
    assert answer.answered and "Nguyen The Anh" in answer.sentence


@pytest.mark.parametrize("question", ["who runs huu nghi hosptial",
                                      "who is in charge of huu nghi hospital"])
def test_who_runs_a_body_asks_who_heads_it(answerer, question):
    # "runs" alone is a word no passage holds; the articles name the hospital's director
    answer = answerer.ask(question)
    assert answer.answered and "Nguyen The Anh" in answer.sentence


@pytest.mark.parametrize("question", [
    "how many hospital beds does danang have",
    "how many doctors per 10000 people in thailand",
    "how many hospital beds in ho chi minh city",  # the articles know only the President
    "how many beds does bach mai hospital have",
])
def test_a_place_typed_in_lower_case_is_still_a_place_the_articles_lack(answerer, question):
    # capitalised, each would be a name no article mentions; typed in lower case it was an
    # unknown word beside known ones, and the bot gave Lang Son's figure
    answer = answerer.ask(question)
    assert not answer.answered and "never mention" in answer.reason


def test_the_country_of_a_place_asked_about_is_its_context(answerer):
    answer = answerer.ask("I'm doing a school project about the northern mountains of Vietnam."
                          " How many hospital beds does Lang Son province have?")
    assert answer.answered and "2,762 hospital beds" in answer.sentence
    # ... but the country alone is another place than the province
    assert not answerer.ask("how many hospital beds does vietnam have").answered


def test_the_countries_a_question_sets_its_places_in():
    from retrieval.places import country_terms

    assert country_terms("Lạng Sơn, Vietnam", analyzer) == frozenset(analyzer.terms("Vietnam"))
    assert country_terms("how many beds does vietnam have", analyzer) == frozenset()
    assert set(analyzer.terms("France")) <= country_terms("clinics in paris", analyzer)


def test_a_place_the_articles_know_is_answered_in_lower_case(answerer):
    answer = answerer.ask("how many commune stations does lang son have")
    assert answer.answered and "194 commune-level" in answer.sentence


def test_a_related_word_counts_as_held_but_is_not_searched(answerer):
    from retrieval.synonyms import related_terms

    # the article says "Lang Son's healthcare professionals will continue to live up to the
    # trust ...": "workers" is not left out of that passage, so the question is answered
    answer = answerer.ask("whose trust will lang son health workers live up to")
    assert answer.answered and "the Party, the government, and the people" in answer.sentence
    assert analyzer.terms("professionals")[0] in related_terms(analyzer)[
        analyzer.terms("workers")[0]]
    # ... but "workers" searches no "professionals": the question's terms are its own
    assert not answerer.ranker.parse("health workers").synonym_terms
    # "Lang Son’s health sector employs over 3,460 personnel, including ... 44
    # Distinguished Doctors": they work there
    doctors = answerer.ask("How many Distinguished Doctors work in Lang Son?")
    assert doctors.answered and "Distinguished Doctors" in doctors.sentence


def test_a_thing_stands_in_for_its_kind_but_not_the_kind_for_the_thing(answerer):
    from retrieval.synonyms import related_terms

    kin = related_terms(analyzer)
    facility, hospital = analyzer.terms("facility")[0], analyzer.terms("hospital")[0]
    assert hospital in kin[facility] and facility not in kin.get(hospital, frozenset())
    # the visit's paragraph names a hospital in Hanoi: it holds the facility in the capital
    answer = answerer.ask("Which medical facility in the capital did the Party chief go to "
                          "on Doctors' Day?")
    assert answer.answered and "Huu Nghi" in answer.sentence
    # ... but the paragraph on the sector's staff, which upgrades its "facilities", holds no
    # hospital whose staff is asked about
    assert not answerer.ask("how many staff work at who nee hospital").answered


@pytest.mark.parametrize(("question", "said"), [
    ("Is it true that Vietnam's healthcare system has weakened over the past seven decades?",
     "grown steadily stronger"),
])
def test_a_claim_is_checked_by_the_passage_saying_its_opposite(answerer, question, said):
    # "weakened" is no word that passage writes, but it is what the claim is answered by
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


@pytest.mark.parametrize(("question", "said"), [
    ("Did Lang Son's health sector ever falter in its mission during the wars?",
     "never wavered"),
    ("What did Lam expect the hospital to strengthen in the years ahead?",
     "reinforce its leading position"),
])
def test_falter_is_waver_and_strengthen_reinforce(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_name_the_lead_sets_the_scene_with_is_what_every_paragraph_is_about(answerer):
    # the Huu Nghi article names Doctors' Day once, in its second paragraph; the tribute is
    # in its seventh, which does not say the day again
    answer = answerer.ask("Whose sacrifices did the General Secretary pay tribute to on "
                          "Doctors' Day?")
    assert answer.answered and "unsung sacrifices by medical workers" in answer.sentence


def test_the_lead_is_the_first_two_body_paragraphs_captions_aside():
    from retrieval.answer import ArticleFacts

    texts = [(PassageKind.CAPTION, "Photo of Bac Giang."), (PassageKind.BODY, "Lead in Hanoi."),
             (PassageKind.BODY, "On Doctors' Day."), (PassageKind.BODY, "Once in Hue.")]
    passages = one_sentence_passages(texts)
    facts = ArticleFacts.of(passages, [analyzer.terms(t) for _, t in texts], analyzer)
    assert {"hanoi", "day"} <= facts.lead
    assert not {"bac", "hue"} & facts.lead  # a caption is no lead; the third paragraph is past it


@pytest.mark.parametrize("question", ["which ward did the gen sec visit patients in",
                                      "where did the party chief visit patients"])
def test_short_and_newsroom_forms_of_a_title_are_the_title(answerer, question):
    # "gen sec" would be two words no passage holds; "party chief" is how English-language
    # news often names the General Secretary
    answer = answerer.ask(question)
    assert answer.answered and "Intensive Care and Toxicology Department" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("The Communist Party leader called the health sector a convergence of what?", "intellect"),
    ("What remains decisive, according to the CPV General Secretary?", "human resources"),
    ("How many Meritorious Doctors work in the Lang Son health sector?", "44 Distinguished"),
    ("How many People's Physicians (Thầy thuốc Nhân dân) are there in Lang Son?", "one People's"),
])
def test_the_party_and_honorary_titles_in_other_translations_are_the_articles_own(
        answerer, question, expected):
    # the articles say only "the Party", "People's Doctor" and "Distinguished Doctors": the
    # other renderings were names they never mention
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("Who's the CEO of Huu Nghi Hospital?", "Nguyen The Anh"),
    ("How many county health centers are in Lang Son?", "11 district"),
    ("How many community health centers does Lang Son have?", "194 commune-level"),
    ("How many MDs per 10,000 residents does Lang Son have?", "11.4 doctors"),
    ("How many staffers does Lang Son's health system employ?", "3,460"),
    ("Which hospital in Hanoi did the General Secretary tour on Doctors' Day?", "Huu Nghi"),
    ("What did the party boss hand out at Huu Nghi Hospital?", "gift"),
    ("Who does Huu Nghi Hospital take care of?", "senior Party and State officials"),
])
def test_other_countries_words_for_posts_and_places_are_the_articles_own(
        answerer, question, expected):
    # an American asks for a hospital's CEO and a county's clinics: the articles say
    # director, district and commune station, and "MDs" was an acronym they never mention
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_an_acronym_the_passages_use_means_what_they_mean_by_it():
    # "MDs" are doctors to an American reader, but where the passages write "MDS" for a
    # syndrome, the question's "MDS" is the syndrome
    texts = ["Myelodysplastic syndromes (MDS) are cancers in which blood cells do not mature.",
             "Doctors in the county clinic see about forty patients a day.",
             "The hospital opened a new cardiology ward in Hanoi last year."]
    passages = one_sentence_passages([(PassageKind.BODY, text) for text in texts])
    answerer = Answerer.build(passages)
    assert "do not mature" in answerer.ask("what are MDS?").sentence
    assert "forty patients" in answerer.ask("how many patients do MDs see a day?").sentence


def test_two_words_the_passages_write_as_one_find_the_one():
    # "health care" typed apart is the passages' "healthcare"; the other passage holds
    # "health" and "care" apart, and more of the question's everyday words
    texts = ["The province's healthcare workers served through the wars against the French.",
             "Health officials said workers give care to the elderly in the province.",
             "The hospital opened a new cardiology ward in Hanoi last year."]
    passages = one_sentence_passages([(PassageKind.BODY, text) for text in texts])
    answer = Answerer.build(passages).ask(
        "what did the province's health care workers serve through?")
    assert "against the French" in answer.sentence


@pytest.mark.parametrize("question", [
    "for how long have Lang Son doctors upheld the gentle mother principle",
    "lang son doctors have followed the gentle mother principle for how long",
])
def test_how_long_is_answered_by_a_span_of_time_near_what_is_asked(answerer, question):
    # "... have upheld this principle as their guiding mission for the past 70 years": the
    # years stand four words from the principle, further than a count of it would
    answer = answerer.ask(question)
    assert answer.answered and "70 years" in answer.sentence


def test_how_long_is_not_answered_by_a_span_of_something_else(answerer):
    # the 70 years are the sector's, not the hospital's
    assert not answerer.ask("how long has the Huu Nghi Hospital had its mobile app").answered


def test_a_secretary_of_health_is_a_minister_the_articles_do_not_name(answerer):
    # "secretary" alone would find the General Secretary
    assert not answerer.ask("Who is Vietnam's secretary of health?").answered


def test_a_runner_up_nearly_as_strong_answers_what_the_best_leaves_out(answerer):
    # the visit's paragraph names Huu Nghi and Hanoi, and scores best; the next one, nearly
    # as strong, names the hospital's director: it answers and is listed first
    answer = answerer.ask("Who heads the Hữu Nghị Hospital in Hà Nội?")
    assert answer.answered and "Nguyen The Anh" in answer.sentence
    assert answer.sentence in answer.best.passage.text
    # a question about what no passage says is still declined
    assert not answerer.ask("Who heads the Hữu Nghị Hospital's cardiology ward?").answered


@pytest.mark.parametrize("question", [
    "according to uncle ho's letter how should a doctor care for patients",
    "how should a doctor care for patients according to Ho Chi Minh's letter?",
    "according Bác Hồ letter, bác sĩ should love patient as if they are what",  # no "to"
])
def test_where_the_answer_is_said_does_not_pick_the_sentence(answerer, question):
    # "In his letter ..., President Ho Chi Minh wrote:" opens the passage; the answer is
    # the sentence holding the rest of the question
    answer = answerer.ask(question)
    assert answer.answered and "as if they were their own family" in answer.sentence


@pytest.mark.parametrize("question", [
    "Which news agency provided the photographs of the hospital visit?",
    "who took the photos at the hospital visit",
    "photo credit on the Huu Nghi pics?",  # "Photo: VNA" is the credit, and never says so
])
def test_a_question_about_the_photos_is_answered_from_a_caption(answerer, question):
    # captions are second-class for other questions; this one only a caption answers
    answer = answerer.ask(question)
    assert answer.answered and answer.sentence.endswith("Photo: VNA")


@pytest.mark.parametrize("question, said", [
    ("how many pharmaceutical ethics principles are there, 10 or 12?", "10 Pharmaceutical"),
    ("When was Lang Son's health department set up: 1946, 1948 or 1952?", "Founded in 1948"),
    ("who took the photos of the visit, VNA or Reuters?", "Photo: VNA"),
    ("which ward were the patients in: a) surgery b) intensive care and toxicology "
     "c) paediatrics", "Intensive Care and Toxicology"),
])
def test_a_question_offering_candidates_is_answered_by_the_one_the_articles_hold(
        answerer, question, said):
    # the other candidates are words the right passage lacks, and "1952" or "Reuters" ones
    # no article holds: without reading the choice, each of these was declined
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_choice_the_articles_hold_no_candidate_of_is_still_declined(answerer):
    assert not answerer.ask("was lang son's health department founded in 1950 or 1960?").answered


@pytest.mark.parametrize("question, offered", [
    ("how many principles: 10 or 12?", ("10", "12")),
    ("was it 120, 194 or 200 stations?", ("120", "194", "200")),
    ("photo credit, VNA or VNS?", ("VNA", "VNS")),
    ("is the hospital public or private", ("public", "private")),
    ("who visited: a) the PM b) To Lam c) the minister", ("the PM", "To Lam", "the minister")),
    # "or" inside a phrase, or before a long clause, offers nothing to choose from
    ("do doctors need expertise or compassion according to to lam", ()),
    ("is it more or less than 70 years", ()),
    ("does the hospital treat foreigners or not?", ()),
])
def test_the_candidates_a_question_offers(question, offered):
    assert offered_choices(question) == offered


@pytest.mark.parametrize("question, said", [
    ("Lang Son has roughly 2.5 thousand hospital beds, what is the precise number?", "2,762"),
    ("lang son's health sector has approximately three and a half thousand staff, what's the "
     "exact headcount", "3,460 personnel"),
    ("roughly how many hospital beds does lang son have, 2.7 thousand?", "2,762"),
])
def test_a_figure_the_asker_guesses_is_checked_not_searched(answerer, question, said):
    # "2.5 thousand" and "exact" are no words the passage lacks: it gives the figure itself
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_guessed_figure_about_what_the_articles_do_not_count_is_still_declined(answerer):
    assert not answerer.ask("how many beds does huu nghi hospital have, roughly 1,000?").answered


@pytest.mark.parametrize("question, answered", [
    # no passage writes "nurses": the count of personnel is no count of them
    ("how many nurses work in lang son province", False),
    ("How many nurses does Lang Son's health sector employ?", False),
    ("how many medics work in lang son", True),
    ("how many percent of commune stations meet national standards", True),  # a unit
])
def test_a_count_of_something_no_passage_names_is_declined(answerer, question, answered):
    assert answerer.ask(question).answered is answered


def test_a_source_with_a_possessive_ends_at_its_noun(answerer):
    # "shud" is no question word, so the source once ran on over "docs shud love patients",
    # and those words no longer chose the sentence
    answer = answerer.ask("acc to ho's letter docs shud love patients as if they were their own "
                          "what")
    assert answer.answered and "their own family" in answer.sentence


@pytest.mark.parametrize("question, shown", [
    ("what is to lam doing in the 1st pic", "presents gift to officials"),
    ("whats happening in the first picture from huu nghi hospital", "presents gift to officials"),
    ("in the second photo who is to lam visiting", "visits a patient"),
])
def test_a_question_about_the_nth_photo_is_answered_by_its_caption(answerer, question, shown):
    # both captions name To Lam and the hospital; the second one's fewer words once won
    answer = answerer.ask(question)
    assert answer.answered and shown in answer.sentence


def test_which_photo_a_question_asks_about():
    assert photo_number("What is To Lam doing in the first photo caption?") == 1
    assert photo_number("in the 2nd pics") == 2
    assert photo_number("according to the opening photo caption") == 1
    assert photo_number("who took the photos first") is None
    assert photo_number("the first photographer") is None


def test_a_figure_in_digits_is_held_by_a_passage_writing_it_in_words(answerer):
    # "four provincial hospitals": "4" and "5" were both words the passage lacked
    answer = answerer.ask("lang son has 4 or 5 provincial hospitals?")
    assert answer.answered and "four provincial hospitals" in answer.sentence


@pytest.mark.parametrize("question, said", [
    ("Can patients get dialysis at district level in Lang Son nowadays?", "dialysis"),
    ("is patient satisfaction in lang son above 80 percent nowadays", "exceed 80%"),
])
def test_asking_about_the_present_is_no_word_the_passage_lacks(answerer, question, said):
    # "nowadays" is written by no passage, which says "now" or "currently" if anything, and
    # weighed as a rare word it once left the passage holding too little of the question
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


@pytest.mark.parametrize("question, said", [
    ("What is To Lam shown doing in the second picture in the article?",
     "visits a patient receiving treatment"),
    ("What is To Lam's title in the article, President or Party General Secretary?",
     "Party General Secretary"),
])
def test_where_it_is_written_or_shown_is_no_word_the_passage_lacks(answerer, question, said):
    # "in the article" and a photo's "shown" say where the answer is, not what it is about;
    # weighed as rare words no passage writes, they left the caption holding too little
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


def test_a_yes_no_question_about_a_trend_asks_no_date(answerer):
    # "year after year" once read as a keyword question for a year, which no sentence gave
    answer = answerer.ask("Is hospital service quality in Lang Son improving year after year?")
    assert answer.answered and "continues to improve year after year" in answer.sentence


def test_a_code_is_one_thing_asked_about_not_one_for_each_of_its_parts(answerer):
    # "72-NQ/TW" is searched as itself and as 72, NQ and TW: four words the passage holds
    # outweighed the vaccination the question is about
    assert not answerer.ask("is covid-19 vaccination free under resolution 72-NQ/TW").answered
    answer = answerer.ask("what did to lam say about resolution 72-NQ/TW")
    assert answer.answered and "Resolution No. 72-NQ/TW" in answer.sentence


@pytest.mark.parametrize("question, answered", [
    ("How often do staff register to study Ho Chi Minh's teachings?", True),  # "Every year"
    ("how often does a dialysis patient need treatment", False),  # dialysis, but how often?
])
def test_how_often_wants_a_frequency(answerer, question, answered):
    assert answer_type(question) is AnswerType.FREQUENCY
    assert answerer.ask(question).answered is answered


def test_a_passage_holding_more_of_the_question_gives_the_date_the_best_lacks(answerer):
    # the ward's paragraph ("presented gifts to patients") scores highest but gives no date;
    # the caption on the gift to the staff of the Friendship Hospital does
    answer = answerer.ask("when did the general secretary present gifts to staff at the "
                          "friendship hospital")
    assert answer.answered and "February 27" in answer.sentence
    assert "presents gift to officials and medical staff" in answer.sentence


def test_a_passage_holding_no_more_of_the_question_does_not_stand_in_for_its_date(answerer):
    # every passage on Ho Chi Minh matches as well, and none says he died: 1955 is no answer
    assert not answerer.ask("What year did Ho Chi Minh die?").answered


def test_a_year_the_best_passage_does_not_give_is_not_answered_by_its_figure(answerer):
    # the articles mention 1948 (the department's founding), but the 2,762 beds are today's
    answer = answerer.ask("How many hospital beds did Lang Son have in 1948?")
    assert not answer.answered and answer.declined is Decline.NOT_ABOUT
    founded = answerer.ask("what was set up in lang son's health sector in 1948")
    assert founded.answered and "Founded in 1948" in founded.sentence


@pytest.mark.parametrize("question, said", [
    ("What does 'no one left behind' mean in the General Secretary's message?",
     "no one left behind due to geographical, economic or social barriers"),
    ("what does “no one left behind” mean", "no one left behind due to geographical"),
])
def test_words_the_asker_quotes_are_what_is_asked_about(answerer, question, said):
    # "no one left behind" are everyday words, and weighed as such the passage writing them
    # held nothing of the question
    answer = answerer.ask(question)
    assert answer.answered and said in answer.sentence


@pytest.mark.parametrize("question, answered", [
    ("How many years does medical school take in Vietnam?", False),
    ("how many years is medical school in vietnam", False),
    ("How many years has Lang Son's health sector followed Uncle Ho's teachings?", True),
    ("how many decades has vietnams health sector been developing", True),
])
def test_a_span_of_time_counted_stands_by_what_lasts_not_by_its_unit(answerer, question,
                                                                     answered):
    # "over the past 70 years" stands by "years", which once was enough to answer how long
    # medical school takes
    assert answerer.ask(question).answered is answered


@pytest.mark.parametrize("question, answered", [
    ("What causes cataracts?", False),  # the passage lists cataract surgery, and no cause
    ("what led to higher patient satisfaction in lang son", True),  # "As a result, ..."
])
def test_a_cause_asked_for_by_name_wants_a_sentence_giving_one(answerer, question, answered):
    assert answerer.ask(question).answered is answered


@pytest.mark.parametrize("question, answered", [
    # "one People's Doctor, 44 Distinguished Doctors": ranks counted, nobody's name
    ("What is the name of the People's Doctor in Lang Son?", False),
    ("what is the name of the director of huu nghi hospital", True),  # Nguyen The Anh
])
def test_a_counted_rank_is_no_name(answerer, question, answered):
    assert answerer.ask(question).answered is answered


@pytest.mark.parametrize("question, expected", [
    ("the Cao-Bac-something campaign the provincial medical station served - what was it "
     "called?", "Cao – Bac – Lang campaign"),
    ("which anniversary of Doctors' Day was To Lam's hospital visit marking, the "
     "seventieth-something?", "71st"),
])
def test_a_word_standing_in_for_what_the_asker_cannot_recall_is_what_is_asked(
        answerer, question, expected):
    # "something" is in no passage: it is no name the articles never mention, nor a word
    # the best passage lacks
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_how_many_exactly_counts_what_the_question_names_not_exactly(answerer):
    # "exactly" framed how exact the count is; read as what is counted, no passage counted it
    answer = answerer.ask("lang son has about two hundred commune medical stations, how many "
                          "exactly?")
    assert answer.answered and "194" in answer.sentence


def test_a_decade_asked_about_is_held_by_a_year_in_it(answerer):
    answer = answerer.ask("what year was the Lang Son health department set up, sometime in "
                          "the 1940s?")
    assert answer.answered and "1948" in answer.sentence
    # ... and not by a year outside it
    assert not answerer.ask("how many hospital beds did Lang Son have in the 1960s?").answered


@pytest.mark.parametrize("question, expected", [
    ("Apart from buildings and staff, where else has Lang Son's health sector made progress?",
     "administrative reform"),
    ("Besides the officials and medical staff, who else received gifts from To Lam?",
     "patients receiving treatment"),
    ("In what year did Vietnamese Doctors' Day originate?", "1955"),
])
def test_words_setting_aside_what_is_known_or_asking_for_an_origin_frame_the_question(
        answerer, question, expected):
    # "besides", "apart", "else" and "originate" are in no passage: they are no words the
    # answer lacks
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("Has Vietnam's health care system got stronger or weaker over the years?",
     "grown steadily stronger"),
    ("Does Lang Son have more or fewer than 3,000 hospital beds?", "2,762"),
    ("Was the Lang Son Health Department founded before or after 1950?", "1948"),
    ("Is hospital service quality in Lang Son getting better or worse year on year?",
     "improve year after year"),
])
def test_both_sides_of_a_comparison_offered_are_settled_by_the_one_the_passage_gives(
        answerer, question, expected):
    # a passage says one side ("stronger") or the figure itself ("1948"): the other side
    # ("weaker") and the figure compared with ("1950", never mentioned) are no words it lacks
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_figure_compared_with_is_no_figure_when_the_passage_gives_none_of_its_kind(answerer):
    # the Huu Nghi passages give no year it was founded: "1950" is not settled by them
    assert not answerer.ask("Was Huu Nghi hospital founded before or after 1950?").answered


@pytest.mark.parametrize("question, expected", [
    ("On the 27th of Feb, which hospital did To Lam visit?", "Huu Nghi"),
    ("when did vietnamese doctors day start, back in '55?", "1955"),
    ("what did Ho Chi Minh write on 27/2/1955?", "Patients entrust their lives"),
    ("Was the 2026 Doctors' Day the seventy-first anniversary?", "71st anniversary"),
    ("What does the number forty-four refer to in Lang Son's medical workforce?",
     "44 Distinguished Doctors"),
])
def test_dates_and_number_words_are_read_as_the_articles_write_them(answerer, question,
                                                                     expected):
    # "27th" and "Feb", "'55", "seventy-first" and "forty-four" are in no passage
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question", [
    "Doctors Day 2026 is anniversary number how many?",
    "ngay thay thuoc viet nam this year is anniversary number how many",
])
def test_an_anniversary_is_counted_by_its_ordinal(answerer, question):
    # "the 71st anniversary" holds no count, yet it is how many
    answer = answerer.ask(question)
    assert answer.answered and "71st anniversary" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("How old is Vietnamese Doctors' Day?", "71st anniversary of the Vietnamese Doctors"),
    ("How long ago was the first Vietnamese Doctors' Day, counting to 2026?",
     "71st anniversary of the Vietnamese Doctors"),
    ("how old is lang son health departmnet", "Founded in 1948"),
])
def test_how_old_is_answered_by_an_anniversary_or_a_founding_year(answerer, question,
                                                                  expected):
    # neither "the 71st anniversary" nor "Founded in 1948" is a count of years
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


@pytest.mark.parametrize("question", [
    "How old is To Lam?",
    "How old is the Huu Nghi (Friendship) Hospital in Hanoi?",
    "How old was Ho Chi Minh when he died?",
])
def test_an_age_must_be_the_age_of_what_is_asked(answerer, question):
    # a visit on Doctors' Day's 71st anniversary, or a letter of 1955, gives no one's age
    assert not answerer.ask(question).answered


def test_this_year_frames_the_question_as_nowadays_does(answerer):
    # "this year" asks about the present: the passage need not write "year"
    answer = answerer.ask("How old is Vietnamese Doctors' Day this year?")
    assert answer.answered and "71st anniversary" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("Which ward did To Lam visit patients in during his recent trip to the hospital?",
     "Intensive Care and Toxicology Department"),
    ("Did the General Secretary meet any patients during last month's hospital visit?",
     "presented gifts to patients"),
])
def test_a_visit_asked_about_as_a_recent_trip_to_a_ward(answerer, question, expected):
    # "trip" is a visit, a ward is a hospital's department, and "recent" or "last month"
    # says when it was asked, not what the passage must write
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_message_asking_two_questions_is_split_at_the_second_question_word():
    assert question_parts("When was it founded, and how many staff does it have?") == (
        "When was it founded", "how many staff does it have?")
    assert question_parts("Who visited? Who spoke for the hospital?") == (
        "Who visited", "Who spoke for the hospital?")
    # one question asking for two things is one question
    assert question_parts("How many staff and beds?") == ("How many staff and beds?",)


def test_of_two_questions_no_passage_answers_together_the_first_answered_is(answerer):
    # the ward's paragraph gives no date, and the date's gives no ward: the date is answered
    answer = answerer.ask("On what date did To Lam visit Huu Nghi Hospital, and in which "
                          "department did he give gifts to patients?")
    assert answer.answered and "February 27" in answer.sentence


@pytest.mark.parametrize("question", [
    "Does dialysis hurt, and how long does each session last?",
    "How does dengue fever spread and how can I protect my family from it?",
    "Hà Nội có bao nhiêu trạm y tế xã? how many commune station",
])
def test_two_questions_one_of_them_about_what_the_articles_lack_are_declined(answerer,
                                                                             question):
    # answered on its own, "how can I protect my family from it" would find a passage
    assert not answerer.ask(question).answered


@pytest.mark.parametrize("question", [
    "Since when has Vietnam been celebrating Doctors' Day?",
    "How long ago was the national day for physicians first marked?",
])
def test_a_day_celebrated_is_found_by_the_anniversary_it_is_kept_on(answerer, question):
    # no passage writes "celebrate" or "mark": "on the occasion of the 71st anniversary"
    answer = answerer.ask(question)
    assert answer.answered and "1955" in answer.sentence


@pytest.mark.parametrize("question, expected", [
    ("What does the second photo caption in the Huu Nghi article show?", "visits a patient"),
    ("Photo caption quiz: in the second photo, what is To Lam shown doing at the Huu Nghi "
     "Hospital?", "visits a patient"),
    ("Who received a gift from To Lam according to the opening photo caption?",
     "presents gift to officials and medical staff"),
])
def test_the_photo_asked_about_answers_in_its_caption(answerer, question, expected):
    # "second photo caption" says where to look, in words no caption writes; and the text
    # ("presented gifts to patients") is no answer about the opening photo
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_still_is_asked_as_what_continues_or_remains(answerer):
    # "still improving": "continues to improve year after year"
    answer = answerer.ask("Is hospital service quality in Lang Son still improving?")
    assert answer.answered and "continues to improve year after year" in answer.sentence


def test_a_caption_alone_holding_the_whole_question_is_not_second_class(answerer):
    # only the opening caption has To Lam presenting to the staff at Huu Nghi; the text has
    # him presenting gifts to patients, and "when" or "where" stay the text's to answer
    answer = answerer.ask("What did Tô Lâm present to staff at Hữu Nghị Hospital?")
    assert answer.answered and "presents gift to officials and medical staff" in answer.sentence
    when = answerer.ask("When did General Secretary To Lam visit Huu Nghi hospital?")
    assert when.answered and "February 27" in when.sentence
    assert when.best.passage.kind.value == "body"


@pytest.mark.parametrize("question, expected", [
    ("To Lam give what to official and medical staff of Huu Nghi hospital on February 27?",
     "presents gift to officials and medical staff"),
    ("Which is the final objective that the health sector must maintain firm, according to "
     "To Lam?", "ultimate goal of universal health coverage"),
    ("To Lam rendered homage to what of the medical workers?", "unsung sacrifices"),
])
def test_words_a_learner_of_english_uses_for_the_articles_own(answerer, question, expected):
    # "give" for "presents", "final objective ... firm" for "ultimate goal ... steadfast",
    # "rendered homage" for "paid tribute"
    answer = answerer.ask(question)
    assert answer.answered and expected in answer.sentence


def test_a_name_asked_for_after_what_it_names_must_be_given(answerer):
    # "what are they called" asks for the four hospitals' names, which the articles never
    # give: the sentence counting them is no answer
    answer = answerer.ask('"four provincial hospitals" in Lang Son - what are they called?')
    assert not answer.answered
    assert answerer.ask("Lang Son has how many provincial hospitals?").answered


def test_a_date_from_the_runner_up_must_be_about_the_rarest_thing_asked(answerer):
    # the paragraph on dialysis gives no date; the one below it gives 1948, the year the
    # department was founded, and says nothing of dialysis
    assert not answerer.ask("When did district health centers in Lạng Sơn first start "
                            "offering dialysis?").answered
    # ... while the paragraph on the visit does date the visit the ward's paragraph does not
    visit = answerer.ask("When did the General Secretary go to Huu Nghi hospital?")
    assert visit.answered and "February 27" in visit.sentence


def test_the_strength_of_a_staff_is_its_number(answerer):
    # "staff strength" is how South Asian and many learners' English counts a workforce
    answer = answerer.ask("What is the total strength of staff in Lang Son health sector?")
    assert answer.answered and "3,460 personnel" in answer.sentence


def test_a_capital_on_an_everyday_word_alone_names_nothing(answerer):
    # German writes nouns with a capital: "Things" is no name the articles never mention
    answer = answerer.ask("The health sector is a convergence of which two Things?")
    assert answer.answered and "intellect and compassion" in answer.sentence
    # ... while a place beside another capital stays a name they do not mention
    assert not answerer.ask("How many hospital beds does Long An have?").answered
