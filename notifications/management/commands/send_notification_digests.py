from django.core.management.base import BaseCommand

from notifications.models import Frequency
from notifications.services import send_digests


class Command(BaseCommand):
    help = (
        "Email each user a digest of the notifications waiting for their daily or weekly digest. Run from cron: "
        "daily every morning, weekly on Monday mornings. Safe to run twice at once and to rerun after a crash."
    )

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[Frequency.DAILY, Frequency.WEEKLY])

    def handle(self, *args, frequency, **options):
        sent = send_digests(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) queued.")
