"""How a view says no: one refusal page for every app, and the decorator that hands a view the
case the user may change (or refuses, saying why)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from calmdesk.cases.access import get_case_for
from calmdesk.core.roles import NotAllowed


def refused(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    """The page that says why nothing was done (and that nothing was changed)."""
    return render(request, "cases/refused.html", {"reason": reason}, status=status)


def on_writable_case(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view gets the case the user may change instead of its id; a user who may not change
    it is told why (403); a case they may not see is not found (404)."""

    @wraps(view)
    def wrapped(request: HttpRequest, case_id: int, **kwargs: Any) -> HttpResponse:
        try:
            case = get_case_for(request.user, case_id, write=True)  # type: ignore[arg-type]
        except NotAllowed as exc:
            return refused(request, str(exc))
        return view(request, case, **kwargs)

    return wrapped
