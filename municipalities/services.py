"""Membership workflows: request, decide, change role, automatic approval by email domain."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action

from .models import EmailDomain, Membership, Organisation

Verb = Activity.Verb


def _verified_domains(user) -> set[str]:
    return {
        address.rsplit("@", 1)[-1].lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


def _log(verb: str, membership: Membership, *, by=None, **data) -> None:
    log_action(
        verb=verb,
        by=by,
        organisation=membership.organisation,
        subject=membership,
        data={"user": membership.user_id, "role": membership.role, **data},
    )


def _requested_role(role: str) -> str:
    """The role asked for with a request to join: only editor and administrator are asked for (member is the
    default)."""
    role = Membership.Role(role or Membership.Role.MEMBER)
    return "" if role == Membership.Role.MEMBER else role.value


@transaction.atomic
def request_membership(*, user, organisation: Organisation, message: str = "", role: str = "") -> Membership:
    """Ask to join an organisation, optionally asking for the editor or administrator role (the message is the
    reason). Approved at once as member when a verified address is on one of its verified domains, unless the
    person was rejected or removed before: then the administrators decide. A role asked for stays a request
    until an administrator (or a curator, when the organisation has none) decides it."""
    requested_role = _requested_role(role)
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "message": message,
            "requested_role": requested_role,
            "role_requested_at": timezone.now() if requested_role else None,
        },
    )
    if not created:
        if not membership.is_refused:
            return membership
        # Asking again after a refusal: a new pending request that remembers the decision it asks to reverse.
        membership.previous_status = membership.status
        membership.status = Membership.Status.PENDING
        membership.message = message
        membership.requested_role = requested_role
        membership.role_requested_at = timezone.now() if requested_role else None
        membership.created_at = timezone.now()
        membership.save()
    if (
        membership.may_be_approved_automatically
        and organisation.email_domains.verified().filter(domain__in=_verified_domains(user)).exists()
    ):
        _approve_automatically(membership)
        if membership.requested_role:  # a member now, the role asked for still waits for a decision
            _log(Verb.MEMBERSHIP_ROLE_REQUESTED, membership, by=user, requested_role=membership.requested_role)
    else:
        _log(Verb.MEMBERSHIP_REQUESTED, membership, by=user, requested_role=membership.requested_role)
    return membership


def _approve_automatically(membership: Membership) -> None:
    membership.status = Membership.Status.APPROVED
    membership.role = Membership.Role.MEMBER
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "role", "decided_at", "updated_at"])
    _log(Verb.MEMBERSHIP_AUTO_APPROVED, membership, by=membership.user)


@transaction.atomic
def decide_membership(*, membership: Membership, approve: bool, by, role: str | None = None) -> Membership:
    """Approve (with a role) or reject a pending request. Tells the requester by email."""
    if not membership.organisation.can_administer(by):
        raise PermissionDenied
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REJECTED
    membership.previous_status = ""
    if approve and role:
        membership.role = Membership.Role(role)
    requested_role = membership.requested_role
    membership.requested_role = ""
    membership.role_requested_at = None
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.full_clean()
    membership.save()
    _log(
        Verb.MEMBERSHIP_APPROVED if approve else Verb.MEMBERSHIP_REJECTED,
        membership,
        by=by,
        requested_role=requested_role,
    )
    return membership


@transaction.atomic
def request_role(*, membership: Membership, role: str, reason: str, by) -> Membership:
    """An approved member asks for the editor or administrator role, with a reason. The organisation's
    administrators decide, or the curators when it has none."""
    if membership.user_id != by.pk:
        raise PermissionDenied
    if not membership.is_approved:
        raise ValidationError(_("Only members can ask for another role."))
    role = Membership.Role(role)
    if role == Membership.Role.MEMBER or role == membership.role:
        raise ValidationError(_("You already have this role."))
    if membership.role == Membership.Role.ADMIN:
        raise ValidationError(_("Administrators can change their own role."))
    if not reason.strip():
        raise ValidationError(_("Say why you need the role."))
    membership.requested_role = role
    membership.role_reason = reason.strip()
    membership.role_requested_at = timezone.now()
    membership.full_clean()
    membership.save(update_fields=["requested_role", "role_reason", "role_requested_at", "updated_at"])
    _log(Verb.MEMBERSHIP_ROLE_REQUESTED, membership, by=by, requested_role=role.value, reason=membership.role_reason)
    return membership


@transaction.atomic
def decide_role_request(*, membership: Membership, approve: bool, by) -> Membership:
    """Give a member the role they asked for, or refuse it (they keep their role). Tells them by email."""
    if not membership.organisation.can_administer(by):
        raise PermissionDenied
    if not membership.has_role_request:
        raise ValidationError(_("This request has already been decided."))
    requested_role = membership.requested_role
    previous = membership.role
    if approve:
        membership.role = requested_role
    membership.requested_role = ""
    membership.role_requested_at = None
    membership.save(update_fields=["role", "requested_role", "role_requested_at", "updated_at"])
    _log(
        Verb.MEMBERSHIP_ROLE_GRANTED if approve else Verb.MEMBERSHIP_ROLE_REFUSED,
        membership,
        by=by,
        requested_role=requested_role,
        previous_role=previous,
    )
    return membership


@transaction.atomic
def withdraw_role_request(*, membership: Membership, by) -> Membership:
    """The member takes back a request for another role."""
    if membership.user_id != by.pk:
        raise PermissionDenied
    if not membership.has_role_request:
        raise ValidationError(_("There is no request to withdraw."))
    requested_role = membership.requested_role
    membership.requested_role = ""
    membership.role_requested_at = None
    membership.save(update_fields=["requested_role", "role_requested_at", "updated_at"])
    _log(Verb.MEMBERSHIP_ROLE_REQUEST_WITHDRAWN, membership, by=by, requested_role=requested_role)
    return membership


@transaction.atomic
def change_role(*, membership: Membership, role: str, by) -> Membership:
    """Set an approved member's role. An organisation always keeps at least one admin."""
    organisation = membership.organisation
    if not organisation.can_administer(by):
        raise PermissionDenied
    role = Membership.Role(role)
    if (
        membership.is_approved
        and role != Membership.Role.ADMIN
        and not by.is_curator
        and organisation.loses_last_admin(membership.user, leaving=False)
    ):
        raise ValidationError(_("The organisation must keep at least one administrator."))
    previous = membership.role
    membership.role = role
    if membership.requested_role == role:  # the role asked for was given through the member list
        membership.requested_role = ""
        membership.role_requested_at = None
    membership.save(update_fields=["role", "requested_role", "role_requested_at", "updated_at"])
    _log(Verb.MEMBERSHIP_ROLE_CHANGED, membership, by=by, previous_role=previous)
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, by) -> None:
    """Leave an organisation or withdraw a request (own membership), or remove someone (organisation admin).

    Leaving deletes the membership. A removal by an administrator is kept as a decision (status removed), so
    the person cannot rejoin through an email domain. Withdrawing a request made after a refusal restores
    the refusal.
    """
    organisation = membership.organisation
    own = membership.user_id == by.pk
    if not own and not organisation.can_administer(by):
        raise PermissionDenied
    if membership.is_refused:
        raise ValidationError(_("%(user)s is not a member.") % {"user": membership.user})
    if membership.is_approved and not by.is_curator and organisation.loses_last_admin(membership.user, leaving=True):
        raise ValidationError(_("Appoint another administrator before the last one leaves."))
    _log(Verb.MEMBERSHIP_LEFT if own else Verb.MEMBERSHIP_REMOVED, membership, by=by)
    if own and membership.previous_status:
        membership.status = membership.previous_status
        membership.previous_status = ""
        membership.requested_role = ""
        membership.role_requested_at = None
        membership.save(
            update_fields=["status", "previous_status", "requested_role", "role_requested_at", "updated_at"]
        )
    elif own:
        membership.delete()
    else:
        membership.status = Membership.Status.REMOVED
        membership.role = Membership.Role.MEMBER
        membership.requested_role = ""
        membership.role_requested_at = None
        membership.previous_status = ""
        membership.decided_by = by
        membership.decided_at = timezone.now()
        membership.save()


