"""The cast (tests/conftest.py) and the projects of tests/projects/conftest.py, plus comments on them."""

import pytest

from conversation import services

from ..projects.conftest import archived, draft, published  # noqa: F401  (fixtures)


@pytest.fixture
def question(published, outsider_member):  # noqa: F811  (the imported fixture)
    return services.post_comment(
        project=published, by=outsider_member, text="Hvordan fikk dere med ansatte?", is_question=True
    )


@pytest.fixture
def outsider_member(other_organisation):
    """A member of another municipality: may comment, is not from the project."""
    from ..conftest import _member_of

    return _member_of(other_organisation, email="nabo@asker.example.org")
