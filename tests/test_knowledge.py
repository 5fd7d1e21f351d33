"""Reading article folders: the shipped shapes, Markdown, and bad files named and skipped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from knowledge import NoArticlesFound, PassageKind, load_articles, split_sentences
from knowledge.errors import KnowledgeError


def test_shipped_article_with_date_line_has_its_date_and_its_captions_set_apart(shipped):
    visit = next(a for a in shipped.articles if a.date)
    assert visit.date == "2026-02-27"
    assert len(visit.captions) == 2
    assert all(c.text.endswith("Photo: VNA") for c in visit.captions)
    assert not any("Photo: VNA" in p.text for p in visit.paragraphs)
    assert visit.paragraphs[0].text.startswith("The health sector must remain steadfast")
    assert not visit.paragraphs[0].text.startswith("date")


def test_shipped_article_with_headline_line_has_it_as_title_not_as_a_paragraph(shipped):
    lang_son = next(a for a in shipped.articles if "Lang Son" in a.title)
    assert lang_son.title == (
        "The health sector of Lang Son province: 70 years following Uncle Ho’s teachings"
    )
    assert lang_son.paragraphs[0].text.startswith("President Ho Chi Minh said it that")
    assert len(lang_son.paragraphs) == 14
    assert lang_son.date is None


def test_every_passage_has_a_stable_id_its_sentences_and_its_article_metadata(shipped):
    passages = shipped.passages
    assert len({p.id for p in passages}) == len(passages)
    beds = next(p for p in passages if "2,762 hospital beds" in p.text)
    assert beds.id == "lang-son-health-sector-70-years:6"
    assert beds.number == 6 and beds.kind is PassageKind.BODY
    assert beds.source == "lang-son-health-sector-70-years.txt"
    assert "The province has 2,762 hospital beds, averaging 34 beds per 10,000 people." in (
        beds.sentences
    )
    assert load_articles(shipped.folder).passages == passages  # same ids on every load


def test_sentences_keep_decimals_abbreviations_and_codes_intact():
    text = ("The province now has 11.4 doctors per 10,000 residents. Resolution No. 72-NQ/TW "
            "was adopted. Dr. Anh said: “We are ready.” Then he left.")
    assert split_sentences(text) == (
        "The province now has 11.4 doctors per 10,000 residents.",
        "Resolution No. 72-NQ/TW was adopted.",
        "Dr. Anh said: “We are ready.”",
        "Then he left.",
    )
    # "No." is short for "number" only before one: "He said no." ends a sentence
    assert split_sentences("Asked if beds were short, he said no. The ward has 40 beds.") == (
        "Asked if beds were short, he said no.", "The ward has 40 beds.")


def test_a_photo_credit_is_part_of_its_caption_sentence():
    # quoting the caption quotes who took the photo: "which agency took the photos?"
    assert split_sentences("To Lam visits a patient at the hospital. Photo: VNA") == (
        "To Lam visits a patient at the hospital. Photo: VNA",)
    assert split_sentences("Beds were added. Photo: the ward in March.") == (
        "Beds were added. Photo: the ward in March.",)


def test_markdown_front_matter_gives_title_date_publisher_url_and_image_captions(articles_dir):
    knowledge = load_articles(articles_dir)
    clinic = next(a for a in knowledge.articles if a.id == "clinic")
    assert clinic.title == "New clinic opens in Cao Bang"
    assert clinic.date == "2026-03-01"
    assert clinic.url == "https://example.org/clinic"
    assert clinic.publisher == "Example News"
    assert clinic.paragraphs[0].text == (
        "The provincial clinic in Cao Bang opened on March 1 with 40 beds and a dialysis unit, "
        "the director said."
    )
    assert clinic.paragraphs[1].text == "Doctors from Hanoi will train local staff for six months."
    assert [c.text for c in clinic.captions] == ["The new clinic building. Photo: Example News"]


def test_markdown_title_with_a_colon_needs_no_quotes(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Lang Son: 70 years\n---\nSome text here.\n",
                                   encoding="utf-8")
    assert load_articles(tmp_path).articles[0].title == "Lang Son: 70 years"


def test_hard_wrapped_plain_text_paragraphs_are_joined_back(tmp_path):
    (tmp_path / "wrapped.txt").write_text(
        "A headline about clinics\n\n"
        "The first paragraph was wrapped by an editor at a fixed width so that\n"
        "it spans several lines in the file but is still one paragraph of text.\n\n"
        "A second paragraph.\n",
        encoding="utf-8",
    )
    article = load_articles(tmp_path).articles[0]
    assert article.title == "A headline about clinics"
    assert [p.text for p in article.paragraphs] == [
        "The first paragraph was wrapped by an editor at a fixed width so that it spans several "
        "lines in the file but is still one paragraph of text.",
        "A second paragraph.",
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("latin1.txt", "Bệnh viện".encode("cp1258", errors="replace") + b"\xff\xfe text", "UTF-8"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n  ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("notes.docx", b"PK\x03\x04", "not an article file"),
    ],
)
def test_a_broken_file_is_named_and_skipped_and_the_rest_is_served(
    articles_dir: Path, caplog, name, content, reason
):
    (articles_dir / name).write_bytes(content)
    with caplog.at_level(logging.WARNING):
        knowledge = load_articles(articles_dir)
    assert {a.id for a in knowledge.articles} == {"clinic", "vaccines"}
    assert [s.path for s in knowledge.skipped] == [name]
    assert reason in knowledge.skipped[0].reason
    assert name in caplog.text and reason in caplog.text


def test_hidden_files_and_readmes_are_not_articles(articles_dir: Path):
    (articles_dir / ".DS_Store").write_bytes(b"\x00\x01")
    (articles_dir / "README.md").write_text("# About this folder\n", encoding="utf-8")
    knowledge = load_articles(articles_dir)
    assert knowledge.skipped == ()
    assert len(knowledge.articles) == 2


def test_articles_in_sub_folders_are_read(articles_dir: Path):
    (articles_dir / "2026").mkdir()
    (articles_dir / "2026" / "march.txt").write_text("One paragraph of news.\n", encoding="utf-8")
    assert "2026/march" in {a.id for a in load_articles(articles_dir).articles}


def test_a_folder_with_nothing_usable_is_a_clear_error(tmp_path: Path):
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(NoArticlesFound, match="no readable articles"):
        load_articles(tmp_path)


def test_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="no such folder"):
        load_articles(tmp_path / "nowhere")


def test_short_one_line_paragraphs_under_a_headline_stay_apart(tmp_path):
    (tmp_path / "short.txt").write_text(
        "Measles vaccination reaches 98 percent in Ha Giang\n"
        "The province vaccinated 12,400 children against measles in 2025.\n"
        "Health workers travelled to remote villages on motorbikes.\n",
        encoding="utf-8",
    )
    article = load_articles(tmp_path).articles[0]
    assert article.title == "Measles vaccination reaches 98 percent in Ha Giang"
    assert [p.number for p in article.paragraphs] == [1, 2]
