"""In the English UI the controlled vocabularies have English names, and Norwegian user text is marked lang="nb"
(WCAG 3.1.2), so screen readers pronounce it as Norwegian."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from projects.models import Term

from .conftest import term


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_every_seeded_term_has_an_english_name():
    assert list(Term.objects.filter(name_en="").values_list("slug", flat=True)) == []


@pytest.mark.django_db
def test_a_term_is_named_in_the_active_language():
    health = term()
    with translation.override("en"):
        assert str(health) == "Health and care"
    with translation.override("nb"):
        assert str(health) == "Helse og omsorg"


def test_project_page_in_english_names_terms_in_english_and_marks_norwegian_text(english, published):
    page = english.get(published.get_absolute_url()).content.decode()
    assert "Health and care" in page
    assert "Helse og omsorg" not in page
    assert re.search(r'<h1[^>]* lang="nb"[^>]*>Trygghetsalarm med sensorer</h1>', page)
    assert re.search(r'lang="nb">Sensorer og varsling gir tryggere hjemmetjenester.<', page)


def test_project_cards_mark_the_norwegian_title_and_summary(english, published):
    page = english.get("/prosjekter/").content.decode()
    assert re.search(r'lang="nb">Trygghetsalarm med sensorer<', page)
    assert re.search(r'<p lang="nb">Sensorer og varsling', page)
    assert "Health and care" in page
