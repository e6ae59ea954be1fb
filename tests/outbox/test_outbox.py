"""The outbox: mail is queued in the transaction, sent by the worker, retried with growing waits."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from outbox.delivery import purge_sent, send_queued
from outbox.mail import queue_mail
from outbox.models import Message


def test_send_mail_only_queues_until_the_worker_runs(db):
    send_mail("Hei", "Tekst", None, ["kari@example.org"])
    assert mail.outbox == []
    message = Message.objects.get()
    assert (message.to, message.subject, message.body, message.sent_at) == (["kari@example.org"], "Hei", "Tekst", None)
    call_command("send_queued_mail")
    assert [m.subject for m in mail.outbox] == ["Hei"]
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1


def test_html_body_headers_and_reply_to_survive_the_queue(db, mailoutbox):
    email = EmailMultiAlternatives(
        "Emne", "tekst", "Spre <a@spre.example>", ["b@example.org"], reply_to=["c@example.org"], headers={"X-Spre": "1"}
    )
    email.attach_alternative("<p>html</p>", "text/html")
    email.send()
    (sent,) = mailoutbox
    assert sent.from_email == "Spre <a@spre.example>"
    assert sent.reply_to == ["c@example.org"]
    assert sent.extra_headers["X-Spre"] == "1"
    assert sent.alternatives[0][0] == "<p>html</p>"


def test_queue_mail_helper(db, mailoutbox):
    queue_mail("Emne", "tekst", ["b@example.org"], html_body="<p>hei</p>")
    assert [(m.to, m.alternatives[0][1]) for m in mailoutbox] == [(["b@example.org"], "text/html")]


def test_attachments_are_refused_loudly(db):
    email = EmailMultiAlternatives("Emne", "tekst", None, ["b@example.org"])
    email.attach("a.txt", "x", "text/plain")
    with pytest.raises(ValueError):
        email.send()


def test_mail_from_a_rolled_back_transaction_is_never_sent(db, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Hei", "Tekst", None, ["kari@example.org"])
        raise RuntimeError
    assert mailoutbox == []
    assert not Message.objects.exists()


def test_failed_attempts_wait_twice_as_long_each_time_and_then_give_up(db, settings, mail_server_down):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    send_mail("Hei", "Tekst", None, ["kari@example.org"])
    waits = []
    for _ in range(3):
        before = timezone.now()
        assert send_queued().failed == 1
        message = Message.objects.get()
        waits.append(round((message.next_attempt_at - before).total_seconds() / 60))
        assert send_queued().failed == 0  # not due yet
        Message.objects.update(next_attempt_at=timezone.now())
    assert waits == [1, 2, 4]
    message.refresh_from_db()
    assert message.has_failed
    assert list(Message.objects.failed()) == [message]
    assert not send_queued()  # given up: only an admin's "retry now" sends it again


def test_backoff_is_capped(db, settings):
    message = Message(attempts=30)
    assert message.backoff() == timedelta(seconds=settings.OUTBOX_MAX_RETRY_DELAY)


def test_sent_mail_is_purged_after_the_keeping_period_but_unsent_mail_is_kept(db):
    old = timezone.now() - timedelta(days=30)
    Message.objects.create(to=["a@example.org"], subject="sendt", body="x", sent_at=old)
    Message.objects.create(to=["b@example.org"], subject="usendt", body="x", attempts=20)
    assert purge_sent(days=14) == 1
    assert list(Message.objects.values_list("subject", flat=True)) == ["usendt"]


@pytest.mark.django_db(transaction=True)
def test_mail_is_delivered_right_after_the_commit_in_development(settings):
    settings.OUTBOX_SEND_ON_COMMIT = True
    with transaction.atomic():
        send_mail("Hei", "Tekst", None, ["kari@example.org"])
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Hei"]


class SlowBackend:
    """A delivery backend that takes a while, so two workers overlap."""

    sent: list = []

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        time.sleep(0.3)
        SlowBackend.sent.extend(m.subject for m in messages)
        return len(messages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.SlowBackend"
    settings.OUTBOX_SEND_ON_COMMIT = False
    SlowBackend.sent = []
    for n in range(4):
        send_mail(f"Melding {n}", "Tekst", None, ["kari@example.org"])

    def worker():
        try:
            send_queued()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(SlowBackend.sent) == [f"Melding {n}" for n in range(4)]
    assert not Message.objects.unsent().exists()
