from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner, Result

from calmdesk.cli import app


def words(text: str) -> str:
    """The text with rich's line wrapping and table lines undone, so it can be matched whole."""
    return " ".join(re.sub("[\u2500-\u257f]", " ", text).split())


@pytest.fixture
def calmdesk(db):
    """Run `calmdesk ARGS...` in-process against the test database."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return run
