"""The demo content for the tests that need it: the one place that imports the demo loaders.

Loaded once per test run (once per xdist worker) by the fixtures in tests/demo/conftest.py
and tests/browser/test_demo_sweep.py, not once per test.
"""

from django.test import override_settings

from demo.adoptions import generate_adoptions, load_demo_adoptions
from demo.conversation import load_demo_conversation
from demo.curation import load_demo_curation
from demo.opendays import load_demo_open_days
from demo.people import DEMO_PASSWORD, load_demo_users
from demo.projects import generate_projects, load_demo_projects
from municipalities.registry import load_registry

from .conftest import FAST_PASSWORD_HASHERS

__all__ = ["DEMO_PASSWORD", "load_demo"]


def load_demo(*, generated: int, seed: int = 1) -> None:
    """The real registry, the demo organisations and users, the study's 22 cases, `generated` more, and a
    conversation on one of the cases."""
    load_registry()
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):  # as every test has (tests/conftest.py)
        load_demo_users()
    load_demo_projects()
    generate_projects(generated, seed=seed)
    load_demo_open_days()
    load_demo_adoptions()
    generate_adoptions(seed)
    load_demo_conversation()
    load_demo_curation()
