from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from projects.uploads import unreferenced_files


class Command(BaseCommand):
    help = (
        "Delete uploaded files under MEDIA_ROOT/projects/ that no document or image and no version of any "
        "project refers to (so restoring a version never loses its file), and in the other apps' upload folders "
        "(settings.UPLOAD_FOLDERS: the open days' slides) those no row refers to, when they are older than the "
        "grace period (so an upload in progress is never removed). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=24,
            help="Only files last modified longer ago than this are deleted (default 24).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted; delete nothing.")

    def handle(self, *args, grace_hours, dry_run, **options):
        if grace_hours < 1:
            raise CommandError("--grace-hours must be at least 1, so that uploads in progress are never removed.")
        names = unreferenced_files(older_than=timedelta(hours=grace_hours))
        total = 0
        for name in names:
            total += default_storage.size(name)
            if not dry_run:
                default_storage.delete(name)
            if options["verbosity"] >= 2 or dry_run:
                self.stdout.write(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {len(names)} unreferenced files ({filesizeformat(total)}).")
