"""Who is told, in the portal and by mail (through the outbox), after the commit."""

import pytest

from diffusion import services
from notifications import models as notification_models
from notifications.models import Notification
from projects import services as project_services


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """Everyone here has chosen «immediately» (the default is a weekly digest, tested in tests/notifications)."""
    monkeypatch.setattr(notification_models, "DEFAULT_FREQUENCY", notification_models.Frequency.IMMEDIATELY)


def test_source_editors_are_told_of_a_copy(
    source,
    other_organisation,
    taker_editor,
    editor,
    org_admin,
    co_owner_editor,
    member,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.copy_project(source=source, into=other_organisation, by=taker_editor)
    told = set(Notification.objects.filter(kind="adoption.declared").values_list("recipient__email", flat=True))
    assert told == {editor.email, org_admin.email, co_owner_editor.email}  # not plain members, not the actor
    assert {message.to[0] for message in mailoutbox} == told
    assert "Asker" in mailoutbox[0].subject


def test_adopter_is_told_of_confirmation(
    source, other_organisation, taker_member, taker_editor, editor, mailoutbox, django_capture_on_commit_callbacks
):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_adoption(adoption=adoption, by=editor, confirm=True)
    told = set(Notification.objects.filter(kind="adoption.confirmed").values_list("recipient__email", flat=True))
    assert told == {taker_member.email, taker_editor.email}
    assert {message.to[0] for message in mailoutbox} >= told


def test_adopters_are_told_when_the_source_is_archived(
    source, other_organisation, taker_member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.archive_project(project=source, by=editor)
    told = list(Notification.objects.filter(kind="adoption.source_archived").values_list("recipient__email", flat=True))
    assert told == [taker_member.email]
    assert any(taker_member.email in message.to for message in mailoutbox)
    adoption.refresh_from_db()
    assert adoption.is_counted
