"""What a newcomer reads first: the README and what `make run` prints."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)


def test_readme_says_how_to_choose_another_port():
    assert "make run PORT=8101" in (BASE / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_run_serves_and_links_on_the_port_asked_for_without_contradicting_itself():
    commands = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=BASE, capture_output=True, text=True, check=True
    ).stdout
    assert "runserver 127.0.0.1:8101" in commands
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8101}" in commands  # mailed links point where the portal runs
    # load_demo has just printed the logins: the last words must not send the reader to `make demo` for them.
    assert "make demo" not in commands.split("load_demo", 1)[1]
