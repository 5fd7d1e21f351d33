"""What the Telegram bot needs to start: the token, the Bot API address, polling or webhook,
who may use it, its abuse limits and where it keeps its question log.

Read once at start-up from the command line, the environment and a `.env` file in the current
folder (in that order of precedence), never at import, so tests and operators can pass their
own. Problems become `SettingsError` with a message an operator can act on; it never contains
the token. `Settings()` built by hand (as tests do) keeps no question log: only
`read_settings` picks the default data folder.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.access import AccessConfigError, AccessPolicy, parse_ids

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
BASE_URL_ENV = "TELEGRAM_BASE_URL"
WEBHOOK_URL_ENV = "TELEGRAM_WEBHOOK_URL"
LISTEN_ENV = "TELEGRAM_LISTEN"
PORT_ENV = "TELEGRAM_PORT"
SECRET_TOKEN_ENV = "TELEGRAM_SECRET_TOKEN"
ALLOWED_CHATS_ENV = "BOT_ALLOWED_CHATS"
ALLOWED_USERS_ENV = "BOT_ALLOWED_USERS"
ADMINS_ENV = "BOT_ADMINS"
RATE_LIMIT_ENV = "BOT_RATE_LIMIT"
MAX_QUESTION_CHARS_ENV = "BOT_MAX_QUESTION_CHARS"
DATA_DIR_ENV = "BOT_DATA_DIR"
RETENTION_ENV = "BOT_LOG_RETENTION_DAYS"
QUESTION_LOG_ENV = "BOT_QUESTION_LOG"

DEFAULT_LISTEN = "0.0.0.0"
DEFAULT_PORT = 8443
DEFAULT_RATE_LIMIT = 20  # questions per user per minute; 0: no limit
DEFAULT_MAX_QUESTION_CHARS = 500  # longer messages are cut (at a space) before analysis
DEFAULT_RETENTION_DAYS = 180  # question log rows older than this are deleted; 0: kept
QUESTION_LOG_FILE = "questions.sqlite3"
_OFF = {"off", "no", "false", "0", "none"}
_ON = {"on", "yes", "true", "1"}

# BotFather's tokens are "<bot id>:<secret>"; short fake ones ("123:abc") are fine for tests.
_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
# What Telegram accepts as a webhook secret token.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(Exception):
    """The configuration cannot start the bot; the message says what to fix (never the token)."""


@dataclass(frozen=True, slots=True)
class Webhook:
    """Receive updates over HTTPS instead of polling: Telegram posts to `url`, which a reverse
    proxy forwards to `listen:port`; requests without `secret_token` are refused."""

    url: str
    listen: str = DEFAULT_LISTEN
    port: int = DEFAULT_PORT
    secret_token: str = field(default="", repr=False)

    @property
    def path(self) -> str:
        """The path the local server answers on: the same as the public URL's."""
        return urlsplit(self.url).path.lstrip("/")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything `build_application` and the runner need; `repr` never shows the token."""

    token: str = field(repr=False)
    base_url: str | None = None  # passed unchanged to ApplicationBuilder.base_url when set
    webhook: Webhook | None = None  # None: long polling
    debug: bool = False  # log python-telegram-bot's details too (the token is redacted)
    access: AccessPolicy = field(default_factory=AccessPolicy)  # empty allowlists: a public bot
    rate_limit: int = DEFAULT_RATE_LIMIT  # questions per user per minute; 0: no limit
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    data_dir: Path | None = None  # where the question log lives; None: keep no log
    # False when `data_dir` is only the default: an unwritable default (a read-only home)
    # then costs the log, not the bot; a folder the operator named must work.
    data_dir_chosen: bool = True
    log_retention_days: int = DEFAULT_RETENTION_DAYS  # 0: keep questions forever

    @property
    def question_log_path(self) -> Path | None:
        """The SQLite file of questions and feedback, or None when the log is off."""
        return self.data_dir / QUESTION_LOG_FILE if self.data_dir is not None else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `telegram` subcommand's options; each has an environment variable equivalent."""
    parser.add_argument("--webhook-url", metavar="URL",
                        help=f"receive updates by webhook at this public HTTPS URL instead of "
                             f"long polling (${WEBHOOK_URL_ENV})")
    parser.add_argument("--listen", metavar="ADDRESS",
                        help=f"address the webhook server binds (${LISTEN_ENV}; "
                             f"default {DEFAULT_LISTEN})")
    parser.add_argument("--port", type=int, metavar="N",
                        help=f"port the webhook server binds (${PORT_ENV}; default {DEFAULT_PORT})")
    parser.add_argument("--secret-token", metavar="SECRET",
                        help=f"webhook secret Telegram must send (${SECRET_TOKEN_ENV}; "
                             "default: a random one per start)")
    parser.add_argument("--debug", action="store_true",
                        help="log python-telegram-bot's requests too (the token is redacted)")
    add_data_dir_argument(parser)


