"""What a question says about why it is asked, taken out before it is searched.

"need a list for my assignment", "(list pls)", "I'm doing a school project", "can my grandma
get dialysis", "Good afternoon. I am a retired nurse and I read the article about ... Thank
you.", "Summarise what the article says about ...": students, patients' relatives and other
askers wrap a question in words about themselves, in courtesies and in orders. Those words
are no part of what is asked, yet BM25 searches them and the coverage check weighs them
("assignment" is a rare word the articles lack, so the right passage looks like a weak
match). Only the wrapping is taken out: "list" stays in "what is on the waiting list",
"project" in "which projects", "thank you" in "how do you say thank you in Vietnamese" and
"good" in "good health"; a greeting only opens a message, a thank-you only closes one, and
"I am a nurse" goes only where no name follows ("I am a doctor at Bach Mai" says which
hospital "we" are).
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.sentences import split_sentences
from retrieval.stopwords import QUESTION_WORD

_WORK = (r"(?:school |uni |university |class |college |biology |history |group )?"
         r"(?:assignment|homework|essay|project|report|presentation|quiz|exam|test|notes|"
         r"thesis|coursework|dissertation)s?")
_REQUESTS = re.compile(
    r"(?:\b(?:i\s*(?:'|’)?m|i am|we\s*(?:'|’)?re|we are) (?:doing|writing|working on|preparing) "
    r"(?:a|an|my|our) " + _WORK + r"(?: (?:on|about)\b)?"
    r"|\b(?:it'?s |this is |that'?s )?for (?:my|our|a|an) " + _WORK
    + r"|\b(?:i |we )?need (?:a|the|it as a) list\b"
    r"|\bas a list\b|\bin a list\b|\blist (?:pls|plz|please)\b|\(\s*list\s*\)"
    r"|^\s*(?:please |pls |plz )?list (?:all |every |the )?(?=\w)"
    # an order opening the message: "summarise what the article says about ...", "give me
    # the year ...", "explain how ...", "may I know ..."
    r"|^\s*(?:(?:please|pls|plz|kindly|can you|could you|would you)\s+)*"
    r"(?:summari[sz]e|explain|describe|tell me(?: about)?|give me|show me|find|let me know|"
    r"(?:i (?:want|would like|wish)|i'?d like) to know|may i know"
    # ... as a ministry or a report writes it: "kindly enumerate ...", "could you elucidate
    # ...", "identify the individual who ...", "please furnish me with ..."
    r"|elucidate|enumerate|specify|indicate|identify|clarify|ascertain"
    # ... as an order only before what is ordered: "State officials" names them
    r"|(?:state|outline|detail)(?= (?:the|what|which|who|whom|how|when|where|why|whether|if)\b)"
    r"|(?:provide|furnish|supply) (?:me |us )?with|inform (?:me|us)(?: of| about| as to)?"
    r"|apprise (?:me|us) of|advise (?:me|us)? ?(?:of|on|as to)"
    r"|(?:i|we) (?:wish|would like|should like) to (?:enquire|inquire)(?: about| as to)?"
    # ... or as someone unsure puts it: "not sure how many ...", "can't remember when ...",
    # "would be good to know ...", "looking for the name of ...", "I need the year ...",
    # "does anyone know ...", "my question is about ..."
    r"|(?:i\s*(?:'|’)?m |i am )?(?:not sure|unsure)(?: (?:about|of|as to))?"
    r"|(?:i )?(?:can\s*(?:'|’)?t|cannot|can not|don\s*(?:'|’)?t|do not) (?:remember|recall)"
    r"|i (?:forget|forgot)"
    r"|(?:it )?(?:would|'d|’d) be (?:good|nice|great|helpful|useful|interesting) to "
    r"(?:know|find out|learn|hear)"
    r"|(?:i )?would (?:like|love) to (?:know|find out|learn)"
    r"|(?:i\s*(?:'|’)?m |i am )?(?:looking|searching) for"
    r"|(?:i )?need (?:to (?:know|find out|learn|understand)|the)(?= )"
    r"|help me (?:to )?(?:understand|find out|find|know|learn)"
    r"|(?:i\s*(?:'|’)?m |i am )?trying to (?:find out|figure out|work out|understand|learn|"
    r"remember|recall)"
    r"|(?:does |do |can |could )?(?:any ?one|any ?body|some ?one|some ?body) (?:know|tell me)"
    r"|my question is(?: (?:about|regarding|on))?)"
    r"(?: what (?:the|this|that) (?:article|story|report|piece|news) (?:says|said|writes|"
    r"tells us|reports)(?: about)?)?\b"
    # "can my grandma get dialysis", "my uncle is in the icu": who asks, not what
    r"|\b(?:my|our) (?:(?:grand|great )?(?:ma|mother|mom|mum|father|dad|pa|parents?|son|"
    r"daughter|child|children|kids?|baby|wife|husband|uncle|aunt|brother|sister|cousin|"
    r"granny|grandma|grandpa|nan|friend|neighbou?r|partner)s?)\b"
    r")", re.I)
_COURTESIES = re.compile(
    # a greeting opening the message: "Good morning.", "Dear Sir or Madam,", "hello there"
    r"^\s*(?:(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|greetings|dear)"
    r"(?: (?:there|all|everyone|sir or madam|sir|madam|bot|team))?[\s,.!:;]+)+"
    # a thank-you or a signing-off closing it, as a sentence of its own
    r"|(?:^|(?<=[.!?;,])|(?<=[.!?;,] ))\s*(?:(?:thank you|thanks|many thanks|cheers)"
    r"(?: (?:so|very) much| a lot| (?:in advance|for your (?:help|time)))*"
    r"|(?:kind |best |warm )?regards|sincerely|yours sincerely)[\s.,!]*$"
    # who the asker is, when it names nothing (lower-case words only: "I am a nurse at Bach
    # Mai" stays): "I am a retired nurse and ...", "I'm a student."
    r"|\b(?:i am|i'm|i’m|im) (?:a|an) (?-i:[a-z]+ ){0,2}(?-i:[a-z]+)(?=\s*(?:and\b|[,.;!]|$))"
    r"(?: and)?"
    # where they read about it: "I read the article about ..."
    r"|\bi (?:have |just |recently )?(?:read|saw) (?:in )?(?:an?|the|this|that|your) "
    r"(?:news )?(?:article|story|report|piece)(?: (?:about|on|that))?\b", re.I)

# A signing-off closing the message, with whoever signs: "Thanks, Duc", "Kind regards, Dr.
# Hanh (Pharm)", "Cheers, Olivia from the NGO office", "Many thanks, the reception team at a
# district clinic". It opens a sentence and nothing after it asks anything; the name it
# signs with is no name the question asks about ("the articles never mention Duc").
_SIGN_OFF = re.compile(
    r"(?:^|(?<=[.!?])\s)\s*(?:(?:(?:many |warm |kind |best |big |a million )?(?:thanks|"
    r"thank you|thx|ty|cheers|regards|wishes)|sincerely|with (?:gratitude|thanks|appreciation)|"
    r"much appreciated|take care|cảm ơn|cám ơn)\b"
    # "Best, Lam" signs off; "Best hospital in Hanoi." asks
    r"|(?:all the best|best|love|yours(?: truly)?)\s*(?:[,!]|$))[^?]*$", re.I)


# How the asker wants the answer put, as people tell a chatbot: "In one word: ...", "Reply
# with the date only - when ...", "TL;DR: ...", "Give me the source: ...", "(year only)",
# "(answer in English)", "... ? Short answer pls", "... ? cite the paragraph", "Q: ... A:".
# It is said ahead of the question up to a colon or a dash, in brackets, or after the
# question mark, and always holds one of these words.
_FORM_NOUN = (r"(?:years?|dates?|numbers?|names?|figures?|percentages?|countr(?:y|ies)|"
              r"cit(?:y|ies)|answers?|facts?|words?)")
_FORM_WORD = re.compile(
    r"\b(?:(?:just|only) (?:the |a |one )?(?:\w+ )?" + _FORM_NOUN + r"|" + _FORM_NOUN
    + r" only|(?:reply|respond|answer) (?:with|in|briefly|only)|(?:one|two|three|a few|"
    r"a single|\d) (?:words?|sentences?|lines?)|tl\s*;?\s*dr|eli5|explain like|quote|cite|"
    r"source|short answer|in short|briefly|be precise|(?:no|without (?:the )?)details|"
    r"nothing else|list them|name them|in english)\b", re.I)
_FORM_LEAD = re.compile(r"\s*([^:?()]{1,50}?)(?::|\s[-–—]\s)")
_FORM_BRACKETS = re.compile(r"\(([^()]{1,40})\)")
_FORM_CLOSE = re.compile(r"\s+A:\s*$")  # "Q: ... A:" leaves the answer's place
# words with a capital that still name nothing ("Explain like I am five", "TL;DR")
_CAPITALS_OF_FORM = frozenset({"i", "tl;dr", "tldr", "eli5", "english", "q", "a"})


def _says_answer_form(text: str) -> bool:
    """Whether words say how to put the answer and name nothing: "Lang Son: how many beds?"
    and "(Hanoi)" are asked about, "In one word:" and "(year only)" are not."""
    words = text.split()
    return _FORM_WORD.search(text) is not None and all(
        i == 0 or not any(map(str.isupper, w)) or w.lower().strip(".,;!-") in _CAPITALS_OF_FORM
        for i, w in enumerate(words))


def without_answer_form(question: str) -> str:
    """The question without what it says about the answer's form ("Just the number: how
    many ...?" -> "how many ...?"); as typed when that is all it says."""
    text = _FORM_CLOSE.sub("", question)
    if (lead := _FORM_LEAD.match(text)) and _says_answer_form(lead.group(1)):
        text = text[lead.end():]
    text = _FORM_BRACKETS.sub(lambda m: " " if _says_answer_form(m.group(1)) else m.group(),
                              text)
    mark = text.rfind("?")
    if 0 <= mark < len(text) - 1 and _says_answer_form(text[mark + 1:]):
        text = text[:mark + 1]
    return text.strip() if re.search(r"\w", text) else question


