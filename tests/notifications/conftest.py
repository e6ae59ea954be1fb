from ..projects.conftest import archived, draft, published  # noqa: F401  (fixtures)
