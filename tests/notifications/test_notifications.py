import pytest
from django.urls import reverse

from notifications.models import Frequency, Kind, Notification
from notifications.services import mark_read, notify, set_preferences
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_notify_tells_each_recipient_once_but_not_the_actor(member, editor, outsider, mailoutbox):
    for user in (member, editor):  # mail at once (the default is a weekly digest: tests/notifications/test_digests.py)
        set_preferences(user=user, choices={Kind.ADOPTIONS: Frequency.IMMEDIATELY})
    created = notify(
        recipients=[member, editor, member, outsider],
        kind="adoption.declared",
        text="Asker har tatt i bruk «Trygghetsalarm»",
        url="/prosjekter/trygghetsalarm/",
        actor=outsider,
    )
    assert sorted(n.recipient.email for n in created) == ["editor@example.org", "member@example.org"]
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["editor@example.org", "member@example.org"]
    mail = mailoutbox[0]
    assert mail.subject == "[Spre] Asker har tatt i bruk «Trygghetsalarm»"
    assert "http://testserver/prosjekter/trygghetsalarm/" in mail.body or "/prosjekter/trygghetsalarm/" in mail.body
    assert "/varsler/" in mail.body


def test_notify_without_mail_and_without_recipients(member, mailoutbox):
    notify(recipients=[member], kind="x", text="Hei", url="/", email=False)
    assert notify(recipients=[], kind="x", text="Hei") == []
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 0


def test_inactive_users_are_not_told(member):
    member.is_active = False
    member.save()
    assert notify(recipients=[member], kind="x", text="Hei", email=False) == []


def test_list_shows_only_my_notifications_and_the_unread_count_in_the_header(client, member, editor):
    notify(recipients=[member], kind="x", text="Til medlemmet", url="/", email=False)
    notify(recipients=[editor], kind="x", text="Til redaktøren", url="/", email=False)
    client.force_login(member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Til medlemmet" in page
    assert "Til redaktøren" not in page
    assert 'header-count">1<' in page


def test_mark_all_read_clears_the_count(client, member):
    notify(recipients=[member], kind="x", text="Hei", url="/", email=False)
    client.force_login(member)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "header-count" not in response.content.decode()
    assert Notification.objects.unread().count() == 0


def test_opening_a_notification_marks_it_read_and_goes_there(client, member):
    [notification] = notify(recipients=[member], kind="x", text="Hei", url="/prosjekter/", email=False)
    client.force_login(member)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/prosjekter/"
    notification.refresh_from_db()
    assert not notification.is_unread


def test_a_notification_never_sends_anyone_off_site(client, member):
    [notification] = notify(recipients=[member], kind="x", text="Hei", url="https://evil.example/", email=False)
    client.force_login(member)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_read_touches_only_the_users_own(member, editor):
    notify(recipients=[member, editor], kind="x", text="Hei", email=False)
    assert mark_read(user=member) == 1
    assert Notification.objects.unread().get().recipient == editor


def test_the_list_is_paginated_and_its_queries_do_not_grow(client, member, django_assert_max_num_queries):
    actor = make_user(email="actor@example.org", full_name="Aktør")
    for number in range(45):
        notify(recipients=[member], kind="x", text=f"Varsel {number}", url="/", actor=actor, email=False)
    client.force_login(member)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notifications:list")).content.decode()
    assert "Varsel 44" in page and "Varsel 0" not in page
    assert "Varsel 0" in client.get(reverse("notifications:list") + "?page=2").content.decode()
