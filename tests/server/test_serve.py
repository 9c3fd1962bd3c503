"""The app under uvicorn with ``milcoop serve``'s configuration, spoken to over a raw socket:
oversized and malformed requests get the JSON error shape, whether the app or the HTTP parser refuses them."""
from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn

from milcoop.server import create_app
from milcoop.server.run import MAX_HEAD, config


@pytest.fixture(scope="module")
def address(db_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(config(create_app(str(db_path)), "127.0.0.1", port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield ("127.0.0.1", port)
    server.should_exit = True
    thread.join(timeout=10)


def _raw(address, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as is; the status, headers and body of the answer."""
    with socket.create_connection(address, timeout=10) as s:
        try:
            s.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    return int(lines[0].split()[1]), headers, body


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size, _, rest = body.partition(b"\r\n")
        n = int(size, 16)
        if n == 0:
            break
        out, body = out + rest[:n], rest[n + 2:]
    return out


def _get(target: str, extra: str = "") -> bytes:
    return f"GET {target} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n".encode()


def _json_error(status, headers, body, expected: int) -> str:
    assert status == expected, body[:200]
    assert headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff" and "content-security-policy" in headers
    error = json.loads(body)["error"]
    assert set(error) == {"code", "message"}
    return error["code"]


def test_ordinary_request(address):
    status, headers, body = _raw(address, _get("/api/events?per_page=1"))
    assert status == 200 and json.loads(body)["total"] > 0
    assert "server" not in headers  # uvicorn's Server header is off


def test_long_request_target_reaches_the_app(address):
    assert _json_error(*_raw(address, _get("/api/events?q=" + "x" * 20_000)), 414) == "uri_too_long"


def test_large_headers_reach_the_app(address):
    assert _json_error(*_raw(address, _get("/api/events", f"X-Pad: {'x' * 20_000}\r\n")), 431) == "headers_too_large"


def test_request_line_beyond_the_parser_limit(address):
    """Once MAX_HEAD bytes of a request line and headers are in without their end, the HTTP parser
    refuses the request before the app sees it: the same shape still."""
    unfinished = b"GET /api/events?q=" + b"%" * (MAX_HEAD + 10_000)
    assert _json_error(*_raw(address, unfinished), 400) == "bad_request"
    # arriving whole, a request that long may reach the app (414) or not (400): JSON either way
    status, headers, body = _raw(address, _get("/api/events?q=" + "%" * (4 * MAX_HEAD)))
    assert _json_error(status, headers, body, status) in ("bad_request", "uri_too_long")


def test_malformed_request(address):
    assert _json_error(*_raw(address, b"HELLO THERE\r\n\r\n"), 400) == "bad_request"
    assert _json_error(*_raw(address, b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n"), 400) == "bad_request"


def test_oversized_body_over_the_wire(address):
    body = b"{" * 200_000
    request = (b"POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)) + body
    assert _json_error(*_raw(address, request), 413) == "too_large"
