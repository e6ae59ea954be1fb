"""Per-kind preferences, digests (daily, weekly; never twice, never empty, safe after a crash) and one-click
unsubscribe."""

import io
import threading
import time
from email import message_from_bytes

import pytest
from django.core.management import call_command
from django.db import connection, connections

from notifications import services
from notifications.models import Frequency, Kind, Notification, Preference
from notifications.services import notify, send_digests, set_preferences
from outbox.models import Message
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def tell(user, text="Noe skjedde", kind=Kind.COMMENTS):
    return notify(recipients=[user], kind=kind, text=text, url="/prosjekter/")


def test_the_default_is_a_weekly_digest(member, mailoutbox):
    [notification] = tell(member)
    assert notification.delivery == Frequency.WEEKLY and notification.emailed_at is None
    assert len(mailoutbox) == 0
    assert send_digests(frequency=Frequency.DAILY) == 0
    assert send_digests(frequency=Frequency.WEEKLY) == 1
    assert len(mailoutbox) == 1


def test_weekly_digest_is_norwegian_grouped_with_text_and_html_and_unsubscribe_headers(member, mailoutbox):
    tell(member, "Kari spurte om tilsyn", Kind.COMMENTS)
    tell(member, "Nytt prosjekt fra Asker: Matglede", Kind.NEW_PROJECTS)
    tell(member, "Ola svarte deg", Kind.MY_COMMENTS)
    call_command("send_notification_digests", "weekly", stdout=io.StringIO())
    [mail] = mailoutbox
    assert mail.to == [member.email]
    assert mail.subject == "[Spre] Denne uka på Spre: 3 nye varsler"
    assert "Spørsmål og kommentarer på prosjekter du følger eller redigerer" in mail.body
    assert mail.body.index("Kari spurte om tilsyn") < mail.body.index("Ola svarte deg") < mail.body.index("Matglede")
    assert "http://127.0.0.1:8000/prosjekter/" in mail.body or "/prosjekter/" in mail.body
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html" and '<a href="' in html and "Nytt prosjekt fra Asker: Matglede" in html
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        mail.extra_headers["List-Unsubscribe"].startswith("<")
        and "/varsler/avmeld/" in mail.extra_headers["List-Unsubscribe"]
    )
    raw = message_from_bytes(mail.message().as_bytes())
    assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_digest_is_never_sent_twice_nor_empty(member, editor, mailoutbox):
    tell(member)
    assert send_digests(frequency=Frequency.WEEKLY) == 1
    assert send_digests(frequency=Frequency.WEEKLY) == 0
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    assert send_digests(frequency=Frequency.DAILY) == 0  # editor has nothing: no empty digest
    assert len(mailoutbox) == 1


def test_daily_preference_goes_into_the_daily_digest(member, mailoutbox):
    set_preferences(user=member, choices={Kind.COMMENTS: Frequency.DAILY})
    tell(member, "Daglig nytt")
    assert send_digests(frequency=Frequency.WEEKLY) == 0
    assert send_digests(frequency=Frequency.DAILY) == 1
    [mail] = mailoutbox
    assert mail.subject == "[Spre] I dag på Spre: 1 nytt varsel"


def test_immediately_mails_at_once_with_an_unsubscribe_link_for_its_kind(client, member, mailoutbox):
    set_preferences(user=member, choices={Kind.COMMENTS: Frequency.IMMEDIATELY})
    tell(member, "Straks")
    [mail] = mailoutbox
    assert mail.subject == "[Spre] Straks"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send_digests(frequency=Frequency.WEEKLY) == 0 and send_digests(frequency=Frequency.DAILY) == 0
    url = mail.extra_headers["List-Unsubscribe"].strip("<>").split("8000", 1)[-1].replace("http://testserver", "")
    # a mail client's one-click POST: no session, no CSRF token (RFC 8058)
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preference.objects.get(user=member, kind=Kind.COMMENTS).frequency == Frequency.OFF
    assert Preference.objects.filter(user=member).count() == 1  # only that kind


def test_off_means_nothing(member, mailoutbox):
    set_preferences(user=member, choices={Kind.COMMENTS: Frequency.OFF})
    assert tell(member) == []
    assert tell(member, kind=Kind.MY_COMMENTS)  # other kinds still come
    assert len(mailoutbox) == 0


