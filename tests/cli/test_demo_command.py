import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from calmdesk.demo.environment import ensure_secret_key_file, prepare_demo_environment


def test_demo_prepares_a_fresh_machine(tmp_path):
    environ: dict[str, str] = {}
    data_dir = prepare_demo_environment(environ, cwd=tmp_path, host="192.0.2.10")
    key_file = tmp_path / "var" / "secret_key"
    assert data_dir == tmp_path / "var"
    assert environ["CALMDESK_DATA_DIR"] == str(data_dir)
    assert environ["CALMDESK_SECRET_KEY_FILE"] == str(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50
    assert environ["CALMDESK_HTTPS"] == "false"
    assert environ["CALMDESK_ALLOWED_HOSTS"] == "localhost,127.0.0.1,192.0.2.10"


def test_demo_leaves_settings_already_made_alone(tmp_path):
    environ = {
        "CALMDESK_SECRET_KEY": "set-by-the-operator",
        "CALMDESK_HTTPS": "true",
        "CALMDESK_DATA_DIR": str(tmp_path / "elsewhere"),
        "CALMDESK_ALLOWED_HOSTS": "desk.example.org",
    }
    prepare_demo_environment(environ, cwd=tmp_path)
    assert "CALMDESK_SECRET_KEY_FILE" not in environ
    assert not (tmp_path / "elsewhere" / "secret_key").exists()
    assert environ["CALMDESK_HTTPS"] == "true"
    assert environ["CALMDESK_ALLOWED_HOSTS"] == "desk.example.org"


def test_demo_keeps_its_secret_key_between_runs_and_tightens_its_permissions(tmp_path):
    key_file = ensure_secret_key_file(tmp_path / "secret_key")
    first = key_file.read_text()
    key_file.chmod(0o644)
    assert ensure_secret_key_file(key_file).read_text() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_demo_refuses_an_empty_secret_key_file(tmp_path):
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(ValueError, match="is empty"):
        ensure_secret_key_file(tmp_path / "secret_key")


def _run_demo(cwd, data_dir) -> subprocess.CompletedProcess[str]:
    # A fresh machine: none of the test suite's settings, never the suite's PostgreSQL.
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CALMDESK_", "DJANGO_", "DATABASE_URL"))
    }
    environ["CALMDESK_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "calmdesk", "demo", "--no-serve"],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_command_works_on_a_fresh_machine_and_twice(tmp_path):
    """`calmdesk demo --no-serve` migrates, collects static files and seeds, then stops."""
    data_dir = tmp_path / "var"
    first = _run_demo(tmp_path, data_dir)
    assert first.returncode == 0, first.stderr
    assert "Seeded Brightside Home Electricals" in first.stdout
    assert "brightside-demo-2024" in first.stdout
    assert "http://127.0.0.1:8000/" in first.stdout
    key = (data_dir / "secret_key").read_text()
    assert stat.S_IMODE((data_dir / "secret_key").stat().st_mode) == 0o600
    assert (data_dir / "static" / "staticfiles.json").exists()

    second = _run_demo(tmp_path, data_dir)
    assert second.returncode == 0, second.stderr
    assert "already seeded (48 cases)" in " ".join(second.stdout.split())
    assert (data_dir / "secret_key").read_text() == key
    with sqlite3.connect(data_dir / "calmdesk.sqlite3") as database:
        (cases,) = database.execute("SELECT count(*) FROM cases_case").fetchone()
    assert cases == 48
