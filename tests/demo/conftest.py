"""Every test in this package starts from the loaded demo: the registry, the demo organisations and users,
the 22 cases and 12 generated projects (seed 1). It is loaded once for the package (per xdist worker;
with --dist loadfile each module runs on one worker); what a test changes is rolled back after it."""

import pytest

from ..conftest import kept_for_scope
from ..demo_data import load_demo

GENERATED = 12


@pytest.fixture(scope="package")
def _demo(django_db_setup, django_db_blocker):
    yield from kept_for_scope(django_db_blocker, lambda: load_demo(generated=GENERATED))


@pytest.fixture(autouse=True)
def loaded(_demo, db):
    """The demo, as loaded by `make demo` with --projects=12 --seed=1."""
