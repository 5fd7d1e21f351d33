"""What an operator relies on: allowlists, the per-user question limit, the question log."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.access import AccessConfigError, AccessPolicy, parse_ids
from bot.question_log import QuestionLog
from bot.rate_limit import QuestionRateLimiter


def test_empty_allowlists_make_a_public_bot():
    policy = AccessPolicy()
    assert policy.public and policy.allows(1, 2) and not policy.is_admin(2)


def test_allowlisted_chats_users_and_admins_get_in_and_nobody_else():
    policy = AccessPolicy(allowed_chats=frozenset({-100}), allowed_users=frozenset({7}),
                          admins=frozenset({9}))
    assert policy.allows(-100, 1)  # anyone in the allowlisted group
    assert policy.allows(5, 7)  # the allowlisted user anywhere
    assert policy.allows(5, 9)  # an admin
    assert not policy.allows(5, 1)
    assert not policy.allows(None, None)
    assert policy.is_admin(9) and not policy.is_admin(7)


def test_ids_are_read_from_commas_or_spaces_and_a_bad_one_is_named():
    assert parse_ids("1, 2 -1003", "X") == frozenset({1, 2, -1003})
    assert parse_ids(None, "X") == frozenset()
    with pytest.raises(AccessConfigError, match="BOT_ADMINS: '@alice'"):
        parse_ids("12 @alice", "BOT_ADMINS")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_over_the_question_limit_is_refused_until_the_window_passes():
    clock = FakeClock()
    limiter = QuestionRateLimiter(limit=3, window=60, clock=clock)
    assert [limiter.allow(1) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow(2), "other users are not affected"
    assert limiter.retry_after(1) == pytest.approx(60)
    clock.now += 30
    assert not limiter.allow(1)
    clock.now += 30
    assert limiter.allow(1)


def test_a_zero_limit_means_no_limit():
    limiter = QuestionRateLimiter(limit=0)
    assert all(limiter.allow(1) for _ in range(1000))


def test_idle_users_are_forgotten_so_memory_stays_bounded():
    clock = FakeClock()
    limiter = QuestionRateLimiter(limit=2, window=10, clock=clock)
    for user in range(1000):
        limiter.allow(user)
    clock.now += 11
    limiter.allow(5000)
    assert len(limiter._recent) == 1


def test_the_log_stores_questions_votes_and_a_report_without_user_ids(tmp_path: Path):
    log = QuestionLog(tmp_path / "data" / "questions.sqlite3")
    beds = log.record_question(123456789, "private", "How many beds?", True, "a:6", 5.2)
    for user in (1, 2, 3):
        log.record_question(user, "private", "how many beds in Hanoi?", False, "a:6", 1.0)
    log.record_question(4, "group", "parking fees", False, None, None)
    assert log.record_feedback(beds, 1, -1)
    assert log.record_feedback(beds, 1, -1)  # a second vote replaces the first
    assert log.record_feedback(beds, 2, +1)
    assert not log.record_feedback(99999, 1, 1)  # unknown question
    report = log.report()
    assert report.unanswered[0].question == "how many beds in Hanoi?"
    assert report.unanswered[0].count == 3
    assert [r.question for r in report.downvoted] == ["How many beds?"]
    assert report.stats.questions == 5 and report.stats.answered == 1
    assert (report.stats.upvotes, report.stats.downvotes) == (1, 1)
    log.close()
    raw = (tmp_path / "data" / "questions.sqlite3").read_bytes()
    assert b"123456789" not in raw
    assert oct((tmp_path / "data" / "questions.sqlite3.salt").stat().st_mode)[-3:] == "600"


def test_the_same_user_gets_the_same_pseudonym_and_a_new_salt_gives_another(tmp_path: Path):
    first = QuestionLog(tmp_path / "one" / "q.sqlite3")
    again = QuestionLog(tmp_path / "one" / "q.sqlite3")
    other = QuestionLog(tmp_path / "two" / "q.sqlite3")
    assert first.user_hash(42) == again.user_hash(42) != other.user_hash(42)


def test_rows_older_than_the_retention_period_are_deleted(tmp_path: Path):
    now = datetime(2026, 11, 1, tzinfo=UTC)
    old = QuestionLog(tmp_path / "q.sqlite3", retention_days=30,
                      clock=lambda: now - timedelta(days=31))
    question = old.record_question(1, "private", "old question", False, None, None)
    old.record_feedback(question, 1, -1)
    old.close()
    current = QuestionLog(tmp_path / "q.sqlite3", retention_days=30, clock=lambda: now)
    assert current.stats().questions == 0 and current.stats().downvotes == 0


CRASH = """
import os, sys
from pathlib import Path
from bot.question_log import QuestionLog
log = QuestionLog(Path(sys.argv[1]))
for i in range(10):
    log.record_question(i, "private", f"question {i}", True, "a:1", 1.0)
