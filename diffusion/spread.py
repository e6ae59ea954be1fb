"""How a solution spreads: the lineage tree across generations, the diffusion curve and Rogers' adopter
categories. Read-only; a fixed number of queries whatever the data (the lineage one per generation, capped)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Project

from .models import Adoption

MAX_GENERATIONS = 8

# Rogers' adopter categories: (key, label, upper bound of the cumulative share in %).
ROGERS = [
    ("innovators", _("innovators"), 2.5),
    ("early_adopters", _("early adopters"), 16.0),
    ("early_majority", _("early majority"), 50.0),
    ("late_majority", _("late majority"), 84.0),
    ("laggards", _("laggards"), 100.0),
]
ROGERS_SHARE = {"innovators": 2.5, "early_adopters": 13.5, "early_majority": 34, "late_majority": 34, "laggards": 16}
ROGERS_LABEL = {key: label for key, label, _bound in ROGERS}


def population() -> int:
    """All the organisations that could adopt: active municipalities and county authorities."""
    return Organisation.objects.active().count()


def category(order: int, total: int) -> str:
    """Rogers' category of the `order`-th adopter (1-based) among `total` possible adopters."""
    share = 100.0 * order / max(total, 1)
    for key, _label, bound in ROGERS:
        if share <= bound + 1e-9:
            return key
    return "laggards"


# Lineage


@dataclass
class Node:
    project: Project
    current: bool = False
    children: list[Node] = field(default_factory=list)


def ancestors(project: Project, user) -> list[Project]:
    """Where the project came from, nearest first, as far as the user may see (at most MAX_GENERATIONS)."""
    chain, seen = [], {project.pk}
    visible = Project.objects.visible_to(user).select_related("owner")
    current = project
    for _i in range(MAX_GENERATIONS):
        if not current.source_project_id or current.source_project_id in seen:
            break
        parent = visible.filter(pk=current.source_project_id).first()
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.pk)
        current = parent
    return chain


def lineage(project: Project, user, *, parents: list[Project] | None = None) -> Node | None:
    """The tree from the oldest visible ancestor down through every generation of copies (None when the project
    has neither a source nor copies)."""
    parents = ancestors(project, user) if parents is None else parents
    root = Node(parents[-1] if parents else project)
    root.current = root.project.pk == project.pk
    level = {root.project.pk: root}
    seen = {root.project.pk}
    visible = Project.objects.visible_to(user).select_related("owner", "owner__county").order_by("created_at", "pk")
    for _i in range(MAX_GENERATIONS):
        children = list(visible.filter(source_project__in=list(level)).exclude(pk__in=seen))
        if not children:
            break
        next_level = {}
        for child in children:
            node = Node(child, current=child.pk == project.pk)
            level[child.source_project_id].children.append(node)
            next_level[child.pk] = node
            seen.add(child.pk)
        level = next_level
    if not root.children and root.project.pk == project.pk:
        return None
    return root


# The curve


def ranked(adoptions):
    """Confirmed, counted adoptions annotated with their order among their source's (1 = first)."""
    earlier = (
        Adoption.objects.counted()
        .confirmed()
        .filter(source=OuterRef("source"))
        .filter(Q(started_on__lt=OuterRef("started_on")) | Q(started_on=OuterRef("started_on"), pk__lte=OuterRef("pk")))
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return adoptions.annotate(order=Subquery(earlier))


@dataclass
class Curve:
    points: list[dict]  # [{date, count, share}] cumulative, one per adoption
    total: int  # the population
    categories: list[dict]  # [{key, label, share, count}]
    svg: dict  # coordinates for the template


WIDTH, HEIGHT, PAD = 600, 260, 44


def curve(source: Project) -> Curve:
    """Cumulative confirmed adoptions over time as a share of all organisations that could adopt."""
    total = population()
    adoptions = list(
        source.adoptions.counted()
        .confirmed()
        .select_related("organisation", "organisation__county")
        .order_by("started_on", "pk")
    )
    points, counts = [], dict.fromkeys(ROGERS_SHARE, 0)
    for order, adoption in enumerate(adoptions, start=1):
        key = category(order, total)
        counts[key] += 1
        adoption.category = key
        adoption.category_label = ROGERS_LABEL[key]
        points.append(
            {
                "date": adoption.started_on,
                "count": order,
                "share": round(100.0 * order / max(total, 1), 1),
                "adoption": adoption,
            }
        )
    categories = [
        {"key": key, "label": label, "share": ROGERS_SHARE[key], "count": counts[key]} for key, label, _b in ROGERS
    ]
    return Curve(points=points, total=total, categories=categories, svg=_svg(points))


def _nice_max(share: float) -> float:
    for bound in (2.5, 5, 10, 16, 25, 50, 84, 100):
        if share <= bound:
            return bound
    return 100


def _svg(points: list[dict]) -> dict:
    """A step line from the first adoption to today, y from 0 to a round share above the last point."""
    if not points:
        return {}
    today = timezone.localdate()
    start = points[0]["date"]
    end = max(today, points[-1]["date"])
    span = max((end - start).days, 1)
    top = _nice_max(points[-1]["share"])
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(day: datetime.date) -> float:
        return round(PAD + inner_w * (day - start).days / span, 1)

    def y(share: float) -> float:
        return round(HEIGHT - PAD - inner_h * share / top, 1)

    path = [f"M {x(start)} {y(0)}"]
    dots = []
    for point in points:
        path.append(f"H {x(point['date'])} V {y(point['share'])}")
        dots.append({"x": x(point["date"]), "y": y(point["share"]), "point": point})
    path.append(f"H {x(end)}")
    bands = [{"y": y(bound), "label": label, "share": bound} for _key, label, bound in ROGERS if bound < top]
    ticks = [{"y": y(top * i / 4), "label": f"{formats.localize(round(top * i / 4, 1))} %"} for i in range(5)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "path": " ".join(path),
        "dots": dots,
        "bands": bands,
        "ticks": ticks,
        "left": PAD,
        "right": WIDTH - PAD,
        "bottom": HEIGHT - PAD,
        "top": PAD,
        "start": start,
        "end": end,
    }
