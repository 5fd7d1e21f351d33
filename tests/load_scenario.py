"""Many chats asking at once through a flaky fake Telegram: shared by `tests/test_load.py`
(which checks what arrives) and `benchmarks/load.py` (which times it).

Knowledge: hospital wards, each with its own code (`K017`), so each question has exactly one
right passage and every reply says which question it answers: its text names the ward.
Chat c asks about wards c*q ... c*q+q-1, in that order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.fake_bot_api import Call, FakeBotApi, private_chat, user, visible_text

WARDS_PER_ARTICLE = 25
FIRST_CHAT = 500_001  # private chats: the chat id is the user's id
_WARD = re.compile(r"\bK(\d{4})\b")


def ward_code(number: int) -> str:
    """The code that names one ward in its passage and in its question."""
    return f"K{number:04d}"


def write_ward_articles(folder: Path, wards: int) -> Path:
    """Plain-text articles, one paragraph per ward: "Ward K0017 ... has 29 beds ..."."""
    folder.mkdir(parents=True, exist_ok=True)
    for first in range(0, wards, WARDS_PER_ARTICLE):
        lines = [f"Wards of provincial hospital number {first // WARDS_PER_ARTICLE + 1}"]
        for number in range(first, min(first + WARDS_PER_ARTICLE, wards)):
            lines.append(f"Ward {ward_code(number)} of the provincial hospital has "
                         f"{12 + number % 40} beds and {2 + number % 9} doctors on duty.")
        (folder / f"wards-{first // WARDS_PER_ARTICLE + 1:03d}.txt").write_text(
            "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def question_about(number: int) -> str:
    """How a user asks about one ward."""
    return f"how many beds does ward {ward_code(number)} have?"


def wards_named(call: Call) -> list[int]:
    """The wards a sent reply talks about (the answer names exactly one)."""
    return sorted({int(n) for n in _WARD.findall(visible_text(call.params["text"]))})


@dataclass
class LoadScenario:
    """`chats` private chats asking `per_chat` questions each, all queued at once."""

    chats: int = 100
    per_chat: int = 5
    asked_at: dict[tuple[int, int], float] = field(default_factory=dict)  # (chat, ward) -> t

    @property
    def questions(self) -> int:
        return self.chats * self.per_chat

    def chat_ids(self) -> list[int]:
        return [FIRST_CHAT + c for c in range(self.chats)]

    def wards_of(self, chat_id: int) -> list[int]:
        """The wards one chat asks about, in the order it asks."""
        first = (chat_id - FIRST_CHAT) * self.per_chat
        return list(range(first, first + self.per_chat))

    def write_knowledge(self, folder: Path) -> Path:
        return write_ward_articles(folder, self.questions)

    def ask_all(self, api: FakeBotApi, now: float) -> None:
        """Queue every question, round-robin over the chats, as a burst of traffic would."""
        for turn in range(self.per_chat):
            for chat_id in self.chat_ids():
                ward = self.wards_of(chat_id)[turn]
                sender = user(chat_id, first_name=f"User {chat_id}")
                api.send_text(question_about(ward), sender=sender, chat=private_chat(sender))
                self.asked_at[(chat_id, ward)] = now

    def replies(self, api: FakeBotApi) -> dict[int, list[int]]:
        """Per chat, the wards its delivered replies named, in delivery order."""
        out: dict[int, list[int]] = defaultdict(list)
        for call in api.delivered("sendMessage"):
            out[call.params["chat_id"]].extend(wards_named(call))
        return out

    def deliveries(self, api: FakeBotApi) -> Counter[tuple[int, int]]:
        """How many replies each (chat, ward) question got."""
        return Counter((chat, ward) for chat, wards in self.replies(api).items()
                       for ward in wards)

    def latencies(self, api: FakeBotApi) -> list[float]:
        """Seconds from a question being queued to its reply being accepted."""
        out = []
        for call in api.delivered("sendMessage"):
            for ward in wards_named(call):
                asked = self.asked_at.get((call.params["chat_id"], ward))
                if asked is not None:
                    out.append(call.at - asked)
        return out


def busiest_second(times: Sequence[float]) -> int:
    """The most events in any window of one second, [t, t + 1)."""
    ordered = sorted(times)
    most, start = 0, 0
    for end, moment in enumerate(ordered):
        while ordered[start] <= moment - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]
