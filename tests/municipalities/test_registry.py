"""The official registry: loading, reloading, renumbering, and resolving old numbers and names."""

import csv
import shutil

import pytest

from municipalities.models import County, FormerCode, Organisation
from municipalities.registry import DATA_DIR, load_registry, resolve

from ..factories import make_membership, make_organisation, make_user


def _rewrite(path, change):
    """Apply change(rows) to a CSV file and write it back with the same header."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fieldnames = reader.fieldnames
        rows = list(reader)
    rows = change(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_loading_gives_357_municipalities_15_counties_and_15_county_authorities(registry):
    organisations = Organisation.objects.registry().active()
    assert organisations.municipalities().count() == 357
    assert organisations.county_authorities().count() == 15
    assert County.objects.count() == 15
    assert registry.changed


def test_loading_twice_changes_nothing(registry):
    counts = (Organisation.objects.count(), County.objects.count(), FormerCode.objects.count())
    second = load_registry()
    assert not second.changed
    assert second.created == second.updated == 0
    assert (Organisation.objects.count(), County.objects.count(), FormerCode.objects.count()) == counts


def test_renamed_municipality_is_updated_in_place(registry, data_copy):
    baerum = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, number="3201")

    def rename(rows):
        for row in rows:
            if row["kommunenummer"] == "3201":
                row["kommunenavn"] = "Bærum Nye"
        return rows

    _rewrite(data_copy / "kommuner.csv", rename)
    report = load_registry(data_copy)

    baerum.refresh_from_db()
    assert report.updated >= 1
    assert (baerum.name, baerum.slug, baerum.is_active) == ("Bærum Nye", "baerum-nye", True)


def test_renumbered_municipality_keeps_its_row_and_memberships(registry, data_copy):
    halden = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, number="3101")
    membership = make_membership(user=make_user(), organisation=halden)

    def renumber(rows):
        for row in rows:
            if row["kommunenummer"] == "3101":
                row["kommunenummer"] = "3199"
        return rows

    def record_change(rows):
        template = rows[0]
        return [
            *rows,
            {
                **template,
                "old_number": "3101",
                "old_name": "Halden",
                "new_number": "3199",
                "new_name": "Halden",
                "valid_from": "2030-01-01",
                "change_type": "renumber",
                "note": "",
            },
        ]

    def crosswalk(rows):
        for row in rows:
            if row["nytt_nummer"] == "3101":
                row["nytt_nummer"] = "3199"
        return rows

    _rewrite(data_copy / "kommuner.csv", renumber)
    _rewrite(data_copy / "kommune_endringer.csv", record_change)
    _rewrite(data_copy / "kommune_kodeoversetting.csv", crosswalk)
    report = load_registry(data_copy)

    assert report.renumbered == ["3101 → 3199"]
    assert report.deactivated == []
    renumbered = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, number="3199")
    assert renumbered.pk == halden.pk
    assert not Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, number="3101").exists()
    membership.refresh_from_db()
    assert membership.organisation_id == halden.pk
    assert Organisation.objects.registry().municipalities().active().count() == 357


def test_municipality_missing_from_the_data_is_deactivated(registry, data_copy):
    _rewrite(data_copy / "kommuner.csv", lambda rows: [r for r in rows if r["kommunenummer"] != "1580"])
    _rewrite(data_copy / "kommune_kodeoversetting.csv", lambda rows: [r for r in rows if r["nytt_nummer"] != "1580"])
    report = load_registry(data_copy)
    haram = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, number="1580")
    assert not haram.is_active
    assert report.deactivated == ["1580 Haram"]


def test_loader_does_not_deactivate_demo_organisations(registry):
    demo = make_organisation(name="Kommune A", number="9901", county=County.objects.get(number="18"), is_demo=True)
    report = load_registry()
    demo.refresh_from_db()
    assert demo.is_active
    assert report.deactivated == []


@pytest.mark.parametrize(
    ("query", "number"),
    [("0219", "3201"), ("219", "3201"), ("1601", "5001"), ("Bærum", "3201"), ("Tjøme", "3911")],
)
def test_resolve_maps_old_numbers_and_names_to_todays_municipality(registry, query, number):
    resolution = resolve(query)
    assert [o.number for o in resolution.organisations] == [number]
    assert not resolution.is_split


def test_resolve_old_name_of_merged_municipality(registry):
    resolution = resolve("Nøtterøy")
    assert resolution.former
    assert [o.number for o in resolution.organisations] == ["3911"]


@pytest.mark.parametrize(("query", "numbers"), [("1507", {"1508", "1580"}), ("1850", {"1806", "1875"})])
def test_resolve_reports_a_split_with_all_candidates(registry, query, numbers):
    resolution = resolve(query)
    assert resolution.is_split
    assert {o.number for o in resolution.organisations} == numbers


def test_resolve_unknown_number_finds_nothing(registry):
    assert not resolve("9999").found
    assert not resolve("").found


def test_old_number_url_redirects_permanently_to_todays_municipality(client, registry):
    response = client.get("/kommuner/0219/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/3201-baerum/"


def test_split_number_url_lists_both_candidates(client, registry):
    response = client.get("/kommuner/1507/")
    assert response.status_code == 200
    assert response.context["resolution"].is_split
    content = response.content.decode()
    assert 'href="/kommuner/1508-aalesund/"' in content
    assert 'href="/kommuner/1580-haram/"' in content


def test_list_filter_with_split_number_shows_the_split_notice(client, registry):
    response = client.get("/kommuner/", {"q": "1507"})
    assert response.status_code == 200
    assert response.context["resolution"].is_split
    assert 'data-color="warning"' in response.content.decode()
    assert "1580-haram" in response.content.decode()


def test_list_groups_every_active_organisation_by_county(client, registry):
    response = client.get("/kommuner/")
    groups = response.context["groups"]
    assert len(groups) == 15
    assert response.context["count"] == 357 + 15
    for county in groups:
        assert county.shown
        assert all(org.county_id == county.pk for org in county.shown)
        assert [org.number for org in county.shown if not org.is_municipality] == [county.number]


def test_list_filter_by_name(client, registry):
    response = client.get("/kommuner/", {"q": "bærum"})
    shown = [org for county in response.context["groups"] for org in county.shown]
    assert [org.number for org in shown] == ["3201"]
    assert response.context["resolution"] is None


def test_wrong_slug_redirects_to_canonical_url(client, registry):
    response = client.get("/kommuner/3201-wrong-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/3201-baerum/"


@pytest.mark.parametrize("url", ["/kommuner/5027-midtre-gauldal/", "/fylkeskommuner/15-more-og-romsdal/"])
def test_organisation_with_hyphenated_slug_has_a_page(client, registry, url):
    assert client.get(url).status_code == 200


def test_old_number_with_slug_redirects_to_todays_municipality(client, registry):
    response = client.get("/kommuner/0219-baerum/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/3201-baerum/"


@pytest.mark.parametrize("query", ["Tysfjord", "tysfjord", "Divtasvuodna", "1850"])
def test_list_filter_finds_todays_municipalities_by_a_former_name_or_number(client, registry, query):
    # Tysfjord (1850, "Tysfjord - Divtasvuodna") was split between Narvik and Hamarøy in 2020.
    response = client.get("/kommuner/", {"q": query})
    shown = {org.number for county in response.context["groups"] for org in county.shown}
    assert shown == {"1806", "1875"}
    assert response.context["resolution"].is_split
