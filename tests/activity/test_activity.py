"""The activity log: every service writes one record in its transaction; consumers run after the commit."""

import pytest

from activity import services as activity_services
from activity.models import Activity
from municipalities import services as membership_services
from municipalities.models import Membership
from projects import services
from projects.models import Project

from ..projects.conftest import make_project

Verb = Activity.Verb


def verbs(obj):
    return list(Activity.objects.about(obj).values_list("verb", flat=True))


def test_each_project_service_logs_one_record_with_who_and_on_behalf_of_whom(organisation, editor):
    project = make_project(owner=organisation, by=editor)
    services.update_project(project=project, by=editor, summary="Ny")
    assert verbs(project) == [Verb.PROJECT_EDITED, Verb.PROJECT_CREATED]
    latest = Activity.objects.about(project).first()
    assert latest.user == editor
    assert latest.organisation == organisation
    assert latest.data["changed"] == ["summary"]
    assert latest.subject == project


def test_publishing_archiving_and_restoring_are_logged(organisation, editor):
    project = make_project(owner=organisation, by=editor, state=Project.State.ARCHIVED)
    services.restore_project(project=project, by=editor)
    assert verbs(project)[:3] == [Verb.PROJECT_UNARCHIVED, Verb.PROJECT_ARCHIVED, Verb.PROJECT_PUBLISHED]


def test_a_new_phase_of_a_published_project_is_news(organisation, editor):
    project = make_project(owner=organisation, by=editor, state=Project.State.PUBLISHED)
    services.update_project(project=project, by=editor, phase=Project.Phase.SPREADING)
    assert Verb.PROJECT_PHASE_CHANGED in verbs(project)
    draft = make_project(owner=organisation, by=editor, title="Utkast")
    services.update_project(project=draft, by=editor, phase=Project.Phase.SPREADING)
    assert Verb.PROJECT_PHASE_CHANGED not in verbs(draft)  # nobody else can see a draft


def test_a_failed_write_leaves_no_record(organisation, editor):
    project = make_project(owner=organisation, by=editor)
    before = Activity.objects.count()
    with pytest.raises(services.EditConflict):
        services.update_project(project=project, by=editor, expected_version=99, summary="x")
    assert Activity.objects.count() == before


def test_membership_decisions_are_logged_in_the_organisations_log(organisation, org_admin, outsider):
    membership = membership_services.request_membership(user=outsider, organisation=organisation)
    membership_services.decide_membership(membership=membership, approve=True, by=org_admin, role="editor")
    log = list(Activity.objects.of_organisation(organisation).values_list("verb", "user"))
    assert log[:2] == [(Verb.MEMBERSHIP_APPROVED, org_admin.pk), (Verb.MEMBERSHIP_REQUESTED, outsider.pk)]


def test_consumers_run_after_the_commit_and_one_failure_does_not_stop_the_others(
    settings, organisation, editor, django_capture_on_commit_callbacks
):
    seen = []
    settings.ACTIVITY_CONSUMERS = ["tests.activity.test_activity.broken", "tests.activity.test_activity.recorder"]
    recorder.seen = seen
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_project(owner=organisation, by=editor)
    assert seen == []  # nothing is announced before the commit
    for callback in callbacks:
        callback()
    assert seen == [Verb.PROJECT_CREATED]


def broken(activity):
    raise RuntimeError("consumer down")


def recorder(activity):
    recorder.seen.append(activity.verb)


def test_a_rolled_back_transaction_announces_nothing(organisation, editor, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        try:
            with transaction.atomic():
                activity_services.log_action(verb=Verb.PROJECT_EDITED, by=editor, organisation=organisation)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []


def test_project_page_shows_public_activity_to_everyone_and_edits_to_editors(client, organisation, editor, outsider):
    project = make_project(owner=organisation, by=editor, state=Project.State.PUBLISHED)
    services.update_project(project=project, by=editor, summary="Endret sammendrag")
    client.force_login(outsider)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Siste aktivitet" in page and "Publiserte prosjektet" in page
    assert "Redigerte prosjektet" not in page
    client.force_login(editor)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Redigerte prosjektet" in page


def test_organisation_log_lists_what_happened(client, organisation, org_admin, editor):
    make_project(owner=organisation, by=editor, title="Et prosjekt i loggen")
    client.force_login(org_admin)
    response = client.get(organisation.activity_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Opprettet prosjektet" in page and "Et prosjekt i loggen" in page


def test_removing_a_member_is_logged_before_the_row_goes(organisation, org_admin, member):
    membership = Membership.objects.get(user=member, organisation=organisation)
    membership_services.remove_membership(membership=membership, by=org_admin)
    assert Activity.objects.of_organisation(organisation).first().verb == Verb.MEMBERSHIP_REMOVED
