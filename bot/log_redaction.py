"""Keep the bot token out of every log line, even at DEBUG.

The first line of defence is the httpx logger at WARNING (its INFO lines are request URLs,
which carry the token). This filter is the second: python-telegram-bot itself logs the API URL
at DEBUG, and an exception message may quote the token ("The token `...` was rejected"), so
every record reaching our handlers has the token replaced, message, arguments and traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "<redacted-token>"
# The secret half of a token ("123:<secret>") is redacted on its own too when it is long
# enough not to be an ordinary word; real tokens' secrets are 35 characters.
_MIN_SECRET = 16


class RedactToken(logging.Filter):
    """A handler filter that rewrites records so they no longer contain the token."""

    def __init__(self, token: str) -> None:
        super().__init__()
        secret = token.partition(":")[2]
        self._secrets = [token] + ([secret] if len(secret) >= _MIN_SECRET else [])

    def redact(self, text: str) -> str:
        """The text with the token (and its secret half) replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed log call: let the handler report it
            return True
        if any(secret in message for secret in self._secrets):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact_token_in_logs(token: str,
                         handlers: Iterable[logging.Handler] | None = None) -> RedactToken:
    """Install the filter on `handlers` (default: the root logger's, where every record of
    every library ends up); returns it so a caller can remove it again."""
    redactor = RedactToken(token)
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        handler.addFilter(redactor)
    return redactor
