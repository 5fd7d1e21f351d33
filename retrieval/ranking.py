"""From a question to ranked passages and an answer: query processing around the BM25 engine.

The steps, each in its own module:
1. `retrieval.query`: the question's terms, unknown words mended against the index (and an
   unknown acronym spelled out as the name it abbreviates, `retrieval.initials`).
2. The engine's BM25Okapi scores, optionally widened by pseudo-relevance feedback: the words
   that dominate the best few passages, searched again at a small weight (RM3's idea), so a
   passage that says the same thing in other words can still be found. Off by default: it
   pays on long scientific claims (SciFact), not on short questions over news paragraphs.
3. `retrieval.rerank`: the best candidates re-ordered by the question words each holds (its
   article lending the names), and by its best single sentence.
4. `retrieval.answer`: the sentence to quote, or an honest "not answered".
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from knowledge import Passage, PassageKind
from retrieval.analyzer import Analyzer
from retrieval.answer import (
    PHOTO_WORDS,
    Answer,
    AnswerType,
    ArticleFacts,
    Decline,
    RankedPassage,
    answer_type,
    asks_who_did,
    coverage,
    focus_terms,
    photo_number,
    pick_answer,
    refers_back,
    written_as_names,
)
from retrieval.autocorrected import restore_names
from retrieval.chat import as_plain, without_emphasis
from retrieval.choices import as_listed
from retrieval.engine import Engine, Hit, top_k
from retrieval.glossary import Glossary
from retrieval.initials import ACRONYM, spell_out
from retrieval.numerals import as_written
from retrieval.places import place_terms
from retrieval.query import Query, Speller, parse_query
from retrieval.requests import leans_back, question_parts, without_requests
from retrieval.rerank import PassageView, Weights, evidence, missing_but_in_article
from retrieval.synonyms import Alternatives, matched, related_terms, synonym_terms

# Declines that say a question is about what the articles do not cover, not that they say
# too little of it.
_OFF_TOPIC = frozenset({Decline.NEVER_MENTIONED, Decline.NOT_ABOUT, Decline.NO_MATCH})
# What a photo's caption tells as well as a paragraph: what was done, and who did it. A date,
# a count or a place the photo shows is reported in the text.
_DESCRIBED = frozenset({AnswerType.OTHER, AnswerType.PERSON, AnswerType.NAME})
# Articles whose facts are kept between questions; past this the memo starts afresh.
_ARTICLE_MEMO = 8192
_READ_MEMO = 8192
# A word as typed, for two of them written apart that the passages write as one.
_PLAIN_WORD = re.compile(r"[A-Za-z]+")
# The articles of this many best passages decide which question words are names.
_INITIALS_DEPTH = 20  # ... and the names this many spell out an acronym ("LS": Lang Son)
# or a word autocorrected out of a name ("to lamb")
_NAMES_DEPTH = 5
# A runner-up scoring at least this share of the best passage's score answers when the best
# does not ("who heads Huu Nghi Hospital in Hanoi": the visit's paragraph names the hospital
# and Hanoi, the next one its director).
RUNNER_UP = 0.9
# When the best passage is not about what the question names ("Tô Lâm"), the first of the
# next few scoring at least this share of it that is, and answers, does: "which Hồ Chí Minh
# saying did Tô Lâm quote" ranks the Lang Son paragraphs on Ho Chi Minh first.
ABOUT_SHARE = 0.7
# "Who visited ...?" answered by a sentence that only refers back to the one who did ("The
# leader made the statement while visiting ...") gives way to the first of the next few
# passages scoring at least this share of it whose answer names them.
NAMED_SHARE = 0.3
# A question about the photos (`PHOTO_WORDS`: "which agency took the photos") is one a
# caption answers ("... Photo: VNA"), so for it captions are no longer second-class; "what is
# To Lam doing in the first photo" (`photo_number`): the caption of that photo, not the one
# whose words the question happens to share more of ("To Lam", "Huu Nghi" are in both).


@dataclass(frozen=True, slots=True)
class Feedback:
    """Pseudo-relevance feedback: `terms` words from the best `docs` passages, at `weight`."""

    docs: int = 10
    terms: int = 30
    weight: float = 0.15


@dataclass(frozen=True, slots=True)
class Settings:
    """Query-processing knobs. The defaults are the bot's, chosen on its own question set;
    `benchmarks/beir.py --tune` finds a corpus's own on a train split."""

    weights: Weights = field(default_factory=Weights)
    feedback: Feedback | None = None
    pool: int = 30  # candidates re-ranked beyond the k asked for
    spelling: bool = True
    synonyms: float = 1.0  # weight of a question word's synonyms in BM25 (0: not searched)


