"""Wagtail's count of searches per query and day, written in batches after the responses.

The popular searches report and the promotions editors choose from read ``QueryDailyHits``.
Wagtail writes it on every search (find or create the query, then its day's row: three queries,
one of them a write, in the visitor's request). Here each process counts in memory and writes
what it counted at most every ``SEARCH_HITS_FLUSH_SECONDS``, once the response has gone, and
when it stops. A process killed without warning loses at most that many seconds of counts:
a statistic, never an editor's or a visitor's work.
"""

import logging
import threading
import time
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

logger = logging.getLogger(__name__)
# Queries typed are the visitors' choice: past this many different ones, write them at once.
MAX_PENDING_QUERIES = 500


class HitLog:
    def __init__(self) -> None:
        self.pending: Counter[tuple[str, date]] = Counter()
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def add(self, query_string: str) -> None:
        with self.lock:
            if not self.pending:
                self.started = time.monotonic()
            self.pending[(query_string, timezone.localdate())] += 1

    def due(self) -> bool:
        waited = time.monotonic() - self.started
        return bool(self.pending) and (
            waited >= settings.SEARCH_HITS_FLUSH_SECONDS or len(self.pending) >= MAX_PENDING_QUERIES
        )

    def flush(self) -> int:
        """Write what was counted; the number of hits written. Kept for later if it fails."""
        with self.lock:
            taken, self.pending = self.pending, Counter()
        if not taken:
            return 0
        try:
            with transaction.atomic():
                for (query_string, day), hits in sorted(taken.items()):
                    query = Query.get(query_string)
                    QueryDailyHits.objects.get_or_create(query=query, date=day)
                    QueryDailyHits.objects.filter(query=query, date=day).update(
                        hits=F("hits") + hits
                    )
        except Exception:
            logger.exception("Could not record %d search hits; kept for the next try", len(taken))
            with self.lock:
                taken.update(self.pending)
                self.pending = taken
            return 0
        return sum(taken.values())

    def flush_if_due(self, **kwargs) -> None:
        if self.due():
            self.flush()


hit_log = HitLog()


def record_search(query_string: str) -> None:
    hit_log.add(query_string)
