"""The test suite's own rules: browser tests are marked as such, and a missing npm package fails only them."""

import ast
from pathlib import Path

import pytest

from .browser import helpers

BROWSER_TESTS = sorted((Path(__file__).parent / "browser").glob("test_*.py"))


def declares_browser_marker(path: Path) -> bool:
    """`pytestmark = pytest.mark.browser`, or a list of marks that includes it."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(target, "id", None) for target in node.targets] == ["pytestmark"]:
            marks = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [node.value]
            return "pytest.mark.browser" in [ast.unparse(mark) for mark in marks]
    return False


def test_the_browser_tests_are_found():
    assert {path.name for path in BROWSER_TESTS} >= {"test_site.py", "test_project_flow.py", "test_demo_sweep.py"}


@pytest.mark.parametrize("path", BROWSER_TESTS, ids=lambda path: path.name)
def test_every_browser_test_file_declares_the_browser_marker(path):
    assert declares_browser_marker(path), f"{path.name}: add `pytestmark = pytest.mark.browser`"


def test_missing_axe_core_fails_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(helpers, "AXE_PATH", tmp_path / "axe.min.js")
    monkeypatch.setattr(helpers, "_axe_source", None)
    with pytest.raises(pytest.fail.Exception, match=r"axe-core missing .*: run npm ci"):
        helpers.axe_source()


def test_axe_core_is_read_once(monkeypatch, tmp_path):
    (tmp_path / "axe.min.js").write_text("window.axe = {};", encoding="utf-8")
    monkeypatch.setattr(helpers, "AXE_PATH", tmp_path / "axe.min.js")
    monkeypatch.setattr(helpers, "_axe_source", None)
    assert helpers.axe_source() == "window.axe = {};"
    (tmp_path / "axe.min.js").unlink()
    assert helpers.axe_source() == "window.axe = {};"
