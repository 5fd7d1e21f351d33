"""`python -m bot telegram`: the Telegram bot, wired in one function and run until a signal.

`build_application` is all the wiring (tests run exactly this against a fake Bot API);
`run_bot` adds what only a real process needs: the token filter on the logs, polling or the
webhook server, and turning start-up failures into one `error:` line.

Exit codes: 0 stopped by SIGINT/SIGTERM; 1 the Bot API could not be reached at start-up;
2 a configuration error (token rejected, bad setting, question log cannot be opened);
3 another instance polls with the same token (`bot.conflicts`). SIGHUP reloads the articles.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sqlite3
import sys
from dataclasses import replace

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers
from bot.admin import ADMIN_COMMAND_HANDLERS
from bot.chat_lanes import ChatLanes
from bot.conflicts import EXIT_CONFLICT, UPDATER_LOGGER, QuietStopAfterConflict
from bot.gate import gate
from bot.handlers import SHARED, Shared
from bot.i18n import Catalogues, load_catalogues
from bot.keyboards import QuestionStore
from bot.knowledge_base import KnowledgeBase
from bot.log_redaction import redact_token_in_logs
from bot.question_log import QuestionLog
from bot.rate_limit import QuestionRateLimiter
from bot.reload import reload_knowledge, size_of
from bot.retrying import RetryingRateLimiter
from bot.settings import Settings
from knowledge import default_knowledge_dir

log = logging.getLogger(__name__)

EXIT_CONFIG = 2  # the token was rejected: the operator must fix the configuration
EXIT_UNREACHABLE = 1  # the Bot API could not be reached at start-up
FLOOD_RETRIES = 3  # 429 answers waited out per request before giving up
BOOTSTRAP_RETRIES = 1  # start-up (getMe, deleteWebhook) tried again once; each request
# is already retried by RetryingRateLimiter, so more would multiply the wait

# Questions the shipped articles answer, for /start and /help.
SHIPPED_EXAMPLES = (
    "How many commune health stations does Lang Son have?",
    "How many hospital beds does Lang Son have?",
    "When was the Lang Son Health Department founded?",
    "What did To Lam say about universal health coverage?",
)

_COMMAND_TEXT = filters.Regex(r"^/[A-Za-z0-9_]{1,32}(@\w+)?(\s|$)")


def example_questions(base: KnowledgeBase) -> tuple[str, ...]:
    """Examples known to work on the shipped articles; other knowledge gets none (the replies
    list its headlines instead, which are always right)."""
    if base.knowledge.folder.resolve() == default_knowledge_dir().resolve():
        return SHIPPED_EXAMPLES
    return ()


async def reload_on_signal(app: Application) -> None:
    """SIGHUP: reload the articles; the outcome goes to the log (there is no one to tell)."""
    outcome = await reload_knowledge(app.bot_data)
    if outcome.reloaded:
        log.info("SIGHUP reload done: serving %s", size_of(outcome.after))


def _watch_sighup(app: Application) -> None:
    """Reload on SIGHUP (`systemctl reload`, `kill -HUP`), where the platform has it."""
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None:
        return
    try:
        asyncio.get_running_loop().add_signal_handler(
            hangup, lambda: app.create_task(reload_on_signal(app), name="sighup-reload"))
    except (NotImplementedError, RuntimeError, ValueError) as error:  # not the main thread
        log.info("SIGHUP will not reload the articles here: %s", error)


async def _post_init(app: Application) -> None:
    """Runs once the bot is initialised, before the first update: the command menu and the
    SIGHUP reload."""
    state: Shared = app.bot_data[SHARED]
    await handlers.register_commands(app.bot, state.catalogues)
    _watch_sighup(app)


async def _post_shutdown(app: Application) -> None:
    """Runs last: stop listening for SIGHUP and close the question log."""
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not added
            asyncio.get_running_loop().remove_signal_handler(hangup)
    state: Shared = app.bot_data[SHARED]
    if state.question_log is not None:
        state.question_log.close()


def build_application(settings: Settings, base: KnowledgeBase,
                      catalogues: Catalogues | None = None) -> Application:
    """The bot with every handler; run it with `run_polling`/`run_webhook` (or, in tests,
    initialise, start and poll it against a fake Bot API).

    Opens the question log when `settings.data_dir` is set (`OSError` or `sqlite3.Error`
    when it cannot be). Updates are handled concurrently across chats, in order within one
    (`ChatLanes`), so one chat's flood wait never holds up the others.
    """
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(RetryingRateLimiter(max_retries=FLOOD_RETRIES))
        .concurrent_updates(ChatLanes())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)  # unchanged: "{url}{token}/{method}"
    app = builder.build()
    log_path = settings.question_log_path
    app.bot_data[SHARED] = Shared(
        base, catalogues or load_catalogues(), QuestionStore(), example_questions(base),
        access=settings.access,
        limiter=QuestionRateLimiter(limit=settings.rate_limit, window=60.0),
        question_log=QuestionLog(log_path, settings.log_retention_days) if log_path else None,
        max_question_chars=settings.max_question_chars,
    )

    app.add_handler(TypeHandler(Update, gate), group=-1)  # access control, before all else
    new = filters.UpdateType.MESSAGE  # edits of old messages and channel posts are not questions
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    commands = {**handlers.COMMAND_HANDLERS, **ADMIN_COMMAND_HANDLERS}
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(new & filters.TEXT & _COMMAND_TEXT & ~filters.COMMAND,
                                   handlers.command_dispatcher(commands)))
    app.add_handler(MessageHandler(new & private & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(new & private & filters.TEXT & ~filters.COMMAND,
                                   handlers.answer_private))
    app.add_handler(MessageHandler(new & groups & filters.TEXT & ~filters.COMMAND,
                                   handlers.answer_in_group))
    app.add_handler(MessageHandler(new & private & filters.ATTACHMENT, handlers.non_text))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    app.add_error_handler(handlers.on_error)
    return app


def run_bot(settings: Settings, base: KnowledgeBase) -> int:
    """Serve until SIGINT/SIGTERM (exit code 0); a rejected token, an unreachable Bot API at
    start-up, an unusable question log or a second instance on the token is one `error:`
    line on stderr and a non-zero exit code (see the module docstring)."""
    redactor = redact_token_in_logs(settings.token)
    if settings.debug:
        logging.getLogger().setLevel(logging.DEBUG)
    logging.getLogger(UPDATER_LOGGER).addFilter(QuietStopAfterConflict())
    if hasattr(signal, "SIGHUP"):  # a reload asked for while starting must not kill the bot
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        try:
            app = build_application(settings, base)
        except (OSError, sqlite3.Error) as error:
            if settings.data_dir_chosen:
                raise
            log.warning("cannot open the question log at %s (%s): serving without it; set "
                        "BOT_DATA_DIR to a writable folder to keep one",
                        settings.question_log_path, error)
            app = build_application(replace(settings, data_dir=None), base)
    except (OSError, sqlite3.Error) as error:
        print(f"error: cannot open the question log at {settings.question_log_path} "
              f"({error}); set BOT_DATA_DIR to a writable folder, or BOT_QUESTION_LOG=off",
              file=sys.stderr)
        return EXIT_CONFIG
    log.info("serving %d articles on Telegram by %s", len(base.knowledge.articles),
             "webhook" if settings.webhook else "long polling")
    try:
        if settings.webhook is None:
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES)
        else:
            hook = settings.webhook
            app.run_webhook(listen=hook.listen, port=hook.port, url_path=hook.path,
                            webhook_url=hook.url, secret_token=hook.secret_token,
                            allowed_updates=Update.ALL_TYPES,
                            bootstrap_retries=BOOTSTRAP_RETRIES)
    except InvalidToken:
        print("error: Telegram rejected the bot token (TELEGRAM_BOT_TOKEN); check it with "
              "@BotFather", file=sys.stderr)
        return EXIT_CONFIG
    except TelegramError as error:
        print(f"error: could not start the bot: {redactor.redact(str(error))}", file=sys.stderr)
        return EXIT_UNREACHABLE
    if app.bot_data[SHARED].conflicts.tripped:
        print("error: stopped because another process is polling Telegram with this bot's "
              "token (409 Conflict); run only one instance", file=sys.stderr)
        return EXIT_CONFLICT
    log.info("stopped")
    return 0
