"""Every user-visible string has a Norwegian Bokmål translation, and the compiled catalogue is current.

These fail until locale/nb/LC_MESSAGES/django.po (and .mo) exist; `make messages` creates them.
"""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# What makemessages skips: the same list as `make messages`, plus the tests.
IGNORE = ["node_modules", ".venv", "staticfiles", "tests"]
# Not copied into the scratch tree at all (large or irrelevant).
NOT_COPIED = [*IGNORE, ".git", ".ruff_cache", "media", "var", "test-results", "locale", "__pycache__", "*.sqlite3"]


def _key(entry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _catalogue(path: Path) -> polib.POFile:
    assert path.exists(), f"{path.relative_to(settings.BASE_DIR)} is missing; run `make messages` and translate"
    return polib.pofile(str(path))


def _live(catalogue):
    return [entry for entry in catalogue if not entry.obsolete and entry.msgid]


def test_norwegian_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = _catalogue(PO)
    untranslated = [entry.msgid for entry in _live(catalogue) if not entry.translated() and "fuzzy" not in entry.flags]
    fuzzy = [entry.msgid for entry in _live(catalogue) if "fuzzy" in entry.flags]
    assert untranslated == [], f"{len(untranslated)} untranslated"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy"


def test_every_msgid_in_code_and_templates_is_in_the_catalogue(tmp_path, monkeypatch):
    committed = _catalogue(PO)
    assert shutil.which("xgettext"), "makemessages needs GNU gettext (make browser-deps installs it)"
    source = tmp_path / "src"
    shutil.copytree(settings.BASE_DIR, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
    scratch = source / "locale" / "nb" / "LC_MESSAGES"
    scratch.mkdir(parents=True)
    shutil.copy(PO, scratch / "django.po")
    # makemessages writes next to the sources it finds, so it runs in the copy, never in the real tree.
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["nb"], ignore_patterns=IGNORE, verbosity=0)
    extracted = polib.pofile(str(scratch / "django.po"))
    missing = sorted({_key(e) for e in _live(extracted)} - {_key(e) for e in _live(committed)}, key=str)
    assert missing == [], f"{len(missing)} msgids are not in {PO.name}; run `make messages` and translate them"


def test_compiled_catalogue_matches_the_po_file():
    catalogue = _catalogue(PO)
    assert MO.exists(), "django.mo is missing; run `make messages` (compilemessages)"
    compiled = polib.mofile(str(MO))

    def translations(entries):
        return {_key(e): (e.msgstr, tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items()))) for e in entries}

    # compilemessages leaves out fuzzy and untranslated entries (and the header, whose msgid is empty).
    expected = [e for e in _live(catalogue) if e.translated()]
    assert translations(e for e in compiled if e.msgid) == translations(expected)


@pytest.mark.parametrize("msgid", ["Municipalities", "My pages", "Log in"])
def test_common_words_are_translated_when_the_catalogue_exists(msgid):
    catalogue = _catalogue(PO)
    entry = catalogue.find(msgid)
    assert entry is not None and entry.msgstr and entry.msgstr != msgid
