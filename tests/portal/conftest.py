from ..projects.conftest import draft, published  # noqa: F401  (fixtures)
