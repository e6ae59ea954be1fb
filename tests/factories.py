"""Plain factory functions: sensible defaults, every field overridable by keyword."""

import itertools

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import make_curator
from municipalities.models import County, EmailDomain, Membership, Organisation, slugify_name

PASSWORD = "correct-horse-battery-staple"

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_user(*, verified: bool = True, curator: bool = False, password: str = PASSWORD, **overrides) -> User:
    """A user who can log in (verified primary address unless verified=False)."""
    n = _next()
    fields = {"email": f"person{n}@example.org", "full_name": f"Person {n}"}
    fields.update(overrides)
    user = User.objects.create_user(password=password, **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    if curator:
        make_curator(user=user)  # as the demo and the admin do: staff, in the group «Kuratorer»
        user = User.objects.get(pk=user.pk)  # drop the permission cache
    return user


def make_county(**overrides) -> County:
    n = _next()
    # 60–99: no real county has these numbers, so factories never collide with the loaded registry.
    fields = {"number": f"{60 + n % 40:02d}", "name": f"Fylke {n}"}
    fields.update(overrides)
    county, _created = County.objects.get_or_create(number=fields.pop("number"), defaults=fields)
    return county


def make_organisation(*, kind: str = Organisation.Kind.MUNICIPALITY, county: County | None = None, **overrides):
    n = _next()
    name = overrides.pop("name", f"Kommune {n}")
    # 8xxx and 60–99 are unused in the real registry.
    number = f"{8000 + n % 1000}" if kind == Organisation.Kind.MUNICIPALITY else f"{60 + n % 40:02d}"
    fields = {
        "kind": kind,
        "number": number,
        "name": name,
        "slug": slugify_name(name),
        "county": county or make_county(),
    }
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_membership(
    *,
    user: User | None = None,
    organisation: Organisation | None = None,
    role: str = Membership.Role.MEMBER,
    status: str = Membership.Status.APPROVED,
    **overrides,
) -> Membership:
    return Membership.objects.create(
        user=user or make_user(),
        organisation=organisation or make_organisation(),
        role=role,
        status=status,
        **overrides,
    )


def make_email_domain(*, organisation: Organisation, domain: str, **overrides) -> EmailDomain:
    """A verified domain unless status says otherwise."""
    overrides.setdefault("status", EmailDomain.Status.VERIFIED)
    return EmailDomain.objects.create(organisation=organisation, domain=domain, **overrides)
