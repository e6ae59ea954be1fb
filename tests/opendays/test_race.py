"""Two people taking the last place at the same moment, on PostgreSQL with a connection each: one gets it,
the other is told. The open day's row lock (SELECT … FOR UPDATE) makes the second wait and count again."""

import threading
import time

import pytest
from django.db import connection

from opendays import services
from opendays.models import SignUp

from .conftest import make_open_day, make_visitor

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_people_taking_the_last_place_at_once(project, editor, other_organisation, monkeypatch):
    open_day = make_open_day(project=project, by=editor, capacity=1)
    visitors = [make_visitor(other_organisation, f"racer{n}@example.org") for n in range(2)]
    real_create = SignUp.objects.create

    def slow_create(**kwargs):
        # Widen the window between counting the places and taking one, so that without the lock both
        # threads would count a free place.
        time.sleep(0.5)
        return real_create(**kwargs)

    monkeypatch.setattr(SignUp.objects, "create", slow_create)
    start = threading.Barrier(2)
    outcomes = {}

    def take_place(user):
        try:
            start.wait()
            services.sign_up(open_day=open_day, user=user, organisation=other_organisation)
            outcomes[user.email] = "signed up"
        except services.SignUpRefused as error:
            outcomes[user.email] = " ".join(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place, args=(user,)) for user in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values())[1] == "signed up"
    assert "full" in sorted(outcomes.values())[0]
    assert SignUp.objects.filter(open_day=open_day).count() == 1


def test_the_same_person_twice_at_once_gets_one_place(project, editor, other_organisation, monkeypatch):
    open_day = make_open_day(project=project, by=editor, capacity=5)
    visitor = make_visitor(other_organisation, "twice@example.org")
    start = threading.Barrier(2)
    outcomes = []

    def take_place():
        try:
            start.wait()
            services.sign_up(open_day=open_day, user=visitor, organisation=other_organisation)
            outcomes.append("signed up")
        except services.SignUpRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "signed up"]
    assert SignUp.objects.filter(open_day=open_day).count() == 1
