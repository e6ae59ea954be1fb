from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.curators import CURATOR_GROUP, ensure_curator_group
from common.pagecache import site_changed, user_changed
from municipalities.models import Membership, Organisation
from municipalities.services import hand_over_administration


def organisations_losing_their_admin(user) -> list[tuple[Organisation, Membership | None]]:
    """Organisations where the user is the last administrator while others are members, each with the
    editor who would take over (None: the organisation goes to the curators' queue)."""
    organisations = Organisation.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.APPROVED,
        memberships__role=Membership.Role.ADMIN,
    ).order_by("name")
    return [
        (organisation, organisation.successor_to(user))
        for organisation in organisations
        if organisation.loses_last_admin(user, leaving=True)
    ]


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the user and their memberships. Where they were the last administrator, the longest-serving editor
    takes over; without one, the organisation appears in the curators' queue."""
    for membership in user.memberships.approved().filter(role=Membership.Role.ADMIN).select_related("organisation"):
        hand_over_administration(organisation=membership.organisation, leaving=user)
    user.delete()
    transaction.on_commit(site_changed)  # organisation pages count members; comments name their authors


@transaction.atomic
def make_curator(*, user) -> None:
    """Make `user` a curator (KS): staff, in the group «Kuratorer», which carries the curator permission and the
    admin permissions a curator acts with. The group is (re)created if it is missing."""
    group = Group.objects.filter(name=CURATOR_GROUP).first() or ensure_curator_group(Group, Permission)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
    user_changed(user.pk)  # what their pages offer (registering projects for any organisation)
