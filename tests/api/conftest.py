"""Open data from a small world: two published projects with everything, one archived, one draft."""

import datetime

import pytest

from projects.models import Actor, Presentation, Project, Term
from tests.factories import make_organisation

from ..projects.conftest import make_project, term

SECRET_EMAIL = "hemmelig.kontakt@example.org"  # a contact person: never in the open data
DRAFT_TITLE = "Et hemmelig utkast"


@pytest.fixture
def world(organisation, co_owner_organisation):
    school = Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA).exclude(slug="helse-og-omsorg").first()
    large = make_organisation(name="Storby", population=80000)
    alarm = make_project(
        owner=organisation,
        co_owners=[co_owner_organisation],
        title="Trygghetsalarm med sensorer",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.SPREADING,
        start_date=datetime.date(2021, 3, 1),
        tags=["Velferdsteknologi"],
        actors=[{"actor": "NTNU", "actor_type": Actor.Type.RESEARCH, "role": "researcher"}],
        benefits=[{"indicator": "Færre fall", "baseline": "10", "result": "7", "unit": "per måned"}],
        presentations=[{"channel": Presentation.Channel.CONFERENCE, "arena": "Arendalsuka"}],
        contacts=[{"name": "Hemmelig Kontakt", "email": SECRET_EMAIL, "phone": "99999999"}],
        anchoring_plans="Kommuneplanens samfunnsdel",
    )
    canteen = make_project(
        owner=large,
        title="Matsvinn i kantina",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.INNOVATION,
        status=Project.Status.COMPLETED,
        service_areas=[school],
        contacts=[{"name": "Hemmelig Kontakt", "email": SECRET_EMAIL}],
    )
    archived = make_project(owner=organisation, title="Et arkivert prosjekt", state=Project.State.ARCHIVED)
    draft = make_project(
        owner=organisation, title=DRAFT_TITLE, contacts=[{"name": "Hemmelig Kontakt", "email": SECRET_EMAIL}]
    )
    return {
        "alarm": alarm,
        "canteen": canteen,
        "archived": archived,
        "draft": draft,
        "large": large,
        "school": school,
        "health": term(),
    }
