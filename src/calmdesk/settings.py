"""calmdesk settings, read from the environment.

Every variable is parsed strictly and a bad value names the variable. Secrets can come from a
file (`NAME_FILE`) so that they never sit in a process listing or a unit file.
See README "Configuration" for the full list.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envsecret(name: str) -> str:
    """A secret from NAME, or from the file NAME_FILE points at."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc}") from None
    return os.environ.get(name, "")


DEBUG = envbool("CALMDESK_DEBUG", False)
SECRET_KEY = envsecret("CALMDESK_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "CALMDESK_SECRET_KEY (or CALMDESK_SECRET_KEY_FILE) must be set; "
        "`calmdesk demo` makes one for a local demo."
    )
ALLOWED_HOSTS = [h.strip() for h in env("CALMDESK_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]
DATA_DIR = Path(env("CALMDESK_DATA_DIR", str(Path.cwd() / "var")))

# Behind TLS (the default for a real deployment) every cookie is secure and HTTP redirects.
# `calmdesk demo` serves plain HTTP on localhost and switches this off.
HTTPS = envbool("CALMDESK_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("CALMDESK_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("CALMDESK_BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = [o for o in env("CALMDESK_CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "calmdesk.people",
    "calmdesk.cases",
    "calmdesk.policy",
    "calmdesk.notifications",
    "calmdesk.followup",
    "calmdesk.protection",
    "calmdesk.resolution",
    "calmdesk.replies",
    "calmdesk.outbound",
]

# Background work (re-assessment, timers) is queued in the database itself and run by
# `calmdesk worker`: no broker to install, and several workers may share one PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "calmdesk.urls"
WSGI_APPLICATION = "calmdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'calmdesk.sqlite3'}",
        conn_max_age=envint("CALMDESK_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while the worker or an import writes; IMMEDIATE takes the write
    # lock at the start of a transaction so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:queue"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("CALMDESK_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-level static folder (htmx, calmdesk.css) belongs to no app, so name it.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env("CALMDESK_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"

CALMDESK_MAX_ATTACHMENT_BYTES = envint("CALMDESK_MAX_ATTACHMENT_BYTES", 10 * 1_048_576)
# Uploads bigger than an attachment may be are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1_048_576
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1_048_576
CALMDESK_QUEUE_PAGE_SIZE = envint("CALMDESK_QUEUE_PAGE_SIZE", 25)
CALMDESK_SEARCH_LIMIT = envint("CALMDESK_SEARCH_LIMIT", 500)

# --- Sending replies (issue 5, calmdesk.outbound; C4 2.8; C1 1.4, 3.4) -----------------------
# Email goes out through Django's email backend: CALMDESK_EMAIL_URL, or CALMDESK_SMTP_HOST with
# _PORT, _USER, _PASSWORD (or _PASSWORD_FILE) and _TLS; with neither, every email is written
# to DATA_DIR/outbox and nothing leaves the machine. Replies on other channels are POSTed as
# JSON to CALMDESK_OUTBOUND_WEBHOOK_URL when it is set, or recorded as sent by the agent.
from calmdesk.core.sending import EmailConfigError, email_settings  # noqa: E402

try:
    globals().update(
        email_settings(
            {**os.environ, "CALMDESK_SMTP_PASSWORD": envsecret("CALMDESK_SMTP_PASSWORD")},
            DATA_DIR,
        )
    )
except EmailConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from None
CALMDESK_EMAIL_FROM = env("CALMDESK_EMAIL_FROM", "calmdesk <calmdesk@localhost>")
DEFAULT_FROM_EMAIL = CALMDESK_EMAIL_FROM
CALMDESK_OUTBOUND_WEBHOOK_URL = env("CALMDESK_OUTBOUND_WEBHOOK_URL")
CALMDESK_OUTBOUND_WEBHOOK_TIMEOUT = envint("CALMDESK_OUTBOUND_WEBHOOK_TIMEOUT", 10)
# --- end of sending replies -----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("CALMDESK_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