def add_data_dir_argument(parser: argparse.ArgumentParser) -> None:
    """`--data-dir`, shared by `telegram` (which writes the question log) and `report`."""
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"folder of the question log (${DATA_DIR_ENV}; default "
                             "$XDG_DATA_HOME/article-bot or ~/.local/share/article-bot)")


def resolve_data_dir(option: str | None, env: Mapping[str, str]) -> Path:
    """The data folder: `--data-dir`, else $BOT_DATA_DIR, else the XDG data home's
    `article-bot` folder, so a service and an operator's `report` find the same log."""
    chosen = option or env.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    xdg = env.get("XDG_DATA_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / "article-bot"


def environment(folder: Path | None = None) -> dict[str, str]:
    """The process environment over the `.env` file of `folder` (default: the current one)."""
    dotenv = (folder or Path.cwd()) / ".env"
    values = {k: v for k, v in dotenv_values(dotenv).items() if v is not None} \
        if dotenv.is_file() else {}
    values.update(os.environ)
    return values


def check_token(token: str | None) -> str:
    """The token, stripped, if it has the shape of a bot token; else `SettingsError`."""
    if not token or not token.strip():
        raise SettingsError(f"{TOKEN_ENV} is not set: get a token from @BotFather and put it "
                            "in the environment or in a .env file")
    token = token.strip()
    if not _TOKEN.fullmatch(token):
        raise SettingsError(f"{TOKEN_ENV} does not look like a bot token (expected digits, a "
                            "colon, then letters, digits, '_' or '-')")
    return token


def _webhook(args: argparse.Namespace, env: Mapping[str, str]) -> Webhook | None:
    url = getattr(args, "webhook_url", None) or env.get(WEBHOOK_URL_ENV)
    if not url:
        return None
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise SettingsError(f"the webhook URL must be an https:// address, got {url!r}")
    port_text = getattr(args, "port", None) or env.get(PORT_ENV) or DEFAULT_PORT
    try:
        port = int(port_text)
    except ValueError:
        raise SettingsError(f"{PORT_ENV} must be a port number, got {port_text!r}") from None
    if not 0 < port < 65536:
        raise SettingsError(f"the webhook port must be between 1 and 65535, got {port}")
    secret = getattr(args, "secret_token", None) or env.get(SECRET_TOKEN_ENV) \
        or secrets.token_urlsafe(32)
    if not _SECRET.fullmatch(secret):
        raise SettingsError("the webhook secret token may only hold 1-256 letters, digits, "
                            "'_' and '-'")
    listen = getattr(args, "listen", None) or env.get(LISTEN_ENV) or DEFAULT_LISTEN
    return Webhook(url=url, listen=listen, port=port, secret_token=secret)


def _count(env: Mapping[str, str], name: str, default: int, lowest: int,
           highest: int | None = None) -> int:
    """A whole-number setting within bounds, or `SettingsError` naming it and the value."""
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {text!r}") from None
    if value < lowest or (highest is not None and value > highest):
        bounds = f"between {lowest} and {highest}" if highest is not None else f">= {lowest}"
        raise SettingsError(f"{name} must be {bounds}, got {value}")
    return value


def _access(env: Mapping[str, str]) -> AccessPolicy:
    try:
        return AccessPolicy(allowed_chats=parse_ids(env.get(ALLOWED_CHATS_ENV),
                                                    ALLOWED_CHATS_ENV),
                            allowed_users=parse_ids(env.get(ALLOWED_USERS_ENV),
                                                    ALLOWED_USERS_ENV),
                            admins=parse_ids(env.get(ADMINS_ENV), ADMINS_ENV))
    except AccessConfigError as exc:
        raise SettingsError(f"{exc} (use numeric ids separated by commas or spaces)") from None


def _question_log_on(env: Mapping[str, str]) -> bool:
    text = (env.get(QUESTION_LOG_ENV) or "on").strip().lower()
    if text not in _ON | _OFF:
        raise SettingsError(f"{QUESTION_LOG_ENV} must be on or off, got {text!r}")
    return text in _ON


def read_settings(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the parsed command line over `env` (default: environment and `.env`)."""
    env = environment() if env is None else env
    return Settings(
        token=check_token(env.get(TOKEN_ENV)),
        base_url=env.get(BASE_URL_ENV) or None,
        webhook=_webhook(args, env),
        debug=bool(getattr(args, "debug", False)),
        access=_access(env),
        rate_limit=_count(env, RATE_LIMIT_ENV, DEFAULT_RATE_LIMIT, 0),
        max_question_chars=_count(env, MAX_QUESTION_CHARS_ENV, DEFAULT_MAX_QUESTION_CHARS,
                                  10, 4000),
        data_dir=resolve_data_dir(getattr(args, "data_dir", None), env) if _question_log_on(env)
        else None,
        data_dir_chosen=bool(getattr(args, "data_dir", None) or env.get(DATA_DIR_ENV)),
        log_retention_days=_count(env, RETENTION_ENV, DEFAULT_RETENTION_DAYS, 0),
    )
