"""The analyzer decides what counts as the same word for questions and paragraphs alike."""

from retrieval.analyzer import Analyzer, highlight_spans

analyzer = Analyzer()


def test_diacritics_are_folded_so_vietnamese_spelling_finds_plain_ascii():
    assert analyzer.terms("Lạng Sơn") == analyzer.terms("Lang Son")
    assert analyzer.terms("Hữu Nghị") == analyzer.terms("Huu Nghi")
    assert analyzer.terms("Đà Nẵng") == ["da", "nang"]


def test_case_and_compatibility_forms_do_not_matter():
    assert analyzer.terms("HOSPITAL") == analyzer.terms("hospital")
    assert analyzer.terms("ｈｏｓｐｉｔａｌ") == analyzer.terms("hospital")  # full-width letters


def test_numbers_stay_whole_and_thousands_separators_do_not_matter():
    assert "2762" in analyzer.terms("The province has 2,762 hospital beds")
    assert analyzer.terms("2,762") == analyzer.terms("2762")
    assert "11.4" in analyzer.terms("11.4 doctors per 10,000 residents")
    assert "10000" in analyzer.terms("per 10,000 residents")


def test_codes_are_findable_whole_and_by_their_parts():
    terms = analyzer.terms("Politburo Resolution No. 72-NQ/TW")
    assert "72-nq-tw" in terms
    assert {"72", "nq", "tw"} <= set(terms)
    assert set(analyzer.terms("72-NQ/TW")) <= set(terms)


def test_stemming_makes_inflections_meet():
    assert analyzer.terms("hospitals") == analyzer.terms("hospital")
    assert analyzer.terms("treating treatment")[0] == analyzer.terms("treat")[0]


def test_stop_words_and_question_framing_are_dropped():
    assert analyzer.terms("how many of the") == []
    assert analyzer.terms("What does the hospital have?") == analyzer.terms("hospital")


def test_possessives_and_curly_apostrophes_mean_the_same_word():
    assert analyzer.terms("Lang Son’s health sector") == analyzer.terms("Lang Son health sector")
    assert analyzer.terms("People's Doctor") == analyzer.terms("people doctor")


def test_highlight_spans_point_at_the_original_text():
    text = "The province has 2,762 hospital beds in Lạng Sơn."
    spans = highlight_spans(text, analyzer.terms("hospital bed lang son 2762"), analyzer)
    assert [text[a:b] for a, b in spans] == ["2,762 hospital beds", "Lạng Sơn"]


def test_terms_of_any_text_never_crash():
    for text in ["", "   ", "!!!", "\x00\x01", "a" * 10_000, "😀 emoji 🏥", "<b>tag</b>"]:
        assert isinstance(analyzer.terms(text), list)
