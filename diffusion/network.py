"""The who-adopted-from-whom network between organisations: edges from the source project's owner to the
adopting organisation, weighted by the number of adoptions; laid out on a circle for the SVG (the table beside
it carries the same information)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count

from municipalities.models import Organisation

MAX_NODES = 30
SIZE = 420
RADIUS = 150


@dataclass
class Graph:
    edges: list[dict]  # [{giver, taker, count}] most adoptions first
    nodes: list[dict]  # [{organisation, x, y, lx, ly, anchor, degree}] at most MAX_NODES
    lines: list[dict]  # [{x1, y1, x2, y2, count, giver, taker}] between drawn nodes
    size: int = SIZE
    hidden: int = 0  # organisations left out of the drawing (all are in the table)


def network(adoptions) -> Graph:
    rows = list(
        adoptions.order_by()
        .values("source__owner", "organisation")
        .annotate(n=Count("pk"))
        .order_by("-n", "source__owner", "organisation")
    )
    ids = {row["source__owner"] for row in rows} | {row["organisation"] for row in rows}
    organisations = Organisation.objects.in_bulk(list(ids))
    edges = [
        {"giver": organisations[row["source__owner"]], "taker": organisations[row["organisation"]], "count": row["n"]}
        for row in rows
    ]
    degree: dict[int, int] = {}
    for row in rows:
        for key in ("source__owner", "organisation"):
            degree[row[key]] = degree.get(row[key], 0) + row["n"]
    drawn = sorted(degree, key=lambda pk: (-degree[pk], organisations[pk].name))[:MAX_NODES]
    centre = SIZE / 2
    nodes, position = [], {}
    for index, pk in enumerate(drawn):
        angle = 2 * math.pi * index / max(len(drawn), 1) - math.pi / 2
        x, y = centre + RADIUS * math.cos(angle), centre + RADIUS * math.sin(angle)
        lx, ly = centre + (RADIUS + 12) * math.cos(angle), centre + (RADIUS + 12) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        position[pk] = (x, y)
        nodes.append(
            {
                "organisation": organisations[pk],
                "x": round(x, 1),
                "y": round(y, 1),
                "lx": round(lx, 1),
                "ly": round(ly, 1),
                "anchor": anchor,
                "degree": degree[pk],
            }
        )
    lines = []
    for row in rows:
        giver, taker = row["source__owner"], row["organisation"]
        if giver in position and taker in position:
            (x1, y1), (x2, y2) = position[giver], position[taker]
            # Stop short of the taker's dot so the arrowhead shows.
            length = math.hypot(x2 - x1, y2 - y1) or 1
            x2, y2 = x2 - 8 * (x2 - x1) / length, y2 - 8 * (y2 - y1) / length
            lines.append(
                {"x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1), "count": row["n"]}
            )
    return Graph(edges=edges, nodes=nodes, lines=lines, hidden=max(len(degree) - len(drawn), 0))