with log._transaction() as db:
    db.execute("INSERT INTO questions (asked_at, user_hash, chat_kind, question, answered)"
               " VALUES ('2026-01-01', 'x', 'private', 'half written', 0)")
    os._exit(9)  # the process dies mid-transaction, as in a power cut or kill -9
"""


def test_the_log_survives_a_crash_mid_write(tmp_path: Path):
    path = tmp_path / "q.sqlite3"
    done = subprocess.run([sys.executable, "-c", CRASH, str(path)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 9, done.stderr
    log = QuestionLog(path)
    assert log.stats().questions == 10
    assert log.report().unanswered == ()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_refused_user_is_told_once_per_wait_not_once_per_message():
    clock = FakeClock()
    limiter = QuestionRateLimiter(limit=1, window=60, clock=clock)
    assert limiter.allow(1)
    assert not limiter.allow(1) and limiter.first_refusal(1)
    clock.now += 10
    assert not limiter.allow(1) and not limiter.first_refusal(1)  # still the same wait
    clock.now += 50
    assert limiter.allow(1)
    assert not limiter.allow(1) and limiter.first_refusal(1)  # a new wait: told again


def test_expired_questions_are_purged_while_the_bot_runs_not_only_at_start(tmp_path: Path):
    now = datetime(2026, 11, 1, tzinfo=UTC)
    clock = [now]
    log = QuestionLog(tmp_path / "q.sqlite3", retention_days=30, clock=lambda: clock[0])
    log.record_question(1, "private", "old question", False, None, None)
    clock[0] = now + timedelta(days=31)  # a month later, the bot still running
    log.record_question(1, "private", "new question", True, "a:1", 2.0)
    report = log.report()
    log.close()
    assert report.stats.questions == 1 and report.unanswered == ()


def test_a_second_instance_stops_the_bot_after_three_conflicts_in_a_row():
    from bot.conflicts import ConflictWatch

    clock = FakeClock()
    watch = ConflictWatch(limit=3, clock=clock)
    assert [watch.seen(), watch.seen()] == [False, False]
    watch.reset()  # an update came through: that was an old instance shutting down
    assert [watch.seen(), watch.seen(), watch.seen()] == [False, False, True]
    assert watch.tripped and not watch.seen()  # said once
    lone = ConflictWatch(limit=3, clock=clock)
    for _ in range(5):  # one Conflict an hour is never "in a row"
        assert not lone.seen()
        clock.now += 3600


def run_report(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot report` with no token or knowledge settings, as an operator runs it."""
    import os

    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TELEGRAM_", "BOT_")) and k != "KNOWLEDGE_DIR"}
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "bot", "report", *args], env=clean,
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                          text=True, timeout=120)


def test_report_prints_the_unanswered_and_down_voted_questions_without_a_token(tmp_path):
    log = QuestionLog(tmp_path / "questions.sqlite3", retention_days=30,
                      clock=lambda: datetime.now(UTC) - timedelta(days=200))
    old = log.record_question(1, "private", "How many beds in Hanoi?", True, "a:6", 3.1)
    log.record_feedback(old, 1, -1)  # older than the default retention: report never purges
    log.close()
    log = QuestionLog(tmp_path / "questions.sqlite3", retention_days=0)
    for user in (1, 2, 3):
        log.record_question(user, "private", "parking fees?", False, None, None)
    log.record_question(4, "group", "Parking fees ?", False, None, None)
    log.record_question(5, "private", "who is the director?", False, None, None)
    log.close()
    done = run_report("--data-dir", str(tmp_path), "--limit", "1")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "6 questions, 17% answered, 0 👍 / 1 👎" in out
    assert "Most frequent unanswered questions" in out and "parking fees?" in out
    assert "who is the director?" not in out  # --limit 1
    assert "Down-voted answers" in out and "How many beds in Hanoi?" in out and "a:6" in out
    from_env = run_report(BOT_DATA_DIR=str(tmp_path))
    assert from_env.returncode == 0 and "who is the director?" in from_env.stdout


def test_report_without_a_log_says_so(tmp_path):
    done = run_report(XDG_DATA_HOME=str(tmp_path))
    assert done.returncode == 0
    assert done.stdout.startswith("No question log yet at ")
    assert str(tmp_path / "article-bot" / "questions.sqlite3") in done.stdout.replace("\n", "")
