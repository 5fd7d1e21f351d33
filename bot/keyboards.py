"""The buttons under an answer and what their callback data says. Pure: no network, no clock.

Telegram gives a button at most 64 bytes of callback data. A button carries the question
itself when it fits (`1p2:how many beds`), so it keeps working after the bot restarts: the
answer is simply computed again. A longer question is kept in a small in-memory store and the
button carries its key (`1p2#Xy3...`); after a restart, or once the store has forgotten it, the
button is "expired" and the user is asked, politely, to ask again. Data of any other shape
(an older format, someone else's button) is expired too, never an error.

When the question log is on, a second row carries 👍 and 👎: `1v+42` / `1v-42`, a vote on
question 42 of the log. It stays under the answer while the user pages through results.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Words

MAX_CALLBACK_BYTES = 64
FORMAT = "1"  # bumped when the shape changes: buttons of an older shape read as expired
STORE_CAPACITY = 4096  # long questions remembered for buttons, the least recently used go

_DATA = re.compile(rf"{FORMAT}([pc])(\d{{1,3}})([:#])(.+)", re.DOTALL)
_VOTE = re.compile(rf"{FORMAT}v([+-])(\d{{1,18}})")
UP, DOWN = "👍", "👎"


class Action(StrEnum):
    """What a button shows."""

    PAGE = "p"  # page n of the results: 0 is the answer itself
    CONTEXT = "c"  # page n's passage between its neighbouring paragraphs


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button: which view of the answer to which question."""

    action: Action
    page: int
    question: str


class QuestionStore:
    """Questions too long to ride in callback data, under a short key; least recently used
    first forgotten. Lives in `bot_data`, so it is empty after a restart (by design)."""

    def __init__(self, capacity: int = STORE_CAPACITY) -> None:
        self._capacity = capacity
        self._questions: OrderedDict[str, str] = OrderedDict()

    @staticmethod
    def key_of(question: str) -> str:
        """12 URL-safe characters derived from the question: the same question, the same key."""
        digest = hashlib.blake2b(question.encode(), digest_size=9).digest()
        return base64.urlsafe_b64encode(digest).decode()

    def put(self, question: str) -> str:
        """Remember a question; returns its key."""
        key = self.key_of(question)
        self._questions[key] = question
        self._questions.move_to_end(key)
        while len(self._questions) > self._capacity:
            self._questions.popitem(last=False)
        return key

    def get(self, key: str) -> str | None:
        """The question behind a key, or None when it was never seen or is forgotten."""
        question = self._questions.get(key)
        if question is not None:
            self._questions.move_to_end(key)
        return question

    def __len__(self) -> int:
        return len(self._questions)


def encode(press: Press, store: QuestionStore) -> str:
    """Callback data for a button: the question inline when it fits in 64 bytes, else a key."""
    head = f"{FORMAT}{press.action.value}{press.page}"
    inline = f"{head}:{press.question}"
    if len(inline.encode()) <= MAX_CALLBACK_BYTES:
        return inline
    return f"{head}#{store.put(press.question)}"


def decode(data: str | None, store: QuestionStore) -> Press | None:
    """The button's request, or None when the button is expired or not one of ours."""
    match = _DATA.fullmatch(data or "")
    if match is None:
        return None
    action, page, kind, rest = match.groups()
    question = rest if kind == ":" else store.get(rest)
    if not question or not question.strip():
        return None
    return Press(Action(action), int(page), question)


@dataclass(frozen=True, slots=True)
class Vote:
    """A decoded 👍 (+1) or 👎 (-1) on a question of the log."""

    question_id: int
    value: int


def encode_vote(vote: Vote) -> str:
    """Callback data for a vote button: at most 22 bytes."""
    return f"{FORMAT}v{'+' if vote.value > 0 else '-'}{vote.question_id}"


def decode_vote(data: str | None) -> Vote | None:
    """The vote a button carries, or None when it is not a vote button."""
    match = _VOTE.fullmatch(data or "")
    if match is None:
        return None
    sign, question_id = match.groups()
    return Vote(int(question_id), 1 if sign == "+" else -1)


def vote_row(question_id: int) -> list[InlineKeyboardButton]:
    """👍 and 👎 for one logged question."""
    return [InlineKeyboardButton(label, callback_data=encode_vote(Vote(question_id, value)))
            for label, value in ((UP, 1), (DOWN, -1))]


def with_votes(keyboard: InlineKeyboardMarkup | None,
               question_id: int) -> InlineKeyboardMarkup:
    """The keyboard with a 👍/👎 row below it."""
    rows = [list(row) for row in keyboard.inline_keyboard] if keyboard else []
    return InlineKeyboardMarkup([*rows, vote_row(question_id)])


def _is_vote_row(row: tuple[InlineKeyboardButton, ...]) -> bool:
    return bool(row) and all(isinstance(b.callback_data, str)
                             and decode_vote(b.callback_data) is not None for b in row)


def keep_votes(keyboard: InlineKeyboardMarkup | None,
               previous: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A new view's keyboard with the 👍/👎 row of the message it replaces, if it had one."""
    votes = [list(row) for row in (previous.inline_keyboard if previous else ())
             if _is_vote_row(row)]
    if not votes:
        return keyboard
    rows = [list(row) for row in keyboard.inline_keyboard] if keyboard else []
    return InlineKeyboardMarkup([*rows, *votes])


def _button(label: str, press: Press, store: QuestionStore) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(press, store))


def page_keyboard(question: str, page: int, pages: int, answered: bool, words: Words,
                  store: QuestionStore) -> InlineKeyboardMarkup | None:
    """Buttons under page `page` of `pages`: back, the passage in context, more results.

    The first page of a "not found" has only "Closest passages" (when there are any)."""
    _ = words.gettext
    row = []
    if page > 0:
        row.append(_button(_("◂ Back"), Press(Action.PAGE, page - 1, question), store))
    if page > 0 or answered:
        row.append(_button(_("In context"), Press(Action.CONTEXT, page, question), store))
    if page + 1 < pages:
        label = _("More results ▸") if answered or page > 0 else _("Closest passages ▸")
        row.append(_button(label, Press(Action.PAGE, page + 1, question), store))
    return InlineKeyboardMarkup([row]) if row else None


def context_keyboard(question: str, page: int, words: Words,
                     store: QuestionStore) -> InlineKeyboardMarkup:
    """Under a passage shown in context: back to the page it came from."""
    _ = words.gettext
    return InlineKeyboardMarkup(
        [[_button(_("◂ Back"), Press(Action.PAGE, page, question), store)]])
