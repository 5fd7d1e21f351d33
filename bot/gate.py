"""The first handler every update meets: who may use the bot (BOT_ALLOWED_CHATS/USERS).

One check before all the others (handler group -1), rather than one in every handler, so a
new command cannot forget it. An update from outside the allowlists goes no further
(`ApplicationHandlerStop`) and gets one polite line, never anything from the articles:
a message in a private chat, a group message meant for the bot (chatter stays unanswered
either way), a button press (as its answer) and an inline query (no results). The
refusal is rate-limited like questions, so a flood of messages is not answered in kind.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.formatting import plain
from bot.handlers import (
    INLINE_CACHE_SECONDS,
    Context,
    asker_of,
    is_for_bot,
    send_blocks,
    shared,
    words_for,
)


async def gate(update: object, context: Context) -> None:
    """Let allowed updates through to the handlers; turn the others away politely."""
    if not isinstance(update, Update):
        return
    state = shared(context)
    state.conflicts.reset()  # an update came: polling works
    chat, user = update.effective_chat, update.effective_user
    if state.access.allows(chat.id if chat else None, user.id if user else None):
        return
    _ = words_for(update, context).gettext
    sorry = _("Sorry, this bot is private. Please ask its operator for access.")
    if update.callback_query is not None:
        await update.callback_query.answer(sorry)
    elif update.inline_query is not None:
        await update.inline_query.answer([], cache_time=INLINE_CACHE_SECONDS, is_personal=True)
    elif (update.message is not None and _wants_a_reply(update, context)
          and state.limiter.allow(asker_of(update, update.message))):
        await send_blocks(update.message, [plain(sorry)])
    raise ApplicationHandlerStop


def _wants_a_reply(update: Update, context: Context) -> bool:
    """A private message, or a group message meant for the bot; not channel posts or
    group chatter."""
    message = update.message
    if message is None:
        return False
    if message.chat.type == ChatType.PRIVATE:
        return True
    if message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        return is_for_bot(message, context.bot.id, context.bot.username or "")
    return False
