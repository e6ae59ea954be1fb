import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connections

from outbox.delivery import purge_sent, send_queued


class Command(BaseCommand):
    help = "Send queued mail (retrying failed messages with exponential backoff). --loop keeps running as a worker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking the queue every --interval.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between checks with --loop.")
        parser.add_argument("--limit", type=int, default=500, help="Messages to send per round at most.")

    def handle(self, *args, loop, interval, limit, **options):
        self.stopping = False
        if loop:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        while True:
            self._round(limit, worker=loop)
            if not loop or self.stopping:
                break
            self._sleep(interval)

    def _round(self, limit, *, worker):
        try:
            result = send_queued(limit=limit)
            purge_sent(days=settings.OUTBOX_KEEP_SENT_DAYS)
        except DatabaseError as error:
            if not worker:
                raise
            # The database is away: keep the worker alive, reconnect and try again next round.
            self.stderr.write(f"send_queued_mail: database unavailable: {error}")
            for connection in connections.all():
                connection.close()
            return
        finally:
            if worker:
                close_old_connections()  # as after a request: drop broken or expired connections
        if result:
            self.stdout.write(f"sent {result.sent}, failed {result.failed}")

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.5, deadline - time.monotonic()))

    def _stop(self, signum, frame):
        self.stopping = True
