"""Following projects, organisations, service areas and saved searches, and what followers are told."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activity.models import Activity
from conversation import services as conversation
from notifications.models import Follow, Frequency, Kind, Notification
from notifications.services import follow, send_digests
from projects import services as projects
from projects.models import Project, Term
from tests.factories import make_membership, make_user

from ..projects.conftest import make_project

pytestmark = pytest.mark.django_db


def area(slug="helse-og-omsorg"):
    return Term.objects.get(vocabulary=Term.Vocabulary.SERVICE_AREA, slug=slug)


def test_follow_a_project_with_one_button_and_undo_it_on_my_pages(client, published, outsider):
    client.force_login(outsider)
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'name="target" value="project"' in page and "Følg" in page
    response = client.post("/folg/", {"target": "project", "id": published.pk, "next": published.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == published.get_absolute_url()
    assert Follow.objects.get().project == published
    page = client.get(published.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    dashboard = client.get("/mine-sider/").content.decode()
    assert "Det du følger" in dashboard and published.title in dashboard
    follow_row = Follow.objects.get()
    assert client.post(f"/folg/{follow_row.pk}/slutt/").status_code == 302
    assert not Follow.objects.exists()


def test_pressing_again_stops_following(client, published, outsider):
    client.force_login(outsider)
    client.post("/folg/", {"target": "project", "id": published.pk})
    client.post("/folg/", {"target": "project", "id": published.pk})  # twice: still one
    assert Follow.objects.count() == 1
    client.post("/folg/", {"target": "project", "id": published.pk, "unfollow": "1"})
    assert not Follow.objects.exists()


def test_a_draft_one_may_not_see_cannot_be_followed(client, draft, outsider):
    client.force_login(outsider)
    assert client.post("/folg/", {"target": "project", "id": draft.pk}).status_code == 404
    assert client.post("/folg/", {"target": "nonsense", "id": draft.pk}).status_code == 404
    assert client.post("/folg/", {"target": "project", "id": "abc"}).status_code == 404


def test_follow_an_organisation_from_its_page(client, organisation, outsider):
    client.force_login(outsider)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'name="target" value="organisation"' in page
    client.post("/folg/", {"target": "organisation", "id": organisation.pk})
    assert Follow.objects.get().organisation == organisation


def test_the_list_page_offers_to_follow_a_service_area_or_the_search(client, outsider):
    client.force_login(outsider)
    page = client.get("/prosjekter/?service_area=helse-og-omsorg").content.decode()
    assert 'id="follow-search"' in page and "Følg Helse og omsorg" in page
    page = client.get("/prosjekter/?q=tilsyn&service_area=helse-og-omsorg&page=1").content.decode()
    assert "Følg dette søket" in page and 'form="follow-search"' in page
    client.post("/folg/", {"target": "search", "search": "service_area=helse-og-omsorg&q=tilsyn&page=2&sort=newest"})
    assert Follow.objects.get().search == "q=tilsyn&service_area=helse-og-omsorg"
    assert "Følger dette søket" in client.get("/prosjekter/?q=tilsyn&service_area=helse-og-omsorg").content.decode()


def test_an_empty_search_is_not_followed(client, outsider):
    client.force_login(outsider)
    client.post("/folg/", {"target": "search", "search": "page=2"})
    assert not Follow.objects.exists()


def test_new_project_tells_followers_of_area_organisation_and_matching_search(
    organisation, other_organisation, editor, committed
):
    by_area, by_org, by_search, by_other_search, nobody = (make_user() for _ in range(5))
    follow(user=by_area, target=Follow.Target.SERVICE_AREA, obj=area())
    follow(user=by_org, target=Follow.Target.ORGANISATION, obj=organisation)
    follow(user=by_search, target=Follow.Target.SEARCH, search="service_area=helse-og-omsorg")
    follow(user=by_other_search, target=Follow.Target.SEARCH, search="service_area=oppvekst")
    follow(user=nobody, target=Follow.Target.ORGANISATION, obj=other_organisation)
    with committed():
        make_project(owner=organisation, by=editor, title="Sensorer i hjemmet", state=Project.State.PUBLISHED)
    told = set(Notification.objects.filter(kind=Kind.NEW_PROJECTS).values_list("recipient", flat=True))
    assert told == {by_area.pk, by_org.pk, by_search.pk}
    assert Notification.objects.get(recipient=by_area).text == "Nytt prosjekt fra Bærum: Sensorer i hjemmet"


def test_followers_hear_of_a_new_phase_and_status(published, editor, committed):
    fan = make_user()
    follow(user=fan, target=Follow.Target.PROJECT, obj=published)
    with committed():
        projects.update_project(
            project=published, by=editor, phase=Project.Phase.TRANSITION, status=Project.Status.IN_OPERATION
        )
    texts = sorted(Notification.objects.filter(recipient=fan).values_list("text", flat=True))
    assert len(texts) == 2 and any("ny fase" in text for text in texts) and any("ny status" in text for text in texts)
    assert set(Notification.objects.filter(recipient=fan).values_list("kind", flat=True)) == {Kind.PROJECT_UPDATES}


def test_followers_hear_of_adoptions_without_the_notifications_app_knowing_diffusion(
    published, other_organisation, committed
):
    from activity.services import log_action

    fan = make_user()
    follow(user=fan, target=Follow.Target.PROJECT, obj=published)
    from django.db import transaction

    with committed(), transaction.atomic():
        log_action(verb=Activity.Verb.ADOPTION_DECLARED, organisation=other_organisation, subject=published)
    [notification] = Notification.objects.filter(recipient=fan)
    assert notification.kind == Kind.ADOPTIONS and "Asker har tatt i bruk" in notification.text


def test_membership_decisions_join_the_list(organisation, org_admin, committed):
    from municipalities import services as municipalities

    applicant = make_membership(organisation=organisation, status="pending")
    with committed():
        municipalities.decide_membership(membership=applicant, approve=True, by=org_admin)
    assert Notification.objects.filter(recipient=applicant.user, kind=Kind.MEMBERSHIPS).exists()


def test_editors_contacts_and_followers_hear_of_a_question_the_asker_of_the_answer(
    published, editor, org_admin, member, outsider, committed
):
    contact = make_user(email="kari@example.org")  # the project's contact person has an account
    fan = make_user()
    follow(user=fan, target=Follow.Target.PROJECT, obj=published)
    asker = make_membership(organisation=make_membership().organisation).user
    with committed():
        question = conversation.post_comment(project=published, by=asker, text="Hva kostet det?", is_question=True)
    told = set(Notification.objects.filter(kind=Kind.COMMENTS).values_list("recipient", flat=True))
    assert told == {editor.pk, org_admin.pk, contact.pk, fan.pk}
    assert member.pk not in told and outsider.pk not in told
    with committed():
        reply = conversation.post_comment(project=published, by=editor, text="Lite.", parent=question)
    assert Notification.objects.filter(recipient=asker, kind=Kind.MY_COMMENTS).count() == 1  # the reply
    with committed():
        conversation.mark_answer(reply=reply, by=editor)
    latest = Notification.objects.filter(recipient=asker).first()
    assert latest.text == "Spørsmålet ditt om Trygghetsalarm med sensorer har fått et svar"
    assert latest.url.endswith(f"#kommentar-{reply.pk}")


def test_the_author_hears_why_a_comment_was_hidden(published, curator, committed):
    author = make_membership().user
    comment = conversation.post_comment(project=published, by=author, text="Kjøp billig!")
    with committed():
        conversation.hide_comment(comment=comment, by=curator, reason="Reklame")
    assert Notification.objects.get(recipient=author).text.endswith("Begrunnelse: Reklame")


def test_fan_out_to_many_followers_takes_the_same_number_of_queries(published, editor, committed):
    asker = make_membership().user

    def queries_for_a_question():
        with CaptureQueriesContext(connection) as queries, committed():
            conversation.post_comment(project=published, by=asker, text="Et spørsmål", is_question=True)
        return len(queries)

    queries_for_a_question()  # warm: the first logged action about a project fills caches (content types)
    for _ in range(3):
        follow(user=make_user(), target=Follow.Target.PROJECT, obj=published)
    few = queries_for_a_question()
    for _ in range(60):
        follow(user=make_user(), target=Follow.Target.PROJECT, obj=published)
    many = queries_for_a_question()
    assert many == few
    # the followers (none, 3, then 63) and the project's editor, each time
    assert Notification.objects.filter(kind=Kind.COMMENTS).count() == 1 + (3 + 1) + (63 + 1)


def test_follow_a_service_area_and_get_the_weekly_digest(organisation, editor, mailoutbox, committed):
    reader = make_user()
    follow(user=reader, target=Follow.Target.SERVICE_AREA, obj=area())
    with committed():
        make_project(owner=organisation, by=editor, title="Velferdsteknologi i Bærum", state=Project.State.PUBLISHED)
    assert send_digests(frequency=Frequency.WEEKLY) == 1
    [mail] = [m for m in mailoutbox if m.to == [reader.email]]
    assert "Nytt prosjekt fra Bærum: Velferdsteknologi i Bærum" in mail.body
