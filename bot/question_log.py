"""The question log and feedback, in one SQLite file: what operators need to improve articles.

Each question is stored with whether it was answered, the passage id and score; 👍/👎 votes
refer to it. No server to run: SQLite in WAL mode (readers such as `python -m bot report`
never block the bot), every write one transaction (a crash mid-write loses at most that
write, never the file). Users are stored as a salted hash, never their Telegram id; the salt
lives beside the database and never leaves it. Rows older than the retention period are
deleted on start and then at most a day apart, by the next write (no timer to run).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SCHEMA_VERSION = 1
PURGE_EVERY = timedelta(days=1)  # how often expired rows are looked for while the bot runs
_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,              -- UTC, ISO 8601
    user_hash TEXT NOT NULL,             -- salted HMAC of the Telegram user id
    chat_kind TEXT NOT NULL,             -- private, group, supergroup, inline, console
    question TEXT NOT NULL,
    answered INTEGER NOT NULL,           -- 1 answered, 0 abstained
    passage_id TEXT,                     -- best passage, also when not answered
    score REAL
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_hash)
);
"""


@dataclass(frozen=True, slots=True)
class LogStats:
    """Totals for /stats."""

    questions: int
    answered: int
    upvotes: int
    downvotes: int

    @property
    def answered_share(self) -> float:
        """Answered questions as a share of all (0 when none were asked)."""
        return self.answered / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A question as operators see it in the report, with how often it came."""

    question: str
    count: int
    passage_id: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The most frequent unanswered and down-voted questions."""

    unanswered: tuple[ReportRow, ...]
    downvoted: tuple[ReportRow, ...]
    stats: LogStats


def _now() -> datetime:
    return datetime.now(UTC)


class QuestionLog:
    """A thread-safe handle on the log database; handlers call it from worker threads."""

    def __init__(self, path: Path, retention_days: int = 180,
                 clock: Callable[[], datetime] = _now) -> None:
        self.path = path
        self.retention_days = retention_days
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._salt = _load_salt(path.with_name(path.name + ".salt"))
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._purged_at = self._clock()
        self.purge_expired()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self._lock)

    def user_hash(self, user_id: int | str) -> str:
        """A stable pseudonym for a user: the same id gives the same hash, the id cannot be read."""
        digest = hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()
        return digest[:32]

    def record_question(self, user_id: int | str, chat_kind: str, question: str, answered: bool,
                        passage_id: str | None, score: float | None) -> int:
        """Store one question and its outcome; returns its id, for feedback buttons."""
        if self._clock() - self._purged_at >= PURGE_EVERY:
            self._purged_at = self._clock()
            self.purge_expired()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO questions (asked_at, user_hash, chat_kind, question, answered,"
                " passage_id, score) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._clock().isoformat(), self.user_hash(user_id), chat_kind, question,
                 int(answered), passage_id, score),
            )
            return int(cursor.lastrowid or 0)

    def record_feedback(self, question_id: int, user_id: int | str, vote: int) -> bool:
        """A 👍 (+1) or 👎 (-1) on a logged question; a second vote replaces the first.

        False when the question is not in the log (expired or from another database).
        """
        if vote not in (-1, 1):
            raise ValueError("vote must be +1 or -1")
        with self._transaction() as db:
            known = db.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone()
            if known is None:
                return False
            db.execute(
                "INSERT INTO feedback (question_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote,"
                " voted_at = excluded.voted_at",
                (question_id, self.user_hash(user_id), vote, self._clock().isoformat()),
            )
            return True

    def stats(self) -> LogStats:
        """Totals over the whole log."""
        with self._transaction() as db:
            questions, answered = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM questions").fetchone()
            up, down = db.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
            ).fetchone()
        return LogStats(int(questions), int(answered), int(up), int(down))

    def report(self, limit: int = 20) -> Report:
        """The questions operators should look at: unanswered and down-voted, most frequent first.

        Questions are grouped case- and space-insensitively, so "Beds?" and "beds ?" count once.
        """
        with self._transaction() as db:
            unanswered = db.execute(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE answered = 0"
                " GROUP BY lower(trim(question)) ORDER BY n DESC, MIN(id) LIMIT ?", (limit,)
            ).fetchall()
            downvoted = db.execute(
                "SELECT MIN(q.question), COUNT(*) AS n, MIN(q.passage_id) FROM feedback f"
                " JOIN questions q ON q.id = f.question_id WHERE f.vote = -1"
                " GROUP BY lower(trim(q.question)) ORDER BY n DESC, MIN(q.id) LIMIT ?", (limit,)
            ).fetchall()
        return Report(
            unanswered=tuple(ReportRow(q, int(n)) for q, n in unanswered),
            downvoted=tuple(ReportRow(q, int(n), p) for q, n, p in downvoted),
            stats=self.stats(),
        )

    def purge_expired(self) -> int:
        """Delete questions (and their votes) older than the retention period; returns how many."""
        if self.retention_days <= 0:
            return 0
        cutoff = (self._clock() - timedelta(days=self.retention_days)).isoformat()
        with self._transaction() as db:
            ids = db.execute("SELECT id FROM questions WHERE asked_at < ?", (cutoff,)).fetchall()
            db.executemany("DELETE FROM feedback WHERE question_id = ?", ids)
            db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
        return len(ids)

    def close(self) -> None:
        """Checkpoint and close the database."""
        with self._lock:
            self._db.close()


class _Transaction:
    """`with` block: one SQLite transaction under the handle's lock, rolled back on error."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()


def _load_salt(path: Path) -> bytes:
    """The installation's secret salt, created on first use, readable by the owner only."""
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    salt = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(salt.hex())
    return salt
