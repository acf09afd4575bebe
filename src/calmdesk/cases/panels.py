"""Panels other apps add to the case page, so each domain keeps its own view code.

An app registers a panel in its AppConfig.ready():

    register_panel(CasePanel("resolution", "resolution/panel.html", panel_context, "main", 20))

The case page asks each panel for its context (it may return None to show nothing) and
includes its template above the situation card ("top": warnings the agent must read
first), in the main column or in the side column, in `order`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest

from calmdesk.cases.models import Case


@dataclass(frozen=True)
class CasePanel:
    name: str
    template: str
    # (request, case, can_write) -> the template's context, or None to leave the panel out
    context: Callable[[HttpRequest, Case, bool], dict[str, Any] | None]
    column: Literal["top", "main", "side"]
    order: int


@dataclass(frozen=True)
class ShownPanel:
    name: str
    template: str
    context: dict[str, Any]


_panels: dict[str, CasePanel] = {}


def register_panel(panel: CasePanel) -> None:
    _panels[panel.name] = panel


def panels_for(request: HttpRequest, case: Case, can_write: bool) -> dict[str, list[ShownPanel]]:
    shown: dict[str, list[ShownPanel]] = {"top": [], "main": [], "side": []}
    for panel in sorted(_panels.values(), key=lambda panel: panel.order):
        context = panel.context(request, case, can_write)
        if context is not None:
            shown[panel.column].append(ShownPanel(panel.name, panel.template, context))
    return shown
