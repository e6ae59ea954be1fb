"""A published source project of `organisation` (Bærum, co-owned by Lillevik), and a taker: Asker
(`other_organisation`) with its editor and member."""

import pytest

from municipalities.models import Membership
from projects.models import Actor, Project

from ..factories import make_membership, make_user
from ..projects.conftest import make_project


@pytest.fixture
def source(organisation, co_owner_organisation):
    return make_project(
        owner=organisation,
        title="Trygghetsalarm med sensorer",
        state=Project.State.PUBLISHED,
        co_owners=[co_owner_organisation],
        core="<p>Nattlig digitalt tilsyn.</p>",
        adaptation="<p>Rutiner for varsling.</p>",
        needs_cost="200 000 kr",
        benefits=[{"indicator": "Sykefravær", "baseline": "9", "result": "7", "unit": "%"}],
        actors=[
            {"actor": "Bærum hjemmetjeneste", "actor_type": Actor.Type.INTERNAL, "role": "initiator"},
            {"actor": "NTNU", "actor_type": Actor.Type.RESEARCH, "role": "researcher"},
            {"actor": "Bærum frivilligsentral", "actor_type": Actor.Type.COMMUNITY, "role": "partner"},
        ],
    )


@pytest.fixture
def taker_editor(other_organisation):
    user = make_user(email="asker-editor@example.org", full_name="Aase Asker")
    make_membership(user=user, organisation=other_organisation, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def taker_member(other_organisation):
    user = make_user(email="asker-member@example.org", full_name="Arne Asker")
    make_membership(user=user, organisation=other_organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def draft(organisation):
    return make_project(owner=organisation, title="Et utkast om velferdsteknologi")