@transaction.atomic
def hand_over_administration(*, organisation: Organisation, leaving) -> Membership | None:
    """`leaving` stops being administrator (deletes the account). When they were the last one, the longest-serving
    editor becomes administrator; without an editor the organisation goes to the curators' queue
    (Organisation.objects.without_admin()). Returns the successor's membership, if any."""
    if not organisation.loses_last_admin(leaving, leaving=True):
        return None
    successor = organisation.successor_to(leaving)
    if successor is not None:
        successor.role = Membership.Role.ADMIN
        successor.save(update_fields=["role", "updated_at"])
        _log(Verb.MEMBERSHIP_ADMIN_HANDED_OVER, successor)
    return successor


@transaction.atomic
def approve_by_email_domain(*, user) -> list[Membership]:
    """After an address is verified: approve pending requests and join organisations owning its domain."""
    domains = _verified_domains(user)
    approved = []
    for email_domain in EmailDomain.objects.verified().filter(domain__in=domains).select_related("organisation"):
        membership, _created = Membership.objects.get_or_create(user=user, organisation=email_domain.organisation)
        if membership.may_be_approved_automatically:
            _approve_automatically(membership)
            approved.append(membership)
    return approved


@transaction.atomic
def add_email_domain(*, organisation: Organisation, domain: str, by) -> EmailDomain:
    """Claim a domain for the organisation. Verified at once when a curator adds it or the administrator has a
    verified address on it; otherwise it waits for a curator and approves nobody automatically."""
    if not organisation.can_administer(by):
        raise PermissionDenied
    domain = domain.strip().lower().removeprefix("@")
    if organisation.email_domains.filter(domain=domain).exists():
        raise ValidationError(_("%(domain)s has already been added.") % {"domain": domain})
    if EmailDomain.objects.verified().filter(domain=domain).exists():
        raise ValidationError(_("This domain already belongs to another organisation."))
    email_domain = EmailDomain(organisation=organisation, domain=domain, created_by=by)
    email_domain.full_clean()
    email_domain.save()
    log_action(
        verb=Verb.EMAIL_DOMAIN_ADDED, by=by, organisation=organisation, subject=email_domain, data={"domain": domain}
    )
    if by.is_curator or domain in _verified_domains(by):
        _mark_verified(email_domain, by=by)
    return email_domain


