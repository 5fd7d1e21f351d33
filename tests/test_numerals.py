"""Dates and number words are rewritten only where they cannot mean anything else."""

import pytest

from retrieval.numerals import as_written


@pytest.mark.parametrize("typed, written", [
    ("the 27th of Feb", "the February 27"),
    ("Feb. 27th, 1955", "February 27, 1955"),
    ("27.02.2026", "February 27, 2026"),
    ("2/27/1955", "February 27, 1955"),  # the day cannot be the 27th month
    ("on 27/2", "on February 27"),
    ("back in '55", "back in 1955"),
    ("the seventy-first anniversary", "the 71st anniversary"),
    ("one hundred and ninety-four stations", "194 stations"),
])
def test_dates_and_numbers_take_the_articles_form(typed, written):
    assert as_written(typed) == written


@pytest.mark.parametrize("typed", [
    "24/7 care", "2/3 of the stations", "11.4 doctors per 10,000",  # no dates
    "no one left behind", "the first hospital",  # words, not numbers
    "over seventy years",  # as much "seven decades" as "70 years"
    "may I ask", "the doctor's letter",
])
def test_what_could_mean_something_else_is_left_as_typed(typed):
    assert as_written(typed) == typed
