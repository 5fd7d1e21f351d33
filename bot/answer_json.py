"""An `Answer` as the JSON object `python -m bot ask --json` prints, one per line."""

from __future__ import annotations

from typing import Any

from retrieval.answer import Answer, RankedPassage


def passage_json(ranked: RankedPassage) -> dict[str, Any]:
    """One passage with its score and where it comes from."""
    p = ranked.passage
    return {
        "text": p.text,
        "score": round(ranked.score, 6),
        "article": p.title,
        "date": p.date,
        "source": p.source,
        "paragraph": p.number,
        "kind": p.kind.value,
        "id": p.id,
        "url": p.url,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """The documented shape: question, answered, answer, passages (best first), and when not
    answered why (`reason`, for people) and of what kind (`declined`, for code)."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "answer": answer.sentence,
        "passages": [passage_json(r) for r in answer.passages],
        "reason": answer.reason,
        "declined": answer.declined.value if answer.declined else None,
    }
