"""The web UI's files are served when present; the API never falls back to them."""
from __future__ import annotations

from fastapi.testclient import TestClient

from milcoop.server import app as server_app


def test_spa_fallback(db_path, tmp_path, monkeypatch):
    web = tmp_path / "web"
    (web / "static").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><title>milcoop</title>", encoding="utf-8")
    (web / "static" / "app.js").write_text("console.log(1)", encoding="utf-8")
    monkeypatch.setattr(server_app, "WEB", web)
    with TestClient(server_app.create_app(str(db_path))) as c:
        assert "<title>milcoop</title>" in c.get("/").text
        assert "<title>milcoop</title>" in c.get("/events/oc-123").text
        assert c.get("/static/app.js").text == "console.log(1)"
        r = c.get("/api/unknown")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_without_web_ui(db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(server_app, "WEB", tmp_path / "absent")
    with TestClient(server_app.create_app(str(db_path))) as c:
        assert c.get("/").json()["docs"] == "/docs"
        assert c.get("/events").status_code == 404
