"""The relevance set (tests/relevance.py) over the demo: a floor, so ranking changes that lose ground fail.

The floor is asserted on PostgreSQL, the search of production; the SQLite fallback's figures are lower
(`make bench` reports them for each of its databases)."""

import pytest
from django.db import connection

from tests.relevance import QUERIES, evaluate, report


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the full search needs PostgreSQL")
def test_the_relevance_set_keeps_its_floor():
    assert len(QUERIES) >= 30
    result = evaluate()
    print(report(result))
    assert connection.vendor == "postgresql"
    assert result["hit_at_5"] >= 0.9, report(result)
    assert result["mrr"] >= 0.8, report(result)
