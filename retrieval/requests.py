"""What a question says about why it is asked, taken out before it is searched.

"need a list for my assignment", "(list pls)", "I'm doing a school project", "can my grandma
get dialysis": students, patients' relatives and other askers wrap a question in words about
themselves. Those words are no part of what is asked, yet BM25 searches them and the
coverage check weighs them ("assignment" is a rare word the articles lack, so the right
passage looks like a weak match). Only the wrapping is taken out: "list" stays in "what is
on the waiting list", "project" in "which projects".
"""

from __future__ import annotations

import re

_WORK = (r"(?:school |uni |university |class |college |biology |history |group )?"
         r"(?:assignment|homework|essay|project|report|presentation|quiz|exam|test|notes|"
         r"thesis|coursework|dissertation)s?")
_REQUESTS = re.compile(
    r"(?:\b(?:i\s*(?:'|’)?m|i am|we\s*(?:'|’)?re|we are) (?:doing|writing|working on|preparing) "
    r"(?:a|an|my|our) " + _WORK + r"(?: (?:on|about)\b)?"
    r"|\b(?:it'?s |this is |that'?s )?for (?:my|our|a|an) " + _WORK
    + r"|\b(?:i |we )?need (?:a|the|it as a) list\b"
    r"|\bas a list\b|\bin a list\b|\blist (?:pls|plz|please)\b|\(\s*list\s*\)"
    r"|^\s*(?:please |pls |plz )?list (?:all |every |the )?(?=\w)"
    # "can my grandma get dialysis", "my uncle is in the icu": who asks, not what
    r"|\b(?:my|our) (?:(?:grand|great )?(?:ma|mother|mom|mum|father|dad|pa|parents?|son|"
    r"daughter|child|children|kids?|baby|wife|husband|uncle|aunt|brother|sister|cousin|"
    r"granny|grandma|grandpa|nan|friend|neighbou?r|partner)s?)\b"
    r")", re.I)


def without_requests(question: str) -> str:
    """The question without the words about the asker's task; as typed when it has none,
    and as typed when nothing else would be left."""
    stripped = _REQUESTS.sub(" ", question)
    if stripped == question or not re.search(r"\w", stripped):
        return question
    stripped = re.sub(r"\(\s*\)", " ", stripped)  # "(list pls)" leaves its brackets
    return re.sub(r"\s+", " ", stripped).strip()
