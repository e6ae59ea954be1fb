from django.core.management.base import BaseCommand

from portal.demo import DEMO_PASSWORD, load_demo_users


class Command(BaseCommand):
    help = "Load demo organisations and users (idempotent). All demo content is marked as example data."

    def handle(self, *args, **options):
        rows = load_demo_users()
        self.stdout.write(f"Demo users (password «{DEMO_PASSWORD}»):")
        for email, what in rows:
            self.stdout.write(f"  {email:32} {what}")