def without_requests(question: str) -> str:
    """The question without the words about the asker's task; as typed when it has none,
    and as typed when nothing else would be left."""
    stripped = _COURTESIES.sub(" ", _REQUESTS.sub(" ", _SIGN_OFF.sub(" ", question)))
    stripped = without_answer_form(stripped)
    if stripped == question or not re.search(r"\w", stripped):
        return question
    stripped = re.sub(r"\(\s*\)", " ", stripped)  # "(list pls)" leaves its brackets
    return re.sub(r"\s+", " ", stripped).strip()


# A sentence about the asker ahead of the question: "I work for an aid agency focused on
# access to care.", "We supply medical equipment to Vietnamese hospitals.", "I'm preparing a
# class on public holidays - what year ...". It ends at a full stop, an exclamation mark, a
# semicolon or a dash set apart by spaces, and asks nothing itself.
_ABOUT_ASKER = re.compile(
    r"\s*(?:i|we|my|our|i\s*(?:'|’)?\s*(?:m|ve|d)|we\s*(?:'|’)?\s*(?:re|ve|d))\b[^?]*?"
    r"(?:[.!;]+\s+|\s[-–—]+\s+)", re.I)
# What the asker read or was told is what a question checks, not who asks: "I read that Lang
# Son has 194 stations. Is that right?", "I've got ten district centres in my copy. ..."; any
# "that" may open what they heard, so a sentence holding one stays asked too.
_HEARD = re.compile(r"\b(?:read|heard?|told|saw|seen|think|thought|believe[sd]?|learn(?:ed|t)|"
                    r"noticed?|says?|said|claims?|wrote|written|got|describe[sd]?|draft|copy|"
                    r"notes?|that)\b", re.I)
