"""The demo's curation (idempotent): two featured case projects, a collection and a few awards, all on the fictional
demo projects and marked as example data (the projects carry is_demo; the collection too)."""

from django.db import transaction

from accounts.models import User
from curation.models import Collection, Feature
from curation.services import add_to_collection, create_collection, feature_project, give_award, publish_collection
from projects.models import Project

FEATURED = [
    ("Utsikten, et velferdsteknologirom", "Et rom der innbyggerne prøver velferdsteknologi før de tar den i bruk."),
    ("Nærværssamtalen", "En enkel samtalemetode som har redusert sykefraværet: lett å prøve i liten skala."),
]
COLLECTION_TITLE = "Velferdsteknologi som virker"
COLLECTION_INTRODUCTION = (
    "Eksempeldata. Prosjekter der velferdsteknologi er tatt i bruk i tjenestene og gevinstene er fulgt opp: "
    "et sted å begynne for kommuner som vil i gang."
)
COLLECTED = [
    ("Utsikten, et velferdsteknologirom", "Visningsrommet gjør teknologien konkret for brukere og pårørende."),
    ("Velferdsteknologi for brukere med utviklingshemming", "Viser hvordan tilpasning til brukergruppen gjøres."),
    ("Framtidas omsorg skapes i fellesskap", "Samskaping med frivillige og pårørende rundt teknologien."),
]
AWARDS = [
    ("Utsikten, et velferdsteknologirom", "Kommunenes innovasjonspris", 2023),
    ("Nærværssamtalen", "CopyCat-prisen", 2024),
]


def _case(title: str) -> Project | None:
    return Project.objects.published().filter(is_demo=True, title=title).first()


@transaction.atomic
def load_demo_curation() -> dict[str, int]:
    curator = User.objects.filter(email="kurator@spre.example").first()
    created = {"featured": 0, "collections": 0, "awards": 0}
    for title, note in FEATURED:
        project = _case(title)
        if project and not Feature.objects.filter(project=project).exists():
            feature_project(project=project, by=curator, note=note)
            created["featured"] += 1
    if not Collection.objects.filter(title=COLLECTION_TITLE, is_demo=True).exists():
        collection = create_collection(
            by=curator, title=COLLECTION_TITLE, introduction=COLLECTION_INTRODUCTION, is_demo=True
        )
        for title, note in COLLECTED:
            project = _case(title)
            if project:
                add_to_collection(collection=collection, project=project, by=curator, note=note)
        if collection.items.exists():
            publish_collection(collection=collection, by=curator)
        created["collections"] += 1
    for title, name, year in AWARDS:
        project = _case(title)
        if project and not project.awards.filter(name=name, year=year).exists():
            give_award(project=project, by=curator, name=name, year=year)
            created["awards"] += 1
    return created
