"""Demo adoptions between the fictional organisations Kommune A–I (all marked as example data).

- `load_demo_adoptions()`: the study's cases that it says spread (study visits, networks, a regional roll-out)
  taken into use by other demo municipalities, and the demo drafts that adapt a case; through the services,
  so they have a history, and most are confirmed by the source.
- `generate_adoptions(seed)`: adoptions of generated projects (bulk inserts), a realistic few per project.
Both are idempotent: an organisation adopts a project once.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from diffusion.models import Adoption, AdoptionEvent
from diffusion.services import confirm_adoption, declare_adoption
from projects.models import Project

from .cases import CASES
from .people import demo_organisations
from .projects import DEFAULT_SEED, DRAFTS, generated_projects

ADAPTED, COPY, INSPIRED = Adoption.Kind.ADAPTED, Adoption.Kind.COPY, Adoption.Kind.INSPIRED

# (case number, adopter code, kind, status, channel, started, confirmed, ended reason)
CASE_ADOPTIONS = [
    # Kommune A's development project was taken up regionally (a county initiative, L5302–5322).
    (1, "F", INSPIRED, "in_use", "regional", date(2018, 3, 1), True, ""),
    (1, "I", INSPIRED, "considering", "regional", date(2023, 9, 1), False, ""),
    # Welfare technology for users with intellectual disabilities: presented in a network and on visits.
    (6, "E", ADAPTED, "in_use", "network", date(2019, 5, 1), True, ""),
    (6, "H", ADAPTED, "trial", "conference", date(2021, 2, 1), True, ""),
    (6, "F", COPY, "ended", "study_visit", date(2020, 8, 1), True, "For få brukere i målgruppen hos oss."),
    # Kommune D's welfare lab and «Løsningsjakten»: many visits from other municipalities.
    (9, "B", INSPIRED, "in_use", "study_visit", date(2019, 10, 1), True, ""),
    (9, "G", INSPIRED, "trial", "study_visit", date(2022, 4, 1), False, ""),
    (10, "E", ADAPTED, "in_use", "study_visit", date(2020, 11, 1), True, ""),
    # Kommune I's communication tool: contacted by similar units elsewhere.
    (22, "F", ADAPTED, "trial", "study_visit", date(2024, 1, 15), True, ""),
    (22, "C", ADAPTED, "considering", "spre", date(2025, 6, 1), False, ""),
    # Nærværssamtalen (Kommune E) as a direct copy somewhere else.
    (13, "G", COPY, "in_use", "network", date(2021, 9, 1), True, ""),
]

EXPERIENCES = {
    (6, "E"): ("Vi startet med én bolig i stedet for tre.", "Ansatte må få tid til opplæring før oppstart."),
    (9, "B"): ("Vi laget en mindre lab knyttet til biblioteket.", "Lokal forankring i ledergruppen var avgjørende."),
}


@transaction.atomic
def load_demo_adoptions() -> int:
    organisations = demo_organisations()
    cases = {case.number: case for case in CASES}
    created = 0
    for number, code, kind, status, channel, started, confirmed, reason in CASE_ADOPTIONS:
        case = cases[number]
        source = Project.objects.filter(owner=organisations[case.municipality], title=case.title, is_demo=True).first()
        adopter = organisations[code]
        if source is None or Adoption.objects.filter(source=source, organisation=adopter).exists():
            continue
        adoption = declare_adoption(
            source=source,
            organisation=adopter,
            by=None,
            kind=kind,
            status=status,
            channel=channel,
            started_on=started,
            ended_reason=reason,
            is_demo=True,
        )
        if confirmed:
            confirm_adoption(adoption=adoption, by=None, confirm=True)
        if (number, code) in EXPERIENCES:
            changed, learned = EXPERIENCES[(number, code)]
            Adoption.objects.filter(pk=adoption.pk).update(changed=changed, learned=learned, reported_at=timezone.now())
        created += 1
    # The demo drafts that adapt a case are adoptions being considered.
    for code, title, source_number, origin, _summary in DRAFTS:
        draft = Project.objects.filter(owner=organisations[code], title=title, is_demo=True).first()
        case = cases[source_number]
        source = Project.objects.filter(owner=organisations[case.municipality], title=case.title, is_demo=True).first()
        if draft is None or source is None or Adoption.objects.filter(source=source, organisation=draft.owner).exists():
            continue
        declare_adoption(
            source=source,
            organisation=draft.owner,
            by=None,
            kind=INSPIRED if origin == Project.Origin.INSPIRED else ADAPTED,
            status=Adoption.Status.CONSIDERING,
            channel=Adoption.Channel.SPRE,
            started_on=timezone.localdate() - timedelta(days=30),
            own_project=draft,
            is_demo=True,
        )
        created += 1
    return created


CHANNELS = ["spre", "spre", "study_visit", "network", "conference", "regional", "social_media", "internal"]
STATUSES = ["in_use", "in_use", "in_use", "trial", "trial", "considering", "ended"]


@transaction.atomic
def generate_adoptions(seed: int = DEFAULT_SEED) -> int:
    """Adoptions of about one in six published generated projects, by one to four other demo organisations."""
    rng = random.Random(seed)
    organisations = list(demo_organisations().values())
    projects = list(generated_projects().published().order_by("pk").values_list("pk", "owner_id", "published_at"))
    existing = set(Adoption.objects.filter(source_id__in=[p[0] for p in projects]).values_list("source_id", flat=True))
    adoptions = []
    for pk, owner_id, published_at in projects:
        if rng.random() > 0.17 or pk in existing:
            continue
        takers = rng.sample([o for o in organisations if o.pk != owner_id], k=min(rng.choice([1, 1, 2, 2, 3, 4]), 8))
        start = (published_at or timezone.now()).date()
        for taker in takers:
            started = min(start + timedelta(days=rng.randint(30, 1500)), timezone.localdate())
            status = rng.choice(STATUSES)
            confirmed = rng.random() < 0.7
            adoptions.append(
                Adoption(
                    source_id=pk,
                    organisation=taker,
                    kind=rng.choice([ADAPTED, ADAPTED, COPY, INSPIRED]),
                    status=status,
                    ended_reason="Prioritert ned i budsjettet." if status == "ended" else "",
                    channel=rng.choice(CHANNELS),
                    started_on=started,
                    status_since=started,
                    confirmation=Adoption.Confirmation.CONFIRMED if confirmed else Adoption.Confirmation.PENDING,
                    confirmed_at=timezone.now() if confirmed else None,
                    is_counted=status in Adoption.ACTIVE,
                    is_demo=True,
                )
            )
    Adoption.objects.bulk_create(adoptions, batch_size=500, ignore_conflicts=True)
    saved = Adoption.objects.filter(source_id__in={a.source_id for a in adoptions}, is_demo=True).exclude(
        pk__in=AdoptionEvent.objects.values("adoption_id")
    )
    AdoptionEvent.objects.bulk_create(
        [
            AdoptionEvent(
                adoption=a,
                action=AdoptionEvent.Action.DECLARED,
                status=a.status,
                kind=a.kind,
                confirmation=a.confirmation,
                date=a.started_on,
            )
            for a in saved
        ],
        batch_size=500,
    )
    return len(adoptions)