def test_unsubscribe_page_asks_before_it_changes_anything(client, member):
    token = services.unsubscribe_token(member, [Kind.NEW_PROJECTS, Kind.COMMENTS])
    page = client.get(f"/varsler/avmeld/{token}/")
    assert page.status_code == 200 and "Nye prosjekter" in page.content.decode()
    assert not Preference.objects.exists()
    client.post(f"/varsler/avmeld/{token}/")
    assert set(Preference.objects.values_list("kind", "frequency")) == {
        (Kind.NEW_PROJECTS, Frequency.OFF),
        (Kind.COMMENTS, Frequency.OFF),
    }
    assert client.get(f"/varsler/avmeld/{token}x/").status_code == 404
    assert client.post("/varsler/avmeld/ikke-signert/").status_code == 404


def test_changing_the_preference_moves_what_waits(member, mailoutbox):
    tell(member, "Venter")
    set_preferences(user=member, choices={Kind.COMMENTS: Frequency.DAILY})
    assert send_digests(frequency=Frequency.DAILY) == 1
    tell(member, "Venter igjen")
    set_preferences(user=member, choices={Kind.COMMENTS: Frequency.OFF})
    assert send_digests(frequency=Frequency.DAILY) == 0
    assert len(mailoutbox) == 1


def test_preferences_page_saves_each_kind(client, member):
    client.force_login(member)
    page = client.get("/varsler/innstillinger/").content.decode()
    assert "Ukentlig oppsummering" in page
    data = {kind: Frequency.WEEKLY for kind in Kind.values} | {Kind.ADOPTIONS: Frequency.DAILY}
    assert client.post("/varsler/innstillinger/", data).status_code == 302
    assert services.preferences_of(member)[Kind.ADOPTIONS] == Frequency.DAILY


def test_a_crash_halfway_loses_and_repeats_nothing(member, editor, mailoutbox, monkeypatch):
    tell(member, "Til medlemmet")
    tell(editor, "Til redaktøren")
    real = services._digest_message

    def fail_for_editor(user, rows, frequency):
        if user == editor:
            raise RuntimeError("the machine went down")
        return real(user, rows, frequency)

    monkeypatch.setattr(services, "_digest_message", fail_for_editor)
    with pytest.raises(RuntimeError):
        send_digests(frequency=Frequency.WEEKLY)
    monkeypatch.setattr(services, "_digest_message", real)
    assert send_digests(frequency=Frequency.WEEKLY) >= 0
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([member.email, editor.email])


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_digest_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update skip_locked) need PostgreSQL")
    users = [make_user() for _ in range(6)]
    for user in users:
        tell(user, "Til deg")
        tell(user, "Og en til")
    real = services._digest_message

    def slow(user, rows, frequency):
        time.sleep(0.05)  # keep each user's rows locked a while, so the runs overlap
        return real(user, rows, frequency)

    monkeypatch.setattr(services, "_digest_message", slow)
    results, errors = [], []

    def run():
        try:
            results.append(send_digests(frequency=Frequency.WEEKLY))
        except Exception as error:  # pragma: no cover - shown in the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == len(users)
    recipients = [message.to[0] for message in Message.objects.all()]
    assert sorted(recipients) == sorted(user.email for user in users)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "Hvis du ikke velger noe annet: ukentlig oppsummering, unntatt andre varsler (straks, én e-post"),
        ("en", "Unless you choose otherwise: weekly digest, except other notices (immediately, one email each)."),
    ],
)
def test_the_preferences_page_tells_the_defaults_truthfully(client, member, mailoutbox, language, expected):
    client.force_login(member)
    client.cookies["django_language"] = language
    page = client.get("/varsler/innstillinger/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in page
    assert "Unless you choose otherwise you get a weekly digest" not in page
    # what the page says is what happens: an open day's notice to its host goes out at once
    [notification] = tell(member, kind="open_day.signed_up")
    assert notification.delivery == Frequency.IMMEDIATELY
    assert len(mailoutbox) == 1


def test_the_defaults_text_follows_the_defaults(monkeypatch):
    from notifications import forms, models

    monkeypatch.setattr(models, "default_frequency", lambda kind: Frequency.DAILY)
    assert forms.defaults_text() == "Unless you choose otherwise: daily digest for every kind."
