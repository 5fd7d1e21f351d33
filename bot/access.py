"""Who may use the bot and who may run admin commands: allowlists read from configuration.

Pure: the handlers ask `allows(chat, user)` and `is_admin(user)`; nothing here talks to
Telegram. Empty allowlists mean a public bot.
"""

from __future__ import annotations

from dataclasses import dataclass


class AccessConfigError(ValueError):
    """An allowlist setting holds something that is not a Telegram id."""


def parse_ids(text: str | None, setting: str) -> frozenset[int]:
    """Telegram ids from "1, 2 -1003" (commas or spaces); a clear error names the bad entry."""
    ids: set[int] = set()
    for item in (text or "").replace(",", " ").split():
        try:
            ids.add(int(item))
        except ValueError:
            raise AccessConfigError(f"{setting}: {item!r} is not a numeric Telegram id") from None
    return frozenset(ids)


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """Allowlists of chats and users (both empty: anyone), and the admins.

    A message is allowed when its chat is allowlisted, or its sender is, or its sender is
    an admin. Admins always may use the bot and are the only ones who may run admin commands.
    """

    allowed_chats: frozenset[int] = frozenset()
    allowed_users: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    @property
    def public(self) -> bool:
        """True when no allowlist is set, so anyone may ask."""
        return not self.allowed_chats and not self.allowed_users

    def allows(self, chat_id: int | None, user_id: int | None) -> bool:
        """Whether this chat and sender may receive anything from the knowledge base."""
        if self.public or self.is_admin(user_id):
            return True
        return chat_id in self.allowed_chats or user_id in self.allowed_users

    def is_admin(self, user_id: int | None) -> bool:
        """Whether the sender may run admin commands (/reload, /stats)."""
        return user_id is not None and user_id in self.admins
