"""The open day pages: the list and its filters, the project page, sign-up through the form, the host's
participant list and CSV, messaging, the calendar files and the feeds."""

import csv
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from municipalities.models import County
from opendays import services
from opendays.models import DigitalVisit, OpenDay

from ..factories import make_county, make_organisation
from ..projects.conftest import make_project, term
from ..projects.test_uploads import PDF, PNG
from .conftest import make_open_day, make_visitor


def test_the_project_page_offers_the_open_day_before_the_contact_details(client, project, open_day):
    html = client.get(project.get_absolute_url()).content.decode()
    assert open_day.title in html
    assert "Kontakt" in html
    assert html.index(open_day.title) < html.index("Kontakt")
    assert "3 plasser ledige" in html


def test_the_project_page_shows_past_open_days_as_past(client, project, editor):
    past = make_open_day(project=project, by=editor, title="En gammel visningsdag")
    OpenDay.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10, hours=-2),
        sign_up_deadline=timezone.now() - timedelta(days=12),
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Tidligere visningsdager" in html and "avholdt" in html
    detail = client.get(past.get_absolute_url()).content.decode()
    assert "Denne visningsdagen er over." in detail
    assert "Meld deg på" not in detail.split('id="sign-up-heading"')[1].split("</h2>")[1]


def test_the_list_shows_upcoming_open_days_on_published_projects_only(client, project, draft, editor):
    shown = make_open_day(project=project, by=editor, title="Synlig visningsdag")
    make_open_day(project=draft, by=editor, title="Utkastets visningsdag")
    cancelled = make_open_day(project=project, by=editor, title="Avlyst visningsdag")
    services.cancel_open_day(open_day=cancelled, by=editor, reason="")
    html = client.get("/visningsdager/").content.decode()
    assert shown.title in html
    assert "Utkastets visningsdag" not in html and "Avlyst visningsdag" not in html


def test_the_list_filters_by_kind_county_and_service_area(client, project, editor):
    digital = make_open_day(
        project=project,
        by=editor,
        title="Digital visning",
        kind="digital",
        place="",
        video_link="https://meet.example.org/abc",
    )
    north = make_organisation(name="Tromsø", county=make_county(name="Troms", number="55"))
    other = make_project(
        owner=north, title="Et annet prosjekt", state="published", service_areas=[term(slug="oppvekst")]
    )
    physical_north = make_open_day(project=other, title="Fysisk visning i nord")

    def titles(query):
        page = client.get(f"/visningsdager/?{query}").context["page"]
        return {open_day.title for open_day in page.object_list}

    assert titles("kind=digital") == {digital.title}
    assert titles("county=55") == {physical_north.title}
    assert titles("service_area=oppvekst") == {physical_north.title}
    assert titles("service_area=helse-og-omsorg&kind=digital") == {digital.title}
    assert client.get("/visningsdager/?county=nope").status_code == 200  # a bad value is a form error, not a 500


def test_the_list_makes_the_same_number_of_queries_for_many_open_days(
    client, project, editor, django_assert_max_num_queries
):
    for n in range(3):
        make_open_day(project=project, by=editor, title=f"Visning {n}")
    with django_assert_max_num_queries(12) as few:
        client.get("/visningsdager/")
    for n in range(15):
        make_open_day(project=project, by=editor, title=f"Flere {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/visningsdager/")


def test_signing_up_through_the_form_and_cancelling(client, open_day, visitor, other_organisation, committed):
    client.force_login(visitor)
    page = client.get(f"/visningsdager/{open_day.pk}/meld-pa/")
    assert page.status_code == 200 and "Asker" in page.content.decode()
    with committed():
        response = client.post(
            f"/visningsdager/{open_day.pk}/meld-pa/", {"organisation": other_organisation.pk, "note": "Vi er to"}
        )
    assert response.status_code == 302
    assert open_day.sign_ups.get().note == "Vi er to"
    detail = client.get(open_day.get_absolute_url()).content.decode()
    assert "Du er påmeldt for Asker" in detail and "2 av 3 ledige" in detail
    again = client.post(f"/visningsdager/{open_day.pk}/meld-pa/", {"organisation": other_organisation.pk}, follow=True)
    assert "Du er allerede påmeldt." in again.content.decode()
    client.post(f"/visningsdager/{open_day.pk}/meld-av/")
    assert not open_day.sign_ups.exists()


def test_a_full_open_day_tells_the_second_visitor(client, open_day, other_organisation):
    open_day.capacity = 1
    open_day.save()
    services.sign_up(
        open_day=open_day, user=make_visitor(other_organisation, "first@example.org"), organisation=other_organisation
    )
    late = make_visitor(other_organisation, "late@example.org")
    client.force_login(late)
    response = client.post(
        f"/visningsdager/{open_day.pk}/meld-pa/", {"organisation": other_organisation.pk}, follow=True
    )
    assert "den siste plassen ble nettopp tatt" in response.content.decode()
    assert open_day.sign_ups.count() == 1


def test_a_member_of_the_host_is_told_why_they_cannot_sign_up(client, open_day, member):
    client.force_login(member)
    response = client.get(f"/visningsdager/{open_day.pk}/meld-pa/")
    assert response.status_code == 403
    assert "andre organisasjoner enn vertskapet" in response.content.decode()


def test_the_video_link_is_only_for_participants_and_hosts(client, project, editor, visitor, other_organisation):
    digital = make_open_day(
        project=project, by=editor, kind="digital", place="", video_link="https://meet.example.org/hemmelig"
    )
    assert "hemmelig" not in client.get(digital.get_absolute_url()).content.decode()
    services.sign_up(open_day=digital, user=visitor, organisation=other_organisation)
    client.force_login(visitor)
    assert "hemmelig" in client.get(digital.get_absolute_url()).content.decode()