class Ranker:
    """Query processing and re-ranking over one engine and the passages it was built from."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer, engine: Engine,
                 text_of: Callable[[Passage], str], caption_weight: float,
                 settings: Settings | None = None) -> None:
        self.passages = passages
        self.analyzer = analyzer
        self.engine = engine
        self.text_of = text_of
        self.caption_weight = caption_weight
        self.settings = settings or Settings()
        self._speller = (Speller(engine.vocabulary, engine.doc_freq, analyzer)
                         if self.settings.spelling else None)
        self._articles: dict[str, ArticleFacts] = {}
        self._reads: dict[int, tuple[list[str], list[tuple[str, list[str]]]]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._synonyms = synonym_terms(analyzer) if self.settings.synonyms else {}
        self._related = related_terms(analyzer)
        self._glossary = Glossary.shipped()
        self._photo_terms = frozenset(analyzer.terms(" ".join(PHOTO_WORDS)))

    # -- question -> query ----------------------------------------------------------------

    def parse(self, question: str) -> Query:
        """The question's terms, Vietnamese words read as English, unknown words mended,
        with the synonyms the index holds."""
        # "@QAbot", "#LangSon", "sooo", "y/n": the marks of a post, not words asked about
        question = as_plain(question)
        if not any(map(str.islower, question)):
            # "HOW MANY BEDS IN LANG SON": shouted, every word is a capital and none an
            # acronym or a name
            question = question.lower()
        # "do ALL stations have doctors": emphasis, unless the index holds the acronym
        question = without_emphasis(question, self._holds_as_written)
        # "(list pls)"; "a) surgery b) oncology" as "surgery or oncology", no letters searched;
        # "27/2/1955", "the seventy-first" as the articles write them
        question = self._glossary.translate(without_requests(as_listed(as_written(question))),
                                            keep=self._holds_as_acronym)
        if self._speller is not None:  # "what citty", "wich hosbital": the words meant
            question = self._speller.mend_slips(question)
        query = parse_query(question, self.analyzer, self.engine.doc_freq, self._speller)
        acronyms = [typed for typed in (m.group(1) for m in ACRONYM.finditer(question))
                    if (terms := self.analyzer.terms(typed)) and set(terms) <= set(query.unknown)]
        if acronyms:  # "LS" for Lang Son: the name the best passages spell with it
            spelled = spell_out(question, acronyms, self._texts_for(query))
            if spelled != question:
                query = parse_query(spelled, self.analyzer, self.engine.doc_freq,
                                    self._speller)
        if query.unknown:  # "to lamb", "huh nghi": a name's word a phone autocorrected
            unknown = set(query.unknown)

            def left_unknown(word: str) -> bool:  # neither held nor mended by the speller
                terms = set(self.analyzer.terms(word))
                return bool(terms) and terms <= unknown

            restored = restore_names(query.text, left_unknown, self._texts_for(query))
            if restored != query.text:
                query = parse_query(restored, self.analyzer, self.engine.doc_freq,
                                    self._speller)
        # "danang" names a place as "Danang" does; only a question with a word no passage
        # holds can name a place the articles lack, so only such a one loads the places
        places = [t for t in place_terms(query.text, self.analyzer)
                  if t in query.terms and t not in query.names] if query.unknown else []
        if places:
            query = dataclasses.replace(query, names=query.names + tuple(places))
        asked = set(query.terms)
        synonyms = []
        # what a count question counts ("how many health workers") is searched by its
        # related words too: the article counts "personnel", and the paragraph on
        # "healthcare workers" in the wars has no count of them
        counted = (focus_terms(query.text, self.analyzer)
                   if answer_type(query.text) is AnswerType.NUMBER else frozenset())
        joined = self._joined(query.text, asked)
        for term in query.unique_terms:
            group = self._synonyms.get(term, frozenset()) | joined.get(term, frozenset())
            if term in counted:
                group = group | self._related.get(term, frozenset())
            others = frozenset(t for t in group
                               if t not in asked and self.engine.doc_freq(t) > 0)
            if others:
                synonyms.append((term, others))
        return dataclasses.replace(query, synonyms=tuple(synonyms)) if synonyms else query

    def _joined(self, text: str, asked: set[str]) -> dict[str, frozenset[str]]:
        """Each term of two words typed apart that the passages write as one ("health
        care" -> "healthcare", "work force" -> "workforce"), with the one word's term."""
        words = _PLAIN_WORD.findall(text)
        joined: dict[str, set[str]] = {}
        for first, second in itertools.pairwise(words):
            one = self.analyzer.terms(first + second)
            if len(one) != 1 or one[0] in asked or self.engine.doc_freq(one[0]) == 0:
                continue
            apart = self.analyzer.terms(f"{first} {second}")
            if len(apart) == 2:  # no stop word: "a round" is not "around"
                for term in apart:
                    joined.setdefault(term, set()).add(one[0])
        return {term: frozenset(ones) for term, ones in joined.items()}

    def _texts_for(self, query: Query) -> Iterator[str]:
        """The texts of the passages the question's known terms find best, searched only
        when the first is wanted."""
        known = [t for t in query.unique_terms if t not in query.unknown]
        for hit in self.engine.search_terms(known, _INITIALS_DEPTH) if known else []:
            yield self.text_of(self.passages[hit.doc])

    def _holds_as_acronym(self, word: str) -> bool:
        """Whether a word typed in capitals ("MDs", "HR") is one the index holds: an
        acronym of the passages' own, which means what they mean by it."""
        return sum(map(str.isupper, word)) >= 2 and self._holds_as_written(word)

    def _holds_as_written(self, word: str) -> bool:
        """Whether the index holds every term of the word as written in capitals."""
        terms = self.analyzer.terms(word.upper())
        return bool(terms) and all(self.engine.doc_freq(t) > 0 for t in terms)

    def idf(self, term: str) -> float | None:
        """The engine's idf of a term (None when no passage holds it)."""
        return self.engine.idf(term)

    def query_idf(self, query: Query) -> Callable[[str], float | None]:
        """The idf of the question's terms, where a term no passage holds weighs as the
        rarest of its synonyms the index has ("heads" as much as "director")."""
        alternatives = query.alternatives
        if not alternatives:
            return self.idf

        def idf(term: str) -> float | None:
            value = self.engine.idf(term)
            if value is None and term in alternatives:
                known = [v for v in map(self.engine.idf, alternatives[term]) if v is not None]
                return max(known, default=None)
            return value

        return idf

    # -- retrieval ------------------------------------------------------------------------

    def _feedback_terms(self, terms: Sequence[str], hits: Sequence[Hit]) -> list[str]:
        """The words that weigh most in the best passages, by share of the passage, the
        passage's score (softmax) and idf; the question's own terms left out."""
        feedback = self.settings.feedback
        if feedback is None or not hits:
            return []
        top = hits[: feedback.docs]
        weight: Counter[str] = Counter()
        for hit in top:
            counts = Counter(self.analyzer.terms(self.text_of(self.passages[hit.doc])))
            length = sum(counts.values()) or 1
            share = math.exp(hit.score - top[0].score)
            for term, count in counts.items():
                weight[term] += share * count / length
        asked = set(terms)
        ranked = sorted(weight, key=lambda t: (-weight[t] * max(self.idf(t) or 0.0, 0.0), t))
        return [t for t in ranked if t not in asked][: feedback.terms]

    def candidates(self, query: Query, k: int) -> list[Hit]:
        """BM25Okapi hits for the query, widened by feedback when it is on."""
        terms = list(query.unique_terms)
        if not terms:
            return []
        hits = self.engine.search_terms(terms, k)
        expansion = self._feedback_terms(terms, hits)
        synonyms = sorted(query.synonym_terms)
        if not synonyms and (not expansion or self.settings.feedback is None):
            return hits
        scores = self.engine.scores_terms(terms)
        if synonyms:
            scores = scores + self.settings.synonyms * self.engine.scores_terms(synonyms)
        if expansion and self.settings.feedback is not None:
            scores = scores + self.settings.feedback.weight * self.engine.scores_terms(expansion)
        return top_k(scores, k)

    def article_facts(self, doc: int) -> ArticleFacts:
        """What the article of passage `doc` says as a whole (memoised per article)."""
        article = self.passages[doc].article
        facts = self._articles.get(article)
        if facts is None:
            if len(self._articles) >= _ARTICLE_MEMO:
                self._articles.clear()
            members = self._article_range(doc)
            facts = self._articles[article] = ArticleFacts.of(
                [self.passages[i] for i in members], [self._read(i)[0] for i in members],
                self.analyzer)
        return facts

    def article_names(self, doc: int) -> frozenset[str]:
        """The terms the article of passage `doc` writes as names (memoised per article)."""
        article = self.passages[doc].article
        names = self._names.get(article)
        if names is None:
            if len(self._names) >= _ARTICLE_MEMO:
                self._names.clear()
            texts = [self.text_of(self.passages[i]) for i in self._article_range(doc)]
            names = self._names[article] = written_as_names(texts, self.analyzer)
        return names

    def _article_range(self, doc: int) -> range:
        """Positions of the passages of `doc`'s article: an article's passages are stored
        together."""
        article = self.passages[doc].article
        lo, hi = doc, doc + 1
        while lo > 0 and self.passages[lo - 1].article == article:
            lo -= 1
        while hi < len(self.passages) and self.passages[hi].article == article:
            hi += 1
        return range(lo, hi)

    def view(self, doc: int) -> PassageView:
        """A candidate passage analysed for re-ranking."""
        terms, sentences = self._read(doc)
        title = self.passages[doc].title if self.settings.weights.title else None
        return PassageView(terms=terms, sentences=sentences,
                           article_terms=self.article_facts(doc).about,
                           title_terms=frozenset(self.analyzer.terms(title or "")))

    def _read(self, doc: int) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """A passage's terms and its sentences' terms (memoised: popular passages recur)."""
        read = self._reads.get(doc)
        if read is None:
            if len(self._reads) >= _READ_MEMO:
                self._reads.clear()
            passage = self.passages[doc]
            sentences = [(s, self.analyzer.terms(s))
                         for s in passage.sentences or (passage.text,)]
            text = self.text_of(passage)
            if " ".join(s for s, _ in sentences) == " ".join(text.split()):
                # no term spans whitespace, so the sentences' terms are the passage's
                terms = [t for _, sentence_terms in sentences for t in sentence_terms]
            else:
                terms = self.analyzer.terms(text)
            read = self._reads[doc] = (terms, sentences)
        return read

    def rank(self, query: Query, k: int) -> list[tuple[int, RankedPassage]]:
        """The best `k` passages with their positions, after re-ranking."""
        hits = self.candidates(query, k + self.settings.pool)
        kind = answer_type(query.text)
        terms = list(query.unique_terms)
        idf = self.query_idf(query)
        named_in_question = frozenset(query.names)
        about_photos = not self._photo_terms.isdisjoint(set(terms) | query.synonym_terms)
        caption_weight = 1.0 if about_photos else self.caption_weight
        nth = photo_number(query.text)
        # a caption holding every word of a "what" or "who" question that no paragraph holds
        # is what the question describes ("what did To Lam present to the staff at Huu Nghi"):
        # not second-class there
        whole_captions = (self._captions_alone_whole([h.doc for h in hits], terms,
                                                     query.alternatives)
                          if nth is None and kind in _DESCRIBED and len(terms) >= 3
                          else frozenset())
        ranked = []
        for hit in hits:
            passage = self.passages[hit.doc]
            view = self.view(hit.doc)
            names = (self.article_names(hit.doc) if missing_but_in_article(terms, view)
                     else frozenset())
            # a count beside a place counts something else ("70 years, Lang Son's"), the
            # place typed with a capital or not ("lang son")
            named = (named_in_question | self.article_names(hit.doc).intersection(terms)
                     if kind is AnswerType.NUMBER else named_in_question)
            score = hit.score + evidence(terms, view, names, idf, kind,
                                         self.settings.weights, query.alternatives, named)
            if passage.kind is PassageKind.CAPTION:
                # asked about the n-th photo, the others' captions are second-class again
                score *= (1.0 if hit.doc in whole_captions else
                          caption_weight if nth in (None, passage.number) else self.caption_weight)
            elif nth is not None:
                # ... and so is the text: "according to the opening photo caption"
                score *= self.caption_weight
            ranked.append((hit.doc, RankedPassage(passage, score, hit.doc)))
        ranked.sort(key=lambda item: -item[1].score)  # stable: ties keep the engine's order
        return ranked[:k]

    def _captions_alone_whole(self, docs: Sequence[int], terms: Sequence[str],
                              alternatives: Alternatives) -> frozenset[int]:
        """The captions among `docs` that hold every question term, when no paragraph does.
        Most candidate lists hold no caption (a paper, a report): then nothing is matched."""
        if not any(self.passages[d].kind is PassageKind.CAPTION for d in docs):
            return frozenset()
        whole = {d for d in docs
                 if len(matched(terms, self.view(d).terms, alternatives)) == len(set(terms))}
        if any(self.passages[d].kind is not PassageKind.CAPTION for d in whole):
            return frozenset()
        return frozenset(whole)

    def search(self, question: str, k: int = 10) -> list[RankedPassage]:
        """The best `k` passages for a question, best first."""
        return [ranked for _, ranked in self.rank(self.parse(question), k)]

    # -- answer ---------------------------------------------------------------------------

    def answer(self, question: str, k: int = 3) -> Answer:
        """The answer with the `k` best passages (present even when not answered).

        Two passages scoring within `RUNNER_UP` of each other are both about the question;
        when the best leaves out what is asked and the second says it, the second answers
        and is listed first. When the best is about other names than the question's, the
        first of the next few within `ABOUT_SHARE` that answers does, listed first.
        """
        query = self.parse(question)
        ranked = self.rank(query, max(k, _NAMES_DEPTH))
        names = frozenset().union(*(self.article_names(doc) for doc, _ in ranked))
        answer = self._answer_from(query, ranked, 0, k, names)
        runner_up = (len(ranked) > 1 and ranked[1][1].score >= RUNNER_UP * ranked[0][1].score)
        if not answer.answered and runner_up:
            second = self._answer_from(query, ranked, 1, k, names)
            # a figure of the kind asked for is no answer from a passage holding less of the
            # question: "when did district centres start offering dialysis" is not answered
            # by the department founded in 1948, which says nothing of dialysis
            fair = (answer.declined is not Decline.NO_FIGURE
                    or self._holds_rarest(query, ranked[1][0], ranked[0][0]))
            answer = second if second.answered and fair else answer
        if answer.declined is Decline.NOT_ABOUT:
            answer = self._next_answer(query, ranked, k, names, 2 if runner_up else 1,
                                       ABOUT_SHARE * ranked[0][1].score) or answer
        elif answer.declined is Decline.NO_FIGURE:
            # "when did he present gifts to staff at the friendship hospital": the ward's
            # paragraph gives no date, the caption, holding more of the question, does
            best_share = self._held_share(query, ranked[0][1])
            answer = self._next_answer(
                query, ranked, k, names, 1, ABOUT_SHARE * ranked[0][1].score,
                accept=lambda other: self._held_share(query, other.passages[0])
                > best_share) or answer
        if answer.answered and asks_who_did(query.text) and refers_back(answer.sentence or ""):
            # the answer says what was done but not who did it: a passage that names them;
            # of several, the one holding most of the question ("who visited Huu Nghi
            # Hospital in Hanoi": the caption naming the hospital and the city, not the
            # paragraph on "the hospital"'s ward)
            first = answer.passages[0]
            answer = self._next_answer(
                query, ranked, k, names, 0, NAMED_SHARE * first.score, skip=first.passage,
                accept=lambda other: not refers_back(other.sentence or ""),
                rank_by=lambda other: self._held_share(query, other.passages[0])
            ) or answer
        if not answer.answered and answer.declined is not Decline.NEVER_MENTIONED \
                and len(parts := question_parts(question)) > 1:
            # "on what date did To Lam visit Huu Nghi, and in which department did he give
            # gifts?": no passage answers both; the first question the articles answer on its
            # own is answered, unless one of them is about what they do not cover ("does
            # dialysis hurt, and how long does each session last?"). A question leaning back
            # ("he") is no question on its own.
            answers = [self.answer(part, k) for part in parts]
            if not any(other.declined in _OFF_TOPIC for other in answers):
                answer = next((other for part, other in zip(parts, answers, strict=True)
                               if other.answered and not leans_back(part)), answer)
        # the question as asked, not as translated for the index
        return dataclasses.replace(answer, question=question)

    def _holds_rarest(self, query: Query, doc: int, other: int) -> bool:
        """Whether passage `doc` holds the rarest question term that passage `other` does."""
        idf = self.query_idf(query)
        held = set(self._read(other)[0])
        rarest = max((t for t in query.unique_terms if t in held),
                     key=lambda t: idf(t) or 0.0, default=None)
        return rarest is None or rarest in set(self._read(doc)[0])

    def _held_share(self, query: Query, ranked: RankedPassage) -> float:
        """How much of the question, by idf, a ranked passage holds (its terms as read for
        re-ranking, already memoised)."""
        terms = (self._read(ranked.doc)[0] if ranked.doc is not None
                 else self.analyzer.terms(ranked.passage.text))
        return coverage(query.unique_terms, set(terms), self.query_idf(query), 0.0)

    def _next_answer(self, query: Query, ranked: Sequence[tuple[int, RankedPassage]], k: int,
                     names: frozenset[str], start: int, floor: float,
                     skip: Passage | None = None,
                     accept: Callable[[Answer], bool] = lambda _: True,
                     rank_by: Callable[[Answer], float] | None = None) -> Answer | None:
        """The first answer, from `ranked[start]` on within the few looked at, of a passage
        scoring at least `floor` (other than `skip`) that answers and that `accept`s; or,
        `rank_by` given, of all those the one it ranks highest (the first of equals)."""
        found: list[Answer] = []
        for i in range(start, min(len(ranked), _NAMES_DEPTH)):
            ranked_passage = ranked[i][1]
            if ranked_passage.score < floor:
                break  # best first: the rest score less
            if ranked_passage.passage is skip:
                continue
            other = self._answer_from(query, ranked, i, k, names)
            if other.answered and accept(other):
                if rank_by is None:
                    return other
                found.append(other)
        return max(found, key=rank_by) if found else None

    def _answer_from(self, query: Query, ranked: Sequence[tuple[int, RankedPassage]],
                     best: int, k: int, names: frozenset[str]) -> Answer:
        """The answer from `ranked[best]`, listed first before the others in their order,
        or why it gives none."""
        ranked = [ranked[best], *ranked[:best], *ranked[best + 1:]] if best else ranked
        article = self.article_facts(ranked[0][0]) if ranked else None
        return pick_answer(query, [r for _, r in ranked[: max(k, 1)]], article, names,
                           self.query_idf(query), self._unknown_idf(), self.analyzer,
                           self._related)

    def _unknown_idf(self) -> float:
        """The weight of a word no passage holds: as rare as the rarest known word."""
        n = len(self.engine)
        return math.log((n - 1 + 0.5) / 1.5) if n > 1 else 1.0
