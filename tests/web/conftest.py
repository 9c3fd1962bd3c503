"""Browser tests of the web UI: the real FastAPI app over a database built from real
articles, served by uvicorn in a thread, driven by Debian's chromium through playwright."""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
XSS_ID = "xss-test-1"
# Articles whose URL is a script or a document: their pages must show no link for it.
UNSAFE_URLS = {"xss-test-1": "javascript:window.__pwned=3", "data-url-1": "data:text/html,<script>window.__pwned=4</script>"}
XSS_TEXT = ("Defence ministers of Kazakhstan and Belarus met in Minsk\n\n"
            "Minsk, 14 May 2013. The Minister of Defence of Kazakhstan Adilbek Dzhaksybekov met the Minister of "
            "Defence of Belarus Yuri Zhadobin. <script>window.__pwned=1</script> They signed a plan of military "
            "cooperation for 2013. <img src=x onerror=\"window.__pwned=2\">")
USER, PASSWORD = "analyst", "correct horse battery"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the web UI in chromium (needs /usr/bin/chromium)")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, shared_path):
    """A database of the seed and dev articles plus one article carrying markup, and an analyst account."""
    seeds, dev = shared_path("corpus", "seeds", "articles.jsonl"), shared_path("corpus", "dev", "articles.jsonl")
    import milcoop.api as api

    tmp = tmp_path_factory.mktemp("web")
    db = str(tmp / "web.db")
    extra = tmp / "markup.jsonl"
    extra.write_text("".join(json.dumps({"id": article_id, "lang": "en", "published": "2013-05-14", "url": url,
                                         "title": "Defence ministers of Kazakhstan and Belarus met in Minsk",
                                         "text": XSS_TEXT if article_id == XSS_ID else XSS_TEXT.replace("Minsk", "Brest")},
                                        ensure_ascii=False) + "\n" for article_id, url in UNSAFE_URLS.items()),
                     encoding="utf-8")
    report = api.ingest([seeds, dev, extra], db)
    assert report.read >= 100 and not report.errors
    _add_user(db)
    return db


def _add_user(db: str) -> None:
    from milcoop.store import open_store
    from milcoop.store.review import Review

    with open_store(db) as store:
        Review(store).add_user(USER, PASSWORD)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(db: str):
    """The app over ``db`` served as `milcoop serve` serves it (uvicorn in a thread); yields its base URL."""
    pytest.importorskip("milcoop.server.app", reason="the API server (milcoop.server) is not there yet")
    uvicorn = pytest.importorskip("uvicorn")
    from milcoop.server.app import create_app
    from milcoop.server.run import config

    port = _free_port()
    srv = uvicorn.Server(config(create_app(db, read_open=True), "127.0.0.1", port, log_level="warning",
                                lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("the milcoop server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(web_db):
    with _serve(web_db) as url:
        yield url


@pytest.fixture(scope="session")
def gold_web_db(gold_db, tmp_path_factory):
    """A copy of ``gold_db`` (the dev gold, stored without extraction; itself read-only) with the analyst account."""
    db = tmp_path_factory.mktemp("gold-web") / "gold.db"
    shutil.copy(gold_db, db)
    _add_user(str(db))
    return str(db)


@pytest.fixture(scope="session")
def gold_server(gold_web_db):
    """The app over the dev corpus's gold records: UI tests that check the UI, not extraction."""
    with _serve(gold_web_db) as url:
        yield url


@pytest.fixture
def gold_copy_server(gold_web_db, tmp_path):
    """A server over a fresh copy of the gold database, for tests that write."""
    copy = tmp_path / "gold-copy.db"
    shutil.copy(gold_web_db, copy)
    with _serve(str(copy)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"])
        yield b
        b.close()


@contextmanager
def _open_page(browser, server: str):
    """A fresh browser context (no cookies) at 1280×900; fails the test on any script error, any
    Content-Security-Policy violation and any request to another host (everything is served locally)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.set_default_timeout(10_000)
    outside: list[str] = []

    def local_only(route):
        if route.request.url.startswith((server + "/", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield pg
    context.close()
    assert not errors, f"script errors or CSP violations in the page: {errors}"
    assert not outside, f"requests to other hosts: {outside}"


@pytest.fixture
def page(browser, server):
    """A page on the server over the seed and dev articles (see ``_open_page``)."""
    with _open_page(browser, server) as pg:
        yield pg


@pytest.fixture
def gold_page(browser, gold_server):
    """A page on the server over the dev gold (see ``_open_page``)."""
    with _open_page(browser, gold_server) as pg:
        yield pg


@pytest.fixture
def gold_copy_page(browser, gold_copy_server):
    """A page on a server over a fresh copy of the dev gold (the test may write; see ``_open_page``)."""
    with _open_page(browser, gold_copy_server) as pg:
        yield pg


@pytest.fixture(scope="session")
def shots():
    SCREENSHOTS.mkdir(exist_ok=True)
    def shoot(pg, name, full_page=True):
        pg.wait_for_timeout(150)  # let fonts and layout settle
        pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
    return shoot
