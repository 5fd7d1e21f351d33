"""Pick the answer from ranked passages: the best sentence, or an honest "not answered".

Pure functions: they see the analysed question, the ranked passages, what each passage's
article says as a whole, and the idf of the question's terms, and decide. The front ends
only format what comes out (`Answer`).

The bot declines rather than answer with the wrong thing when
- the question names something (a capitalised word), a year or the day it is asked
  ("tomorrow", "weather") that no article mentions;
- it names a place or body the best passage's article is not about: a figure given for Lang
  Son is no answer to the same question about Hanoi (a name counts as the article's when
  the passage or the headline holds it, or at least two of its passages do; the country of
  a place the question also names is that place's context);
- the rest of the question is mostly missing from the passage (weighed by idf; words that
  only frame it, "which year", "as noted by", and words about who asks, "I work for an aid
  agency.", aside unless the passage holds them), or for a
  yes/no question, which has no answer of its own to leave out, more than a little of it
  (but a figure it checks, "above 90%?", is no word the passage must hold when it gives one);
- it asks how to say a phrase ("thank you in Vietnamese") the passage does not hold, or who
  holds an office ("the first director") the passage does not name;
- it asks "how many", "what time" ("visiting hours"), "when" or for a phone number and the
  passage holds no count, time of day, date or number to call at all, or "what is
  the name of" and the passage names nothing the question did not beside what is to be
  named ("patients ... at the hospital's Intensive Care Department" names no patient).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum

import Stemmer

from knowledge import Passage, PassageKind, split_sentences
from retrieval.analyzer import Analyzer, american, fold
from retrieval.choices import candidate_terms, passed_over
from retrieval.english import rarity
from retrieval.numerals import MONTHS
from retrieval.phrases import POSSESSIVE
from retrieval.places import country_terms, place_terms
from retrieval.query import Query, starts_sentence
from retrieval.requests import (
    about_the_asker,
    afterthoughts,
    asides,
    asked_part,
    lead_in,
    leans_back,
    points_back,
)
from retrieval.stopwords import QUESTION_WORD, QUESTION_WORDS
from retrieval.synonyms import Alternatives, matched

IdfLookup = Callable[[str], "float | None"]

_DIGIT = re.compile(r"\d")  # a term holding one is a figure ("90", "70th", "2,762")
# Share of the question's idf mass (names aside) the best passage must hold to answer it.
MIN_COVERAGE = 0.4
# ... of a yes/no question ("is there a cancer centre in Lang Son"): it asks whether the
# articles say all of it, so little of it may be missing; a "what" question's answer is
# the part it does not say.
MIN_COVERAGE_YES_NO = 0.7
# Terms the asking sentences of a message need of their own for the asides around them to
# be only asides: "What else did he call it?" leans on what was said before it.
_MIN_ASKED_ALONE = 2
# A word no passage holds weighs this share of the rarest known word: it may be the topic the
# articles lack ("japan"), or just a word they happen not to use ("better", "put").
UNKNOWN_SHARE = 0.75
# Everyday-English rarity (`retrieval.english.rarity`) below which a question word only frames
# the question, and above which it is fully what the question is about.
# Chosen on three question sets: ours and two written apart from the code (see the README).
COMMON_RARITY = 3.6  # "need", "hours", "number"
TOPIC_RARITY = 4.6  # "describe", "nurses", "insurance"
# A word the articles write as a name, typed in lower case, is the word rather than the name
# when it is this everyday: "in its early days" is not about "Doctors' Day" ("days" 3.62,
# "son" 3.56), while "state" (4.04) and "general" (4.38) typed so still name the body.
NAME_RARITY = 3.7
# A "how many" answer's figure stands within this many words of what the question counts.
COUNT_WINDOW = 3
# How much more a word of what is asked for ("what training programmes") counts when
# picking the sentence.
FOCUS_WEIGHT = 2.0
# Passages of an article that must mention a name for the article to count as about it.
MIN_MENTIONS = 2
# A news article's first body paragraphs (its lead) say who, where and on what occasion for
# all that follows: the Huu Nghi article names Doctors' Day once, in its second paragraph.
LEAD_PARAGRAPHS = 2
# Letters a name needs for a longer word to count as made from it ("vietnam" in "vietnamese").
_MIN_NAME_ROOT = 6
# Words written with a capital that honour a person rather than name one: "Uncle Ho" and
# "President Ho Chi Minh" are the same man, so neither word has to be in the passage.
TITLES = ("uncle", "aunt", "president", "comrade", "mr", "mrs", "ms", "miss", "dr", "prof",
          "professor", "sir", "madam")


# Words about the day the question is asked ("weather in Hanoi tomorrow"): dated news cannot
# speak of it unless it uses the word, so one no passage holds is declined like a name no
# article mentions. "today" is not among them: news writes "Today, Lang Son has ...".
TIMELY = ("tomorrow", "tmrw", "tmr", "tonight", "weekend", "weather", "forecast")


class Decline(StrEnum):
    """Why a question is not answered: the kind, for code; `Answer.reason` says it to people.

    `NOT_ABOUT` is the one a lower passage can mend (`retrieval.ranking` looks a little
    further down for a passage about the question's names).
    """

    NO_WORDS = "no_words"  # nothing searchable in the question
    NO_MATCH = "no_match"  # no passage shares a word with it
    NEVER_MENTIONED = "never_mentioned"  # a name or year no article mentions
    NOT_ABOUT = "not_about"  # the best passage is about other names than the question's
    WEAK_MATCH = "weak_match"  # too little of the question is in the best passage
    NO_FIGURE = "no_figure"  # no count, date, time or phone number for what asks one
    NAMES_NOTHING = "names_nothing"  # "what is the name of" and it names nothing new
    COUNTS_ELSE = "counts_else"  # its figure counts something other than what is asked


class AnswerType(StrEnum):
    """What kind of text would answer the question, read from its first words."""

    REASON = "reason"
    NUMBER = "number"
    AGE = "age"  # how old: years of it, the year it began, the anniversary it marks
    MONEY = "money"
    TIME = "time"
    FREQUENCY = "frequency"
    CONTACT = "contact"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    NAME = "name"
    OTHER = "other"


# A message without a question word: keywords typed into a search box, whose last nouns say
# what kind of answer is wanted ("huu nghi hospital mobile app name", "surgery cost").
_NO_QUESTION_WORD = rf"^(?!.*\b{QUESTION_WORD}\b)"
_TYPE_PATTERNS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (AnswerType.REASON, re.compile(r"\b(why|how come|for what reason|what (is|was|were) the "
                                   r"reasons? (for|behind)?)\b", re.I)),
    # what something costs or pays: "how much does a dialysis session cost", "what salary do
    # doctors earn", "what is the annual budget": a count of anything else is no answer
    (AnswerType.MONEY, re.compile(
        r"\b(how much (?:[\w'’]+ ){0,6}?(?:cost|costs|charge|charges|pay|pays|paid|earn|earns|"
        r"earned|spend|spends|spent|donate|donated|donates)|"
        r"what(?:'s|s| is| are| was| were)? (?:the |its |their |(?:\w+ ){0,2}\w+(?:'s|’s|s') )?"
        r"(?:average |total |current |annual |yearly |monthly |starting )?"
        r"(?:cost|price|fee|salary|wage|budget)s?|(?:what|which) (?:salary|wage|fee|price)s?|"
        # "the amount of financial support", "how much funding did the government give"
        r"(?:what(?:'s|s| is| are| was| were)? (?:the )?)?(?:amount|sum|size|scale) of "
        r"(?:the )?(?:\w+ )?(?:financial|funding|funds|money|"
        r"investment|financing|spending)|how much (?:\w+ )?(?:funding|money|investment|"
        r"financial))\b",
        re.I)),
    # ... or as a search box has it: "laparoscopic surgery cost", "minimum wage vietnam 2026"
    (AnswerType.MONEY, re.compile(_NO_QUESTION_WORD + r".*\b(?:costs?|prices?|fees?|"
                                  r"salar(?:y|ies)|wages?|budgets?)\b", re.I)),
    # how often something happens: "how often does a dialysis patient need treatment" wants
    # "three times a week", and no count of anything else
    (AnswerType.FREQUENCY, re.compile(r"\bhow (?:often|frequently)\b|"
                                      r"\bhow many times (?:a|an|per|each|every)\b", re.I)),
    # how old something is: "the 71st anniversary of Doctors' Day" and "founded in 1948"
    # answer it as well as "70 years" does, though neither is a count
    (AnswerType.AGE, re.compile(r"\bhow (?:old|long ago|many years ago)\b", re.I)),
    (AnswerType.NUMBER, re.compile(
        # "the number of the resolution" asks which one, "the number of the stations" a count
        r"\b(how (many|much|far|long|old|big|large)|(?:number|no\.?|num) of\b(?! the\b)|"
        r"(?:number|no\.?|num) of the (?:\w+ ){0,2}\w+s|"
        r"what (percentage|percent|share|"
        r"proportion|rate|ratio|number)|how high|"
        # "what is the life expectancy": a measure asked for by name
        r"what(?:'s|s| is| are| was| were)? (?:the |its |their |(?:\w+ ){0,2}\w+(?:'s|’s|s') )?"
        r"(?:average |total |current |annual |yearly )?"
        r"(life expectancy|population|cost|price|budget|salary|wage|amount|size|strength|age|"
        r"number|"
        r"no(?=\.? of\b)|"
        r"percentage|proportion|rate|ratio|share))\b", re.I)),
    # how to reach someone: "phone number lang son general hospital", "hotline"
    (AnswerType.CONTACT, re.compile(
        r"\b((?:what(?:'s|s| is| are| was)? (?:[\w'’]+ ){0,5})?(?:(?:tele)?phone (?:number|no)|"
        r"hotline|helpline|fax|e-?mail(?: address)?|website|"
        r"(?:ambulance|emergency) (?:number|line)))\b",
        re.I)),
    # a time of day: "what are the visiting hours", "what time does the clinic open"
    (AnswerType.TIME, re.compile(
        r"\b(what time|(?:(?:what|when)(?:'s|s| is| are| were)? (?:[\w'’]+ ){0,5})?"
        r"(?:visiting|visitation|opening|closing|office|working|business|clinic|"
        r"consultation) hours|(?:when|what time) (?:does|do|is|are) (?:\w+ ){1,4}"
        r"(?:open|close|closed))\b", re.I)),
    # ... not "when" joining a clause to a past deed: "the quote he recalled when he wished
    # them well" asks for the quote ("asked when he came" still asks when)
    (AnswerType.DATE, re.compile(r"\b(when(?!(?<=ed when)(?<!asked when)(?<!wondered when)"
                                 r"(?<!learned when)(?<!checked when)(?<!confirmed when) "
                                 r"(?:he|she|they|we|it|the|a|an|his|her|their|its)\b)|"
                                 r"what (year|date|day|month)|which (year|date|day)|"
                                 r"in what year)\b", re.I)),
    (AnswerType.PERSON, re.compile(r"\b(who|whom|whose)\b", re.I)),
    # a keyword question for a date ("to lam huu nghi visit date", "14th congress year"), not
    # a span of time ("treated each year", "improving year after year")
    (AnswerType.DATE, re.compile(r"\b(date|(?<!this )(?<!last )(?<!next )(?<!every )"
                                 r"(?<!each )(?<!per )(?<!a )(?<![ -]after[ -])(?<![ -]by[ -])"
                                 r"(?<![ -]on[ -])(?<![ -]to[ -])"
                                 r"year(?![ -](?:after|by|on|to)[ -]year))\b", re.I)),
    # a keyword question for a count: "lang son district health centres number?", or for
    # how long: "cataract surgery recovery time"
    (AnswerType.NUMBER, re.compile(r"\b(number|total|count|(?:recovery|waiting|wait|travel|"
                                   r"treatment) times?)\W*$", re.I)),
    (AnswerType.PLACE, re.compile(r"\b(where|which (city|province|place|district|country))\b",
                                  re.I)),
    (AnswerType.NAME, re.compile(r"\bwhat(?:'s|s| is| are| was| were)? (?:the |its |their )?"
                                 r"names? of\b", re.I)),
    # ... or after it: "what was the patient's name", "what are they called"
    (AnswerType.NAME, re.compile(r"\bwhat(?:'s|s| is| are| was| were) (?:the |its |their |his |"
                                 r"her )?(?:[\w-]+ ){0,2}[\w-]+(?:'s|’s|s') (?:full )?names?\b|"
                                 r"\bwhat(?:'s|s| is| are| was| were) (?:it|they|he|she) "
                                 r"called\b", re.I)),
    # a business is asked for by its name: "which company supplied the equipment"
    (AnswerType.NAME, re.compile(r"\b(?:which|what) (?:company|companies|firms?|suppliers?|"
                                 r"manufacturers?|brands?|vendors?|contractors?|makers?)\b",
                                 re.I)),
    # which of the bodies the articles name: "which hospital", "which district health centres"
    (AnswerType.NAME, re.compile(r"\bwhich (?:(?:\w+ ){0,2})(?:hospitals?|cent(?:re|er)s?|"
                                 r"districts?|communes?|stations?|departments?|clinics?|wards?)\b",
                                 re.I)),
    # the same asked in keywords or as an order: "name of the medical college in lang son",
    # "tell me the name of ..."
    (AnswerType.NAME, re.compile(r"(?:^|\b(?:know|tell me|give me|me)\s+)(?:the\s+)?names?\s+of\b",
                                 re.I)),
    # ... or as a search box has it, the word "name" last: "huu nghi hospital mobile app name"
    (AnswerType.NAME, re.compile(_NO_QUESTION_WORD + r".*\w.*\bnames?\W*$", re.I)),
    # any other question word: what follows it ("when speaking") is no longer the question
    (AnswerType.OTHER, re.compile(r"\b(what|which|how)\b", re.I)),
)
# The office a "who" question asks to be named ("who was the first director of ...").
_ROLE = re.compile(r"\bwho (?:is|was|were|are|'s)(?: the| its| their)? (?:(?:first|current|"
                   r"new|former|founding|present) )?(director|head|founder|leader|chief|"
                   r"minister|chairman|chairwoman|president|manager|principal|dean|author|"
                   r"writer)s?\b", re.I)
# A question for what a gift was ("what gifts exactly did To Lam give", "what was in the
# gift"): news says that gifts were presented far more often than what they were, so a
# passage mentioning gifts only bare ("presented gifts to patients") does not answer it.
_GIFT_ASKED = re.compile(r"\bwhat\s+(?:exactly\s+|kind of\s+|sort of\s+|type of\s+)?"
                         r"(?:gifts?|presents|souvenirs?)\b|"
                         r"\bwhat (?:exactly )?(?:was|were|is|are) "
                         r"(?:exactly )?(?:in |inside )?(?:the|those|these|his|her|their) "
                         r"(?:gifts?|presents?|souvenirs?)\b|"
                         # "the nature of the gifts presented", "what the gifts consisted of"
                         r"\b(?:nature|contents?|kind|type|description) of (?:the |those |his )?"
                         r"(?:gifts?|presents|souvenirs?)\b|"
                         r"\b(?:gifts?|presents|souvenirs?) (?:consisted|comprised|contained)\b",
                         re.I)
# A gift said with what it was: "gifts of rice", "gifts worth ...", "gifts, including ..."
_GIFT_TOLD = re.compile(r"\b(?:gifts?|presents?|souvenirs?)\b,?\s*(?:of|worth|including|"
                        r"such as|like|valued|containing|comprising|consisting|with|:|\(|—|–)",
                        re.I)
# A cause asked for by name: "what causes cataracts" wants a cause, not a passage that lists
# cataract surgery; "why" is read more loosely (a purpose, a guiding aim answer it too).
_CAUSE_ASKED = re.compile(r"\bwhat (?:causes?|caused|leads? to|led to)\b", re.I)
# ... said as a cause, or with the words that give one (`_BECAUSE`)
_BECAUSE = (r"because|due to|thanks to|owing to|as a result|consequently|therefore|thus|"
            r"hence")
_CAUSE_TOLD = re.compile(r"\b(?:caused? by|causes|leads? to|led to|results? (?:in|from)|"
                         rf"resulted (?:in|from)|{_BECAUSE})\b", re.I)
# "who founded the health department": a sentence that says it "was founded in 1948", or
# opens "Founded in 1948, the department ...", does not say by whom
_FOUNDING = r"(?:founded|established|set up|created|started|built|formed|launched)"
_FOUNDER_ASKED = re.compile(r"\bwho\s+(?:first\s+|originally\s+)?(?:found|establish|create|"
                            rf"start|build|form|launch|{_FOUNDING})\b", re.I)
_FOUNDED = re.compile(rf"\b{_FOUNDING}\b(?!\s+by\b)", re.I)
_PASSIVE = re.compile(r"(?:^|\b(?:was|were|is|are|been|be|being|first|originally|initially)\s+)$",
                      re.I)
_BY_WHOM = re.compile(rf"\b(?:founders?|{_FOUNDING} by)\b", re.I)
# "who visited ...", asking who did something, not "who did he meet" or "who is the director";
# or in the passive: "by whom was the hospital visited", "visited by who?"
_WHO_DID = re.compile(r"\bwho\s+(?!(?:did|does|do|will|would|can|could|should|must|is|are|"
                      r"was|were|s)\b)[a-z]+|\bby whom?\b", re.I)
# ... and who something is done to: "who did the sector keep treating"
_WHOM_DONE = re.compile(r"\bwho(?:m)?\s+(?:did|does|do|will|would|can|could|should|must|has|"
                        r"have|had)\b", re.I)
# A sentence whose subject refers back to someone named before it: "He conveyed ...", "The
# leader made the statement while visiting ...".
_REFERS_BACK = re.compile(r"(?:He|She|They|The (?:\w+ )?(?:leader|official|minister|secretary|"
                          r"chief|president|director|head|man|woman|doctor|delegation|guest|"
                          r"visitor)s?)\b")
_YES_NO = re.compile(r"\W*(is|are|was|were|am|does|do|did|can|could|has|have|had|will|"
                     r"would|should|shall|may|might|must)\b", re.I)
_WH = re.compile(rf"\b{QUESTION_WORD}\b", re.I)
_MONTHS = "|".join(MONTHS)
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                 r"thirty|forty|fifty|hundred|thousand|million|billion|dozen|half")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_DECADE = re.compile(r"1[6-9]\d0s|20\d0s")  # "in the 1940s": held where 1948 is
# A way to reach someone: a phone number, an e-mail address, a web address.
_CONTACT = re.compile(r"\+?\(?\d[\d ().-]{6,}\d|\b(?:call|dial|ring|hotline)\w* (?:on )?\d{2,}|"
                      r"[\w.-]+@[\w-]+\.\w|www\.|https?://", re.I)
# An amount of money: "VND 500,000", "2 million dong", "$40", "free of charge".
_MONEY = re.compile(r"[$€£¥₫]\s?\d|\b(?:vnd|usd|us\$)\s?\d|\d[\d,.]*\s*(?:vnd|vnđ|dong|đồng|usd|"
                    r"dollars?|euros?|pounds?|yuan|yen|million|billion|trillion|bn)\b|"
                    r"\bfree of charge\b", re.I)
# A time of day: "7:30", "8am", "9 a.m.", "17h", "around the clock".
_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?|h\b|o['’]clock\b)"
                   r"|\b\d{1,2}:\d\d\b|\b(?:noon|midday|midnight|24/7|around the clock|"
                   r"round the clock|24 hours)\b", re.I)
_DATE = re.compile(rf"\b(1[6-9]\d\d|20\d\d)\b|\b({_MONTHS})\b", re.I)
_FREQUENCY = re.compile(r"\b(?:every|each|per|daily|weekly|fortnightly|monthly|quarterly|"
                        r"annually|yearly|hourly|twice|once|times|regularly|routinely|"
                        r"a (?:day|week|month|year))\b", re.I)
# A count: digits or a number word, but not a year, a day of a month or an ordinal.
_DAY = re.compile(rf"\b({_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+({_MONTHS})\b", re.I)
_COUNT = re.compile(
    rf"(?<![\w.,])\d+(?:[.,]\d+)*(?!\d|st\b|nd\b|rd\b|th\b)%?|\b({_NUMBER_WORDS})\b", re.I)
# Words that give a reason ("to achieve this", "as a result") and, of those, the ones that
# open a sentence whose reason is the sentence before it.
_CAUSE = re.compile(rf"\b({_BECAUSE}|in order to|so that|to achieve|to ensure|"
                    r"aim(ed|s)? (at|to))\b", re.I)
# a sentence going on about the one before: "This guidance is ...", "To achieve this, ..."
_CONTINUING = re.compile(r"^\W*(this|these|that|those|such|it|to (?:achieve|do|reach|meet) "
                         r"(?:this|that|so|these|it)|to this end|the (?:goal|aim|objective|"
                         r"purpose) (?:is|was))\b", re.I)
_RESULT_OPENING = re.compile(r"^\W*(as a result|consequently|therefore|thus|hence|so|that is why|"
                             r"this is why|for this reason)\b", re.I)
# What came of something, asked for: "what was the result of the change in attitude", "the
# outcome of", "what came of": a sentence opening "As a result" after the one that names it
# says what
_RESULT_ASKED = re.compile(r"\b(?:results?|outcomes?|consequences?|effects?) of\b|"
                           r"\bwhat (?:came|has come|will come|comes) of\b", re.I)
# "what kind of", "which type of": the words after them say what is asked for.
# "the number of the Politburo resolution" asks which resolution, as "which resolution" does
_FOCUS = re.compile(r"\b(what|which|how many|how much|(?:number|no\.?|count) of(?: the)?)\s+"
                    r"(?:(?:kinds?|types?|sorts?) of\s+)?"
                    r"([\w'-]+(?:\s+[\w'-]+){0,2})", re.I)
# Words that name the kind of answer wanted rather than what it is about: the passage holds a
# year, not the word "year" ("since which year has Doctors' Day been held", "in what city is
# the hospital", "where is it located", "huu nghi hospital location").
_KINDS = (r"((?:year|date|month|day|time|city|town|province|country|place|location)s?|"
          r"(?:news )?agency|agencies|organi[sz]ations?|newspapers?)")
# ... in either order: Vietnamese puts the question word last ("năm nào", "in year what?");
# or opening an order ("[give me] the year Doctors' Day goes back to")
_KIND_WORDS = re.compile(rf"\b(?:what|which)\s+{_KINDS}\b|\b(located|situated|based|location)\b"
                         rf"|\b{_KINDS}\s+(?:what|which)\W*$|^\s*the\s+{_KINDS}\b"
                         # ... or last in keywords: "vietnamese doctors day – 1st yr?"
                         rf"|{_NO_QUESTION_WORD}.*\b(years?|dates?)\W*$", re.I)
# Words that say who said what is asked, not what it is about: "as noted by the General
# Secretary", "which resolution did the leader cite", "what did To Lam say about".
_REPORTING = re.compile(r"\b(say|says|said|mention|mentions|mentioned|cite|cites|cited|note|"
                        r"notes|noted|state|stated|outline|outlines|outlined|remark|remarked|"
                        r"stress|stressed|emphasi[sz]e|emphasi[sz]ed|highlight|highlighted|"
                        r"underline|underlined|describe|described|refer|referred|remind|"
                        r"reminds|reminded|quote|quotes|quoted|saying|sayings|recall|recalls|"
                        r"recalled|recalling)\b", re.I)
# Words that ask when something began, in a question for a date ("which year did Doctors' Day
# begin"): the passage gives the date ("February 27, 1955") without saying so.
_ORIGIN = re.compile(r"\b(begin|began|begun|beginning|start|started|starting|first|"
                     # ... or that it happened at all ("on what date did it take place")
                     r"take place|takes place|took place|taken place|taking place|happen|"
                     r"happens|happened|occur|occurs|occurred|"
                     r"originally|originate|originated|origin|origins)\b", re.I)
# Words that ask for the whole of a figure, which the passage gives without saying so:
# "how many people work there altogether", "how many beds in total".
_WHOLE = re.compile(r"\b(altogether|overall|in total|in all|all told|all together)\b", re.I)
# Words that ask about the present or the recent past, which a passage says as "now",
# "currently" or "today" if at all, or dates: "can patients get dialysis at district level
# nowadays", "these days", "how old is Doctors' Day this year", "during last month's visit".
# ("at present" and "presently" the glossary reads as "now" before the question gets here)
_PRESENT = re.compile(r"\b(nowadays|these days|currently|"
                      r"at the moment|right now|as of now|as things stand|this year|"
                      r"recently|recent|lately|last month)\b", re.I)
# Words that stand in for what the asker cannot recall, which is what is asked: "the
# seventieth-something anniversary", "the Cao-Bac-something campaign", "sometime in the 1940s".
_PLACEHOLDER = re.compile(r"\b(something|sth|smth|whatever|sometime|someplace|somewhere|"
                          r"so-and-so|whatsit|whatchamacallit|someone|somebody|anyone|"
                          r"anybody|anything)\b", re.I)
# Words that set aside what the asker already knows, to ask for the rest: "besides buildings
# and staff, where else ...", "apart from public health, what ...", "how old is it" (a span).
_SETTING_ASIDE = re.compile(r"\b(besides|apart|aside|else|except|excluding)\b|\bhow (old)\b",
                            re.I)
# Words that say where it is written or shown, not what is asked: "in the article", and in a
# question about a photo, "what is To Lam shown doing", "photo credit?" (a caption's
# "Photo: VNA" is its credit, and never says so).
_IN_THE_TEXT = re.compile(r"\b(?:in|from|by) (?:the|this|that) (article|story|report|piece|text)\b",
                          re.I)
_SHOWN = re.compile(r"\b(shown|shows?|showing|pictured|depicted|seen|credit|credits|credited)\b",
                    re.I)
# Words that make a question one about the photos, and so one their captions answer.
PHOTO_WORDS = ("photo", "photograph", "picture", "pic", "image", "caption", "photographer")
_PHOTO_TALK = re.compile(r"\b(?:" + "|".join(PHOTO_WORDS) + r")s?\b", re.I)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "fifth": 5, "5th": 5, "opening": 1, "lead": 1, "top": 1}
# "the second photo caption", "the 2nd pics": which photo, and the words that say it is one
# (`frame_terms`: where to look, which a caption need not write)
_NTH_PHOTO = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+(?:" + "|".join(PHOTO_WORDS[:-1])
                        + r")s?\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\s+([\w'’-]+)", re.I)  # the first word of what is counted
_UNIT = re.compile(r"percent|percentage|per|pct|%", re.I)  # "how many percent"
# A span of time counted: "how many years does medical school take" is not answered by "over
# the past 70 years" for standing by the word "years"; the figure must stand by what lasts.
_HOW_LONG = re.compile(r"\bhow long\b(?! ago\b)", re.I)
# The spans of time counted: "how many years", and what a "how long" is answered with
_SPAN_WORDS = ("years", "decades", "months", "weeks", "days", "hours")
_HOW_MANY_SPANS = re.compile(rf"\bhow many ({'|'.join(_SPAN_WORDS)})\b", re.I)
# Words that say how exact a figure should be: "what is the exact number", "roughly".
_EXACTNESS = re.compile(r"\b(exact|exactly|precise|precisely|rough|roughly|approximate|"
                        r"approximately|approx)\b", re.I)
# A figure the asker guesses, for the passage to check: "roughly 2.8 thousand beds - what is
# the exact number?", "some three and a half thousand staff".
_GUESSED = re.compile(rf"\b(?:roughly|about|around|approximately|approx\.?|nearly|almost|some|"
                      rf"over|under|more than|less than|fewer than|at least|at most|close to)"
                      rf"\s+((?:(?:\d[\d.,]*%?|{_NUMBER_WORDS}|and|a)(?:\s+|-|$))+)", re.I)
# Both sides of a comparison offered to choose from: "more or fewer than 3,000 beds?",
# "before or after 1950?", "stronger or weaker over the years?". A passage settles it by
# saying one side ("has grown steadily stronger") or by giving the figure ("2,762 beds",
# "in 1948"), so neither side is a word it must hold, nor the figure compared with.
_COMPARATIVES = (r"more|fewer|less|greater|higher|lower|above|below|over|under|before|after|"
                 r"earlier|later|bigger|smaller|larger|better|worse|stronger|weaker|up|down|"
                 r"rise|rising|rose|risen|fall|falling|fell|fallen|increase[ds]?|increasing|"
                 r"decrease[ds]?|decreasing|grow|grows|grew|grown|growing|shrink|shrank|"
                 r"shrunk|shrinking|improve[ds]?|improving|worsen|worsened|worsening|"
                 r"longer|shorter|older|newer|younger|wider|narrower|faster|slower")
_COMPARED = re.compile(rf"\b({_COMPARATIVES})\s+or\s+({_COMPARATIVES})\b"
                       rf"(?:\s+(?:than|the|in|of))?(?:\s+(\d[\d.,]*\d|\d)%?)?", re.I)
# A question asking for a name in English ("what does Huu Nghi mean in English", "the
# English name of the hospital"): the articles give it in brackets, "Huu Nghi (Friendship)",
# and never write "English", "mean" or "called".
_IN_ENGLISH = re.compile(r"\b(?:in|into) english\b|\benglish (?:name|translation|word|meaning)",
                         re.I)
# "how do you say thank you in Vietnamese": a phrase to translate, which a passage that
# answers must hold ("Huu Nghi (Friendship)" says how to say friendship)
_SAY_IN = re.compile(r"\bhow (?:do|would|can|should|to|does one)\s+(?:(?:you|i|we|one)\s+)?"
                     r"say\s+[\"'“‘]?(.+?)[\"'”’]?\s+in \w+", re.I)
_TRANSLATING = re.compile(r"\b(english|names?|means?|meaning|called|translat\w*|words?)\b", re.I)
# Where what is asked is said, not what is asked: "according to Uncle Ho's letter, how should
# a doctor care for patients", "Uncle Ho's letter says doctors should ...". Such words find
# the passage; the sentence that answers is the one holding the rest.
_QUESTION_WORD = "(?:" + "|".join((*QUESTION_WORDS, "does", "do", "did", "is", "are", "was",
                                    "were", "should", "must", "can")) + ")"
# When from, not what: "what is the department's goal going forward" finds the paragraph that
# opens "Moving forward, ...", whose answer is its next sentence, "The goal is to build ...".
_FROM_NOW = re.compile(r"\b((?:going|moving) forward|from now on|from here on|in (?:the )?future|"
                       r"in the (?:coming|next) years|in the years ahead)\b", re.I)
# ("according Bác Hồ letter": "to" is often left out by those who learnt English later); a
# source written with a possessive ends at its noun, even where no comma or question word
# follows: "acc to Ho's letter docs shud love patients as if they were their own what"
_ACCORDING_TO = re.compile(r"\baccording(?:\s+to)?\s+((?:[\w.-]+\s+){0,3}[\w.-]+['’]s\s+\w+"
                           r"|(?:(?!" + _QUESTION_WORD + r"\b)[\w'’.-]+\s*){1,6})", re.I)
_SOURCE_SAYS = re.compile(r"^\s*((?:(?!" + _QUESTION_WORD + r"\b)[\w'’.-]+\s+){1,5}?)"
                          r"(?:says|said|wrote|writes|states|stated)\b", re.I)
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")  # "70th": a term, or in a sentence
_SHARE = re.compile(r"\b(\w+) out of (\w+)\b")  # "eight out of ten": a part, not a total
_STEMMER = Stemmer.Stemmer("english")  # word lists compared with analysed terms


def _stems(*words: str) -> frozenset[str]:
    return frozenset(_STEMMER.stemWords(list(words)))


_COUNT_STEMS = _stems(*_NUMBER_WORDS.split("|"))
# An age as the articles say it: the n-th anniversary of something, the year it was founded,
# or so many years or decades of it. An anniversary is also what a count question may count
# by its ordinal ("Doctors' Day 2026 is anniversary number how many?": "the 71st").
_ANNIVERSARY_STEMS = _stems("anniversary", "birthday", "jubilee")
_FOUNDING_STEMS = _stems("founded", "established", "created", "started", "formed", "launched",
                         "opened", "began")
_SPAN_STEMS = _stems("years", "decades")
# ... and every span a "how long" may be answered with
_SPAN_UNITS = _stems(*_SPAN_WORDS)
_AGE_ASKED = _stems("old", "long", "ago", "years")
# An age is the age of what stands this many terms from it ("70 years, Lang Son's health
# sector"; "Founded in 1948 in Keo Coong, Binh Gia district, the Lang Son Health Department").
AGE_WINDOW = 8
_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)+")
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z]")  # a word written as a name


@dataclass(frozen=True, slots=True)
class RankedPassage:
    """A passage with its score for this question, and its position among the answerer's
    passages (None when it did not come from one), so its neighbours can be found."""

    passage: Passage
    score: float
    doc: int | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says to a question: the sentence that answers, and where it comes from.

    `passages` are best first and present even when not answered, so a front end can offer
    "the nearest I found". `terms` are the question's analysed terms, for highlighting.
    """

    question: str
    answered: bool
    sentence: str | None
    passages: tuple[RankedPassage, ...]
    terms: tuple[str, ...]
    reason: str | None = None
    declined: Decline | None = None
    # the question's own words the decline turned on ("Bac Giang" for `NEVER_MENTIONED`,
    # "Hanoi" for `NOT_ABOUT`), so a reply can say what the articles lack
    lacking: tuple[str, ...] = ()

    @property
    def best(self) -> RankedPassage | None:
        """The passage the answer comes from (or the nearest one when not answered)."""
        return self.passages[0] if self.passages else None


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What an article says as a whole: its terms, how many passages mention each, and its
    headline's terms (empty when it has none)."""

    terms: frozenset[str]
    mentions: dict[str, int]
    headline_terms: frozenset[str]
    # the terms it is about: in its headline, or in `MIN_MENTIONS` of its passages
    about: frozenset[str] = frozenset()
    # the terms of its lead (`LEAD_PARAGRAPHS`): the scene of every paragraph, so a question
    # set there ("on Doctors' Day") is no question about somewhere else
    lead: frozenset[str] = frozenset()

    def mentions_of(self, name: str) -> int:
        """How many passages mention a name, or a word made from it when it is long enough
        to be no mere beginning ("Vietnamese" for "Vietnam"; a passage holding both counts
        twice)."""
        if len(name) < _MIN_NAME_ROOT:
            return self.mentions.get(name, 0)
        return sum(n for term, n in self.mentions.items() if term.startswith(name))

    @classmethod
    def of(cls, passages: Sequence[Passage], terms: Sequence[Sequence[str]],
           analyzer: Analyzer) -> ArticleFacts:
        """The facts of one article from its passages (body and captions) and their terms."""
        mentions: Counter[str] = Counter()
        for passage_terms in terms:
            mentions.update(set(passage_terms))
        headline: frozenset[str] = frozenset()
        if passages and is_headline(passages[0].title, passages):
            headline = frozenset(analyzer.terms(passages[0].title))
        about = headline | {t for t, n in mentions.items() if n >= MIN_MENTIONS}
        body = [set(ts) for p, ts in zip(passages, terms, strict=True)
                if p.kind is PassageKind.BODY]
        lead = frozenset().union(*body[:LEAD_PARAGRAPHS])
        return cls(frozenset(mentions) | headline, dict(mentions), headline, about, lead)


def written_as_names(texts: Sequence[str], analyzer: Analyzer) -> frozenset[str]:
    """Terms the texts mostly write with a capital inside a sentence: "Hanoi", "Huu Nghi"."""
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for span in analyzer.spans(text):
            if not text[span.start].isupper():
                lower[span.term] += 1
            elif not starts_sentence(text, span.start):
                capital[span.term] += 1
    return frozenset(t for t, n in capital.items() if n > lower[t])


def is_headline(title: str, passages: Sequence[Passage]) -> bool:
    """Whether a title is a real headline rather than the first words of the text standing in
    for one: only a real headline is evidence of what every paragraph is about."""
    stem = title.rstrip("…. ").strip()
    if not stem:
        return False
    body = [p for p in passages if p.kind is PassageKind.BODY]
    return not body or not body[0].text.startswith(stem)


# A clause opening a question that sets its scene before the question word: "When To Lam
# spoke at Huu Nghi, what ...", "While visiting the hospital, which department ..."
_SCENE = re.compile(r"\s*(?:when|while|after|before|during|as)\b[^,?]*,\s*(?="
                    + QUESTION_WORD + r"\b)", re.I)


def answer_type(question: str) -> AnswerType:
    """The kind of answer a question asks for: "how many" wants a number, "when" a date.
    The first question word decides: "what did he say when visiting" asks no date; in a
    message, the first of the sentences that ask ("Hello. My uncle works there. How many
    ..."), after any clause setting the scene ("When To Lam commended the hospital, whom
    did he say it cares for?" asks for people, not a date)."""
    asked = asked_part(question)
    asked = asked[scene.end():] if (scene := _SCENE.match(asked)) else asked
    found = [(match.start(), order, kind)
             for order, (kind, pattern) in enumerate(_TYPE_PATTERNS)
             if (match := pattern.search(asked))]
    return min(found)[2] if found else AnswerType.OTHER


def says_by_whom(sentence: str) -> bool:
    """Whether a sentence says who founded something: "founded by", "its founder", or an
    active "X founded"; not "was founded in 1948" nor "Founded in 1948, the department"."""
    if _BY_WHOM.search(sentence):
        return True
    text = sentence.lstrip(" \"'“‘(")
    return any(not _PASSIVE.search(text[:m.start()]) for m in _FOUNDED.finditer(text))


def is_yes_no(question: str) -> bool:
    """Whether a question asks yes or no ("does Lang Son have a medical college"), not for
    something ("can you tell me how many ...")."""
    return _YES_NO.match(question) is not None and _WH.search(question) is None


def has_count(sentence: str) -> bool:
    """Whether a sentence states a quantity: "194", "2,762", "80%", "four", "eight out of
    ten"; years, days of a month and ordinals do not count."""
    text = _DAY.sub(" ", sentence)
    return any(not _YEAR.fullmatch(m.group()) for m in _COUNT.finditer(text))


def is_count_term(term: str) -> bool:
    """Whether an analysed term is a count ("194", "2762", "four"), not a year or ordinal."""
    if term[:1].isdigit():
        return not _YEAR.fullmatch(term) and not _ORDINAL.fullmatch(term)
    return term in _COUNT_STEMS


def _is_figure(term: str) -> bool:
    """Whether an analysed term is a figure: a count, written in digits or words ("thirty"),
    a year or an ordinal ("70th")."""
    return _DIGIT.search(term) is not None or is_count_term(term)


def fits_type(sentence: str, kind: AnswerType) -> bool:
    """Whether a sentence holds the kind of thing the question asks for."""
    if kind is AnswerType.NUMBER:
        return has_count(sentence)
    if kind is AnswerType.AGE:
        return has_count(sentence) or bool(_YEAR.search(sentence) or _ORDINAL.search(sentence))
    if kind is AnswerType.DATE:
        return _DATE.search(sentence) is not None
    if kind is AnswerType.MONEY:
        return _MONEY.search(sentence) is not None
    if kind is AnswerType.TIME:
        return _TIME.search(sentence) is not None
    if kind is AnswerType.FREQUENCY:
        return _FREQUENCY.search(sentence) is not None
    if kind is AnswerType.CONTACT:
        return _CONTACT.search(sentence) is not None
    if kind in (AnswerType.PERSON, AnswerType.PLACE):
        return _NAME.search(sentence) is not None
    if kind is AnswerType.NAME:
        return _CAPITALISED.search(sentence) is not None
    if kind is AnswerType.REASON:
        return _CAUSE.search(sentence) is not None
    return False


def tells_age(terms: Sequence[str], subject: Set[str]) -> bool:
    """Whether a sentence's `terms` say how old one of `subject` is: "the 71st anniversary of
    the Vietnamese Doctors' Day", "Founded in 1948 ..., the Lang Son Health Department", "over
    the past 70 years, Lang Son's health sector". The anniversary must be of the subject: a
    visit "on the 71st anniversary of Doctors' Day" says nothing of the visitor's age, nor
    of the hospital visited."""
    for i, term in enumerate(terms):
        following = terms[i + 1] if i + 1 < len(terms) else ""
        if _ORDINAL.fullmatch(term) and following in _ANNIVERSARY_STEMS:
            near = terms[i + 2:i + 2 + AGE_WINDOW]
        elif (_YEAR.fullmatch(term) and not _FOUNDING_STEMS.isdisjoint(terms[max(0, i - 2):i])) \
                or (is_count_term(term) and following in _SPAN_STEMS):
            near = terms[max(0, i - AGE_WINDOW):i + AGE_WINDOW + 1]
        else:
            continue
        if not subject.isdisjoint(near):
            return True
    return False


def names_anew(sentence: str, known: set[str] | frozenset[str], analyzer: Analyzer) -> bool:
    """Whether a sentence writes a name the question did not ("Nguyen The Anh" for "what is
    the name of the director"): a capitalised word inside it whose term is not `known`."""
    return any(sentence[span.start].isupper() and not starts_sentence(sentence, span.start)
               and span.term not in known for span in analyzer.spans(sentence))


# What a name is asked for runs from "name of" to the first word that opens a clause or a
# place: "the patient" in "the name of the patient To Lam visited", "the People's Doctor" in
# "... of the People's Doctor in Lang Son".
_NAME_OF = re.compile(r"\bnames?\s+of\s+(.+)", re.I)
_NAMED_END = re.compile(r"\b(?:that|which|who|whom|whose|in|at|on|from|to|for|by|with|he|she|"
                        r"they|is|was|were|are|did|does|do|has|have|had)\b|[,;:?.!]", re.I)
# Within a sentence, a name is given for what stands this many words from it, with no comma,
# colon or figure between: "Director of the hospital Nguyen The Anh".
NAME_WINDOW = 3
_CLAUSE_BREAK = re.compile(r"[,;:]")


def named_things(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of what a question asks the name of; empty when it names nothing so."""
    asked = _NAME_OF.search(fold(question))
    return frozenset(analyzer.terms(_NAMED_END.split(asked.group(1), 1)[0]) if asked else ())


def names_beside(sentence: str, things: Set[str], known: Set[str], analyzer: Analyzer) -> bool:
    """Whether a sentence writes a new name (see `names_anew`) beside one of `things`, in
    the same clause: "Director of the hospital Nguyen The Anh" names the director, while
    "gifts to patients receiving treatment at the hospital's Intensive Care ..." names no
    patient."""
    spans = analyzer.spans(sentence)
    # a capitalised word counted ("44 Distinguished Doctors") is a rank, not anyone's name
    new = [i for i, span in enumerate(spans) if sentence[span.start].isupper()
           and not starts_sentence(sentence, span.start) and span.term not in known
           and not (i and is_count_term(spans[i - 1].term))]
    near = [i for i, span in enumerate(spans) if span.term in things]
    for i in new:
        for j in near:
            low, high = sorted((i, j))
            between = sentence[spans[low].end:spans[high].start]
            if (0 < high - low <= NAME_WINDOW and not _CLAUSE_BREAK.search(between)
                    and not any(span.term[0].isdigit() for span in spans[low + 1:high])):
                return True
    return False


def gives_name(sentence: str, question: str, known: set[str] | frozenset[str],
               analyzer: Analyzer) -> bool:
    """Whether a sentence gives the name a question asks for: beside what it asks the name
    of when it says ("the name of the director"), else anywhere (see `names_anew`)."""
    things = named_things(question, analyzer)
    if things:
        return names_beside(sentence, things, known, analyzer)
    return names_anew(sentence, known, analyzer)


def asks_who_did(question: str) -> bool:
    """Whether a question asks who did something ("who visited Huu Nghi Hospital")."""
    return _WHO_DID.search(question) is not None


def refers_back(sentence: str) -> bool:
    """Whether a sentence's subject only refers back to someone ("The leader made the
    statement while visiting ..."): it says what they did, but not who they are."""
    return _REFERS_BACK.match(sentence) is not None


def count_near(sentence: str, near: set[str], terms: Sequence[str], window: int = 2,
               parts: bool = True, given: Set[str] = frozenset()) -> bool:
    """A count within `window` terms of one of `near` ("2,762 hospital beds"); without
    `parts`, the two numbers of a share ("eight out of ten") are no count of the whole; a
    number the question `given` itself is no answer to it ("Resolution 72" is no funding)."""
    if not fits_type(sentence, AnswerType.NUMBER):
        return False
    shares = set() if parts else {n.lower() for m in _SHARE.finditer(sentence)
                                  for n in m.groups()}
    spots = [i for i, t in enumerate(terms) if t in near]
    counts = [i for i, t in enumerate(terms)
              if is_count_term(t) and t not in shares and t not in given]
    return any(abs(i - j) <= window for i in counts for j in spots)


def _lasting(question: str, terms: Sequence[str], written: set[str]) -> bool:
    """Whether a "how long" question is answered by a span of time the sentence gives near
    what is asked, a little further off than a count must stand: "how long have doctors
    upheld the principle" by "have upheld this principle as their guiding mission for the
    past 70 years"."""
    if not _HOW_LONG.search(question):
        return False
    spans = [i for i, (t, unit) in enumerate(itertools.pairwise(terms))
             if is_count_term(t) and unit in _SPAN_UNITS]
    spots = [i for i, t in enumerate(terms) if t in written]
    return any(abs(i - j) <= 2 * COUNT_WINDOW for i in spans for j in spots)


def focus_terms(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of what a "what" / "which" / "how many" question asks for: "what training
    programmes has ..." -> training, programmes. The words up to the first stop word."""
    start = 0
    while match := _FOCUS.search(question, start):
        terms: list[str] = []
        for word in match.group(2).split():
            word_terms = analyzer.terms(word)
            if not word_terms:
                break
            terms.extend(word_terms)
        if terms:
            return frozenset(terms)
        start = match.start(2)  # "how much is the count of workers": workers
    return frozenset()


def photo_number(question: str) -> int | None:
    """Which of an article's photos a question asks about ("the 2nd picture": 2), if any."""
    match = _NTH_PHOTO.search(question)
    return _ORDINALS[match.group(1).lower()] if match else None


def frame_terms(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of words that frame the question rather than ask it: what kind of answer is
    wanted ("which year", "located"), who said it ("as noted by", "did he mention"), that
    the whole is asked for ("in total") or the present ("nowadays"), what the asker cannot
    recall ("the Cao-Bac-something campaign"), where it is written or shown ("in the
    article", a photo's "shown") and, asking for a date, that it is when something began
    ("when did it start")."""
    words = [next(filter(None, m.groups())) for m in _KIND_WORDS.finditer(question)]
    words += [m.group(1) for m in _REPORTING.finditer(question)]
    words += [m.group(1) for m in _WHOLE.finditer(question)]
    words += [m.group(1) for m in _EXACTNESS.finditer(question)]
    words += [m.group(1) for m in _PRESENT.finditer(question)]
    words += [m.group(1) for m in _PLACEHOLDER.finditer(question)]
    words += [next(filter(None, m.groups())) for m in _SETTING_ASIDE.finditer(question)]
    words += [m.group(1) for m in _IN_THE_TEXT.finditer(question)]
    words += [side for m in _COMPARED.finditer(question) for side in m.group(1, 2)]
    if _PHOTO_TALK.search(question):
        words += [m.group(1) for m in _SHOWN.finditer(question)]
        # "in the second photo caption": which caption, said in words no caption writes
        words += [m.group() for m in _NTH_PHOTO.finditer(question)]
        words += [m.group() for m in _PHOTO_TALK.finditer(question)]
    if answer_type(question) is AnswerType.DATE:
        words += [m.group(1) for m in _ORIGIN.finditer(question)]
    if _IN_ENGLISH.search(question):
        words += [m.group(1) for m in _TRANSLATING.finditer(question)]
    return frozenset(analyzer.terms(" ".join(words)))


def compared_figures(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the figures a question compares with, both sides offered: "1950" in
    "was it founded before or after 1950?", "3000" in "more or fewer than 3,000 beds?"."""
    figures = [m.group(3) for m in _COMPARED.finditer(question) if m.group(3)]
    return frozenset(analyzer.terms(" ".join(figures)))


def source_terms(question: str, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the words naming where the answer is said ("according to Uncle Ho's
    letter", "the letter says") or from when on ("going forward")."""
    words = [m.group(1) for m in _ACCORDING_TO.finditer(question)]
    words += [m.group(1) for m in _SOURCE_SAYS.finditer(question)]
    words += [m.group(1) for m in _FROM_NOW.finditer(question)]
    return frozenset(analyzer.terms(" ".join(words)))


def _term_weight(term: str, idf: IdfLookup, unknown: float) -> float:
    value = idf(term)
    return unknown if value is None else max(value, 0.0)


def informative(word: str) -> float:
    """How much a question word says about what is asked, 0..1, from its everyday frequency:
    "say", "get", "number" frame a question ("what did he say about ...") and say little;
    "nurses", "insurance", "ambulances" are what it is about. A word the English list lacks
    (a name, a slip, a term of art) is taken as fully informative."""
    value = rarity(american(word.lower()))  # the list is American
    if value is None:
        return 1.0
    share = (value - COMMON_RARITY) / (TOPIC_RARITY - COMMON_RARITY)
    return min(1.0, max(0.0, share))


def coverage(terms: Sequence[str], passage_terms: set[str] | frozenset[str], idf: IdfLookup,
             unknown: float, informative: Callable[[str], float] | None = None) -> float:
    """Share of the question's idf mass that the passage contains (1.0: every word found),
    each term weighed also by how `informative` it is when that is given."""
    weights = {t: _term_weight(t, idf, unknown) for t in terms}
    if informative:
        scaled = {t: w * informative(t) for t, w in weights.items()}
        # a question of nothing but everyday words ("who is the head") is weighed by idf alone
        weights = scaled if sum(scaled.values()) > 0 else weights
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in passage_terms) / total


def pick_sentence(question: str, passage: Passage, terms: Sequence[str], idf: IdfLookup,
                  analyzer: Analyzer, alternatives: Alternatives | None = None) -> str:
    """The sentence of the passage that matches most of the question, preferring the right type.

    Matching is weighed by idf, so a rare word ("dialysis") counts more than a common one;
    a sentence holding what the question asks for (a number for "how many") gets a bonus
    worth half the question's weight, enough to win over a sentence that merely repeats words.
    """
    sentences = list(passage.sentences or (passage.text,))
    wanted = tuple(dict.fromkeys(terms))
    focus = focus_terms(question, analyzer)
    # "according to Uncle Ho's letter": found the passage, says nothing of the sentence
    source = source_terms(question, analyzer) - focus
    weights = {t: 0.0 if t in source else
               _term_weight(t, idf, 0.0) * (FOCUS_WEIGHT if t in focus else 1.0)
               for t in wanted}
    kind = answer_type(question)
    bonus = 0.5 * sum(weights.values())
    quoting = _quoting_the_blank(question, sentences)

    # "who did the sector keep treating": whom something is done to is as often a kind of
    # people ("wounded soldiers") as a name, so a sentence naming someone is not preferred
    typed = kind is not AnswerType.PERSON or not _WHOM_DONE.search(question)

    def score(i: int) -> float:
        found = matched(wanted, analyzer.terms(sentences[i]), alternatives or {})
        value = math.fsum(weights[t] for t in found)
        if found and typed and fits_type(sentences[i], kind):
            value += bonus
        if i in quoting:
            value += bonus
        return value

    # max keeps the first of equals: the earlier sentence wins
    best = max(range(len(sentences)), key=score)
    if (kind is AnswerType.REASON or _CAUSE_ASKED.search(question)) and best > 0 \
            and _RESULT_OPENING.match(sentences[best]):
        # "As a result, satisfaction rose": the reason is the sentence before
        return f"{sentences[best - 1]} {sentences[best]}"
    if best + 1 < len(sentences) and _RESULT_ASKED.search(question) \
            and _RESULT_OPENING.match(sentences[best + 1]):
        # "what was the result of the change in attitude": the sentence after the change
        return f"{sentences[best]} {sentences[best + 1]}"
    if best + 1 < len(sentences) and _CONTINUING.match(sentences[best + 1]):
        # "... a gentle mother." "This guidance is also a sacred moral standard": the next
        # sentence goes on about this one, and holds question words it lacks
        here = matched(wanted, analyzer.terms(sentences[best]), alternatives or {})
        there = matched(wanted, analyzer.terms(sentences[best + 1]), alternatives or {})
        if there - here:
            return f"{sentences[best]} {sentences[best + 1]}"
    return sentences[best]


# Words in quotation marks: 'no one left behind', "a gentle mother", “green, clean”.
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))['‘\"“]([^'‘’\"“”]+)['’\"”](?=[\s?.,!:;)]|$)")
# A question that quotes the article up to a blank: "Uncle Ho said doctors should care for
# patients as if they were what?" The words before the final "what" are the article's own.
_BLANK = re.compile(r"^(.*?)\s+(?:what|who|whom|which)\W*$", re.I)
MIN_BLANK_WORDS = 2


def _quoting_the_blank(question: str, sentences: Sequence[str]) -> frozenset[int]:
    """The sentences writing word for word the longest run of the question's last words
    before a closing "what" that any of them writes (" as if they were "); at least two
    words, which may all be stop words: it is the run, not its terms, that is found."""
    quoted = _BLANK.match(question)
    if not quoted:
        return frozenset()
    words = re.findall(r"\w+", fold(quoted.group(1)))
    texts = [" " + " ".join(re.findall(r"\w+", fold(sentence))) + " " for sentence in sentences]
    for start in range(len(words) - MIN_BLANK_WORDS + 1):
        run = " " + " ".join(words[start:]) + " "
        found = frozenset(i for i, text in enumerate(texts) if run in text)
        if found:
            return found
    return frozenset()


def _capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Where words written with a capital follow one another: one name ("Bac Giang")."""
    runs: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", text):
        if not word.group()[0].isupper():
            continue
        if runs and text[runs[-1][1]:word.start()].isspace() and \
                text[runs[-1][1] - 1] not in ",;:!?":
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append((word.start(), word.end()))
    return runs


def _as_typed(terms: Sequence[str], query: Query, analyzer: Analyzer) -> tuple[str, ...]:
    """The question's own words for some of its terms, each with the capitalised words it is
    typed among: "Bac Giang" when only "giang" is unknown, "Hanoi", "hanoi" as typed."""
    wanted = set(terms)
    names = _capitalised_runs(query.text)
    text = query.text
    places: list[tuple[int, int]] = []
    for span in analyzer.spans(text):
        if span.term in wanted:
            start, end = next(((a, b) for a, b in names if a <= span.start < b),
                              (span.start, span.end))
            if places and (start <= places[-1][1] or text[places[-1][1]:start].isspace()):
                # "huu ngi": words typed side by side are one name
                places[-1] = (places[-1][0], max(end, places[-1][1]))
            else:
                places.append((start, end))
    words = (POSSESSIVE.sub("", text[start:end].strip(".,;:!?'’\"")) for start, end in places)
    return tuple(dict.fromkeys(words)) or tuple(terms)


def _unasked(query: Query, asker: str, rest: str, analyzer: Analyzer) -> set[str]:
    """The terms of the sentences around a message's question (`asker`, then the `rest`) that
    name nothing it asks about: none when the question points back to them ("the rate
    there") or is too short to stand alone; else all but those of the sentence a pronoun of
    the question leans on, and, when the question names no place, the place named nearest
    before it (or, with none before, after it)."""
    asked_text = asked_part(rest)
    asking = set(analyzer.terms(asked_text))
    if len(asking) < _MIN_ASKED_ALONE or points_back(asked_text):
        return set()
    own_names = asking & set(query.names)
    unasked = set(analyzer.terms(f"{asker} {asides(rest)}")) - asking
    earlier = split_sentences(asker, chat=True) + lead_in(rest)  # nearest last
    if leans_back(asked_text) and not own_names and earlier:
        # "The Party chief highlighted ... How many decades did he mention?": the pronoun
        # stands for what the sentence before it names, whose names are the question's own
        leaned_on = set(analyzer.terms(earlier[-1]))
        unasked -= leaned_on
        own_names = leaned_on & set(query.names)
    if not own_names:
        # "My family lives in Bac Giang. How many beds are there?"
        for sentence in [*reversed(earlier), *afterthoughts(rest)]:
            if places := place_terms(sentence, analyzer):
                unasked -= set(places)
                break
    return unasked


def pick_answer(query: Query, ranked: Sequence[RankedPassage], article: ArticleFacts | None,
                names: frozenset[str], idf: IdfLookup, unknown_idf: float,
                analyzer: Analyzer, related: Alternatives | None = None) -> Answer:
    """Decide whether the best passage answers the question, and with which sentence.

    `article` describes the best passage's article; `names` are the terms the articles of the
    ranked passages write as names (see `written_as_names`); `related` are words close
    enough to a question word that a passage holding one has not left it out ("workers" and
    "professionals", see `retrieval.synonyms`).
    """
    unique = tuple(query.unique_terms)
    common = dict(question=query.text, passages=tuple(ranked), terms=unique)

    def decline(kind: Decline, reason: str, lacking: tuple[str, ...] = ()) -> Answer:
        return Answer(answered=False, sentence=None, reason=reason, declined=kind,
                      lacking=lacking, **common)

    if not unique:
        return decline(Decline.NO_WORDS, "no searchable words")
    if not ranked:
        return decline(Decline.NO_MATCH, "no passage matches")
    best = ranked[0].passage
    article = article or ArticleFacts(frozenset(), {}, frozenset())
    # a name or a year no article mentions: "Bac Giang", "the satisfaction rate in 2015"
    titles = set(analyzer.terms(" ".join(TITLES)))  # "Mr To Lam": no name of its own
    frames = frame_terms(query.text, analyzer)  # "which year", "as noted by", "in English"
    timely = set(analyzer.terms(" ".join(TIMELY)))  # "weather in hanoi tomorrow"
    held = set(analyzer.terms(best.text)) | article.headline_terms
    held |= matched(unique, held, query.alternatives)  # "staff" is held where "personnel" is
    held |= matched(unique, held, related or {})  # "workers" where "professionals" are
    held |= {f"{t[:3]}0s" for t in held if _YEAR.fullmatch(t)}
    # "founded before or after 1950?": a passage giving the year (1948) settles it, so the
    # figure compared with is no word it lacks; one giving no figure of that kind does not
    frames |= {t for t in compared_figures(query.text, analyzer)
               if any(_is_figure(h) and bool(_YEAR.fullmatch(h)) == bool(_YEAR.fullmatch(t))
                      for h in held)}
    # "founded: 1945, 1948 or 1954?": the candidates the passage does not hold, once it
    # holds one, are no words it lacks
    candidates = candidate_terms(query.text, analyzer)
    other_choices = passed_over(candidates, held)
    offered = frozenset().union(*candidates)  # ... and the one it holds is what is asked
    # words about who asks ("I work for an aid agency. What ...") and the asides around the
    # question ("Greetings from Da Nang.", "I know To Lam said something similar in Hanoi,
    # but ...") count only where found, and name nothing the question asks about
    asker = about_the_asker(query.text)
    rest = query.text[len(asker):]
    context = set(analyzer.terms(asker)) - set(analyzer.terms(rest))
    unasked = _unasked(query, asker, rest, analyzer)  # ... nor are their names asked about
    context |= unasked
    strangers = [t for t in query.unique_terms if t in query.unknown and t not in titles
                 and t not in frames and t not in other_choices and t not in unasked
                 and (t in query.names or _YEAR.fullmatch(t) or t in timely)]
    if strangers:
        typed = _as_typed(strangers, query, analyzer)
        return decline(Decline.NEVER_MENTIONED, f"the articles never mention {', '.join(typed)}",
                       typed)
    kind = answer_type(query.text)
    counted = _HOW_MANY.search(query.text)
    counted_terms = analyzer.terms(counted.group(1)) if counted else []
    if counted_terms and (term := counted_terms[0]) in query.unknown and term not in held \
            and term not in frames and term not in query.alternatives \
            and term not in (related or {}) \
            and rarity(counted.group(1)) is not None and not _UNIT.fullmatch(counted.group(1)):
        # "how many nurses work in Lang Son": no passage (nor the best one's headline) writes
        # the word, so none counts them, however much of the rest it holds; "how many percent"
        # counts no thing, and a word no English list holds may be typed in another
        # language ("bao nhiêu điều": how many articles)
        typed = _as_typed([term], query, analyzer)
        return decline(Decline.COUNTS_ELSE, f"the articles count no {', '.join(typed)}", typed)
    # a word the articles write as a name ("Doctors' Day") typed in lower case and as
    # everyday as "days" is the word ("in its early days"), not the name
    names = (set(query.names) | names.intersection(
        t for t in unique if (rarity(query.word_of(t)) or math.inf) > NAME_RARITY))
    names -= titles | frames
    elsewhere = sorted(t for t in names if t not in held and t not in article.lead
                       and t not in other_choices and t not in unasked
                       and article.mentions_of(t) < MIN_MENTIONS)
    # a year the articles mention, but not the best passage: "how many beds did Lang Son
    # have in 1948" is not answered by today's 2,762 beds; nor is a decade none of whose
    # years it holds ("in the 1960s")
    elsewhere += sorted(t for t in unique if (_YEAR.fullmatch(t) or _DECADE.fullmatch(t))
                        and t not in held
                        and t not in article.lead and t not in frames
                        and t not in other_choices)
    if elsewhere:  # the country of a place asked about is its context ("Lang Son, Vietnam")
        elsewhere = [t for t in elsewhere if t not in country_terms(query.text, analyzer)]
    if elsewhere:
        typed = _as_typed(elsewhere, query, analyzer)
        return decline(Decline.NOT_ABOUT, f"the best passage is not about {', '.join(typed)}",
                       typed)
    # What is asked about the names: the other words, and not those that frame it ("which
    # year", "as noted by"). When those are all words no passage uses ("mention", "name"),
    # the names themselves are what is asked.
    # a framing word the passage does hold ("recall" where it says "recalling") counts
    # a name asked for ("which Politburo resolution") is asked, not its context
    focus = focus_terms(query.text, analyzer)
    own = [t for t in unique if (t not in context or t in held) and t not in other_choices]
    asked = [t for t in own if (t not in names or t in focus or t in offered)
             and (t not in frames or t in held)]
    # "72-NQ/TW" is one thing asked about, not four: its parts weigh nothing of their own
    compounds = [t for t in asked if "-" in t]
    parts = {part for t in compounds for part in t.split("-")} - set(compounds)
    asked = [t for t in asked if t not in parts]
    held |= {t for t in compounds if set(t.split("-")) <= held}  # written apart: "Covid 19"
    phrase = _SAY_IN.search(query.text)
    if phrase and not set(analyzer.terms(phrase.group(1))) <= held:
        return decline(Decline.WEAK_MATCH, f"no passage says {phrase.group(1)!r}")
    if all(idf(t) is None for t in asked):
        # the names, that is, not the frame around them: in "which year did Doctors' Day
        # begin" the date is found by the name alone, "year" and "begin" say only what kind
        asked = [t for t in own if t not in frames] or own
    role = _ROLE.search(query.text)
    if role and not set(analyzer.terms(role.group(1))) & held:
        # "who was the first director of the health department": a passage that names no
        # director does not say, however much of the rest it holds
        return decline(Decline.WEAK_MATCH, f"the best passage names no {role.group(1)}")
    if _GIFT_ASKED.search(query.text) and not _GIFT_TOLD.search(best.text):
        return decline(Decline.NAMES_NOTHING, "the best passage does not say what the gift was")
    yes_no = is_yes_no(query.text)
    guessed = frozenset(analyzer.terms(" ".join(m.group(1) for m in _GUESSED.finditer(query.text))))
    if (yes_no or guessed) and any(map(_is_figure, held)):
        # "is satisfaction in Lang Son above 90%?", "was it the 70th anniversary?", "over
        # forty beds for every ten thousand people?": the figure is what is checked, and a
        # passage giving another one answers it
        asked = [t for t in asked
                 if t in held or not _is_figure(t) or not (yes_no or t in guessed)]
    # words the asker quotes ("what does 'no one left behind' mean") are what is asked
    # about, however everyday
    quoted = set(analyzer.terms(" ".join(m.group(1) for m in _QUOTED.finditer(query.text))))
    share = coverage(asked, held, idf, UNKNOWN_SHARE * unknown_idf,
                     lambda t: 1.0 if t in quoted else informative(query.word_of(t)))
    if share < (MIN_COVERAGE_YES_NO if yes_no else MIN_COVERAGE):
        return decline(Decline.WEAK_MATCH, f"weak match ({share:.0%} of the question found)")
    sentence = pick_sentence(query.text, best, unique, idf, analyzer, query.alternatives)
    figures = (AnswerType.NUMBER, AnswerType.AGE, AnswerType.MONEY, AnswerType.TIME,
               AnswerType.DATE, AnswerType.FREQUENCY, AnswerType.CONTACT)
    if kind is AnswerType.NUMBER and not _ANNIVERSARY_STEMS.isdisjoint(unique) \
            and _ORDINAL.search(sentence):
        kind = AnswerType.OTHER  # "the 71st anniversary" answers how many
    if kind in figures and not fits_type(sentence, kind):
        # the sentence that best meets the question would have to hold the figure asked for
        return decline(Decline.NO_FIGURE, f"the best passage holds no {kind.value} for it")
    written = set(unique) | query.synonym_terms  # the question's words and their synonyms
    sentence_terms = analyzer.terms(sentence)
    if kind is AnswerType.AGE and not tells_age(sentence_terms, written - frames - _AGE_ASKED):
        # "how old is To Lam": a visit on the 71st anniversary of Doctors' Day is no answer
        return decline(Decline.NO_FIGURE, "the best passage does not say how old it is")
    if _CAUSE_ASKED.search(query.text) and not _CAUSE_TOLD.search(sentence):
        return decline(Decline.NAMES_NOTHING, "the best passage gives no cause for it")
    if _FOUNDER_ASKED.search(query.text) and not says_by_whom(sentence):
        return decline(Decline.NAMES_NOTHING, "the best passage does not say who founded it")
    if kind is AnswerType.NAME and not gives_name(sentence, query.text, written, analyzer):
        # "what is the name of its mobile app": a passage that names none does not say
        return decline(Decline.NAMES_NOTHING,
                       "the best passage names nothing the question asks for")
    units = (set(analyzer.terms(" ".join(m.group(1) for m in _HOW_MANY_SPANS.finditer(
        query.text)))) if kind is AnswerType.NUMBER else set())
    if kind is AnswerType.NUMBER and not count_near(
            sentence, written - units, sentence_terms, COUNT_WINDOW,
            given=written - offered) \
            and not _lasting(query.text, sentence_terms, written):
        # "10 or 12?": one of them is the answer
        # "seven decades" is no life expectancy: the figure must stand by what is counted
        return decline(Decline.COUNTS_ELSE, "the best passage counts something else")
    return Answer(answered=True, sentence=sentence, **common)
