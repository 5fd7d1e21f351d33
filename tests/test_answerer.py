"""The answerer front ends hold: ranked passages carry their position, and their neighbours
are found without reading the whole knowledge base (the "In context" button)."""

from retrieval.answerer import Answerer


def test_the_paragraphs_around_an_answer_are_its_neighbours_in_the_article(shipped):
    answerer = Answerer.build(shipped.passages)
    answer = answerer.ask("how many hospital beds does Lang Son have")
    best = answer.best
    assert best is not None and best.doc is not None
    assert answerer.passages[best.doc] == best.passage
    before, after = answerer.neighbours(best.doc)
    assert (before.id, after.id) == ("lang-son-health-sector-70-years:5",
                                     "lang-son-health-sector-70-years:7")


def test_the_first_and_last_paragraphs_and_captions_have_no_neighbour_outside_their_article(
    shipped,
):
    answerer = Answerer.build(shipped.passages)
    ids = [p.id for p in answerer.passages]
    first = ids.index("lang-son-health-sector-70-years:1")
    assert answerer.neighbours(first)[0] is None
    last_body = max(i for i, p in enumerate(answerer.passages)
                    if p.article == answerer.passages[0].article and p.kind.value == "body")
    assert answerer.neighbours(last_body)[1] is None
    caption = next(i for i, p in enumerate(answerer.passages) if p.kind.value == "caption")
    assert answerer.neighbours(caption) == (None, None)
