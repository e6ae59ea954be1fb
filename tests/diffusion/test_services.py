import datetime

import pytest
from django.core.exceptions import ValidationError

from activity.models import Activity
from diffusion import services
from diffusion.models import Adoption, AdoptionEvent
from municipalities.models import Membership
from projects import services as project_services
from projects.models import Project

from ..factories import make_membership, make_organisation, make_user
from ..projects.conftest import complete_fields


def test_copy_is_a_draft_of_the_taker_with_the_public_part_of_the_source(source, other_organisation, taker_editor):
    copy = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    assert copy.owner == other_organisation
    assert copy.is_draft
    assert copy.source_project == source
    assert copy.origin == Project.Origin.ADAPTED
    assert copy.title == source.title
    assert copy.core == source.core and copy.needs_cost == "200 000 kr"
    assert list(copy.service_areas.all()) == list(source.service_areas.all())
    # Not copied: benefits, contacts, history; local actors stay behind.
    assert not copy.benefits.exists() and not copy.contacts.exists()
    assert [row.actor.name for row in copy.project_actors.all()] == ["NTNU"]
    assert copy.versions.count() == 1
    assert not copy.co_owners.exists()


def test_copy_is_an_adoption_and_logged(source, other_organisation, taker_editor):
    copy = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    adoption = Adoption.objects.get(source=source, organisation=other_organisation)
    assert adoption.own_project == copy
    assert adoption.status == Adoption.Status.CONSIDERING and adoption.is_counted
    assert adoption.events.get().action == AdoptionEvent.Action.COPIED
    copied = Activity.objects.get(verb=Activity.Verb.PROJECT_COPIED)
    assert copied.subject == copy and copied.data == {"source": source.pk}
    declared = Activity.objects.get(verb=Activity.Verb.ADOPTION_DECLARED)
    assert declared.subject == source and declared.organisation == other_organisation
    assert declared.data["adoption"] == adoption.pk


def test_copy_of_a_copy_keeps_the_line(source, other_organisation, taker_editor, county):
    copy = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    project_services.update_project(project=copy, by=taker_editor, **complete_fields())
    project_services.publish_project(project=copy, by=taker_editor)
    third = make_organisation(name="Ringerike", county=county)
    third_editor = make_user()
    make_membership(user=third_editor, organisation=third, role=Membership.Role.EDITOR)
    grandchild = services.copy_project(source=copy, into=third, by=third_editor)
    assert grandchild.source_project == copy
    assert copy.source_project == source
    assert Adoption.objects.filter(source=copy, organisation=third).exists()
    assert not Adoption.objects.filter(source=source, organisation=third).exists()


def test_user_in_several_organisations_copies_into_the_one_chosen(source, other_organisation, county):
    user = make_user()
    second = make_organisation(name="Drammen", county=county)
    for organisation in (other_organisation, second):
        make_membership(user=user, organisation=organisation, role=Membership.Role.EDITOR)
    copy = services.copy_project(source=source, into=second, by=user)
    assert copy.owner == second
    assert not Project.objects.filter(owner=other_organisation).exists()


def test_double_copy_is_known_and_keeps_one_adoption(source, other_organisation, taker_editor):
    first = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    assert list(services.existing_copies(source=source, into=other_organisation)) == [first]
    second = services.copy_project(source=source, into=other_organisation, by=taker_editor)
    assert Adoption.objects.filter(source=source, organisation=other_organisation).count() == 1
    assert Adoption.objects.get(source=source).own_project == second


def test_copying_your_own_project_is_refused_with_a_reason(source, organisation, editor):
    with pytest.raises(services.CopyRefused) as refused:
        services.copy_project(source=source, into=organisation, by=editor)
    assert refused.value.own_project
    assert not Adoption.objects.exists()


def test_a_member_without_the_editor_role_cannot_copy(source, other_organisation, taker_member):
    with pytest.raises(services.CopyRefused):
        services.copy_project(source=source, into=other_organisation, by=taker_member)


