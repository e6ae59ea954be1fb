"""The project search: what it finds, how it ranks, what the result page shows (both databases unless marked)."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from projects import search, services
from projects.filters import ProjectFilter
from projects.models import Actor, Project, SearchEntry, SearchWord, Tag, Term
from tests.factories import make_organisation

from .conftest import make_project, term

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL full-text search and pg_trgm"
)


def titles(query: str, **filters) -> list[str]:
    data = QueryDict(mutable=True)
    data.update({"q": query, **filters})
    return [p.title for p in ProjectFilter(data, queryset=Project.objects.listed()).qs]


def publish(organisation, title, **fields):
    return make_project(owner=organisation, title=title, state=Project.State.PUBLISHED, **fields)


@pytest.fixture
def library(organisation, other_organisation):
    """A few published projects with words in different places."""
    publish(
        organisation,
        "Fremtidsbygg – energieffektiv svømmehall",
        summary="Ny svømmehall med lavt energibruk.",
        tags=["Passivhus"],
    )
    publish(
        organisation,
        "Velferdsteknologi for hjemmeboende",
        summary="Trygghetsalarmer og sensorer.",
        benefits=[{"indicator": "Færre nattlige tilsynsbesøk", "result": "40", "unit": "%"}],
    )
    publish(
        other_organisation,
        "Aldersvennlig transport",
        summary="En fleksibel løsning for innbyggere over 67 år.",
        need="Transport for eldre i distriktet.",
        methods=[term(Term.Vocabulary.METHOD, "tjenestedesign")],
    )
    publish(
        other_organisation,
        "Eldreråd på nett for eldre",
        summary="Eldre i eldrerådet møtes digitalt. Eldre eldre eldre.",
        service_areas=[term(slug="digitalisering-og-it")],
    )
    publish(
        other_organisation,
        "KI-assistent i servicetorget",
        summary="Kunstig intelligens (KI) svarer innbyggerne.",
        actors=[{"actor": "NAV Vestland", "actor_type": Actor.Type.PUBLIC_BODY, "role": "partner"}],
    )
    publish(organisation, "Kirkegårdsforvaltning", summary="Kart over kirkegårdene.")


def test_word_forms_find_the_base_form(library):
    assert "Fremtidsbygg – energieffektiv svømmehall" in titles("svømmehaller")


def test_a_part_of_a_compound_finds_the_compound(library):
    assert "Velferdsteknologi for hjemmeboende" in titles("teknologi")


def test_words_only_in_tags_benefits_methods_service_areas_and_actors_are_found(library):
    assert titles("passivhus") == ["Fremtidsbygg – energieffektiv svømmehall"]
    assert titles("tilsynsbesøk") == ["Velferdsteknologi for hjemmeboende"]
    assert titles("tjenestedesign") == ["Aldersvennlig transport"]
    assert titles("digitalisering") == ["Eldreråd på nett for eldre"]
    assert titles("vestland") == ["KI-assistent i servicetorget"]


def test_short_words_and_abbreviations_are_kept_and_match_whole_words(library):
    assert titles("KI") == ["KI-assistent i servicetorget"]  # not «Kirkegårdsforvaltning»
    assert titles("NAV") == ["KI-assistent i servicetorget"]


def test_more_of_the_words_rank_higher_than_one_word_often(library):
    found = titles("transport for eldre")
    assert found[0] == "Aldersvennlig transport"
    assert "Eldreråd på nett for eldre" in found


def test_an_organisation_name_ranks_its_projects_first(library, organisation, other_organisation, client):
    found = titles(f"{organisation.name} kommune")
    owned = set(Project.objects.filter(owner=organisation).values_list("title", flat=True))
    assert set(found[: len(owned)]) == owned
    page = client.get("/prosjekter/", {"q": f"{organisation.name} kommune"}).content.decode()
    assert "Organisasjoner som passer" in page
    assert re.search(rf'href="/prosjekter/\?owner={organisation.pk}">{organisation.name}</a>', page)


def test_matching_actors_are_offered_above_the_results(library, client):
    page = client.get("/prosjekter/", {"q": "nav vestland"}).content.decode()
    assert "NAV Vestland" in page.split('class="project-list"')[0]


def test_a_new_tag_is_found_after_an_edit(library, organisation, editor):
    project = Project.objects.get(title="Aldersvennlig transport")
    assert titles("bestillingstransport") == []
    services.update_project(project=project, by=editor, tags=["Bestillingstransport"])
    assert titles("bestillingstransport") == ["Aldersvennlig transport"]


def test_a_renamed_term_is_found_under_its_new_name(library):
    area = term(slug="digitalisering-og-it")
    area.name = "Digital forvandling"
    area.save()
    search.reindex_related(area)
    assert titles("forvandling") == ["Eldreråd på nett for eldre"]


def test_the_rebuild_command_restores_the_index(library, capsys):
    Project.objects.update(search_text="")
    SearchEntry.objects.all().delete()
    SearchWord.objects.all().delete()
    assert titles("passivhus") == []
    call_command("rebuild_search_index")
    assert titles("passivhus") == ["Fremtidsbygg – energieffektiv svømmehall"]
    assert SearchWord.objects.filter(word="passivhus").exists()


def test_snippets_mark_the_words_and_escape_the_text(organisation, client):
    publish(organisation, "Trygg natt", summary="<script>alert(1)</script> Velferdsteknologi & sensorer om natten.")
    page = client.get("/prosjekter/", {"q": "sensorer"}).content.decode()
    snippet = re.search(r'class="search-snippet">(.*?)</p>', page, re.S).group(1)
    assert "<mark>sensorer</mark>" in snippet
    assert "<script" not in snippet  # PostgreSQL's ts_headline drops tags; SQLite's passage escapes them
    assert "&lt;script&gt;" in snippet or connection.vendor == "postgresql"


def test_markers_in_the_text_cannot_open_tags(organisation):
    project = publish(organisation, "Trygg natt", summary=f"Sensorer {search.HIGHLIGHT_START}<b>{search.HIGHLIGHT_END}")
    marked = search.snippets([project], "sensorer")[project.pk]
    assert marked.count("<mark>") == marked.count("</mark>") == 1
    assert "<b>" not in marked


def test_an_empty_result_explains_what_to_do(library, client, login, editor):
    login(editor)
    page = client.get("/prosjekter/", {"q": "akvakulturfôring", "status": "ongoing", "phase": "innovation"})
    body = page.content.decode()
    assert "Ingen prosjekter passer med filteret." in body
    assert "Sjekk stavingen" in body
    assert "/prosjekter/ny/?title=akvakulturf%C3%B4ring" in body
    start = client.get("/prosjekter/ny/", {"title": "akvakulturfôring"}).content.decode()
    assert 'value="akvakulturfôring"' in start


def test_the_number_of_queries_does_not_grow_with_the_results(
    library, organisation, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as captured:
        client.get("/prosjekter/", {"q": "svømmehall eldre teknologi"})
    few = len(captured)
    for i in range(8):
        publish(organisation, f"Svømmehall nummer {i}", summary="Eldre og teknologi i svømmehallen.")
    with django_assert_max_num_queries(few):
        response = client.get("/prosjekter/", {"q": "svømmehall eldre teknologi"})
    assert response.content.decode().count('class="search-snippet"') >= 9


def test_similar_projects_still_need_shared_words(library):
    found = [p.title for p in search.similar_projects("Svømmehall med lavt energibruk", "")]
    assert found[:1] == ["Fremtidsbygg – energieffektiv svømmehall"]
    assert search.similar_projects("Helt annet", "Ingenting felles her") == []


# PostgreSQL only: typos, compounds split, ts_headline


def test_typos_are_found_and_a_spelling_is_suggested(library, client):
    assert "Velferdsteknologi for hjemmeboende" in titles("velferdsteknolgi")
    page = client.get("/prosjekter/", {"q": "velferdsteknolgi"}).content.decode()
    assert re.search(r"Mente du\s*<a [^>]*href=\"\?q=velferdsteknologi\"", page)


@postgres_only
def test_a_compound_query_finds_its_parts_apart(organisation):
    publish(organisation, "Bedre omsorg", summary="Omsorg for eldre som bor hjemme.")
    publish(organisation, "Eldreomsorg i hjemmet", summary="Samme, i ett ord.")
    assert set(titles("eldreomsorg")) >= {"Bedre omsorg", "Eldreomsorg i hjemmet"}
    assert "Eldreomsorg i hjemmet" in titles("omsorg")  # and the other way


@postgres_only
def test_the_search_uses_the_indexes(db):
    """With a realistic word list the typo and compound look-ups use the trigram index, the match the GIN index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute("INSERT INTO projects_searchword SELECT 'w' || n FROM generate_series(1, 50000) AS n")
        cursor.execute("ANALYZE projects_searchword")
        for sql in (
            "SELECT word FROM projects_searchword WHERE word % 'velferdsteknolgi'",
            "SELECT word FROM projects_searchword WHERE word LIKE '%teknologi%' AND strpos(word, 'teknologi') > 4",
        ):
            cursor.execute("EXPLAIN " + sql)
            assert "projects_searchword_word_trgm" in " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of projects: force what 10 000 would choose
        cursor.execute(
            "EXPLAIN SELECT project_id FROM projects_searchentry WHERE vector @@ to_tsquery('norwegian', 'eldre')"
        )
        assert "projects_searchentry_vector_gin" in " ".join(row[0] for row in cursor.fetchall())


def test_an_unknown_organisation_word_does_not_match_everything(library, organisation):
    other = make_organisation(name="Kommune Q", county=organisation.county)
    publish(other, "Noe helt annet", summary="Tekst uten treff.")
    assert titles("Kommune Q")[0] == "Noe helt annet"
    assert Tag.objects.filter(name="Passivhus").exists()


def test_renaming_a_tag_in_the_admin_reindexes_its_projects(library, client, admin_user):
    client.force_login(admin_user)
    tag = Tag.objects.get(name="Passivhus")
    response = client.post(f"/admin/projects/tag/{tag.pk}/change/", {"name": "Nullutslippsbygg", "slug": tag.slug})
    assert response.status_code == 302
    assert titles("nullutslippsbygg") == ["Fremtidsbygg – energieffektiv svømmehall"]
    assert titles("passivhus") == []