# What follows must itself be a question: a question mark, or a question word or a verb
# that opens one.
_QUESTION = re.compile(rf"\?|^\s*(?:{QUESTION_WORD}|is|are|was|were|do|does|did|can|could|"
                       r"will|would|has|have|had|should)\b", re.I)


def about_the_asker(question: str) -> str:
    """The sentences opening a question that say who asks and why, not what ("I work for an
    aid agency focused on access to care. What ultimate goal ..."); empty when it has none.

    What they say can still be what the question refers to ("My aunt was treated at the
    Friendship Hospital. What is the satisfaction rate there?"), so they are not taken out:
    they are searched, and count as found when a passage holds them, but a passage that
    lacks them has not left out what was asked."""
    end = 0
    while (match := _ABOUT_ASKER.match(question, end)) and not _HEARD.search(match.group()):
        end = match.end()
    rest = question[end:]
    return question[:end] if end and rest.strip() and _QUESTION.search(rest) else ""


# A sentence asks when it has a question mark, or a question word opening it or after a word
# of asking or knowing ("like how many years on average" goes on asking after the question
# mark; "pls tell me when it was founded"); one that only opens a clause ("the hospital where
# To Lam went", "194 stations, which is amazing") asks nothing.
_WH = QUESTION_WORD + r"\b"
_ASKS = re.compile(
    r"\?|^\W*(?:(?:so|and|but|also|ok|okay|well|then|now|anyway|please|pls|plz|hi|hey|hello)"
    r"\W+)*" + _WH + r"|\b(?:know|tell(?: me| us)?|wonder(?:ing)?|ask(?:ing)?|curious"
    r"(?: about| as to)?|sure|unsure|idea|clarify|explain|confirm|find out|check|remember|"
    r"forgot|forget|learn|understand|show(?: me| us)?|about|on|is|like|guess)\s+" + _WH, re.I)
