"""Replies and buttons, without a network: any answer becomes valid Telegram HTML within
4,096 characters, splitting loses nothing, and button data stays within 64 bytes."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import formatting
from bot.formatting import Block, Run, to_message, to_messages
from bot.i18n import load_catalogues
from bot.keyboards import (
    MAX_CALLBACK_BYTES,
    Action,
    Press,
    QuestionStore,
    Vote,
    decode,
    decode_vote,
    encode,
    encode_vote,
    keep_votes,
    page_keyboard,
    with_votes,
)
from knowledge import Passage, PassageKind
from retrieval.analyzer import Analyzer
from retrieval.answer import Answer, RankedPassage
from tests.fake_bot_api import html_problem, visible_text

ANALYZER = Analyzer()
CATALOGUES = load_catalogues()
LIMIT = 4096

# Text as articles and users really send it, and as an attacker might: markup, entities,
# emoji (two UTF-16 units), long words without spaces, newlines, control and bidi characters.
_PIECES = st.sampled_from(["<", ">", "&", "&amp;", "</b>", "<b>", '"', "'", "😀", "đường",
                           " ", "  ", "\n", "\n\n", "Lang Son", "194", "beds", "x" * 300,
                           "2,762", "—", "<blockquote>", "&#0;", "<a href='javascript:x'>",
                           "<!--", "\x00", "\x1b[31m", "\u202e", "\u200b", "\r\n", "\t"])
TEXT = st.one_of(
    st.lists(_PIECES, min_size=1, max_size=400).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=3000),
    st.text(st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp")), min_size=1,
            max_size=200).map(lambda t: t + " x"),
    st.lists(st.sampled_from(["word", "beds & <wards>", "😀😀", "a" * 5000]), min_size=1,
             max_size=5).map(" ".join),
    st.integers(5_000, 10_000).map(lambda n: ("Lang Son <b>beds</b> & 😀 " * n)[:n]),
).filter(lambda t: t.strip())


@st.composite
def passages(draw: st.DrawFn, number: int = 1) -> Passage:
    text = draw(TEXT)
    return Passage(
        id=f"article-{number}:{number}", article=f"article-{number}", number=number,
        kind=draw(st.sampled_from(PassageKind)), text=text,
        sentences=(text,), title=draw(TEXT), source=f"article-{number}.txt",
        date=draw(st.sampled_from([None, "2026-02-27", "spring <2026> & later"])),
        url=draw(st.sampled_from([None, "https://example.org/a?b=1&c=\"x\"", "javascript:x"])),
    )


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    found = [draw(passages(n)) for n in range(1, draw(st.integers(0, 4)) + 1)]
    answered = bool(found) and draw(st.booleans())
    question = draw(TEXT)
    terms = tuple(dict.fromkeys(ANALYZER.terms(question + " " + (found[0].text if found
                                                                  else ""))))[:8]
    return Answer(question=question, answered=answered,
                  sentence=found[0].text[:draw(st.integers(1, 400))] if answered else None,
                  passages=tuple(RankedPassage(p, 1.0 / (n + 1)) for n, p in enumerate(found)),
                  terms=terms)


def assert_valid(messages: list[str]) -> None:
    assert messages, "a reply is never empty"
    for message in messages:
        assert html_problem(message) is None, (html_problem(message), message[:300])
        assert len(message.encode("utf-16-le")) // 2 <= LIMIT


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(answer=answers(), language=st.sampled_from(["en", "vi"]))
def test_every_view_of_any_answer_is_valid_telegram_html(shipped, answer, language):
    words = CATALOGUES.translator(language)
    for page in range(formatting.page_count(answer) + 1):  # one past the end too
        blocks = formatting.page_blocks(answer, page, ANALYZER, shipped, words)
        assert_valid(to_messages(blocks))
        assert_valid([to_message(blocks)])
        shown = formatting.ranked_on_page(answer, page)
        if shown is not None:
            others = [r.passage for r in answer.passages if r is not shown] + [None, None]
            context = formatting.context_blocks(shown.passage, (others[0], others[1]),
                                                answer.terms, ANALYZER, words)
            assert_valid([to_message(context)])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(st.tuples(TEXT, st.booleans(), st.booleans()), min_size=1, max_size=6),
       limit=st.sampled_from([200, 1000, LIMIT]))
def test_splitting_never_loses_a_word_and_never_cuts_a_tag(texts, limit):
    blocks = [Block((Run(text, bold=bold),), quote=quote) for text, bold, quote in texts]
    messages = to_messages(blocks, limit)
    for message in messages:
        assert html_problem(message) is None and len(message.encode("utf-16-le")) // 2 <= limit
    seen = re.sub(r"\s+", "", "".join(visible_text(m) for m in messages))
    assert seen == re.sub(r"\s+", "", "".join(text for text, _, _ in texts))


def test_a_long_reply_is_split_between_blocks_before_inside_them():
    blocks = [Block((Run("a " * 1500),)), Block((Run("b " * 1500),)), Block((Run("c " * 10),))]
    messages = to_messages(blocks)
    assert len(messages) == 2  # "a" alone; "b" and "c" fit together
    assert set(visible_text(messages[0]).split()) == {"a"}


def test_matched_words_are_bold_and_the_article_text_is_escaped():
    runs = formatting.highlighted("Beds <b>& 2,762 beds", ("bed",), ANALYZER)
    html = formatting.render_block(Block(runs))
    assert html == "<b>Beds</b> &lt;b&gt;&amp; 2,762 <b>beds</b>"


def test_a_source_links_its_headline_only_to_web_addresses():
    words = CATALOGUES.translator("en")
    passage = Passage(id="a:1", article="a", number=3, kind=PassageKind.BODY, text="t",
                      sentences=("t",), title="Head & line", date="2026-02-27", source="a.md",
                      url="https://example.org/?a=1&b=2")
    html = formatting.render_block(formatting.source_block(passage, words))
    assert '<a href="https://example.org/?a=1&amp;b=2">Head &amp; line</a>' in html
    assert "February 27, 2026 · paragraph 3" in visible_text(html)
    unsafe = formatting.source_block(
        Passage(**{**{f: getattr(passage, f) for f in passage.__slots__},
                   "url": "javascript:alert(1)"}), words)
    assert "<a " not in formatting.render_block(unsafe)


# --- buttons -------------------------------------------------------------------------------


@given(question=st.text(min_size=1, max_size=600).filter(lambda q: q.strip()),
       page=st.integers(0, 999), action=st.sampled_from(Action))
def test_button_data_fits_64_bytes_and_reads_back(question, page, action):
    store = QuestionStore()
    data = encode(Press(action, page, question), store)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode(data, store) == Press(action, page, question)


def test_a_short_question_rides_in_the_button_and_survives_a_restart():
    data = encode(Press(Action.PAGE, 1, "how many beds?"), QuestionStore())
    assert data == "1p1:how many beds?"
    assert decode(data, QuestionStore()) == Press(Action.PAGE, 1, "how many beds?")


def test_a_long_question_is_kept_in_the_store_and_forgotten_on_restart_or_when_old():
    store = QuestionStore(capacity=2)
    long = "how many commune-level medical stations does the province of Lang Son have?"
    data = encode(Press(Action.CONTEXT, 3, long), store)
    assert long not in data and decode(data, store) == Press(Action.CONTEXT, 3, long)
    assert decode(data, QuestionStore()) is None  # a restart
    encode(Press(Action.PAGE, 1, long + " one"), store)
    encode(Press(Action.PAGE, 1, long + " two"), store)
    assert decode(data, store) is None  # least recently used, forgotten


@pytest.mark.parametrize("data", [None, "", "x", "1p:q", "1p1:", "1p1: ", "1z1:q", "2p1:q",
                                  "1p1#", "1p1#nope", "1p1234:q"])
def test_anything_else_is_an_expired_button(data):
    assert decode(data, QuestionStore()) is None


@given(question_id=st.integers(1, 10**18 - 1), value=st.sampled_from([1, -1]))
def test_vote_buttons_fit_and_read_back_and_are_never_taken_for_pages(question_id, value):
    data = encode_vote(Vote(question_id, value))
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode_vote(data) == Vote(question_id, value)
    assert decode(data, QuestionStore()) is None


@pytest.mark.parametrize("data", [None, "", "1v+", "1v*3", "1v+x", "1p1:1v+3", "2v+3", "1v+3 "])
def test_anything_else_is_not_a_vote(data):
    assert decode_vote(data) is None


def test_the_vote_row_goes_under_the_answer_and_stays_on_the_next_view():
    words, store = CATALOGUES.translator("en"), QuestionStore()
    answer = with_votes(page_keyboard("q", 0, 3, True, words, store), 42)
    assert [b.text for b in answer.inline_keyboard[-1]] == ["👍", "👎"]
    assert [b.callback_data for b in answer.inline_keyboard[-1]] == ["1v+42", "1v-42"]
    page = keep_votes(page_keyboard("q", 1, 3, True, words, store), answer)
    assert page is not None and page.inline_keyboard[-1] == answer.inline_keyboard[-1]
    assert len(page.inline_keyboard) == 2
    assert keep_votes(None, answer) is not None  # a view without buttons keeps the votes
    assert keep_votes(None, None) is None


def test_the_keyboard_offers_back_context_and_more_where_they_make_sense():
    words, store = CATALOGUES.translator("en"), QuestionStore()

    def labels(page: int, pages: int, answered: bool = True) -> list[str]:
        markup = page_keyboard("q", page, pages, answered, words, store)
        return [b.text for row in markup.inline_keyboard for b in row] if markup else []

    assert labels(0, 3) == ["In context", "More results ▸"]
    assert labels(1, 3) == ["◂ Back", "In context", "More results ▸"]
    assert labels(2, 3) == ["◂ Back", "In context"]
    assert labels(0, 1) == ["In context"]
    assert labels(0, 3, answered=False) == ["Closest passages ▸"]
    assert labels(0, 1, answered=False) == []
