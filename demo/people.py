"""Demo data for `make run`: fictional organisations (Kommune A–I, as in the study) and demo users.

The study anonymised its case municipalities, so the demo never claims that a real municipality did
anything: demo organisations are fictional, numbered 99xx and marked as example data on every page.
"""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from accounts.services import make_curator
from municipalities.models import County, Membership, Organisation

DEMO_PASSWORD = "demo-spre-2026"
DEMO_SUPERUSER = ("superbruker@spre.example", "Sofie Superbruker (drift)")

# Code, county (today's number), population as in the study (domain.md §4.1). Kommune G is both a
# county and a city in the study; placing it in its real county with its real size would identify it,
# so it gets a neutral county and no population.
DEMO_MUNICIPALITIES = [
    ("A", "18", 480),
    ("B", "31", 56000),
    ("C", "11", 26000),
    ("D", "32", 61400),
    ("E", "32", 27350),
    ("F", "34", 6850),
    ("G", "32", None),
    ("H", "40", 54680),
    ("I", "34", 14950),
]

DEMO_USERS = [
    # email, name, organisation code, role, status
    ("kurator@spre.example", "Kari Kurator (KS)", None, None, None),
    ("admin@kommune-a.example", "Anne Administrator", "A", Membership.Role.ADMIN, Membership.Status.APPROVED),
    ("radgiver@kommune-a.example", "Rune Rådgiver", "A", Membership.Role.EDITOR, Membership.Status.APPROVED),
    ("ansatt@kommune-a.example", "Mona Medlem", "A", Membership.Role.MEMBER, Membership.Status.APPROVED),
    ("ny@kommune-a.example", "Per Venter", "A", Membership.Role.MEMBER, Membership.Status.PENDING),
    ("radgiver@kommune-d.example", "Dina Rådgiver", "D", Membership.Role.EDITOR, Membership.Status.APPROVED),
]


def demo_organisations() -> dict[str, Organisation]:
    counties = {c.number: c for c in County.objects.all()}
    result = {}
    for index, (code, county_number, population) in enumerate(DEMO_MUNICIPALITIES, start=1):
        org, _created = Organisation.objects.update_or_create(
            kind=Organisation.Kind.MUNICIPALITY,
            number=f"99{index:02d}",
            defaults={
                "name": f"Kommune {code}",
                "slug": f"kommune-{code.lower()}",
                "official_label": f"Kommune {code} (eksempel)",
                "county": counties[county_number],
                "population": population,
                "is_demo": True,
                "is_active": True,
            },
        )
        result[code] = org
    return result


@transaction.atomic
def load_demo_users() -> list[tuple[str, str]]:
    organisations = demo_organisations()
    rows = []
    for email, name, code, role, status in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if code is None:
            make_curator(user=user)
            rows.append((email, "curator (KS), Django's admin at /admin/"))
            continue
        Membership.objects.update_or_create(
            user=user, organisation=organisations[code], defaults={"role": role, "status": status}
        )
        rows.append((email, f"{status} {role}, Kommune {code}"))
    email, name = DEMO_SUPERUSER
    if not User.objects.filter(email=email).exists():
        User.objects.create_superuser(email=email, password=DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.update_or_create(
        user=User.objects.get(email=email), email=email, defaults={"verified": True, "primary": True}
    )
    rows.append((email, "superuser, everything in Django's admin at /admin/"))
    return rows