# ... and it points back into the asides for the place it asks about: "My aunt was treated
# in Hanoi. What is the satisfaction rate there?", "I live in Hanoi. How many doctors does
# the capital have?"
_POINTS_BACK = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )\bthere\b"
                          r"|\b(?:here|the (?:capital|city|town|province|country|"
                          r"place|region)|(?:that|this) (?:city|town|province|country|place|"
                          r"region|hospital))\b", re.I)


@lru_cache(maxsize=64)
def _sentences(question: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """A message's sentences, and which of them ask, split once: every passage weighed for an
    answer asks for its parts."""
    sentences = split_sentences(question, chat=True)
    return sentences, tuple(_ASKS.search(s) is not None for s in sentences)


def _message(question: str) -> tuple[str, str]:
    """A message's sentences that ask and its sentences that do not."""
    sentences, asks = _sentences(question)
    if not any(asks):
        return question, ""
    return (" ".join(s for s, a in zip(sentences, asks, strict=True) if a),
            " ".join(s for s, a in zip(sentences, asks, strict=True) if not a))


def asides(question: str) -> str:
    """The sentences of a message around its question that ask nothing themselves ("I know
    To Lam quoted a similar phrase about physicians in Hanoi, but I want the Lang Son one.",
    "Greetings from Da Nang."); empty when no sentence of it asks or all do.

    Like what is said `about_the_asker`, they are searched and count where a passage holds
    them, but a passage that lacks them has not left out what was asked, and the names in
    them are no names the question is about, unless it `points_back` to them or
    `leans_back` on them."""
    return _message(question)[1]


def lead_in(question: str) -> tuple[str, ...]:
    """The sentences of a message before the first that asks, nearest last: what a pronoun
    of the question leans on ("The Party chief highlighted the sector's development. How
    many decades did he mention?"), and where a question naming no place finds its place,
    rather than in a remark after it ("... By the way, Lang Son has 194 stations.")."""
    sentences, asks = _sentences(question)
    return sentences[:asks.index(True)] if True in asks else ()


def afterthoughts(question: str) -> tuple[str, ...]:
    """The sentences of a message after its first asking one that ask nothing themselves."""
    sentences, asks = _sentences(question)
    first = asks.index(True) if True in asks else len(asks)
    return tuple(s for s, a in zip(sentences[first:], asks[first:], strict=True) if not a)


def asked_part(question: str) -> str:
    """The sentences of a message that ask (all of it when none or all of them do)."""
    return _message(question)[0]


# A second question joined to the first: "when was it founded, and how many staff does it
# have?", "Who visited Huu Nghi? Who spoke for the hospital?"
_JOINED = re.compile(r"(?:\?|,?\s+(?:and|also|plus)\b)\s*(?=(?:(?:and|also)\s+)?"
                     r"(?:(?:on|in|at|for|by|from|to|with)\s+)?"
                     + QUESTION_WORD + r"\b)", re.I)


def question_parts(question: str) -> tuple[str, ...]:
    """The questions a message asks one after another ("on what date did To Lam visit Huu
    Nghi, and in which department did he give gifts to patients?"), each on its own; the
    message alone when it asks one."""
    parts = [part.strip(" ,;") for part in _JOINED.split(asked_part(question))]
    parts = [part for part in parts if part]
    return tuple(parts) if len(parts) > 1 else (question,)


_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|them|his|hers|its|their)\b", re.I)


def leans_back(asked: str) -> bool:
    """Whether what a message asks (`asked_part`) refers back with a pronoun: "to lam said
    ... is more than a professional principle.. what else did he call it". (A name of its
    own may be what the pronoun stands for.)"""
    return _PRONOUN.search(asked) is not None


def points_back(asked: str) -> bool:
    """Whether what a message asks (`asked_part`) points back to a place named before it ("I
    live in Hanoi. How many doctors does the capital have?", "... the satisfaction rate
    there?"): then the place is what is asked about, aside or not."""
    return _POINTS_BACK.search(asked) is not None
