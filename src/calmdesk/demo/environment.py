"""What `calmdesk demo` sets up before Django starts: settings read the environment at import.

Nothing here imports Django, so it can run before `django.setup()`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import MutableMapping
from pathlib import Path

SECRET_KEY_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret
_WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names the wildcard, binds nothing


def prepare_demo_environment(
    environ: MutableMapping[str, str], *, cwd: Path, host: str = "127.0.0.1"
) -> Path:
    """Make a fresh machine ready for a local demo, leaving anything already set alone.

    Returns the data directory, which holds the database, the secret key and static files.
    """
    data_dir = Path(environ.get("CALMDESK_DATA_DIR") or cwd / "var").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    environ["CALMDESK_DATA_DIR"] = str(data_dir)
    if not environ.get("CALMDESK_SECRET_KEY") and not environ.get("CALMDESK_SECRET_KEY_FILE"):
        secret_file = ensure_secret_key_file(data_dir / SECRET_KEY_FILE_NAME)
        environ["CALMDESK_SECRET_KEY_FILE"] = str(secret_file)
    # The demo serves plain HTTP on this machine; secure cookies would never reach it.
    environ.setdefault("CALMDESK_HTTPS", "false")
    if host not in _WILDCARD_HOSTS and not environ.get("CALMDESK_ALLOWED_HOSTS"):
        environ["CALMDESK_ALLOWED_HOSTS"] = ",".join(
            dict.fromkeys(["localhost", "127.0.0.1", host])
        )
    return data_dir


def ensure_secret_key_file(path: Path) -> Path:
    """Create a random secret key readable by its owner alone, or keep the one already there."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if not path.read_text().strip():
            raise ValueError(f"{path} is empty; delete it and run the demo again.") from None
        os.chmod(path, 0o600)
        return path
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(secrets.token_urlsafe(50) + "\n")
    return path
