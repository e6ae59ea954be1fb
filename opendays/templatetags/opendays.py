from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("opendays/_project_open_days.html", takes_context=True)
def project_open_days(context, project, can_edit=False, limit: int = 5):
    """The project page's open days and digital visit, shown before the contact details. The page belongs to
    projects, which does not import opendays: the template composes the two (see ARCHITECTURE.md)."""
    from ..models import DigitalVisit, OpenDay

    of_project = OpenDay.objects.filter(project=project).with_taken()
    open_days = list(of_project.upcoming().order_by("starts_at", "pk")[:limit])
    past = list(of_project.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")[:3])
    visit = DigitalVisit.objects.filter(project=project).first()
    return {
        "project": project,
        "open_days": open_days,
        "past": past,
        "visit": visit,
        "can_edit": can_edit,
        "request": context.get("request"),
    }
