from django.core.management.base import BaseCommand

from common.pagecache import site_changed
from demo.adoptions import generate_adoptions, load_demo_adoptions
from demo.conversation import load_demo_conversation
from demo.curation import load_demo_curation
from demo.opendays import load_demo_open_days
from demo.people import DEMO_PASSWORD, load_demo_users
from demo.projects import DEFAULT_SEED, generate_projects, load_demo_projects
from projects.facets import rebuild as rebuild_facets


class Command(BaseCommand):
    help = "Load demo organisations, users and projects (idempotent). All demo content is marked as example data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--projects", type=int, default=60, help="How many generated projects besides the study's 22 cases."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed for the generated projects.")

    def handle(self, *args, **options):
        rows = load_demo_users()
        self.stdout.write(f"Demo users (password «{DEMO_PASSWORD}»):")
        for email, what in rows:
            self.stdout.write(f"  {email:32} {what}")
        created = load_demo_projects()
        generated = generate_projects(options["projects"], options["seed"])
        self.stdout.write(
            f"Demo projects: {created['cases']} study cases and {created['drafts']} drafts created, "
            f"{generated} generated projects created (existing ones are kept)."
        )
        self.stdout.write(f"Demo open days: {load_demo_open_days()} created.")
        adoptions = load_demo_adoptions() + generate_adoptions(options["seed"])
        self.stdout.write(f"Demo adoptions: {adoptions} created (existing ones are kept).")
        self.stdout.write(f"Demo conversation: {load_demo_conversation()} comments created.")
        curated = load_demo_curation()
        rebuild_facets()  # the demo is written in bulk, past the services
        self.stdout.write(
            f"Demo curation: {curated['featured']} featured projects, {curated['collections']} collection and "
            f"{curated['awards']} awards created."
        )
        site_changed()  # the demo is written partly outside the services: cached pages would not show it
