"""What the bot does with each kind of update: one coroutine per command or behaviour.

Each docstring says what the user sees. The bot's own words come from the user's language
catalogue (`bot.i18n`), the articles' words are quoted as they are, and every reply is built
by `bot.formatting` (escaped, split under Telegram's limit). Retrieval and the question log
run in worker threads so one question never blocks the event loop.

Every handler reads `shared(context)` once and passes that `Shared` on: a reload replaces
it in `bot_data` (`bot.reload`), and one answer must come from one index, never from the old
index for its passages and the new one for their neighbours.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot import formatting
from bot.access import AccessPolicy
from bot.conflicts import EXIT_CONFLICT, ConflictWatch
from bot.formatting import Block, plain
from bot.i18n import N_, SOURCE_LANGUAGE, Catalogues, Words
from bot.keyboards import (
    Action,
    QuestionStore,
    context_keyboard,
    decode,
    decode_vote,
    keep_votes,
    page_keyboard,
    with_votes,
)
from bot.knowledge_base import KnowledgeBase
from bot.question_log import QuestionLog
from bot.rate_limit import QuestionRateLimiter
from bot.settings import DEFAULT_MAX_QUESTION_CHARS
from retrieval.answer import Answer

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]

SHARED = "shared"  # the bot_data key of `Shared`
MAX_RESULTS = 5  # passages fetched per question: the answer plus "More results"
INLINE_CACHE_SECONDS = 60

# The menu Telegram shows; descriptions are translated per language in `register_commands`.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("ask", N_("Answer a question from the articles")),
    ("about", N_("What articles I know")),
    ("help", N_("How to ask me")),
    ("start", N_("Introduction and example questions")),
)
# Shown in /help to admins only (`bot.admin`); not in everyone's menu.
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("reload", N_("Read the articles folder again (admins)")),
    ("stats", N_("Questions, feedback, index size and uptime (admins)")),
)

_COMMAND_TEXT = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@(\w+))?(?=\s|$)\s*", re.DOTALL)


def _no_limit() -> QuestionRateLimiter:
    return QuestionRateLimiter(limit=0)


@dataclass(frozen=True)
class Shared:
    """What every handler needs, built once and kept in `bot_data[SHARED]`.

    A reload replaces it with a copy holding the new `base` (`dataclasses.replace`); the
    other fields are the same objects in both, so limits, the log and the watch carry on.
    """

    base: KnowledgeBase
    catalogues: Catalogues
    questions: QuestionStore
    examples: tuple[str, ...]  # example questions for /start and /help (may be empty)
    access: AccessPolicy = field(default_factory=AccessPolicy)
    limiter: QuestionRateLimiter = field(default_factory=_no_limit)
    question_log: QuestionLog | None = None  # None: no log, no 👍/👎 buttons
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    started_at: float = field(default_factory=time.monotonic)  # for /stats' uptime
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one reload at a time
    conflicts: ConflictWatch = field(default_factory=ConflictWatch)


def shared(context: Context) -> Shared:
    """What the bot serves right now; read it once per update (see the module docstring)."""
    return context.bot_data[SHARED]


def words_for(update: object, context: Context) -> Words:
    """The bot's words in the language of whoever sent the update (English by default)."""
    user = update.effective_user if isinstance(update, Update) else None
    return shared(context).catalogues.translator(user.language_code if user else None)


def asker_of(update: Update, message: Message | None = None) -> int:
    """Whom the rate limit and the question log count a question against: the sender, or
    the chat when Telegram names no sender (anonymous group admins, channels)."""
    if update.effective_user is not None:
        return update.effective_user.id
    chat = message.chat if message is not None else update.effective_chat
    return chat.id if chat is not None else 0


def cap_question(text: str, limit: int = DEFAULT_MAX_QUESTION_CHARS) -> tuple[str, bool]:
    """The question to analyse, cut at a space within `limit` characters; and whether it was
    cut, so the reply can say so. A lone surrogate (JSON can carry one, no client sends one)
    becomes "?", so the question can ride in a button's data."""
    text = text.encode("utf-8", "replace").decode("utf-8").strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(), True


def command_argument(text: str) -> str:
    """What follows "/command" or "/command@bot" in a message."""
    return _COMMAND_TEXT.sub("", text, count=1).strip()


