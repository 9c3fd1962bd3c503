"""Property-based tests of the whole API from its own /openapi.json (schemathesis + hypothesis).

Every operation is called with generated parameters and bodies, valid and
invalid ones, anonymously and signed in, against the real app over a copy of
the seed+dev database. Each response must be no 5xx, have a documented status
code and content type, and match its documented schema (errors: the one error
model). The runs are derandomised (the same cases every run, so CI is stable)
and bounded by ``MAX_EXAMPLES`` per operation and mode: about a minute in all.

Schemathesis' strategies are used through hypothesis' ``@given`` rather than
its pytest plugin, so the test ids name each operation without the plugin's
lazy fixture loader (which reaches into pytest internals).
"""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from milcoop.server import (create_app, routes_documents, routes_events, routes_export, routes_people,
                            routes_review)
from milcoop.server.throttle import SignInThrottle

schemathesis = pytest.importorskip("schemathesis", reason="pip install 'milcoop[test]'")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import (content_type_conformance, not_a_server_error,  # noqa: E402
                                 response_schema_conformance, status_code_conformance)

MAX_EXAMPLES = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
OPERATIONS = sorted((method, route.path)
                    for module in (routes_events, routes_people, routes_documents, routes_review, routes_export)
                    for route in module.router.routes for method in route.methods)
# The downloads' parameters are closed lists: test_export_every_format covers each combination instead.
SLOW = {("GET", "/api/export")}


@pytest.fixture(scope="module")
def fuzz_app(db_path, tmp_path_factory):
    """The app over its own copy of the database (the signed-in run writes to it), and a session token.

    Its sign-in throttle's clock stands still, so generated sign-ins stop costing a password hash once
    the lockouts start (the throttle itself is tested in test_security.py).
    """
    copy = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(db_path, copy)
    return create_app(str(copy), throttle=SignInThrottle(clock=lambda: 0.0))


@pytest.fixture(scope="module")
def token(fuzz_app, credentials) -> str:
    user, password = credentials
    with TestClient(fuzz_app) as c:
        r = c.post("/api/login", json={"username": user, "password": password})
        assert r.status_code == 200, r.text
        return r.json()["token"]


@pytest.fixture(scope="module")
def api_schema(fuzz_app, token):
    """(Signs in first: the anonymous run's sign-ins lock the test client out for good.)"""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


@pytest.fixture(scope="module")
def real_ids(fuzz_app) -> dict[str, str]:
    """Ids of stored items, so that generated bodies also reach the code behind a found item (not only 404s)."""
    with TestClient(fuzz_app) as c:
        occasion = c.get("/api/events", params={"country": "KZ"}).json()["items"][0]["id"]
        detail = c.get(f"/api/events/{occasion}").json()
        person = c.get("/api/people/search", params={"q": "Khrenin"}).json()[0]["id"]
    return {"event_id": occasion, "person_id": person, "article_id": detail["reports"][0]["article_id"],
            "code": "KZ"}


def _fuzz(operation, real_ids: dict[str, str], headers: dict | None = None) -> None:
    names = {p["name"] for p in operation.definition.raw.get("parameters", []) if p.get("in") == "path"}
    found = {name: real_ids[name] for name in names}
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE, headers=headers),
                      operation.as_strategy(GenerationMode.NEGATIVE, headers=headers),
                      *([operation.as_strategy(GenerationMode.POSITIVE, headers=headers, path_parameters=found)]
                        if found else []))

    @FUZZ
    @given(case=cases)
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()


def test_every_operation_is_fuzzed(api_schema):
    documented = {(method.upper(), path) for path, ops in api_schema.raw_schema["paths"].items() for method in ops}
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize("method,path", [op for op in OPERATIONS if op not in SLOW])
def test_api_anonymous(api_schema, real_ids, method, path):
    _fuzz(api_schema[path][method], real_ids)


@pytest.mark.parametrize("method,path", [op for op in OPERATIONS if op not in SLOW | {("POST", "/api/logout")}])
def test_api_signed_in(api_schema, real_ids, token, method, path):
    """Signed in by bearer token (logout is left out: it would end the session the run uses)."""
    _fuzz(api_schema[path][method], real_ids, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "graphml"])
@pytest.mark.parametrize("network", ["partners", "persons"])
def test_export_every_format(fuzz_app, fmt, network):
    with TestClient(fuzz_app) as c:
        r = c.get("/api/export", params={"format": fmt, "network": network})
        assert r.status_code == 200 and r.content
