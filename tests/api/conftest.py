"""Calling the API as one of the cast, each with a freshly issued token."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from calmdesk.api.tokens import issue_api_token
from calmdesk.people.models import User


class ApiCaller:
    """A test client that sends one user's bearer token with every request."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.token = token

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        data = body if isinstance(body, (str, bytes)) else json.dumps(body, ensure_ascii=False)
        return self.client.post(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api(db) -> Callable[[User], ApiCaller]:
    """`api(alice).get("/api/cases")`: a request with a new token of that user."""

    names = itertools.count(1)

    def as_user(user: User) -> ApiCaller:
        token = issue_api_token(user, f"tests {next(names)}")
        return ApiCaller(Client(enforce_csrf_checks=True), token)

    return as_user


@pytest.fixture
def with_token() -> Callable[[str], ApiCaller]:
    """A caller with whatever token string the test gives, valid or not."""

    def caller(token: str) -> ApiCaller:
        return ApiCaller(Client(enforce_csrf_checks=True), token)

    return caller
