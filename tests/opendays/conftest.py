"""Open days on projects of `organisation` (co-owned by `co_owner_organisation`), and a visitor: an approved
member of `other_organisation`, who may sign up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from municipalities.models import Membership
from opendays import services
from projects.models import Project

from ..factories import make_membership, make_user
from ..projects.conftest import make_project


def open_day_fields(**overrides) -> dict:
    start = (timezone.now() + timedelta(days=14)).replace(second=0, microsecond=0)
    fields = {
        "title": "Visningsdag på Solsiden sykehjem",
        "kind": "physical",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "place": "Solsiden sykehjem, Storgata 1",
        "video_link": "",
        "capacity": 3,
        "sign_up_deadline": start - timedelta(days=2),
        "description": "Vi viser sensorene og hvordan nattevakten bruker dem.",
    }
    fields.update(overrides)
    return fields


def make_open_day(*, project, by=None, **overrides):
    return services.publish_open_day(project=project, by=by, **open_day_fields(**overrides))


def make_visitor(organisation, email="visitor@example.org"):
    user = make_user(email=email, full_name=email.split("@")[0].title())
    make_membership(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def project(organisation, co_owner_organisation):
    return make_project(
        owner=organisation,
        title="Trygghetsalarm med sensorer",
        state=Project.State.PUBLISHED,
        co_owners=[co_owner_organisation],
    )


@pytest.fixture
def draft(organisation, co_owner_organisation):
    return make_project(owner=organisation, title="Et utkast om velferdsteknologi", co_owners=[co_owner_organisation])


@pytest.fixture
def open_day(project, editor):
    return make_open_day(project=project, by=editor)


@pytest.fixture
def visitor(other_organisation):
    return make_visitor(other_organisation)
