"""Why a question went unanswered, in one sentence for the asker.

"I could not find that" alone leaves people guessing whether to rephrase; when the reason is
a name the articles lack ("Bac Giang") or a place the nearest passages are not about
("Hanoi"), saying so tells them the articles do not hold it. Other declines (too little of
the question found, no figure for "how many") say nothing more: rephrasing may help there.
"""

from __future__ import annotations

from collections.abc import Callable

from retrieval.answer import Answer, Decline


def decline_note(answer: Answer, _: Callable[[str], str]) -> str | None:
    """The sentence that says why, in the words `_` translates to; None when there is none."""
    if answer.answered or not answer.lacking:
        return None
    names = ", ".join(answer.lacking)
    if answer.declined is Decline.NEVER_MENTIONED:
        return _("The articles never mention {names}.").format(names=names)
    if answer.declined is Decline.NOT_ABOUT:
        return _("The closest passages I have are not about {names}.").format(names=names)
    return None
