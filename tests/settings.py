"""Settings for the test suite: the product's settings with a test secret and plain HTTP."""

import os

os.environ.setdefault(
    "CALMDESK_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)
os.environ.setdefault("CALMDESK_HTTPS", "false")
os.environ.setdefault("CALMDESK_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from calmdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
