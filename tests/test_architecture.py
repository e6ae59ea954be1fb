"""The layers of ARCHITECTURE.md, enforced: an app imports only from apps in lower layers."""

import ast
from pathlib import Path

from django.conf import settings

LAYERS = [
    {"common", "activity", "outbox"},
    {"municipalities"},
    {"accounts"},
    {"projects"},
    {"notifications"},
    {"diffusion", "conversation", "curation", "opendays", "api"},  # the capabilities; none imports another
    {"portal"},
    {"demo"},
]
LAYER = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names & set(LAYER)


def upward_imports() -> list[str]:
    wrong = []
    for app, layer in LAYER.items():
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for imported in _imports(path):
                if imported != app and LAYER[imported] >= layer:
                    wrong.append(f"{path.relative_to(settings.BASE_DIR)} imports {imported}")
    return sorted(wrong)


def test_every_app_is_in_a_layer():
    ours = {p.parent.name for p in Path(settings.BASE_DIR).glob("*/__init__.py")} - {"tests", "node_modules"}
    assert ours - set(LAYER) == set(), "add the new app to LAYERS here and to ARCHITECTURE.md"


def test_apps_import_only_from_lower_layers():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch, settings):
    (tmp_path / "municipalities").mkdir()
    (tmp_path / "municipalities" / "bad.py").write_text("from projects.models import Project\n")
    settings.BASE_DIR = tmp_path
    assert upward_imports() == ["municipalities/bad.py imports projects"]
