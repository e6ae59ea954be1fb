"""Demo open days (some digital) and a digital visit on the study's case projects, marked as example data.
Their times are relative to the day they are loaded, so the demo always has upcoming open days."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from opendays.models import DigitalVisit, OpenDay
from opendays.services import publish_open_day, save_digital_visit
from projects.models import Project

# (days from today, start hour, hours, digital?, title, place or video link, capacity)
OPEN_DAYS = [
    (9, 10, 3, False, "Visningsdag: se løsningen i bruk", "Rådhuset, møterom 1", 25),
    (16, 13, 2, True, "Digital visning med spørsmål og svar", "https://video.example.org/spre-demo-1", 100),
    (23, 9, 4, False, "Studiebesøk for nabokommunene", "Helsehuset, inngang B", 15),
    (30, 14, 1, True, "Kort digital omvisning", "https://video.example.org/spre-demo-2", 50),
]
DESCRIPTION = (
    "Eksempeldata. Vertskapet viser hvordan løsningen brukes i det daglige, hva som måtte til for å få den "
    "i drift, og svarer på spørsmål. Passer for ledere og fagfolk som vurderer å ta løsningen i bruk."
)


@transaction.atomic
def load_demo_open_days() -> int:
    """Create the demo open days (idempotent: by project and title). Returns how many were created."""
    projects = list(Project.objects.published().filter(is_demo=True).order_by("pk")[: len(OPEN_DAYS)])
    today = timezone.localdate()
    created = 0
    for project, (days, hour, hours, digital, title, where, capacity) in zip(projects, OPEN_DAYS, strict=False):
        if OpenDay.objects.filter(project=project, title=title, is_demo=True).exists():
            continue
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        open_day = publish_open_day(
            project=project,
            by=None,
            title=title,
            kind=OpenDay.Kind.DIGITAL if digital else OpenDay.Kind.PHYSICAL,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            place="" if digital else where,
            video_link=where if digital else "",
            capacity=capacity,
            sign_up_deadline=start - timedelta(days=2),
            description=DESCRIPTION,
        )
        OpenDay.objects.filter(pk=open_day.pk).update(is_demo=True)
        created += 1
    if projects and not DigitalVisit.objects.filter(project=projects[0]).exists():
        save_digital_visit(
            project=projects[0],
            by=None,
            introduction="Eksempeldata. Et digitalt besøk du kan ta når det passer deg.",
            recording_url="https://video.example.org/spre-demo-opptak",
            slides_url="https://example.org/spre-demo-lysark.pdf",
            questions=[
                {"question": "Hva kostet det å komme i gang?", "answer": "Eksempeldata: om lag 200 000 kroner."},
                {"question": "Hvor lang tid tok innføringen?", "answer": "Eksempeldata: et halvt år."},
            ],
        )
    return created
