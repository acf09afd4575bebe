"""Fixtures for the follow-up tests: the demo policy installed for the cast's organisation."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from tests.api.conftest import ApiCaller

from calmdesk.api.tokens import issue_api_token
from calmdesk.policy.services import install_policy

DEMO_POLICY = Path(__file__).resolve().parents[2] / "src/calmdesk/demo/policy.yaml"


@pytest.fixture
def policy(org):
    """The demo policy: first reply within 24 hours, an update at least every 48 hours."""
    return install_policy(org, DEMO_POLICY.read_text(), actor=None)


@pytest.fixture
def tomorrow():
    return timezone.now() + timedelta(days=1)


@pytest.fixture
def api(db):
    """`api(alice).post(...)`: a request with a new bearer token of that user."""

    names = itertools.count(1)

    def as_user(user):
        token = issue_api_token(user, f"followup {next(names)}")
        return ApiCaller(Client(enforce_csrf_checks=True), token)

    return as_user
