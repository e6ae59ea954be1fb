"""«Kommuner som ligner din»: municipalities of the same size, nearest first (same county counts as near).

Size bands are those of the project list's filter (under 5 000, 5–20 000, 20–50 000, over 50 000 inhabitants).
Distance is between the registry's centre coordinates; a municipality without coordinates (the demo ones)
counts as far away, so only size and county speak for it. One query; the sorting is done in Python over the
357 municipalities."""

from math import asin, cos, radians, sin, sqrt

from .models import Organisation

BANDS = [(None, 5000), (5000, 20000), (20000, 50000), (50000, None)]
SAME_COUNTY_KM = 100  # being in the same county counts as being this much nearer
FAR_KM = 1000


def band(population: int | None) -> int | None:
    if population is None:
        return None
    for index, (low, high) in enumerate(BANDS):
        if (low is None or population >= low) and (high is None or population < high):
            return index
    return None


def distance_km(a: Organisation, b: Organisation) -> float | None:
    """Great-circle distance between the centres, or None without coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(radians, map(float, (a.latitude, a.longitude, b.latitude, b.longitude)))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def similar_municipalities(organisation: Organisation, *, limit: int = 6) -> list[Organisation]:
    """Municipalities in the same size band as `organisation`, nearest first; each with `distance_km` set.
    Real municipalities are compared with real ones, demo ones with demo ones."""
    own_band = band(organisation.population)
    if not organisation.is_municipality or own_band is None:
        return []
    candidates = (
        Organisation.objects.municipalities()
        .active()
        .filter(is_demo=organisation.is_demo, population__isnull=False)
        .exclude(pk=organisation.pk)
        .select_related("county")
    )
    scored = []
    for candidate in candidates:
        if band(candidate.population) != own_band:
            continue
        candidate.distance_km = distance_km(organisation, candidate)
        near = FAR_KM if candidate.distance_km is None else candidate.distance_km
        if candidate.county_id == organisation.county_id:
            near -= SAME_COUNTY_KM
        scored.append((near, candidate.name, candidate))
    return [candidate for *_key, candidate in sorted(scored, key=lambda row: row[:2])[:limit]]
