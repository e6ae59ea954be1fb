"""Every user-visible string has a Norwegian Bokmål translation, and the compiled catalogue is current.

These fail until locale/nb/LC_MESSAGES/django.po (and .mo) exist; `make messages` creates them.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

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


# allauth's Norwegian that must not come back: the portal's catalogue overrides it (accounts/allauth_phrases.py).
STIFF_ALLAUTH_NORWEGIAN = {
    "Are you sure you want to sign out?": "Er du sikker at du ønsker å logge ut?",
    "Change Password": "Endre Passord",
    "Forgot your password?": "Glemt ditt passord?",
    "Verify Your Email Address": "Bekreft din e-postadresse",
    "Confirmation email sent to %(email)s.": "Bekreftelsese-post er sendt til %(email)s.",
    "If you have not created an account yet, then please %(link)ssign up%(end_link)s first.": (
        "Hvis du ikke har opprettet en konto enda, kan du %(link)sregistrere deg%(end_link)s først."
    ),
    "You cannot add more than %d email addresses.": "Du kan ikke legge til mer enn %d epostadresser.",
    "The email address is not assigned to any user account.": "Epostadressen er ikke tilknyttet noen brukerkonto.",
}
# Words the portal does not use: it says "ennå" and "e-post", and never asks "vennligst".
STIFF_WORDS = re.compile(r"\b(enda|epost\w*|[Vv]ennligst)\b|(?<=\w )Passord|Bekreftelsese-post")


@pytest.mark.parametrize("msgid", sorted(STIFF_ALLAUTH_NORWEGIAN))
def test_stiff_allauth_norwegian_is_overridden(msgid):
    with translation.override("nb"):
        norwegian = translation.gettext(msgid)
    assert norwegian != STIFF_ALLAUTH_NORWEGIAN[msgid]
    assert norwegian != msgid


def test_every_allauth_phrase_on_our_pages_reads_the_portals_way():
    from accounts.allauth_phrases import PHRASES

    with translation.override("nb"):
        stiff = {msgid: translation.gettext(msgid) for msgid in PHRASES}
    stiff = {msgid: text for msgid, text in stiff.items() if text == msgid or STIFF_WORDS.search(text)}
    assert stiff == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "phrase"),
    [
        ("/konto/logg-inn/", "Har du glemt passordet?"),
        ("/konto/passord/tilbakestill/", "Har du glemt passordet?"),
        ("/konto/opprett-konto/", "Opprett konto"),
    ],
)
def test_account_pages_speak_the_portals_norwegian(client, path, phrase):
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert phrase in page
    assert not STIFF_WORDS.search(page)


def test_sign_out_page_asks_in_good_norwegian(client, member):
    client.force_login(member)
    page = client.get("/konto/logg-ut/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Er du sikker på at du vil logge ut?" in page


# One term for one thing: "Opprett konto" (not "Registrer deg"), "Endre passord" (not "Bytt passord"),
# "Eierorganisasjon" (not "Eier").
REJECTED_TERMS = re.compile(r"Registrer deg|registrere deg|[Bb]ytte? passord|Opprett en konto|^Eier\b")


def test_one_term_for_one_thing_in_the_catalogue():
    offenders = [(e.msgid, e.msgstr) for e in _live(_catalogue(PO)) if REJECTED_TERMS.search(e.msgstr)]
    assert offenders == []


@pytest.mark.parametrize(
    ("msgids", "term"),
    [
        (["Create account", "Create an account", "Sign Up", "Signup"], "Opprett konto"),
        (["Change password", "Change Password"], "Endre passord"),
        (["Owner", "Owner organisation"], "Eierorganisasjon"),
    ],
)
def test_the_same_thing_is_called_the_same_everywhere(msgids, term):
    with translation.override("nb"):
        assert {translation.gettext(msgid) for msgid in msgids} == {term}
