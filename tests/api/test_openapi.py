import json

from django.test import Client

EXPECTED_OPERATIONS = {
    # cases (issue 2) and the assessment (issue 3)
    ("/api/me", "get"),
    ("/api/cases", "get"),
    ("/api/cases", "post"),
    ("/api/cases/{reference}", "get"),
    ("/api/cases/{reference}/messages", "post"),
    ("/api/cases/{reference}/notes", "post"),
    ("/api/cases/{reference}/status", "post"),
    ("/api/cases/{reference}/assign", "post"),
    ("/api/assess", "post"),
    # resolution (issue 4): options, decisions, escalations
    ("/api/cases/{reference}/options", "get"),
    ("/api/cases/{reference}/decisions", "post"),
    ("/api/cases/{reference}/escalations", "post"),
    ("/api/escalations", "get"),
    ("/api/escalations/{escalation_id}", "get"),
    ("/api/escalations/{escalation_id}/accept", "post"),
    ("/api/escalations/{escalation_id}/decide", "post"),
    ("/api/escalations/{escalation_id}/send-back", "post"),
    # follow-up (issue 4): actions, satisfaction, the re-open watch
    ("/api/followup/actions", "get"),
    ("/api/followup/actions/{action_id}/cancel", "post"),
    ("/api/followup/actions/{action_id}/done", "post"),
    ("/api/followup/cases/{reference}", "get"),
    ("/api/followup/cases/{reference}/actions", "post"),
    ("/api/followup/cases/{reference}/satisfaction", "post"),
    ("/api/followup/cases/{reference}/watch", "post"),
    # protection (issue 4): tolerance, restrictions, safety incidents
    ("/api/cases/{reference}/tolerance", "get"),
    ("/api/cases/{reference}/tolerance", "post"),
    ("/api/restrictions/{restriction_id}/lift", "post"),
    ("/api/cases/{reference}/incidents", "post"),
    ("/api/incidents", "get"),
    ("/api/incidents/{incident_id}", "get"),
    ("/api/incidents/{incident_id}/close", "post"),
    ("/api/incidents/{incident_id}/steps/{position}", "post"),
    ("/api/cases/{reference}/replies", "post"),  # sending replies (issue 5)
    ("/api/replies/{reply_id}/retry", "post"),
    ("/api/replies/check", "post"),  # the reply checker on demand (issue 5)
}


def test_openapi_schema_loads_without_credentials_and_lists_every_operation(db):
    """The schema is public JSON naming every endpoint, so clients can be generated from it."""
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"] == {
        "title": "calmdesk API",
        "version": "1",
        "description": schema["info"]["description"],
    }
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == EXPECTED_OPERATIONS


def test_openapi_schema_declares_bearer_token_authentication(db):
    schema = json.loads(Client().get("/api/openapi.json").content)
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerToken"].items()
    for item in schema["paths"].values():
        for operation in item.values():
            assert {"BearerToken": []} in operation["security"]


def test_no_docs_page_pulls_scripts_from_a_cdn(db):
    """There is no network at run time, so nothing under /api/ may reference a CDN."""
    assert Client().get("/api/docs").status_code == 404
    assert b"cdn" not in Client().get("/api/openapi.json").content.lower()


def test_every_schema_name_in_the_document_is_one_shape(db):
    """Two schemas of one name would share one component: the assessment's indicators were
    once documented as reply-checker findings. Each component keeps its own fields."""
    schemas = json.loads(Client().get("/api/openapi.json").content)["components"]["schemas"]
    assert set(schemas["SignalOut"]["properties"]) == {"name", "score", "sources", "evidence"}
    assert {"type", "start", "end", "suggestion"} <= set(schemas["FindingOut"]["properties"])
    from ninja import Schema

    names = [
        cls.__name__ for cls in _all_subclasses(Schema) if cls.__module__.startswith("calmdesk")
    ]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)
