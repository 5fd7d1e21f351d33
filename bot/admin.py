"""Admin commands: `/reload` (read the articles again) and `/stats` (how the bot is doing).

Only the user ids in BOT_ADMINS may run them; anyone else gets a polite refusal. They are
not in everyone's command menu; `/help` lists them for admins.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from babel.dates import format_timedelta
from babel.numbers import format_percent
from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import formatting
from bot.formatting import Block, plain
from bot.handlers import Context, Handler, Shared, send_blocks, shared, words_for
from bot.i18n import Words
from bot.knowledge_base import KnowledgeBase
from bot.question_log import LogStats
from bot.reload import ReloadOutcome, reload_knowledge

log = logging.getLogger(__name__)

MAX_SKIPPED_LISTED = 20  # skipped files named in a reload report; the rest are counted


async def _admin_message(update: Update, context: Context, command: str) -> Message | None:
    """The command's message when an admin sent it; otherwise a polite refusal and None."""
    message = update.effective_message
    if message is None:
        return None
    user = update.effective_user
    if shared(context).access.is_admin(user.id if user else None):
        return message
    _ = words_for(update, context).gettext
    await send_blocks(message, [plain(_("Sorry, only the bot's administrators can use "
                                        "/{command}.").format(command=command))])
    return None


def size_text(base: KnowledgeBase, words: Words) -> str:
    """"2 articles, 31 passages" in the admin's language."""
    articles, passages = len(base.knowledge.articles), len(base.answerer.passages)
    return (words.ngettext("{count} article", "{count} articles", articles).format(
        count=articles) + ", " + words.ngettext("{count} passage", "{count} passages",
                                                 passages).format(count=passages))


def reload_report(outcome: ReloadOutcome, words: Words) -> list[Block]:
    """What the admin reads after a reload: what is served now, and what was left out."""
    _ = words.gettext
    size = size_text(outcome.after, words)
    if not outcome.reloaded:
        return [plain(_("The reload failed, so I am still answering from the previous "
                        "articles ({size}).").format(size=size), bold=True),
                plain(outcome.error or "")]
    blocks = [plain(_("Reloaded: I now answer from {size}.").format(size=size), bold=True)]
    skipped = outcome.skipped
    if skipped:
        lines = [words.ngettext("{count} file was skipped:", "{count} files were skipped:",
                                len(skipped)).format(count=len(skipped))]
        lines += [f"• {file.path}: {file.reason}" for file in skipped[:MAX_SKIPPED_LISTED]]
        if len(skipped) > MAX_SKIPPED_LISTED:
            rest = len(skipped) - MAX_SKIPPED_LISTED
            lines.append(words.ngettext("… and {count} more", "… and {count} more",
                                        rest).format(count=rest))
        blocks.append(plain("\n".join(lines)))
    return blocks


async def reload_and_report(app: Application, chat_id: int, words: Words) -> None:
    """Reload, then tell the admin's chat how it went (the reload itself never raises)."""
    outcome = await reload_knowledge(app.bot_data)
    try:
        for text in formatting.to_messages(reload_report(outcome, words)):
            await app.bot.send_message(chat_id, text)
    except TelegramError as error:
        log.warning("could not report the reload to the admin: %s", error)


async def reload_command(update: Update, context: Context) -> None:
    """/reload (admins): "Reloading…" at once, then, when the folder has been read again,
    what is served now and which files were skipped and why; questions are answered from
    the old articles meanwhile."""
    message = await _admin_message(update, context, "reload")
    if message is None:
        return
    words = words_for(update, context)
    _ = words.gettext
    await send_blocks(message, [plain(_("Reloading the articles… I will tell you when it is "
                                        "done."))])
    context.application.create_task(reload_and_report(context.application, message.chat.id,
                                                      words), name="reload")


def _uptime(seconds: float, words: Words) -> str:
    return format_timedelta(timedelta(seconds=seconds), threshold=1.5, locale=words.language)


def stats_blocks(state: Shared, stats: LogStats | None, words: Words,
                 now: float | None = None) -> list[Block]:
    """/stats as blocks: questions and answered share, feedback, index size, uptime."""
    _ = words.gettext
    lines = []
    if stats is None:
        lines.append(_("Questions: not recorded (the question log is off)."))
    else:
        share = format_percent(stats.answered_share, locale=words.language)
        lines.append(_("Questions: {count}, {share} answered.").format(count=stats.questions,
                                                                       share=share))
        lines.append(_("Feedback: {up} 👍, {down} 👎.").format(up=stats.upvotes,
                                                             down=stats.downvotes))
    skipped = len(state.base.knowledge.skipped)
    index = _("Index: {size}.").format(size=size_text(state.base, words))
    if skipped:
        index += " " + words.ngettext("{count} file skipped.", "{count} files skipped.",
                                      skipped).format(count=skipped)
    lines.append(index)
    uptime = (now if now is not None else time.monotonic()) - state.started_at
    lines.append(_("Up for {uptime}.").format(uptime=_uptime(uptime, words)))
    return [plain(_("How I am doing"), bold=True), plain("\n".join(lines))]


async def stats_command(update: Update, context: Context) -> None:
    """/stats (admins): questions, the share answered, 👍/👎, index size and uptime."""
    message = await _admin_message(update, context, "stats")
    if message is None:
        return
    state = shared(context)
    words = words_for(update, context)
    stats = (await asyncio.to_thread(state.question_log.stats)
             if state.question_log is not None else None)
    await send_blocks(message, stats_blocks(state, stats, words))


ADMIN_COMMAND_HANDLERS: dict[str, Handler] = {"reload": reload_command, "stats": stats_command}