def test_publishing_and_editing_through_the_form(client, project, editor):
    client.force_login(editor)
    start = timezone.localtime() + timedelta(days=20)
    data = {
        "title": "Åpen dag",
        "kind": "physical",
        "place": "Rådhuset",
        "video_link": "",
        "capacity": "10",
        "starts_at": start.strftime("%Y-%m-%dT10:00"),
        "ends_at": start.strftime("%Y-%m-%dT12:00"),
        "sign_up_deadline": (start - timedelta(days=3)).strftime("%Y-%m-%dT12:00"),
        "description": "",
    }
    response = client.post(f"{project.get_absolute_url()}visningsdager/ny/", data)
    open_day = OpenDay.objects.get(title="Åpen dag")
    assert response.status_code == 302 and open_day.created_by == editor
    assert timezone.localtime(open_day.starts_at).hour == 10  # entered in Norwegian time
    bad = client.post(f"/visningsdager/{open_day.pk}/rediger/", {**data, "ends_at": data["starts_at"]})
    assert bad.status_code == 200 and "Slutten må være etter starten." in bad.content.decode()
    client.post(f"/visningsdager/{open_day.pk}/rediger/", {**data, "place": "Biblioteket"})
    open_day.refresh_from_db()
    assert open_day.place == "Biblioteket" and open_day.sequence == 1
    history = client.get(open_day.get_absolute_url()).content.decode()
    assert "Rådhuset" in history and "Biblioteket" in history


def test_participants_list_and_csv(client, open_day, editor, other_organisation):
    services.sign_up(
        open_day=open_day,
        user=make_visitor(other_organisation, "csv@example.org"),
        organisation=other_organisation,
        note='=HYPERLINK("x")',
    )
    client.force_login(editor)
    assert "csv@example.org" in client.get(f"/visningsdager/{open_day.pk}/deltakere/").content.decode()
    response = client.get(f"/visningsdager/{open_day.pk}/deltakere.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Navn", "E-post", "Organisasjon"]
    assert rows[1][1:3] == ["csv@example.org", "Asker"]
    assert rows[1][3].startswith("'=")  # not run as a formula by a spreadsheet


def test_messaging_the_participants(client, open_day, editor, other_organisation, mailoutbox, committed):
    services.sign_up(
        open_day=open_day, user=make_visitor(other_organisation, "msg@example.org"), organisation=other_organisation
    )
    client.force_login(editor)
    with committed():
        response = client.post(f"/visningsdager/{open_day.pk}/melding/", {"subject": "Husk ID", "body": "Ta med ID."})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox if "Husk ID" in m.subject] == [["msg@example.org"]]
    empty = client.post(f"/visningsdager/{open_day.pk}/melding/", {"subject": "", "body": ""})
    assert empty.status_code == 200 and "ds-error-summary" in empty.content.decode()


def test_messaging_is_rate_limited(client, open_day, editor):
    client.force_login(editor)
    statuses = [
        client.post(f"/visningsdager/{open_day.pk}/melding/", {"subject": "S", "body": "B"}).status_code
        for _ in range(11)
    ]
    assert statuses[-1] == 429 and statuses[0] == 302


def test_cancelling_through_the_page(client, open_day, editor):
    client.force_login(editor)
    assert client.get(f"/visningsdager/{open_day.pk}/avlys/").status_code == 200
    client.post(f"/visningsdager/{open_day.pk}/avlys/", {"reason": "Storm"})
    open_day.refresh_from_db()
    assert open_day.is_cancelled and open_day.cancel_reason == "Storm"
    assert "Denne visningsdagen er avlyst." in client.get(open_day.get_absolute_url()).content.decode()


def test_the_atom_feed_lists_upcoming_open_days(client, open_day):
    response = client.get("/visningsdager/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert open_day.title in response.content.decode()


def test_the_digital_visit(client, project, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get(f"{project.get_absolute_url()}digitalt-besok/").status_code == 404
    client.force_login(editor)
    url = f"{project.get_absolute_url()}digitalt-besok/rediger/"
    data = {
        "introduction": "Slik fungerer det.",
        "recording_url": "https://video.example.org/1",
        "slides_url": "",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "30",
        "questions-0-question": "Hva kostet det?",
        "questions-0-answer": "200 000 kroner.",
        "questions-1-question": "",
        "questions-1-answer": "",
    }
    wrong = client.post(url, {**data, "slides_file": SimpleUploadedFile("bilde.png", PNG)})
    assert wrong.status_code == 200 and "Last opp lysarkene som PDF" in wrong.content.decode()
    response = client.post(url, {**data, "slides_file": SimpleUploadedFile("lysark.pdf", PDF)})
    assert response.status_code == 302
    visit = DigitalVisit.objects.get(project=project)
    assert [q.question for q in visit.questions.all()] == ["Hva kostet det?"]
    client.logout()
    page = client.get(f"{project.get_absolute_url()}digitalt-besok/").content.decode()
    assert "Hva kostet det?" in page and "video.example.org" in page
    slides = client.get(f"{project.get_absolute_url()}digitalt-besok/lysbilder/")
    assert slides.status_code == 200 and slides["Content-Type"] == "application/pdf"
    assert "Ta det digitale besøket" in client.get(project.get_absolute_url()).content.decode()


def test_counties_are_offered_by_number(client, db):
    County.objects.get_or_create(number="03", defaults={"name": "Oslo"})
    assert 'value="03"' in client.get("/visningsdager/").content.decode()
