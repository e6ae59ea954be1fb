from django.core.management.base import BaseCommand, CommandError

from common.pagecache import site_changed
from demo.adoptions import generate_adoptions
from demo.projects import DEFAULT_SEED, delete_generated_projects, generate_projects
from projects.facets import rebuild as rebuild_facets


class Command(BaseCommand):
    help = (
        "Create SIZE generated demo projects owned by the demo organisations Kommune A–I (idempotent for the "
        "same size and seed; titles end in «(generert eksempel)»). Run load_demo first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, required=True, help="How many generated projects there should be.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same projects).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete all earlier generated projects first (any seed)."
        )

    def handle(self, *args, size, seed, replace, **options):
        if size < 0:
            raise CommandError("--size must be zero or more.")
        if replace:
            deleted = delete_generated_projects()
            self.stdout.write(f"Deleted {deleted} earlier generated projects.")
        created = generate_projects(size, seed)
        self.stdout.write(f"Generated demo projects: {created} created ({size} requested, seed {seed}).")
        adoptions = generate_adoptions(seed)
        self.stdout.write(f"Generated demo adoptions: {adoptions} created.")
        rebuild_facets()
        site_changed()
