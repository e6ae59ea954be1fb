"""Production's static files: a development .env cannot leak into deployment commands, collectstatic always
writes the manifest, and /healthz fails while the manifest is missing (pages would answer 500)."""

import json
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from .test_deploy import production_env

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = tmp_path
    return tmp_path


def test_healthz_fails_while_the_static_files_manifest_is_missing(db, client, production_static):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"collectstatic" in response.content


def test_healthz_passes_with_a_manifest(db, client, settings, production_static):
    (production_static / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "x", "paths": {"css/spre.css": "css/spre.0123456789ab.css"}})
    )
    settings.STORAGES = {**MANIFEST_STORAGE}  # a fresh storage, which loads the manifest (as a worker does at start)
    assert client.get("/healthz").status_code == 200


def _copy_of_manage_py_with_a_development_env(tmp_path):
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path / "manage.py")
    (tmp_path / ".env").write_text("# left over from development\nDEBUG=1\n")
    return tmp_path / "manage.py"


def _run(manage_py, *args, **env):
    return subprocess.run(
        [sys.executable, str(manage_py), *args],
        cwd=settings.BASE_DIR,
        env=env | {"PYTHONPATH": str(settings.BASE_DIR)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_leftover_development_env_does_not_switch_deployment_commands_to_debug(tmp_path):
    manage_py = _copy_of_manage_py_with_a_development_env(tmp_path)
    env = production_env(REDIS_URL="redis://127.0.0.1:6379/0")
    del env["DEBUG"]  # production does not set DEBUG at all
    result = _run(manage_py, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "DEBUG" not in result.stdout + result.stderr


def test_development_commands_still_read_the_env(tmp_path):
    manage_py = _copy_of_manage_py_with_a_development_env(tmp_path)
    env = production_env()
    for key in ("DEBUG", "SECRET_KEY"):
        del env[key]
    result = _run(
        manage_py, "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)", **env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_development_commands_work_in_a_fresh_checkout_without_env(tmp_path):
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path / "manage.py")  # no .env beside it
    env = production_env()
    for key in ("DEBUG", "SECRET_KEY"):
        del env[key]
    result = _run(tmp_path / "manage.py", "makemigrations", "--check", "--dry-run", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    deploy = _run(tmp_path / "manage.py", "check", "--deploy", **env)
    assert deploy.returncode != 0  # deployment commands still refuse to run without a SECRET_KEY


def test_collectstatic_writes_the_manifest_even_in_debug(tmp_path):
    env = production_env(DEBUG="1", STATIC_ROOT=str(tmp_path / "static"))
    result = _run(settings.BASE_DIR / "manage.py", "collectstatic", "--noinput", **env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "css/spre.css" in manifest["paths"]