def test_a_draft_cannot_be_copied(draft, other_organisation, taker_editor):
    with pytest.raises(services.CopyRefused):
        services.copy_project(source=draft, into=other_organisation, by=taker_editor)


def test_declare_change_and_end_an_adoption_keeps_history(source, other_organisation, taker_member):
    adoption = services.declare_adoption(
        source=source,
        organisation=other_organisation,
        by=taker_member,
        status=Adoption.Status.TRIAL,
        started_on=datetime.date(2024, 3, 1),
    )
    assert adoption.is_counted
    with pytest.raises(ValidationError) as error:
        services.change_adoption(
            adoption=adoption, by=taker_member, status=Adoption.Status.ENDED, kind=adoption.kind, channel="spre"
        )
    assert "ended_reason" in error.value.message_dict
    services.change_adoption(
        adoption=adoption,
        by=taker_member,
        status=Adoption.Status.ENDED,
        kind=adoption.kind,
        channel="spre",
        ended_reason="For dyrt for oss.",
    )
    adoption.refresh_from_db()
    assert not adoption.is_counted
    assert adoption.ended_reason == "For dyrt for oss."
    assert list(adoption.events.values_list("status", flat=True)) == ["ended", "trial"]
    assert Adoption.objects.counted().count() == 0


def test_only_members_of_the_adopting_organisation_declare(source, other_organisation, outsider, editor):
    with pytest.raises(ValidationError):
        services.declare_adoption(source=source, organisation=other_organisation, by=outsider)
    with pytest.raises(ValidationError):  # the source's own editor cannot adopt from itself either
        services.declare_adoption(source=source, organisation=source.owner, by=editor)


def test_an_active_adoption_is_not_declared_twice_but_a_withdrawn_one_comes_back(
    source, other_organisation, taker_member
):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    with pytest.raises(ValidationError):
        services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    services.withdraw_adoption(adoption=adoption, by=taker_member)
    assert Adoption.objects.counted().count() == 0
    again = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    assert again.pk == adoption.pk and again.is_counted
    assert again.events.count() == 3


def test_confirm_and_dispute(source, other_organisation, taker_member, editor):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    services.confirm_adoption(adoption=adoption, by=editor, confirm=True)
    adoption.refresh_from_db()
    assert adoption.is_confirmed and adoption.confirmed_by == editor and adoption.is_counted
    with pytest.raises(ValidationError):
        services.confirm_adoption(adoption=adoption, by=editor, confirm=False)
    services.confirm_adoption(adoption=adoption, by=editor, confirm=False, reason="Vi kjenner ikke til dette.")
    adoption.refresh_from_db()
    assert adoption.is_disputed and not adoption.is_counted
    verbs = list(Activity.objects.filter(verb__startswith="adoption.").values_list("verb", flat=True))
    assert set(verbs) == {"adoption.declared", "adoption.confirmed", "adoption.disputed"}


def test_report_experiences_with_benefits(source, other_organisation, taker_member):
    adoption = services.declare_adoption(source=source, organisation=other_organisation, by=taker_member)
    services.report_experiences(
        adoption=adoption,
        by=taker_member,
        changed="Kortere pilot.",
        learned="Involver de ansatte tidlig.",
        benefits=[{"indicator": "Nattbesøk", "baseline": "40", "result": "12", "unit": "per uke"}],
    )
    adoption.refresh_from_db()
    assert adoption.has_report and adoption.benefits.get().result == "12"
    benefit = adoption.benefits.get()
    services.report_experiences(adoption=adoption, by=taker_member, changed="", learned="x", benefits=[])
    assert not adoption.benefits.filter(pk=benefit.pk).exists()


def test_own_project_must_belong_to_the_adopter(source, other_organisation, taker_member, draft):
    with pytest.raises(ValidationError) as error:
        services.declare_adoption(source=source, organisation=other_organisation, by=taker_member, own_project=draft)
    assert "own_project" in error.value.message_dict
