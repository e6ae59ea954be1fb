from django.db import transaction

from municipalities.models import Membership


class LastAdminError(Exception):
    """The user is the only administrator of an organisation that has other members."""

    def __init__(self, organisations):
        self.organisations = organisations
        super().__init__(", ".join(str(o) for o in organisations))


def organisations_needing_successor(user):
    """Organisations where the user is the only admin while other people are members."""
    result = []
    for membership in user.memberships.approved().filter(role=Membership.Role.ADMIN).select_related("organisation"):
        others = membership.organisation.memberships.approved().exclude(user=user)
        if others.exists() and not others.filter(role=Membership.Role.ADMIN).exists():
            result.append(membership.organisation)
    return result


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the user and their memberships. Refused while they are an organisation's last admin."""
    blocking = organisations_needing_successor(user)
    if blocking:
        raise LastAdminError(blocking)
    user.delete()
