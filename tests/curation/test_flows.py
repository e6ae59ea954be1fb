"""Curators feature projects for a period, build collections in order, record awards and send projects back."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activity.models import Activity
from curation import services
from curation.models import Collection, Feature
from curation.moderation import projects_to_review, stale_requests
from municipalities.models import Membership
from notifications.models import Notification
from projects.models import Project, ProjectVersion

from ..factories import make_membership
from .conftest import make_project


def _feature_form(note="", starts_on="", ends_on=""):
    return {"feature-note": note, "feature-starts_on": starts_on, "feature-ends_on": ends_on}


def test_curator_features_a_project_for_a_period(client, curator, published):
    client.force_login(curator)
    today = timezone.localdate()
    start, end = today + datetime.timedelta(days=3), today + datetime.timedelta(days=10)
    response = client.post(
        f"/kurator/prosjekter/{published.slug}/fremhev/",
        _feature_form("Se på dette", start.isoformat(), end.isoformat()),
    )
    assert response.status_code == 302
    feature = Feature.objects.get(project=published)
    assert (feature.note, feature.starts_on, feature.ends_on) == ("Se på dette", start, end)
    assert "Se på dette" not in client.get("/").content.decode()  # not yet
    assert list(Feature.objects.current(today=start)) == [feature]
    assert list(Feature.objects.current(today=end + datetime.timedelta(days=1))) == []
    assert Activity.objects.about(published).filter(verb=Activity.Verb.PROJECT_FEATURED).exists()


def test_a_current_feature_is_on_the_front_page_with_its_note(client, curator, published):
    client.force_login(curator)
    client.post(f"/kurator/prosjekter/{published.slug}/fremhev/", _feature_form("Et forbilde for andre"))
    client.logout()
    content = client.get("/").content.decode()
    assert "Et forbilde for andre" in content


def test_a_period_that_ends_before_it_starts_is_refused_at_the_field(client, curator, published):
    client.force_login(curator)
    response = client.post(
        f"/kurator/prosjekter/{published.slug}/fremhev/", _feature_form("", "2030-05-10", "2030-05-01")
    )
    assert response.status_code == 400
    assert "ends_on" in response.context["feature_form"].errors
    assert not Feature.objects.exists()


def test_drafts_cannot_be_featured(curator, draft):
    with pytest.raises(ValidationError):
        services.feature_project(project=draft, by=curator)


def test_featured_projects_keep_the_curators_order(client, curator, organisation):
    first, second, third = (
        make_project(owner=organisation, title=f"Prosjekt {n}", state=Project.State.PUBLISHED) for n in (1, 2, 3)
    )
    for project in (first, second, third):
        services.feature_project(project=project, by=curator)
    client.force_login(curator)
    third_feature = Feature.objects.get(project=third)
    client.post(f"/kurator/forside/{third_feature.pk}/flytt/", {"direction": "up"})
    client.post(f"/kurator/forside/{third_feature.pk}/flytt/", {"direction": "up"})
    assert [f.project for f in Feature.objects.order_by("position", "pk")] == [third, first, second]
    client.post(f"/kurator/forside/{third_feature.pk}/flytt/", {"direction": "up"})  # already first: nothing
    content = client.get("/").content.decode()
    assert content.index("Prosjekt 3") < content.index("Prosjekt 1") < content.index("Prosjekt 2")


def test_collection_lists_its_projects_in_order_with_notes(client, curator, organisation):
    projects = [make_project(owner=organisation, title=f"Samlet {n}", state=Project.State.PUBLISHED) for n in (1, 2)]
    client.force_login(curator)
    response = client.post("/kurator/samlinger/", {"title": "Velferdsteknologi som virker", "introduction": "Utvalgt."})
    collection = Collection.objects.get()
    assert response["Location"] == f"/kurator/samlinger/{collection.pk}/"
    for project, note in zip(projects, ("Første notat", "Andre notat"), strict=True):
        response = client.post(
            f"/kurator/prosjekter/{project.slug}/samlinger/",
            {"collection-collection": collection.pk, "collection-note": note},
        )
        assert response.status_code == 302
    second = collection.items.get(project=projects[1])
    client.post(f"/kurator/samlinger/{collection.pk}/prosjekter/{second.pk}/", {"action": "up"})
    assert client.get(collection.get_absolute_url()).status_code == 200  # curators see drafts
    client.post(f"/kurator/samlinger/{collection.pk}/publiser/", {"publish": "1"})
    client.logout()
    content = client.get("/samlinger/velferdsteknologi-som-virker/").content.decode()
    assert content.index("Samlet 2") < content.index("Samlet 1")
    assert "Andre notat" in content and "Første notat" in content
    assert "Velferdsteknologi som virker" in client.get("/samlinger/").content.decode()
    assert "Velferdsteknologi som virker" in client.get("/").content.decode()
    assert (
        'href="/samlinger/velferdsteknologi-som-virker/"' in client.get(projects[0].get_absolute_url()).content.decode()
    )


def test_an_empty_collection_cannot_be_published(curator):
    collection = services.create_collection(by=curator, title="Tom")
    with pytest.raises(ValidationError):
        services.publish_collection(collection=collection, by=curator)


def test_unpublished_collections_are_hidden_from_others(client, curator, member):
    collection = services.create_collection(by=curator, title="Hemmelig samling")
    client.force_login(member)
    assert client.get(collection.get_absolute_url()).status_code == 404
    assert "Hemmelig samling" not in client.get("/samlinger/").content.decode()


def test_drafts_in_a_collection_are_not_shown_to_the_public(client, curator, published):
    collection = services.create_collection(by=curator, title="Samling")
    services.add_to_collection(collection=collection, project=published, by=curator)
    services.publish_collection(collection=collection, by=curator)
    services.send_back(project=published, by=curator, reason="Mangler kontaktperson.")
    assert published.title not in client.get(collection.get_absolute_url()).content.decode()


def test_award_shows_as_a_badge_and_filters_the_list(client, curator, organisation, published):
    other = make_project(owner=organisation, title="Uten pris", state=Project.State.PUBLISHED)
    client.force_login(curator)
    response = client.post(
        f"/kurator/prosjekter/{published.slug}/priser/",
        {"award-name": "Kommunenes  innovasjonspris", "award-year": "2024", "award-url": ""},
    )
    assert response.status_code == 302
    award = published.awards.get()
    assert (award.name, award.year) == ("Kommunenes innovasjonspris", 2024)
    client.logout()
    assert "Kommunenes innovasjonspris 2024" in client.get(published.get_absolute_url()).content.decode()
    listed = client.get("/prosjekter/?award=on")
    titles = [project.title for project in listed.context["page"].object_list]
    assert titles == [published.title]
    assert "Kommunenes innovasjonspris 2024" in listed.content.decode()
    assert other.title in [p.title for p in client.get("/prosjekter/").context["page"].object_list]


def test_the_same_award_twice_is_refused_at_the_field(client, curator, published):
    services.give_award(project=published, by=curator, name="CopyCat-prisen", year=2023)
    client.force_login(curator)
    response = client.post(
        f"/kurator/prosjekter/{published.slug}/priser/",
        {"award-name": "CopyCat-prisen", "award-year": "2023", "award-url": ""},
    )
    assert response.status_code == 400
    assert "name" in response.context["award_form"].errors


def test_removing_an_award_is_logged(curator, published):
    award = services.give_award(project=published, by=curator, name="CopyCat-prisen", year=2023)
    services.remove_award(award=award, by=curator)
    assert not published.awards.exists()
    verbs = list(Activity.objects.about(published).values_list("verb", flat=True)[:2])
    assert verbs == [Activity.Verb.AWARD_REMOVED, Activity.Verb.AWARD_GIVEN]


def test_curator_sends_a_project_back_with_a_reason_mailed_to_its_editors(
    client, curator, editor, org_admin, member, published, mailoutbox, django_capture_on_commit_callbacks
):
    services.feature_project(project=published, by=curator)
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/kurator/prosjekter/{published.slug}/send-tilbake/",
            {"send_back-reason": "Beskriv gevinstene & legg til en kontaktperson."},
        )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.is_draft
    assert published.published_at is None
    assert not Feature.objects.exists()  # off the front page
    version = published.versions.order_by("-number").first()
    assert version.action == ProjectVersion.Action.SENT_BACK
    assert version.note == "Beskriv gevinstene & legg til en kontaktperson."
    activity = Activity.objects.about(published).filter(verb=Activity.Verb.PROJECT_SENT_BACK).get()
    assert activity.data["note"] == version.note
    assert sorted(address for mail in mailoutbox for address in mail.to) == sorted([editor.email, org_admin.email])
    notices = Notification.objects.filter(kind=Activity.Verb.PROJECT_SENT_BACK)
    assert sorted(n.recipient_id for n in notices) == sorted([editor.pk, org_admin.pk])
    assert notices[0].url == published.get_absolute_url()
    assert "Beskriv gevinstene & legg til en kontaktperson." in mailoutbox[0].body
    assert published.title in mailoutbox[0].subject
    client.force_login(editor)
    history = client.get(f"/prosjekter/{published.slug}/historikk/").content.decode()
    assert "Beskriv gevinstene &amp; legg til en kontaktperson." in history


def test_sending_back_needs_a_reason(client, curator, published):
    client.force_login(curator)
    response = client.post(f"/kurator/prosjekter/{published.slug}/send-tilbake/", {"send_back-reason": "  "})
    assert response.status_code == 400
    assert "reason" in response.context["send_back_form"].errors
    published.refresh_from_db()
    assert published.is_published


def test_only_published_projects_can_be_sent_back(curator, draft):
    with pytest.raises(ValidationError):
        services.send_back(project=draft, by=curator, reason="Nei")


def test_newly_published_projects_wait_for_review_until_marked(client, curator, published):
    assert list(projects_to_review()) == [published]
    client.force_login(curator)
    assert published.title in client.get("/kurator/").content.decode()
    response = client.post(f"/kurator/prosjekter/{published.slug}/gjennomgatt/", {"next": "queue"})
    assert response["Location"] == "/kurator/"
    assert list(projects_to_review()) == []


def test_a_project_published_again_after_being_sent_back_is_reviewed_again(curator, editor, published):
    from projects import services as project_services

    services.mark_reviewed(project=published, by=curator)
    services.send_back(project=published, by=curator, reason="Mangler noe.")
    project_services.publish_project(project=published, by=editor)
    assert list(projects_to_review()) == [published]


def test_requests_waiting_more_than_a_week_are_in_the_queue(client, curator, organisation, org_admin):
    old = make_membership(organisation=organisation, status=Membership.Status.PENDING)
    Membership.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    make_membership(organisation=organisation, status=Membership.Status.PENDING)  # new: the admin has time
    assert [m.pk for m in stale_requests()] == [old.pk]
    client.force_login(curator)
    assert old.user.email in client.get("/kurator/").content.decode()


def test_other_apps_add_sections_to_the_queue_through_a_setting(client, curator, settings):
    """The hook for the conversation app's reported comments: a partial listed in CURATION_QUEUE_SECTIONS."""
    client.force_login(curator)
    assert "demo-notice" not in client.get("/kurator/").content.decode()
    settings.CURATION_QUEUE_SECTIONS = ["includes/_demo_notice.html"]
    assert "demo-notice" in client.get("/kurator/").content.decode()


def test_editors_are_told_when_their_project_is_featured_or_awarded(
    curator, editor, member, published, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.feature_project(project=published, by=curator, note="Først")
    with django_capture_on_commit_callbacks(execute=True):
        services.feature_project(project=published, by=curator, note="Ny merknad")  # a change: no second notice
    with django_capture_on_commit_callbacks(execute=True):
        services.give_award(project=published, by=curator, name="CopyCat-prisen", year=2024)
    notices = Notification.objects.filter(recipient=editor).order_by("pk")
    assert [n.kind for n in notices] == [Activity.Verb.PROJECT_FEATURED, Activity.Verb.AWARD_GIVEN]
    assert "CopyCat-prisen 2024" in notices[1].text
    assert not Notification.objects.filter(recipient=member).exists()
    assert [mail.to for mail in mailoutbox] == [[editor.email], [editor.email]]