def _mark_verified(email_domain: EmailDomain, *, by) -> None:
    email_domain.status = EmailDomain.Status.VERIFIED
    email_domain.verified_by = by
    email_domain.verified_at = timezone.now()
    email_domain.full_clean()
    email_domain.save(update_fields=["status", "verified_by", "verified_at"])
    _log_domain(Verb.EMAIL_DOMAIN_VERIFIED, email_domain, by=by)
    # The domain is now known to be this organisation's: other organisations' claims on it lapse.
    EmailDomain.objects.pending().filter(domain=email_domain.domain).exclude(pk=email_domain.pk).delete()


@transaction.atomic
def verify_email_domain(*, email_domain: EmailDomain, by) -> EmailDomain:
    """A curator confirms that a claimed domain is the organisation's."""
    if not by.is_curator:
        raise PermissionDenied
    if email_domain.is_verified:
        raise ValidationError(_("%(domain)s is already verified.") % {"domain": email_domain.domain})
    if EmailDomain.objects.verified().filter(domain=email_domain.domain).exists():
        raise ValidationError(_("This domain already belongs to another organisation."))
    _mark_verified(email_domain, by=by)
    return email_domain


@transaction.atomic
def revoke_email_domain(*, email_domain: EmailDomain, by) -> None:
    """Remove a domain: the organisation's administrators may, and curators may remove any."""
    if not email_domain.organisation.can_administer(by):
        raise PermissionDenied
    _log_domain(Verb.EMAIL_DOMAIN_REMOVED, email_domain, by=by)
    email_domain.delete()


def _log_domain(verb: str, email_domain: EmailDomain, *, by) -> None:
    log_action(
        verb=verb,
        by=by,
        organisation=email_domain.organisation,
        subject=email_domain,
        data={"domain": email_domain.domain},
    )
