import datetime
import re

import pytest
from django.urls import reverse

from diffusion import services
from diffusion.models import Adoption
from municipalities.models import Membership
from projects import services as project_services
from projects.models import Project

from ..factories import make_county, make_membership, make_organisation, make_user
from ..projects.conftest import complete_fields, make_project


def test_copy_page_makes_a_draft_and_opens_the_adaptation_section(client, source, other_organisation, taker_editor):
    client.force_login(taker_editor)
    url = reverse("diffusion:copy", kwargs={"slug": source.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "kopieres ikke" in page.text
    response = client.post(url, {"organisation": other_organisation.pk, "kind": "adapted", "channel": "spre"})
    copy = Project.objects.get(owner=other_organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:edit", kwargs={"slug": copy.slug}) + "#part-tilpasning"
    form = client.get(response["Location"])
    assert 'id="part-tilpasning"' in form.text


def test_double_copy_asks_first_and_links_the_existing_copy(client, source, other_organisation, taker_editor):
    client.force_login(taker_editor)
    first = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    url = reverse("diffusion:copy", kwargs={"slug": source.slug})
    assert first.get_absolute_url() in client.get(url).text  # said at once: Asker is the only choice
    data = {"organisation": other_organisation.pk, "kind": "adapted", "channel": "spre"}
    asked = client.post(url, data)
    assert asked.status_code == 200
    assert first.get_absolute_url() in asked.text
    assert Project.objects.filter(owner=other_organisation).count() == 1
    client.post(url, {**data, "again": "on"})
    assert Project.objects.filter(owner=other_organisation).count() == 2


def test_copying_your_own_project_is_refused_with_the_way_on(client, source, editor):
    client.force_login(editor)
    response = client.get(reverse("diffusion:copy", kwargs={"slug": source.slug}))
    assert response.status_code == 403
    assert reverse("projects:edit", kwargs={"slug": source.slug}) in response.text


def test_user_in_several_organisations_chooses(client, source, other_organisation, county):
    user = make_user()
    second = make_organisation(name="Drammen", county=county)
    for organisation in (other_organisation, second):
        make_membership(user=user, organisation=organisation, role=Membership.Role.EDITOR)
    client.force_login(user)
    url = reverse("diffusion:copy", kwargs={"slug": source.slug})
    page = client.get(url)
    assert "Drammen" in page.text and "Asker" in page.text
    missing = client.post(url, {"kind": "adapted", "channel": "spre"})
    assert missing.status_code == 200 and not Project.objects.filter(source_project=source).exists()
    client.post(url, {"organisation": second.pk, "kind": "adapted", "channel": "spre"})
    assert Project.objects.get(source_project=source).owner == second


def test_declare_then_source_editor_confirms(client, source, other_organisation, taker_member, editor):
    client.force_login(taker_member)
    url = reverse("diffusion:declare", kwargs={"slug": source.slug})
    response = client.post(
        url,
        {
            "organisation": other_organisation.pk,
            "status": "in_use",
            "kind": "adapted",
            "channel": "conference",
            "started_on": "2024-05-01",
        },
    )
    adoption = Adoption.objects.get()
    assert response["Location"] == adoption.get_absolute_url()
    assert adoption.started_on == datetime.date(2024, 5, 1)
    # Declaring again goes to the change page.
    again = client.post(
        url,
        {
            "organisation": other_organisation.pk,
            "status": "trial",
            "kind": "adapted",
            "channel": "spre",
            "started_on": "2024-05-01",
        },
    )
    assert again["Location"] == reverse("diffusion:adoption_edit", kwargs={"pk": adoption.pk})
    client.force_login(editor)
    page = client.get(adoption.get_absolute_url())
    assert reverse("diffusion:adoption_confirm", kwargs={"pk": adoption.pk}) in page.text
    empty = client.post(reverse("diffusion:adoption_confirm", kwargs={"pk": adoption.pk}), {"decision": "dispute"})
    assert empty.status_code == 400
    client.post(reverse("diffusion:adoption_confirm", kwargs={"pk": adoption.pk}), {"decision": "confirm"})
    adoption.refresh_from_db()
    assert adoption.is_confirmed


def test_ending_needs_a_reason_at_the_field(client, source, other_organisation, taker_member):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    client.force_login(taker_member)
    url = reverse("diffusion:adoption_edit", kwargs={"pk": adoption.pk})
    data = {
        "status": "ended",
        "status_since": "2025-01-01",
        "kind": "adapted",
        "channel": "spre",
        "started_on": "2024-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'href="#id_ended_reason"' in response.text
    client.post(url, {**data, "ended_reason": "Leverandøren la ned."})
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.ENDED and not adoption.is_counted


def test_report_back_shows_on_the_source(client, source, other_organisation, taker_member):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    client.force_login(taker_member)
    url = reverse("diffusion:adoption_report", kwargs={"pk": adoption.pk})
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "changed": "Vi brukte egne sensorer.",
            "learned": "Start smått.",
            "benefits-TOTAL_FORMS": "1",
            "benefits-INITIAL_FORMS": "0",
            "benefits-0-indicator": "Nattbesøk",
            "benefits-0-baseline": "40",
            "benefits-0-result": "12",
        },
    )
    adoption.refresh_from_db()
    assert adoption.benefits.count() == 1
    page = client.get(source.get_absolute_url())
    assert "Vi brukte egne sensorer." in page.text and "Nattbesøk" in page.text


def _adopt(source, organisation, *, confirmed=True, day=None, by=None):
    adoption = services.declare_adoption(
        source=source,
        organisation=organisation,
        by=None,
        status=Adoption.Status.IN_USE,
        started_on=day or datetime.date(2024, 1, 1),
    )
    if confirmed:
        services.confirm_adoption(adoption=adoption, by=None, confirm=True)
    return adoption


def _count_on(html: str, marker: str) -> str:
    match = re.search(marker, html)
    return match.group(1) if match else ""


def test_counts_agree_across_pages(client, source, other_organisation, county):
    takers = [other_organisation] + [make_organisation(name=f"Taker {n}", county=county) for n in range(3)]
    adoptions = [_adopt(source, org) for org in takers]
    services.withdraw_adoption(adoption=adoptions[1], by=None)
    services.confirm_adoption(adoption=adoptions[2], by=None, confirm=False, reason="Feil")
    counted = Adoption.objects.counted().filter(source=source).count()
    assert counted == 2
    project_page = client.get(source.get_absolute_url()).text
    assert re.search(r"<strong>\s*2 (organisations|organisasjoner)\s*</strong>", project_page)
    listing = client.get(reverse("projects:list")).text
    assert re.search(r"(Taken into use by|Tatt i bruk av) 2 ", listing)
    overview = client.get(reverse("diffusion:overview")).text
    assert re.search(r"\(Bærum: 2 (organisations|organisasjoner)\)", overview)
    profile = client.get(source.owner.get_absolute_url()).text
    assert re.search(r"\(2 (organisations|organisasjoner)\)", profile)
    adopted = client.get(reverse("projects:list") + "?adopted=on").text
    assert source.title in adopted


def test_most_adopted_sort(client, source, other_organisation, organisation):
    quiet = make_project(owner=organisation, title="Et stille prosjekt", state=Project.State.PUBLISHED)
    _adopt(source, other_organisation)
    listing = client.get(reverse("projects:list") + "?sort=adopted").text
    assert listing.index(source.title) < listing.index(quiet.title)
    filtered = client.get(reverse("projects:list") + "?adopted=on").text
    assert quiet.title not in filtered


def test_project_page_shows_curve_lineage_and_origin(client, source, other_organisation, taker_editor):
    copy = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    project_services.update_project(project=copy, by=taker_editor, **complete_fields())
    project_services.publish_project(project=copy, by=taker_editor)
    services.confirm_adoption(adoption=Adoption.objects.get(), by=None, confirm=True)
    page = client.get(source.get_absolute_url()).text
    assert "<svg" in page and 'aria-labelledby="curve-title curve-desc"' in page
    assert 'id="lineage-heading"' in page and copy.get_absolute_url() in page
    copy_page = client.get(copy.get_absolute_url()).text
    assert source.get_absolute_url() in copy_page and 'aria-current="page"' in copy_page


def test_draft_copies_are_not_shown_to_outsiders_in_the_lineage(client, source, other_organisation, taker_editor):
    copy = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    page = client.get(source.get_absolute_url()).text
    assert copy.get_absolute_url() not in page


def test_archiving_keeps_the_adopters_record(source, other_organisation, editor):
    adoption = _adopt(source, other_organisation)
    project_services.archive_project(project=source, by=editor)
    adoption.refresh_from_db()
    assert adoption.is_counted
    assert Adoption.objects.counted().of_listed_sources().count() == 1


@pytest.mark.parametrize("adopters", [3, 30])
def test_project_page_queries_do_not_grow_with_adopters(client, source, adopters, django_assert_max_num_queries):
    county = make_county()
    for n in range(adopters):
        _adopt(source, make_organisation(name=f"Kommune {n}", county=county), day=datetime.date(2020, 1, 1 + n % 28))
    with django_assert_max_num_queries(60):
        response = client.get(source.get_absolute_url())
    assert response.status_code == 200


def test_overview_queries_do_not_grow_with_organisations(client, organisation, django_assert_max_num_queries):
    county = make_county()
    sources = [make_project(owner=organisation, title=f"Prosjekt {n}", state=Project.State.PUBLISHED) for n in range(3)]
    for n in range(40):
        taker = make_organisation(name=f"Kommune {n}", county=county)
        _adopt(sources[n % 3], taker, confirmed=n % 2 == 0)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("diffusion:overview"))
    assert response.status_code == 200
    filtered = client.get(reverse("diffusion:overview") + f"?county={county.pk}")
    assert filtered.status_code == 200 and "Kommune 1" in filtered.text


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_project_page_and_overview_take_as_many_queries_with_3_as_with_30_adopters(client, source, organisation):
    county = make_county()
    takers = [make_organisation(name=f"Kommune {n}", county=county) for n in range(30)]
    other = make_project(owner=organisation, title="Et annet prosjekt", state=Project.State.PUBLISHED)
    for n, taker in enumerate(takers[:3]):
        _adopt(source, taker, day=datetime.date(2020, 1, 1 + n))
        _adopt(other, taker, confirmed=False)
    few = _queries(client, source.get_absolute_url()), _queries(client, reverse("diffusion:overview"))
    for n, taker in enumerate(takers[3:], start=3):
        _adopt(source, taker, day=datetime.date(2020, 2, 1 + n % 28))
        _adopt(other, taker, confirmed=n % 2 == 0)
    many = _queries(client, source.get_absolute_url()), _queries(client, reverse("diffusion:overview"))
    assert many == few


def test_svg_coordinates_are_not_localised(client, source, other_organisation):
    _adopt(source, other_organisation)
    page = client.get(source.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nb").text
    assert re.search(r'<circle cx="\d+(\.\d+)?" cy="\d+(\.\d+)?"', page)


def test_draft_editor_is_recommended_core_adaptation_and_cost(client, editor, organisation):
    project = make_project(owner=organisation, title="Uten kjerne")
    client.force_login(editor)
    form = client.get(reverse("projects:edit", kwargs={"slug": project.slug})).text
    assert 'id="recommended"' in form
    project_services.update_project(
        project=project, by=editor, core="<p>Kjernen</p>", adaptation="<p>Tilpass</p>", needs_cost="Lite"
    )
    form = client.get(reverse("projects:edit", kwargs={"slug": project.slug})).text
    assert 'id="recommended"' not in form


def test_admin_lists_and_opens_adoptions(admin_client, source, other_organisation):
    adoption = _adopt(source, other_organisation)
    assert admin_client.get("/admin/diffusion/adoption/").status_code == 200
    assert admin_client.get(f"/admin/diffusion/adoption/{adoption.pk}/change/").status_code == 200


def test_most_adopted_sort_works_with_a_search(client, source, other_organisation):
    _adopt(source, other_organisation)
    response = client.get(reverse("projects:list"), {"q": "trygghetsalarm", "sort": "adopted", "adopted": "on"})
    assert response.status_code == 200
    assert source.title in response.text


def test_lineage_of_three_generations_is_a_nested_list(client, source, other_organisation, taker_editor, county):
    child = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    project_services.update_project(project=child, by=taker_editor, **complete_fields())
    project_services.publish_project(project=child, by=taker_editor)
    third = make_organisation(name="Ringerike", county=county)
    third_editor = make_user()
    make_membership(user=third_editor, organisation=third, role=Membership.Role.EDITOR)
    grandchild = services.copy_project(source=child, into=third, by=third_editor)
    project_services.update_project(project=grandchild, by=third_editor, **complete_fields())
    project_services.publish_project(project=grandchild, by=third_editor)
    page = client.get(grandchild.get_absolute_url()).text
    lineage = page[page.index('class="lineage"') :]
    lineage = lineage[: lineage.index("</nav>")]
    assert lineage.count("<ul>") == 3  # source › copy › copy of the copy
    assert lineage.index(source.get_absolute_url()) < lineage.index(child.get_absolute_url())
    assert 'aria-current="page"' in lineage


def test_organisation_profile_shows_both_directions(client, source, other_organisation, organisation):
    _adopt(source, other_organisation)
    giver = client.get(organisation.get_absolute_url()).text
    assert "Asker" in giver and source.title in giver
    taker = client.get(other_organisation.get_absolute_url()).text
    assert source.title in taker and "Bærum" in taker
    assert re.search(r"(innovators|innovatører|early adopters|tidlige brukere|majority|majoritet)", taker)
