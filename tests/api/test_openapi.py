import json

from django.test import Client

EXPECTED_OPERATIONS = {
    ("/api/cases", "get"),
    ("/api/cases", "post"),
    ("/api/cases/{reference}", "get"),
    ("/api/cases/{reference}/messages", "post"),
    ("/api/cases/{reference}/notes", "post"),
    ("/api/cases/{reference}/status", "post"),
    ("/api/cases/{reference}/assign", "post"),
    ("/api/me", "get"),
    ("/api/assess", "post"),
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
