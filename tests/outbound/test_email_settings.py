"""The email settings read from the environment (docs/sending.md "Configuration")."""

from __future__ import annotations

import json

from tests.test_settings import _django

SHOW = [
    "shell",
    "-c",
    "from django.conf import settings as s; import json; print(json.dumps({k: str(getattr(s, k, "
    "'')) for k in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_PASSWORD', "
    "'EMAIL_USE_TLS', 'EMAIL_FILE_PATH', 'CALMDESK_EMAIL_FROM', "
    "'CALMDESK_OUTBOUND_WEBHOOK_URL']}))",
]


def _settings(**env: str) -> dict[str, str]:
    result = _django(SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_mail_settings_email_is_written_to_the_outbox(tmp_path):
    shown = _settings(CALMDESK_DATA_DIR=str(tmp_path))
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert shown["EMAIL_FILE_PATH"] == str(tmp_path / "outbox")


def test_smtp_settings_with_the_password_from_a_file(tmp_path):
    secret = tmp_path / "smtp"
    secret.write_text("s3cret\n")
    shown = _settings(
        CALMDESK_SMTP_HOST="mail.example.org",
        CALMDESK_SMTP_PASSWORD_FILE=str(secret),
        CALMDESK_EMAIL_FROM="Care <care@example.org>",
        CALMDESK_OUTBOUND_WEBHOOK_URL="https://hooks.example.org/out",
    )
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert shown["EMAIL_HOST"] == "mail.example.org"
    assert shown["EMAIL_PORT"] == "587"
    assert shown["EMAIL_USE_TLS"] == "True"
    assert shown["EMAIL_HOST_PASSWORD"] == "s3cret"
    assert shown["CALMDESK_EMAIL_FROM"] == "Care <care@example.org>"
    assert shown["CALMDESK_OUTBOUND_WEBHOOK_URL"] == "https://hooks.example.org/out"


def test_a_bad_email_url_is_refused_by_name():
    result = _django(["check"], CALMDESK_EMAIL_URL="pigeon://loft")
    assert result.returncode != 0
    assert "CALMDESK_EMAIL_URL: unknown scheme 'pigeon'" in result.stderr
