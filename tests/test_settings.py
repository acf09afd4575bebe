"""The production settings pass Django's deployment checks and refuse bad configuration."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "calmdesk.settings",
    "CALMDESK_SECRET_KEY": "k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
    "CALMDESK_ALLOWED_HOSTS": "desk.example.org",
    "CALMDESK_HTTPS": "",
}


def _django(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CALMDESK_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**clean, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _django(["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_is_refused_by_name():
    result = _django(["check"], CALMDESK_SECRET_KEY="")
    assert result.returncode != 0
    assert "CALMDESK_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"), [("CALMDESK_HTTPS", "maybe"), ("CALMDESK_QUEUE_PAGE_SIZE", "ten")]
)
def test_a_bad_value_names_the_variable(variable, value):
    result = _django(["check"], **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_the_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PRODUCTION_ENV["CALMDESK_SECRET_KEY"] + "\n")
    result = _django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        CALMDESK_SECRET_KEY="",
        CALMDESK_SECRET_KEY_FILE=str(secret),
    )
    assert result.returncode == 0, result.stderr
