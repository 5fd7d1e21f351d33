"""The bot's own words in the user's language, through a standard gettext catalogue.

Translations live in `bot/locales/<lang>/LC_MESSAGES/bot.po` (template: `bot/locales/bot.pot`).
They are compiled in memory at start-up (Babel reads the .po, writes the .mo into a buffer), so
there is no build step and no compiled file to forget. English is the source language: its
words are the msgids themselves. The articles' text is never translated.

To add or change words: edit the strings in `bot/` (`_ = words.gettext`, then `_("...")`;
`N_("...")` where a word is defined apart from where it is shown), then run
`pybabel extract --no-location -w 100 -o bot/locales/bot.pot bot` and
`pybabel update -w 100 -i bot/locales/bot.pot -d bot/locales -D bot`, translate what is new, and run
the tests: they check that the template matches the code and every word has a translation.
A new language is `pybabel init -i bot/locales/bot.pot -d bot/locales -D bot -l <code>` plus
a line in `language_of`.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "bot"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks a word for the catalogue where it is defined; it is translated where it is shown."""
    return message


def compile_po(path: Path, language: str) -> gettext.GNUTranslations:
    """A .po file as ready-to-use translations (fuzzy entries are left out, as msgfmt does)."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def language_of(language_code: str | None) -> str:
    """The catalogue for a Telegram `language_code`: "vi", "vi-VN" -> "vi"; anything else "en"."""
    code = (language_code or "").strip().lower()
    return "vi" if code.startswith("vi") else SOURCE_LANGUAGE


@dataclass(frozen=True)
class Words:
    """One user's language: the bot's words through gettext, and the language code for dates.

    Use it as `_ = words.gettext` then `_("...")`, so `pybabel extract` finds the words.
    """

    language: str
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        """The message in this language (itself when untranslated)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for `n`, by this language's plural rule."""
        return self.translations.ngettext(singular, plural, n)


@dataclass(frozen=True)
class Catalogues:
    """Every language the bot speaks, loaded once; pick one per user with `translator`."""

    languages: Mapping[str, gettext.NullTranslations]

    def translator(self, language_code: str | None) -> Words:
        """The user's language if we have it, else English."""
        language = language_of(language_code)
        if language not in self.languages:
            language = SOURCE_LANGUAGE
        return Words(language, self.languages[language])


def load_catalogues(directory: Path = LOCALES_DIR) -> Catalogues:
    """Compile every `<lang>/LC_MESSAGES/bot.po` under `directory`; English needs none."""
    languages: dict[str, gettext.NullTranslations] = {
        SOURCE_LANGUAGE: gettext.NullTranslations()}
    for po in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po.parent.parent.name
        languages[language] = compile_po(po, language)
    return Catalogues(languages)
