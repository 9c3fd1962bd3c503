"""Sign-in throttling, password hashing cost, same-origin writes, security headers, offline docs,
the OpenAPI's security and error documentation (issue #13, API side)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from milcoop import passwords
from milcoop.server import create_app
from milcoop.server.throttle import SignInThrottle
from milcoop.store import open_store
from milcoop.store.models import DbUser


class Clock:
    """A clock the test moves by hand, so lockouts expire without sleeping."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _login(c, user, password):
    return c.post("/api/login", json={"username": user, "password": password})


# -- sign-in throttling -------------------------------------------------------

def test_wrong_passwords_lock_the_account_out(db_copy, credentials, origin):
    user, password = credentials
    clock = Clock()
    with TestClient(create_app(str(db_copy), throttle=SignInThrottle(clock=clock)), headers=origin) as c:
        statuses = [_login(c, user, f"guess {i}").status_code for i in range(200)]
        assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}, statuses[:12]
        r = _login(c, user, password)  # the right password does not get through a lockout
        assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_attempts"
        assert int(r.headers["retry-after"]) >= 1
        token = _login(c, "someone-else", "x")  # another account from the same client: not yet locked
        assert token.status_code == 401
        clock.now += 3600  # the lock (1 s after the 5th failure) has passed
        token = _login(c, user, password)
        assert token.status_code == 200
        assert _login(c, user, "wrong").status_code == 401  # counters reset: not locked after one failure
        assert _login(c, user, password).status_code == 200
        audit = c.get("/api/audit", headers={"Authorization": "Bearer " + token.json()["token"]}).json()
    lockouts = [e for e in audit if e["action"] == "lockout"]
    assert [(e["target_kind"], e["target_id"]) for e in lockouts] == [("account", user)]
    assert lockouts[0]["after"]["locked_seconds"] == 1 and lockouts[0]["before"]["failures"] == 5


def test_lockouts_grow_exponentially_per_account_and_client():
    clock = Clock()
    throttle = SignInThrottle(clock=clock, base=1.0, cap=60.0)
    account, client = "account:alice", "client:10.0.0.1"
    started = []
    for _ in range(12):
        assert throttle.wait([account]) == 0
        started += [(lock.key, lock.seconds) for lock in throttle.failed([account])]
        clock.now += 1000
    assert [s for _, s in started] == [1, 2, 4, 8, 16, 32, 60, 60]
    # a client trying many accounts is locked after its own number of failures
    for i in range(9):
        assert throttle.failed([f"account:user{i}", client]) == []
    assert [lock.key for lock in throttle.failed(["account:user9", client])] == [client]
    assert throttle.wait(["account:someone-new", client]) > 0
    throttle.succeeded([client])
    assert throttle.wait([client]) == 0


def test_client_lockout_is_audited(db_copy):
    throttle = SignInThrottle(free={"client": 3})  # the default 10 is checked above, without hashing
    with TestClient(create_app(str(db_copy), throttle=throttle), client=("192.0.2.7", 1234)) as c:
        statuses = [_login(c, f"user{i}", "x").status_code for i in range(5)]
    assert statuses == [401] * 3 + [429] * 2
    with open_store(db_copy) as store:
        from milcoop.store.review import Review

        entries = [e for e in Review(store).audit() if e["action"] == "lockout"]
    assert [(e["target_kind"], e["target_id"]) for e in entries] == [("client", "192.0.2.7")]


# -- password hashing ------------------------------------------------------------

def test_hashes_at_owasp_cost_and_old_hashes_are_upgraded(db_copy, credentials):
    user, password = credentials
    assert (passwords.N, passwords.R, passwords.P) == (2 ** 17, 8, 1)
    new = passwords.hash_password("pw")
    assert new.startswith("scrypt$131072$8$1$") and passwords.verify_password("pw", new)
    assert not passwords.verify_password("pw", passwords.DUMMY_HASH)
    salt = bytes(16)
    old = f"scrypt$16384$8$1${salt.hex()}${passwords._derive(password, salt, 2 ** 14, 8, 1).hex()}"
    assert passwords.verify_password(password, old) and passwords.needs_rehash(old)
    with open_store(db_copy) as store:
        store.write("test", lambda session: session.execute(
            update(DbUser).where(DbUser.username == user).values(password_hash=old)))
    with TestClient(create_app(str(db_copy))) as c:
        assert _login(c, user, password).status_code == 200
    with open_store(db_copy) as store, store._read() as session:
        stored = session.scalar(select(DbUser.password_hash).where(DbUser.username == user))
    assert stored.startswith("scrypt$131072$8$1$") and passwords.verify_password(password, stored)
    assert not passwords.needs_rehash(stored)


# -- same-origin writes ----------------------------------------------------------

