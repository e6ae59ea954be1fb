from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from municipalities.services import approve_by_email_domain


@receiver(email_confirmed)
def join_organisations_by_email_domain(sender, request, email_address, **kwargs):
    approve_by_email_domain(user=email_address.user)
