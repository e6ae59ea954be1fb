"""Open days: capacity, deadline, signing up twice, cancelling, changes and the mail they cause."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activity.models import Activity
from notifications.models import Notification
from opendays import services
from opendays.models import OpenDay, SignUp

from .conftest import make_open_day, make_visitor


def test_publishing_logs_the_open_day(open_day, editor, organisation):
    activity = Activity.objects.about(open_day).get()
    assert activity.verb == Activity.Verb.OPEN_DAY_PUBLISHED
    assert activity.user == editor and activity.organisation == organisation


def test_an_open_day_must_end_after_it_starts_and_close_sign_up_before(project, editor):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        make_open_day(project=project, by=editor, starts_at=start, ends_at=start, sign_up_deadline=start + timedelta(1))
    assert set(error.value.message_dict) == {"ends_at", "sign_up_deadline"}


def test_a_digital_open_day_needs_a_video_link(project, editor):
    with pytest.raises(ValidationError) as error:
        make_open_day(project=project, by=editor, kind="digital", place="")
    assert "video_link" in error.value.message_dict


def test_capacity_is_enforced_and_places_left_count_down(open_day, other_organisation):
    visitors = [make_visitor(other_organisation, f"v{n}@example.org") for n in range(4)]
    for visitor in visitors[:3]:
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
    assert OpenDay.objects.with_taken().get(pk=open_day.pk).places_left == 0
    with pytest.raises(services.SignUpRefused, match="full"):
        services.sign_up(open_day=open_day, user=visitors[3], organisation=other_organisation)
    assert open_day.sign_ups.count() == 3


def test_signing_up_twice_is_refused_and_the_constraint_holds(open_day, visitor, other_organisation):
    services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
    with pytest.raises(services.SignUpRefused, match="allerede påmeldt"):
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(open_day=open_day, user=visitor, organisation=other_organisation)


def test_cancelling_a_sign_up_frees_the_place(open_day, other_organisation):
    open_day.capacity = 1
    open_day.save()
    first, second = make_visitor(other_organisation, "a@example.org"), make_visitor(other_organisation, "b@example.org")
    services.sign_up(open_day=open_day, user=first, organisation=other_organisation)
    with pytest.raises(services.SignUpRefused):
        services.sign_up(open_day=open_day, user=second, organisation=other_organisation)
    assert services.cancel_sign_up(open_day=open_day, user=first)
    services.sign_up(open_day=open_day, user=second, organisation=other_organisation)
    assert list(open_day.sign_ups.values_list("user__email", flat=True)) == ["b@example.org"]
    assert not services.cancel_sign_up(open_day=open_day, user=first)


def test_the_deadline_is_enforced(project, editor, visitor, other_organisation):
    start = timezone.now() + timedelta(days=1)
    open_day = make_open_day(
        project=project,
        by=editor,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        sign_up_deadline=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(services.SignUpRefused, match="fristen"):
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)


def test_a_cancelled_open_day_takes_no_sign_ups(open_day, editor, visitor, other_organisation):
    services.cancel_open_day(open_day=open_day, by=editor, reason="Sykdom")
    with pytest.raises(services.SignUpRefused, match="avlyst"):
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)


def test_members_of_the_host_sign_up_from_no_organisation_of_the_host(open_day, member, organisation):
    with pytest.raises(services.SignUpRefused):
        services.sign_up(open_day=open_day, user=member, organisation=organisation)


def test_the_host_and_the_participant_are_mailed_on_sign_up(
    open_day, editor, visitor, other_organisation, mailoutbox, committed
):
    with committed():
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation, note="Vi kommer to")
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {"visitor@example.org", "editor@example.org"}
    assert "Asker" in by_recipient["editor@example.org"].body
    assert "2 av 3" in by_recipient["editor@example.org"].body or "2 of 3" in by_recipient["editor@example.org"].body
    assert open_day.get_absolute_url() in by_recipient["visitor@example.org"].body
    notice = Notification.objects.get(recipient=editor)
    assert notice.url == f"/visningsdager/{open_day.pk}/deltakere/" and "Asker" in notice.text


def test_a_change_of_time_is_kept_and_mailed_to_the_participants(
    open_day, editor, visitor, other_organisation, mailoutbox, committed
):
    with committed():
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
        later = open_day.starts_at + timedelta(hours=1)
        changed = services.update_open_day(
            open_day=open_day, by=editor, starts_at=later, ends_at=later + timedelta(hours=2)
        )
    assert set(changed) == {"starts_at", "ends_at"}
    assert open_day.sequence == 1
    history = Activity.objects.about(open_day).filter(verb=Activity.Verb.OPEN_DAY_CHANGED).get()
    assert set(history.data["changes"]) == {"starts_at", "ends_at"}
    to_visitor = [m for m in mailoutbox if m.to == ["visitor@example.org"] and "Endret" in m.subject]
    assert len(to_visitor) == 1


def test_a_new_description_alone_is_kept_but_not_mailed(
    open_day, editor, visitor, other_organisation, mailoutbox, committed
):
    with committed():
        services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
    before = len(mailoutbox)
    with committed():
        services.update_open_day(open_day=open_day, by=editor, description="Nytt program")
    assert len(mailoutbox) == before
    assert Activity.objects.about(open_day).filter(verb=Activity.Verb.OPEN_DAY_CHANGED).exists()


def test_places_cannot_be_fewer_than_those_signed_up(open_day, editor, visitor, other_organisation):
    services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
    with pytest.raises(ValidationError):
        services.update_open_day(open_day=open_day, by=editor, capacity=0)


def test_cancelling_the_open_day_mails_every_participant(open_day, editor, other_organisation, mailoutbox, committed):
    with committed():
        for n in range(2):
            services.sign_up(
                open_day=open_day,
                user=make_visitor(other_organisation, f"p{n}@example.org"),
                organisation=other_organisation,
            )
        services.cancel_open_day(open_day=open_day, by=editor, reason="Sykdom i staben")
    cancelled = [m for m in mailoutbox if m.subject.startswith("[Spre] Avlyst")]
    assert sorted(m.to[0] for m in cancelled) == ["p0@example.org", "p1@example.org"]
    assert all("Sykdom i staben" in m.body for m in cancelled)
    assert open_day.is_cancelled


def test_a_message_reaches_each_participant_alone(open_day, editor, other_organisation, mailoutbox, committed):
    with committed():
        for n in range(2):
            services.sign_up(
                open_day=open_day,
                user=make_visitor(other_organisation, f"m{n}@example.org"),
                organisation=other_organisation,
            )
        count = services.message_participants(open_day=open_day, by=editor, subject="Parkering", body="Bruk P2 & P3.")
    assert count == 2
    sent = [m for m in mailoutbox if "Parkering" in m.subject]
    assert sorted(m.to for m in sent) == [["m0@example.org"], ["m1@example.org"]]
    assert "Bruk P2 & P3." in sent[0].body  # plain text, not HTML-escaped