def test_cookie_writes_need_this_servers_origin(db_copy, credentials):
    user, password = credentials
    with TestClient(create_app(str(db_copy))) as c:
        assert _login(c, user, password).status_code == 200  # signing in needs no Origin (no cookie yet)
        oc = c.get("/api/events", params={"country": "KZ"}).json()["items"][0]["id"]
        body = {"state": "confirmed"}
        for headers in ({}, {"Origin": "https://evil.example"}, {"Origin": "null"},
                        {"Referer": "https://evil.example/page"}, {"Origin": "http://testserver.evil.example"},
                        {"Origin": "https://testserver"}):
            r = c.post(f"/api/events/{oc}/review", json=body, headers=headers)
            assert r.status_code == 403 and r.json()["error"]["code"] == "cross_origin", (headers, r.text)
        assert c.get(f"/api/events/{oc}").json()["review_state"] is None
        # a foreign page cannot sign the analyst out
        assert c.post("/api/logout", headers={"Origin": "https://evil.example"}).status_code == 403
        assert c.post("/api/logout").status_code == 403
        assert c.get("/api/me").status_code == 200
        # from the app's own pages (Origin, or Referer when a browser sends no Origin)
        assert c.post(f"/api/events/{oc}/review", json=body, headers={"Origin": "http://testserver"}).status_code == 200
        r = c.post(f"/api/events/{oc}/review", json={"state": "rejected"},
                   headers={"Referer": "http://testserver/#/events/" + oc})
        assert r.status_code == 200 and r.json()["review_state"] == "rejected"
        # a foreign page cannot sign anyone in either (login CSRF)
        r = c.post("/api/login", json={"username": user, "password": password},
                   headers={"Origin": "https://evil.example"})
        assert r.status_code == 403
        assert c.post("/api/logout", headers={"Origin": "http://testserver"}).status_code == 200
        assert c.get("/api/me").status_code == 401


def test_bearer_token_writes_need_no_origin(db_copy, credentials):
    user, password = credentials
    with TestClient(create_app(str(db_copy))) as c:
        token = _login(c, user, password).json()["token"]
        c.cookies.clear()
        oc = c.get("/api/events", params={"country": "KZ"}).json()["items"][0]["id"]
        auth = {"Authorization": f"Bearer {token}"}
        r = c.post(f"/api/events/{oc}/review", json={"state": "confirmed"}, headers=auth)
        assert r.status_code == 200, r.text
        r = c.post(f"/api/events/{oc}/review", json={"state": None}, headers={**auth, "Origin": "https://evil.example"})
        assert r.status_code == 403


# -- headers, docs, OpenAPI --------------------------------------------------------

def _check_headers(r) -> None:
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


def test_security_headers_on_every_response(client):
    for method, url in (("GET", "/"), ("GET", "/api/events"), ("GET", "/static/app.js"), ("GET", "/static/none.js"),
                        ("GET", "/api/events?page=0"), ("GET", "/docs"), ("GET", "/openapi.json"),
                        ("GET", "/api/me"), ("POST", "/api/events/merge"), ("DELETE", "/api/events"),
                        ("GET", "/docs/assets/swagger-ui-bundle.js")):
        _check_headers(client.request(method, url))


def test_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(urls) == 4 and "<script>" not in page.text  # no inline script: the CSP would block it
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        r = client.get(url)
        assert r.status_code == 200 and len(r.content) > 100, url
    init = client.get("/docs/init.js").text
    assert '"/openapi.json"' in init and "SwaggerUIBundle(" in init
    assert "redoc" not in client.get("/redoc").text.lower()  # FastAPI's ReDoc page needs a CDN: not served


def test_openapi_security_and_errors(client, db_path):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for path, method in (("/api/events", "get"), ("/api/events/{event_id}", "get"), ("/api/network", "get"),
                         ("/api/export", "get"), ("/api/people/search", "get"), ("/api/login", "post")):
        assert not paths[path][method].get("security"), path  # public
    writes = [(p, m) for p, ops in paths.items() for m in ops if m in ("post", "patch") and p != "/api/login"]
    assert len(writes) == 8
    error_ref = "#/components/schemas/ErrorBody"
    for path, method in writes:
        op = paths[path][method]
        assert {"bearer", "cookie"} == {k for req in op["security"] for k in req}, path
        if path != "/api/logout":
            for status in ("400", "401", "403", "404", "409", "413", "422"):
                schema = op["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": error_ref}, (path, status)
    assert set(paths["/api/login"]["post"]["responses"]) >= {"401", "413", "422", "429"}
    cookie = doc["components"]["securitySchemes"]["cookie"]
    assert (cookie["type"], cookie["in"], cookie["name"]) == ("apiKey", "cookie", "milcoop_session")
    with TestClient(create_app(str(db_path), read_open=False)) as closed:
        paths = closed.get("/openapi.json").json()["paths"]
        assert paths["/api/events"]["get"]["security"] and not paths["/api/login"]["post"].get("security")


def test_sign_in_bodies_bounded(client):
    for body in ({"username": "a" * 129, "password": "x"}, {"username": "a", "password": "x" * 1025},
                 {"username": "", "password": "x"}, {"username": "a"}, {"username": ["a"], "password": "x"}):
        r = client.post("/api/login", json=body)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request", body


@pytest.mark.parametrize("path", ["/api/events", "/"])
def test_methods_not_allowed_keep_the_shape(client, path):
    r = client.request("PUT", path)
    assert r.status_code == 405 and set(r.json()) == {"error"}
