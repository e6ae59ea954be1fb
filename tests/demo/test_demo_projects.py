"""The demo loader: the study's 22 cases and generated projects, all example data owned by Kommune A–I."""

import itertools
from datetime import date
from io import StringIO

from django.core.management import call_command

from demo.cases import CASES
from demo.projects import (
    GENERATED_MARK,
    build_specs,
    delete_generated_projects,
    generate_projects,
    generated_projects,
)
from municipalities.models import Organisation
from projects.models import Actor, Benefit, Contact, Presentation, Project, ProjectActor, ProjectVersion

from .conftest import GENERATED

# Cases for which domain.md §4.2 lists a diffusion channel (the others have «—»).
CASES_WITH_CHANNELS = {1, 6, 9, 10, 11, 14, 18, 22}


def load(projects=GENERATED, seed=1):
    call_command("load_demo", projects=projects, seed=seed, stdout=StringIO())


def case_project(case):
    return Project.objects.get(owner__name=f"Kommune {case.municipality}", title=case.title, is_demo=True)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Project, ProjectActor, Actor, Presentation, Benefit, Contact, ProjectVersion, Organisation)
    }


def test_loader_creates_the_22_cases_published(loaded):
    cases = [case_project(case) for case in CASES]
    assert len(cases) == 22
    assert all(p.state == Project.State.PUBLISHED and p.published_at for p in cases)
    assert len({p.pk for p in cases}) == 22


def test_loader_creates_the_generated_projects_and_drafts(loaded):
    assert generated_projects().count() == GENERATED
    assert Project.objects.filter(is_demo=True, state=Project.State.DRAFT, title__endswith="(utkast)").count() == 3
    assert Project.objects.count() == 22 + 3 + GENERATED


def test_every_demo_project_is_example_data(loaded):
    assert not Project.objects.filter(is_demo=False).exists()


def test_demo_projects_are_owned_by_demo_organisations_only(loaded):
    registry_orgs = Organisation.objects.registry()
    assert registry_orgs.count() > 300  # the real registry is loaded, so there is something to avoid
    assert not Project.objects.filter(owner__in=registry_orgs).exists()
    assert not Project.co_owners.through.objects.filter(organisation__in=registry_orgs).exists()
    owners = set(Project.objects.values_list("owner__name", flat=True))
    assert owners <= {f"Kommune {code}" for code in "ABCDEFGHI"}


def test_running_the_loader_twice_duplicates_nothing(loaded):
    before = counts()
    load()
    assert counts() == before


def test_every_case_has_its_actors_and_channels(loaded):
    for case in CASES:
        project = case_project(case)
        assert project.project_actors.count() == len(case.actors) >= 1, case.title
        assert project.presentations.count() == len(case.channels), case.title
        assert project.contacts.exists(), case.title
        assert project.service_areas.exists() and project.innovation_types.exists(), case.title
    assert {case.number for case in CASES if case.channels} == CASES_WITH_CHANNELS


def test_case_contacts_are_fictional(loaded):
    for contact in Contact.objects.filter(project__is_demo=True):
        assert contact.email.endswith(".example"), contact.email
        assert "(demo)" in contact.name


def test_shared_actors_appear_once_in_the_registry(loaded):
    husbanken = Actor.objects.get(name="Husbanken")
    case_titles = set(
        husbanken.project_roles.filter(project__title__in=[c.title for c in CASES]).values_list(
            "project__title", flat=True
        )
    )
    assert {c.title for c in CASES if c.number in (1, 4, 9)} <= case_titles
    assert Actor.objects.filter(name__iexact="fylkeskommunen").count() == 1


def test_no_case_names_a_real_municipality_as_actor(loaded):
    municipality_names = set(Organisation.objects.registry().municipalities().values_list("name", flat=True))
    assert not municipality_names & set(Actor.objects.values_list("name", flat=True))


def test_benefit_without_figures_says_so(loaded):
    case = next(c for c in CASES if c.title == "Nærværssamtalen")
    benefit = case_project(case).benefits.get()
    assert "nedgang" in benefit.result.lower()
    assert "ikke tall" in benefit.result
    assert benefit.documentation == Benefit.Documentation.SELF_ASSESSMENT


def test_case_text_cites_the_thesis(loaded):
    for case in CASES:
        assert "Masteroppgave, L" in case_project(case).solution


def test_generated_projects_look_varied_and_are_marked():
    delete_generated_projects()
    generate_projects(80, seed=5)
    projects = generated_projects()
    assert projects.count() == 80
    assert all(title.endswith(GENERATED_MARK) for title in projects.values_list("title", flat=True))
    assert projects.values("service_areas").distinct().count() >= 8
    assert projects.values("phase").distinct().count() == len(Project.Phase)
    assert projects.values("status").distinct().count() >= 3
    assert projects.values("owner").distinct().count() >= 7
    starts = [d for d in projects.values_list("start_date", flat=True)]
    assert min(starts) >= date(2016, 1, 1) and max(starts) <= date(2026, 12, 31)
    assert all(2016 <= p.updated_at.year <= 2026 for p in projects)
    assert projects.filter(state=Project.State.PUBLISHED).count() > 50


def test_generation_is_deterministic_for_a_seed():
    assert build_specs(40, seed=7) == build_specs(40, seed=7)
    assert [s.title for s in build_specs(40, seed=7)] != [s.title for s in build_specs(40, seed=8)]
    # A smaller size is a prefix of a larger one, so growing the demo keeps the projects already there.
    assert build_specs(10, seed=7) == build_specs(40, seed=7)[:10]


def test_generated_rows_are_the_same_after_regenerating():
    delete_generated_projects()

    def rows():
        return list(generated_projects().order_by("slug").values_list("slug", "title", "owner__name", "phase"))

    generate_projects(25, seed=3)
    first = rows()
    generated_projects().delete()
    generate_projects(25, seed=3)
    assert rows() == first


def test_generate_projects_command_is_idempotent_and_can_replace():
    delete_generated_projects()
    call_command("generate_projects", size=30, seed=4, stdout=StringIO())
    assert generated_projects().count() == 30
    call_command("generate_projects", size=30, seed=4, stdout=StringIO())
    assert generated_projects().count() == 30
    call_command("generate_projects", size=10, seed=9, replace=True, stdout=StringIO())
    assert generated_projects().count() == 10
    assert Project.objects.filter(title__in=[c.title for c in CASES]).count() == 22


def test_generated_titles_read_naturally():
    # "Digital {solution}" gave "Digital digitalt tilsyn", "Digital digital onboarding", "Digital bolystprosjekt".
    titles = [spec.title for spec in build_specs(2000, seed=1)]
    clumsy = [
        title
        for title in titles
        for first, second in itertools.pairwise(title.lower().replace(":", "").split())
        if first[:6] == second[:6]
    ]
    assert clumsy == []
    assert not [title for title in titles if title.startswith(("Digital bolyst", "Digital digital", "Digital nær"))]
