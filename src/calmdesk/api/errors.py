"""Every error the API returns, in one place: `{"detail": "<a sentence a person can act on>"}`.

The domain raises its own exceptions (`NotAllowed`, `IntakeError`, ...); this module alone
decides which HTTP status each one becomes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from calmdesk.cases.queries import BadFilter
from calmdesk.core.assessment import AssessmentInputError
from calmdesk.core.intake import IntakeError
from calmdesk.core.lifecycle import TransitionNotAllowed
from calmdesk.core.roles import NotAllowed

logger = logging.getLogger("calmdesk.api")

NO_CREDENTIALS = "Authentication required: send 'Authorization: Bearer <token>' or sign in."

# Domain exceptions whose message is already written for the person calling.
STATUS_FOR: dict[type[Exception], int] = {
    NotAllowed: 403,
    IntakeError: 400,
    BadFilter: 400,
    TransitionNotAllowed: 409,
    AssessmentInputError: 400,
}


def install_error_handlers(api: NinjaAPI) -> None:
    for exception, status in STATUS_FOR.items():
        api.add_exception_handler(exception, _with_status(api, status))
    api.add_exception_handler(Http404, _not_found(api))
    api.add_exception_handler(AuthenticationError, _unauthenticated(api))
    api.add_exception_handler(HttpError, _http_error(api))
    api.add_exception_handler(ValidationError, _invalid(api))
    api.add_exception_handler(RequestDataTooBig, _too_big(api))
    api.add_exception_handler(Exception, _unexpected(api))


Handler = Callable[[HttpRequest, Any], HttpResponse]


def _detail(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


def _with_status(api: NinjaAPI, status: int) -> Handler:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _detail(api, request, status, str(exc))

    return handle


def _not_found(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _detail(api, request, 404, str(exc) or "Not found.")

    return handle


def _unauthenticated(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        # Ninja raises a bare AuthenticationError when no credentials were sent at all.
        detail = NO_CREDENTIALS if exc.message == "Unauthorized" else exc.message
        response = _detail(api, request, 401, detail)
        response["WWW-Authenticate"] = 'Bearer realm="calmdesk"'
        return response

    return handle


def _http_error(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = exc.message
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = "The request body is not valid JSON."
        return _detail(api, request, exc.status_code, detail)

    return handle


def _invalid(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        problems = [f"{_field_name(error.get('loc', ()))}: {error['msg']}" for error in exc.errors]
        return _detail(
            api,
            request,
            422,
            "Invalid input. " + "; ".join(problems) + ".",
            errors=[
                {"field": _field_name(error.get("loc", ())), "message": error["msg"]}
                for error in exc.errors
            ],
        )

    return handle


def _field_name(loc: Sequence[Any]) -> str:
    """The field a person sent, without ninja's internal parameter names.

    >>> _field_name(["body", "payload", "customer", "email"])
    'customer.email'
    >>> _field_name(["query", "limit"])
    'limit'
    >>> _field_name(["body", "payload"])
    'body'
    """
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        parts = parts[2:] or ["body"]
    elif parts[:1] in (["query"], ["path"], ["header"], ["cookie"]):
        parts = parts[1:]
    return ".".join(parts) or "request"


def _too_big(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
        return _detail(
            api,
            request,
            413,
            f"The request body is too large: at most {limit:.1f} MB per request "
            "and 1 MB per message.",
        )

    return handle


def _unexpected(api: NinjaAPI) -> Handler:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request failed: %s %s", request.method, request.path)
        return _detail(api, request, 500, "Something went wrong on our side; it has been logged.")

    return handle