def in_group(message: Message) -> bool:
    """Groups get quoted replies so a thread of questions stays readable."""
    return message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def send_blocks(message: Message, blocks: Sequence[Block],
                      keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply with as many messages as the blocks need; the keyboard goes under the last."""
    parts = formatting.to_messages(blocks)
    for number, part in enumerate(parts, start=1):
        quote = number == 1 and in_group(message)  # (sent anyway if the question is deleted)
        await message.reply_text(
            part, reply_markup=keyboard if number == len(parts) else None,
            do_quote=False, reply_parameters=ReplyParameters(
                message.message_id, allow_sending_without_reply=True) if quote else None)


async def show_typing(message: Message) -> None:
    """The "typing…" indicator; a failure here must not cost the answer."""
    try:
        await message.reply_chat_action(ChatAction.TYPING)
    except TelegramError as error:
        log.debug("could not show the typing indicator: %s", error)


async def find_answer(state: Shared, question: str) -> Answer:
    """Retrieval in a worker thread: the event loop keeps serving other chats meanwhile."""
    return await asyncio.to_thread(state.base.answerer.ask, question, MAX_RESULTS)


def slow_down_text(state: Shared, asker: int, words: Words) -> str:
    """The polite refusal when a user asks faster than the rate limit allows."""
    seconds = max(1, round(state.limiter.retry_after(asker)))
    return words.ngettext(
        "You are asking faster than I can answer. Please wait {seconds} second and try "
        "again.",
        "You are asking faster than I can answer. Please wait {seconds} seconds and try "
        "again.", seconds).format(seconds=seconds)


async def log_question(state: Shared, asker: int, chat_kind: str, question: str,
                       answer: Answer) -> int | None:
    """Record the question and how it was answered (in a worker thread); its id for the
    feedback buttons, or None when the log is off or failed (answering matters more)."""
    if state.question_log is None:
        return None
    best = answer.best
    try:
        return await asyncio.to_thread(
            state.question_log.record_question, asker, chat_kind, question, answer.answered,
            best.passage.id if best else None, best.score if best else None)
    except (sqlite3.Error, OSError) as error:
        log.warning("could not record the question in the log: %s", error)
        return None


async def reply_with_answer(update: Update, message: Message, state: Shared, words: Words,
                            text: str) -> None:
    """The answer to `text` (cut if very long), with its buttons; a polite "slow down" (once
    per wait, then silence) when the asker is over the rate limit."""
    _ = words.gettext
    asker = asker_of(update, message)
    if not state.limiter.allow(asker):
        if state.limiter.first_refusal(asker):
            await send_blocks(message, [plain(slow_down_text(state, asker, words))])
        return
    question, cut = cap_question(text, state.max_question_chars)
    await show_typing(message)
    answer = await find_answer(state, question)
    question_id = await log_question(state, asker, message.chat.type, question, answer)
    blocks: list[Block] = []
    if cut:
        blocks.append(plain(_("Your message was very long, so I only read its first {count} "
                              "characters.").format(count=state.max_question_chars),
                            italic=True))
    blocks += formatting.answer_blocks(answer, state.base.answerer.analyzer,
                                       state.base.knowledge, words)
    keyboard = page_keyboard(question, 0, formatting.page_count(answer), answer.answered, words,
                             state.questions)
    if question_id is not None:
        keyboard = with_votes(keyboard, question_id)
    await send_blocks(message, blocks, keyboard)


def example_blocks(state: Shared, words: Words) -> list[Block]:
    """Example questions when we have some for this knowledge, else the headlines."""
    _ = words.gettext
    if not state.examples:
        return formatting.headline_blocks(state.base.knowledge, words)
    return [plain("\n".join([_("Try for example:"),
                             *(f"• {example}" for example in state.examples)]))]


async def start(update: Update, context: Context) -> None:
    """/start: what the bot is, what it knows and example questions to try."""
    message = update.effective_message
    if message is None:
        return
    state = shared(context)
    words = words_for(update, context)
    _ = words.gettext
    articles = len(state.base.knowledge.articles)
    blocks = [
        plain(_("Hello! I answer questions about a collection of news articles."), bold=True),
        plain(words.ngettext(
            "I know {count} article. Send me a question in your own words and I will reply "
            "with the passage that answers it, and where it comes from.",
            "I know {count} articles. Send me a question in your own words and I will reply "
            "with the passage that answers it, and where it comes from.",
            articles).format(count=articles)),
        *example_blocks(state, words),
        plain(_("/help shows everything I can do.")),
    ]
    await send_blocks(message, blocks)


async def help_command(update: Update, context: Context) -> None:
    """/help: how to ask, what the buttons do, groups and inline mode, the commands."""
    message = update.effective_message
    if message is None:
        return
    words = words_for(update, context)
    _ = words.gettext
    username = context.bot.username
    blocks = [
        plain(_("How to ask me"), bold=True),
        plain(_("Send a question in your own words. I reply with the sentence that answers "
                "it (the words that matched in bold), the passage it comes from and its "
                "source. When the articles do not say, I tell you so.")),
        plain(_("Under an answer: “More results” shows the next passages, “In context” the "
                "paragraphs around a passage, “Back” the previous view.")),
        plain(_("In a group: write /ask and your question, mention @{username} in a message, "
                "or reply to one of my messages.").format(username=username)),
        plain(_("In any chat: type @{username} and a question to pick a passage to share.")
              .format(username=username)),
        plain("\n".join(f"/{name} — {_(description)}" for name, description in COMMANDS)),
    ]
    user = update.effective_user
    if shared(context).access.is_admin(user.id if user else None):
        blocks.append(plain("\n".join(f"/{name} — {_(description)}"
                                      for name, description in ADMIN_COMMANDS)))
    await send_blocks(message, blocks)


async def about(update: Update, context: Context) -> None:
    """/about: the articles the bot answers from, with dates and passage counts."""
    message = update.effective_message
    if message is None:
        return
    words = words_for(update, context)
    _ = words.gettext
    base = shared(context).base  # read once: a reload may swap it meanwhile
    articles = base.knowledge.articles
    passages = len(base.answerer.passages)
    lines = formatting.headline_lines(articles, words, passage_counts=True)
    blocks = [
        plain(_("What I know"), bold=True),
        plain("\n".join([words.ngettext("{passages} passages from {count} article:",
                                        "{passages} passages from {count} articles:",
                                        len(articles)).format(passages=passages,
                                                              count=len(articles)),
                         *lines])),
    ]
    await send_blocks(message, blocks)


async def ask(update: Update, context: Context) -> None:
    """/ask QUESTION (also /ask@ThisBot in groups): the answer; without a question, how to
    use it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    state = shared(context)
    words = words_for(update, context)
    question = command_argument(message.text)
    if not question:
        _ = words.gettext
        example = (state.examples or (_("your question"),))[0]
        await send_blocks(message, [plain(_("Write your question after /ask, for example: "
                                            "/ask {example}").format(example=example))])
        return
    await reply_with_answer(update, message, state, words, question)


async def answer_private(update: Update, context: Context) -> None:
    """Any text in a private chat is a question: the answer, or an honest "not found"."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await reply_with_answer(update, message, shared(context), words_for(update, context),
                            message.text)


def addressed_question(message: Message, bot_id: int, username: str) -> str | None:
    """In a group, the question in a message meant for the bot (a reply to one of its
    messages, or one mentioning @username, the mention removed); None for other chatter."""
    text = message.text or ""
    mention = re.compile(rf"(?<![\w@])@{re.escape(username)}(?!\w)", re.IGNORECASE)
    replied = message.reply_to_message
    to_bot = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    if not (to_bot or (username and mention.search(text))):
        return None
    return " ".join(mention.sub(" ", text).split()) if username else text.strip()


async def answer_in_group(update: Update, context: Context) -> None:
    """In a group, answer only messages meant for the bot; stay silent on other chatter."""
    message = update.effective_message
    if message is None or not message.text:
        return
    question = addressed_question(message, context.bot.id, context.bot.username or "")
    if question is None:
        return
    words = words_for(update, context)
    if not question:
        _ = words.gettext
        await send_blocks(message, [plain(_("Yes? Ask me a question about the articles after "
                                            "my name, or reply to this message with one."))])
        return
    await reply_with_answer(update, message, shared(context), words, question)


def is_for_bot(message: Message, bot_id: int, username: str) -> bool:
    """Whether a group message is meant for the bot: a command without a target or with
    this bot's name, a mention of it, or a reply to one of its messages. Other chatter is
    never answered, not even to refuse."""
    text = message.text or ""
    command = _COMMAND_TEXT.match(text)
    if command is not None:
        target = command.group(2)
        return target is None or target.lower() == username.lower()
    return addressed_question(message, bot_id, username) is not None


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have (in a private chat): say so and point to /help."""
    message = update.effective_message
    if message is None or not message.text:
        return
    _ = words_for(update, context).gettext
    command = message.text.split()[0]
    await send_blocks(message, [plain(_("I do not know the command {command}. /help shows "
                                        "what I can do.").format(command=command))])


# Everyone's commands by name; `telegram_app` adds the admin ones (`bot.admin`).
COMMAND_HANDLERS: dict[str, Handler] = {
    "start": start, "help": help_command, "about": about, "ask": ask,
}


def command_dispatcher(commands: Mapping[str, Handler]) -> Handler:
    """The handler of "/command" messages that lack Telegram's command marker (some clients
    and API stand-ins send none): each is handled like the real command."""

    async def command_without_entity(update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        match = _COMMAND_TEXT.match(message.text)
        if match is None:
            return
        name, target = match.group(1).lower(), match.group(2)
        if target and target.lower() != (context.bot.username or "").lower():
            return  # meant for another bot
        handler = commands.get(name)
        if handler is not None:
            await handler(update, context)
        elif message.chat.type == ChatType.PRIVATE:
            await unknown_command(update, context)

    return command_without_entity


async def non_text(update: Update, context: Context) -> None:
    """A sticker, photo, voice message, document... in a private chat: a friendly note that
    only typed questions can be answered."""
    message = update.effective_message
    if message is None:
        return
    _ = words_for(update, context).gettext
    await send_blocks(message, [plain(_("Nice, but I can only read text. Please type your "
                                        "question about the articles."))])


async def show_view(update: Update, context: Context, text: str,
                    keyboard: InlineKeyboardMarkup | None) -> None:
    """Replace the pressed message's text and buttons (its 👍/👎 row stays); if it cannot be
    edited any more, send the view as a new message."""
    query = update.callback_query
    if query is None:
        return
    if isinstance(query.message, Message):
        keyboard = keep_votes(keyboard, query.message.reply_markup)
    if not isinstance(query.message, Message) and query.inline_message_id is None:
        if query.message is not None:  # too old for Telegram to show us: a new message
            await context.bot.send_message(query.message.chat.id, text, reply_markup=keyboard)
        return
    try:
        await query.edit_message_text(text, reply_markup=keyboard)
    except TelegramError as error:
        if isinstance(error, BadRequest) and "not modified" in error.message.lower():
            return  # the same view pressed twice
        if query.message is None or isinstance(error, Forbidden):
            raise
        log.info("could not edit message (%s); sending the view as a new one", error)
        await context.bot.send_message(query.message.chat.id, text, reply_markup=keyboard)


async def vote(update: Update, context: Context) -> None:
    """👍 or 👎 under an answer: recorded in the question log (a second press replaces the
    first) and thanked for; a vote the log cannot take (too old, or the log is off) is
    thanked for too, with a word that it could not be counted."""
    query = update.callback_query
    if query is None:
        return
    state = shared(context)
    _ = words_for(update, context).gettext
    ballot = decode_vote(query.data if isinstance(query.data, str) else None)
    counted = False
    if ballot is not None and state.question_log is not None:
        try:
            counted = await asyncio.to_thread(state.question_log.record_feedback,
                                              ballot.question_id, asker_of(update),
                                              ballot.value)
        except (sqlite3.Error, OSError) as error:
            log.warning("could not record feedback in the log: %s", error)
    await query.answer(_("Thanks for your feedback!") if counted else
                       _("Thanks! This answer can no longer be rated, though."))


async def button(update: Update, context: Context) -> None:
    """A button under an answer: another page of results, a passage in context, or back
    (👍/👎 go to `vote`). An expired button gets a polite note; every press is answered."""
    query = update.callback_query
    if query is None:
        return
    words = words_for(update, context)
    _ = words.gettext
    state = shared(context)
    data = query.data if isinstance(query.data, str) else None
    if decode_vote(data) is not None:
        await vote(update, context)
        return
    press = decode(data, state.questions)
    if press is None:
        await query.answer(_("This button has expired, please ask again."))
        return
    answer = await find_answer(state, press.question)
    pages = formatting.page_count(answer)
    shown = formatting.ranked_on_page(answer, press.page)
    if press.page >= pages or (press.action is Action.CONTEXT and shown is None):
        await query.answer(_("There are no more results. Please ask again."))
        return
    await query.answer()
    analyzer, knowledge = state.base.answerer.analyzer, state.base.knowledge
    if press.action is Action.CONTEXT and shown is not None:
        around = ((None, None) if shown.doc is None
                  else state.base.answerer.neighbours(shown.doc))
        blocks = formatting.context_blocks(shown.passage, around, answer.terms, analyzer,
                                           words)
        keyboard = context_keyboard(press.question, press.page, words, state.questions)
    else:
        blocks = formatting.page_blocks(answer, press.page, analyzer, knowledge, words)
        keyboard = page_keyboard(press.question, press.page, pages, answer.answered, words,
                                 state.questions)
    await show_view(update, context, formatting.to_message(blocks), keyboard)


def _short(text: str, limit: int) -> str:
    """Plain text cut at a space to fit a title or description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0] + "…"


async def inline_query(update: Update, context: Context) -> None:
    """"@bot question" in any chat: the best passages as results to send; nothing typed yet
    or nothing found: a button that opens a private chat with the bot."""
    query = update.inline_query
    if query is None:
        return
    state = shared(context)
    words = words_for(update, context)
    _ = words.gettext
    question, _cut = cap_question(query.query, state.max_question_chars)
    if not question:
        await query.answer([], cache_time=INLINE_CACHE_SECONDS, button=InlineQueryResultsButton(
            text=_("Type a question about the articles"), start_parameter="inline"))
        return
    asker = asker_of(update)
    if not state.limiter.allow(asker):  # no chat to write to: the refusal is the button
        seconds = max(1, round(state.limiter.retry_after(asker)))
        await query.answer([], cache_time=0, is_personal=True, button=InlineQueryResultsButton(
            text=words.ngettext("Slow down, please: try again in {seconds} second",
                                "Slow down, please: try again in {seconds} seconds",
                                seconds).format(seconds=seconds),  # at most 64 characters
            start_parameter="slowdown"))
        return
    answer = await find_answer(state, question)
    analyzer, knowledge = state.base.answerer.analyzer, state.base.knowledge
    results = []
    for rank, ranked in enumerate(answer.passages):
        passage = ranked.passage
        first = rank == 0 and answer.answered and answer.sentence is not None
        blocks = (formatting.answer_blocks(answer, analyzer, knowledge, words) if first
                  else formatting.passage_blocks(passage, answer.terms, analyzer, words))
        day = formatting.readable_date(passage.date, words.language)
        results.append(InlineQueryResultArticle(
            id=f"{rank}-{QuestionStore.key_of(passage.id)}",
            title=_short(answer.sentence if first and answer.sentence else passage.text, 100),
            description=_short(passage.title + (f" · {day}" if day else ""), 120),
            input_message_content=InputTextMessageContent(formatting.to_message(blocks)),
        ))
    button_text = None if results else _("I could not find that in the articles")
    await query.answer(
        results, cache_time=INLINE_CACHE_SECONDS, is_personal=True,
        button=InlineQueryResultsButton(text=button_text, start_parameter="notfound")
        if button_text else None)


async def on_error(update: object, context: Context) -> None:
    """Log the error with its traceback, then tell the user politely that something went
    wrong (a pressed button gets the note as its answer)."""
    error = context.error
    if isinstance(error, Conflict):
        watch = shared(context).conflicts
        if watch.seen():
            log.error("another process is polling Telegram with this bot's token, or a "
                      "webhook is set: %d 409 Conflict answers in a row (%s). Stopping with "
                      "exit code %d: stop the other instance (or delete the webhook), then "
                      "start this one again.", watch.count, error, EXIT_CONFLICT)
            context.application.stop_running()
        elif not watch.tripped:
            log.warning("Telegram answered 409 Conflict (%s): is another instance running "
                        "with this token? (%d of %d before stopping)", error, watch.count,
                        watch.limit)
        return
    if update is None and isinstance(error, NetworkError):
        log.warning("could not fetch updates from Telegram (%s); retrying", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update) or isinstance(error, Forbidden):
        return
    words = words_for(update, context)
    _ = words.gettext
    sorry = _("Sorry, something went wrong while answering. Please try again in a moment.")
    query = update.callback_query
    if query is not None:
        try:
            await query.answer(sorry)
            return
        except TelegramError as second:  # already answered: say it in the chat instead
            log.debug("could not answer the button press: %s", second)
    message = update.effective_message
    if message is None or message.chat.type == ChatType.CHANNEL:
        return
    try:
        await send_blocks(message, [plain(sorry)])
    except TelegramError as second:
        log.warning("could not tell the user about the error either: %s", second)


async def register_commands(bot: Bot, catalogues: Catalogues) -> None:
    """The command menu in English (the default) and in every translated language."""
    for language in catalogues.languages:
        words = catalogues.translator(language)
        commands = [BotCommand(name, words.gettext(description))
                    for name, description in COMMANDS]
        code = None if language == SOURCE_LANGUAGE else language
        try:
            await bot.set_my_commands(commands, language_code=code)
        except TelegramError as error:  # the menu is a nicety: answering matters more
            log.warning("could not register the command menu (%s): %s", language, error)
