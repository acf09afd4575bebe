"""The calmdesk REST API: one NinjaAPI, its authentication, its errors, and each app's router.

The OpenAPI schema is served at /api/openapi.json. Ninja's interactive docs page loads its
scripts from a CDN, which a self-hosted desk cannot rely on, so it is switched off.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI

from calmdesk.api.assessment import router as assessment_router
from calmdesk.api.auth import BearerToken, SessionWithCsrf, caller
from calmdesk.api.errors import install_error_handlers
from calmdesk.api.replies import router as replies_router
from calmdesk.cases.api import router as cases_router
from calmdesk.cases.schemas import ErrorOut, MeOut, TeamOut
from calmdesk.core.roles import rights_for
from calmdesk.protection.api import router as protection_router
from calmdesk.resolution.api import router as resolution_router

api = NinjaAPI(
    title="calmdesk API",
    version="1",
    description=(
        "Cases, messages and notes of a calmdesk desk. Authenticate scripts with "
        "`Authorization: Bearer <token>`; calmdesk's own pages use the login session."
    ),
    docs_url=None,
    auth=[BearerToken(), SessionWithCsrf()],
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/cases", cases_router)
api.add_router("/assess", assessment_router)
api.add_router("/replies", replies_router)  # /replies/check
api.add_router("/followup", "calmdesk.followup.api.router")
api.add_router("", protection_router)  # /cases/{ref}/tolerance, /incidents, ...
api.add_router("", resolution_router)  # /cases/{ref}/options, decisions, /escalations
api.add_router("", "calmdesk.outbound.api.router")  # /cases/{ref}/replies, /replies/{id}/retry


@api.get("/me", response={200: MeOut, 401: ErrorOut}, tags=["people"], summary="Who am I")
def me(request: HttpRequest) -> MeOut:
    """The account the token or session belongs to, with its role and team."""
    user = caller(request)
    rights = rights_for(user.role)
    return MeOut(
        id=user.pk,
        username=user.username,
        name=user.display_name(),
        role=user.role,
        role_label=user.role_enum.label,
        organisation=user.organisation.name if user.organisation else None,
        team=TeamOut.of(user.team),
        can_write_cases=user.can_write_cases,
        can_assign_to_others=user.organisation_id is not None and rights.can_assign_to_others,
    )
