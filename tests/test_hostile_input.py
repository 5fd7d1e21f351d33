"""Whatever people (or scripts) type: arbitrary Unicode, control characters, HTML-looking
text and 10,000-character messages never crash the analyzer, and the whole answering path,
from the question as typed to the reply as sent, always gives messages Telegram's HTML
parser accepts, each within 4,096 characters. (The formatter's own properties, over any
`Answer`, are in test_telegram_formatting.py.)"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import formatting
from bot.handlers import cap_question
from bot.i18n import load_catalogues
from bot.keyboards import QuestionStore, page_keyboard
from bot.settings import DEFAULT_MAX_QUESTION_CHARS
from retrieval.analyzer import Analyzer, highlight_spans
from tests.fake_bot_api import html_problem

ANALYZER = Analyzer()
CATALOGUES = load_catalogues()
LIMIT = 4096

_TAGS = st.sampled_from(["<b>", "</b>", "<i>", "<a href=\"javascript:x\">", "</a>", "<br/>",
                         "<script>", "</blockquote>", "<tg-spoiler>", "&amp;", "&lt;", "&",
                         "&#0;", "&#x1F600;", "<", ">", "\"", "'", "<!--", "-->", "<<>>"])
_WORDS = st.sampled_from(["Lang Son", "Lạng Sơn", "hospital", "beds", "2,762", "72-NQ/TW",
                          "how many", "ĐÀ NẴNG", "ｈｏｓｐｉｔａｌ", "don’t", "11.4%", "😀", " ",
                          "\n", "\t"])
_CONTROLS = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: not c.isprintable() or c in "\u0085")
HOSTILE = st.one_of(
    st.text(),  # any code point but lone surrogates, and then with them (JSON carries them):
    st.lists(st.one_of(_WORDS, st.characters(categories=["Cs"])), min_size=1,
             max_size=50).map("".join),
    st.text(st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Mn", "Co")), max_size=200),
    st.lists(st.one_of(_TAGS, _WORDS, _CONTROLS), max_size=300).map("".join),
    st.integers(1, 10_000).flatmap(lambda n: st.sampled_from(
        ["a" * n, "1" * n, "1," * (n // 2), "a-" * (n // 2), "😀" * n, "\u0301" * n,
         "beds " * (n // 5), "<b>" * (n // 3), "&" * n, "\x00" * n])),
)
EXAMPLES = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@EXAMPLES
@given(text=HOSTILE)
def test_the_analyzer_takes_anything_and_gives_clean_terms(text):
    terms = ANALYZER.terms(text)
    assert terms == ANALYZER.terms(text)  # the same text, the same terms
    assert all(term and not any(c.isspace() for c in term) for term in terms)
    previous_end = 0
    for start, end in highlight_spans(text, terms, ANALYZER):
        assert previous_end <= start < end <= len(text)  # in order, inside the text
        previous_end = end


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(text=HOSTILE, language=st.sampled_from(["en", "vi"]))
def test_any_message_gets_a_reply_telegram_accepts(shipped_base, text, language):
    """The path of `reply_with_answer`, without the network: cap, answer, format, split."""
    words = CATALOGUES.translator(language)
    question, _cut = cap_question(text, DEFAULT_MAX_QUESTION_CHARS)
    assert len(question) <= DEFAULT_MAX_QUESTION_CHARS
    answer = shipped_base.answerer.ask(question, 5)
    blocks = formatting.answer_blocks(answer, shipped_base.answerer.analyzer,
                                      shipped_base.knowledge, words)
    messages = formatting.to_messages(blocks)
    keyboard = page_keyboard(question, 0, formatting.page_count(answer), answer.answered, words,
                             QuestionStore())
    for row in keyboard.inline_keyboard if keyboard else ():
        assert all(len(b.callback_data.encode()) <= 64 for b in row)
    assert messages
    for message in messages:
        assert html_problem(message) is None, (html_problem(message), message[:300])
        assert len(message.encode("utf-16-le")) // 2 <= LIMIT
    for page in range(1, formatting.page_count(answer)):
        view = formatting.to_message(formatting.page_blocks(
            answer, page, shipped_base.answerer.analyzer, shipped_base.knowledge, words))
        assert html_problem(view) is None
