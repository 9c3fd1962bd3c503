"""Running the app under uvicorn, as ``milcoop serve`` does.

uvicorn's HTTP parser (h11) refuses a request whose request line and headers
exceed ``MAX_HEAD`` before the app sees it, and answers such malformed or
oversized requests itself. Here that limit is set above the app's own
(``milcoop.server.limits``: 8 KiB target, 16 KiB headers), so every request
the app can judge reaches it and gets the JSON error shape; the requests h11
refuses get the same shape from ``JsonErrorH11``. Not controllable from here:
a client that disconnects or stalls mid-request (uvicorn closes it), TLS
(terminate it in a reverse proxy), and servers started another way than
``serve`` (e.g. ``uvicorn --http httptools``).
"""
from __future__ import annotations

import json

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .deps import error_body
from .security import HEADERS

MAX_HEAD = 64 * 1024


class JsonErrorH11(H11Protocol):
    """uvicorn's h11 protocol, answering requests it cannot parse in the API's JSON error shape."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(error_body("bad_request", "invalid HTTP request: malformed, or its request line "
                                     f"and headers exceed {MAX_HEAD} bytes"), separators=(",", ":")).encode()
        headers = [(b"content-type", b"application/json"), (b"connection", b"close"),
                   *((k.encode(), v.encode()) for k, v in HEADERS.items())]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()


def config(app, host: str = "127.0.0.1", port: int = 8000, **options) -> uvicorn.Config:
    """The uvicorn configuration ``milcoop serve`` runs ``app`` with."""
    return uvicorn.Config(app, host=host, port=port, http=JsonErrorH11, h11_max_incomplete_event_size=MAX_HEAD,
                          server_header=False, **options)


def serve(app, host: str = "127.0.0.1", port: int = 8000) -> None:
    uvicorn.Server(config(app, host, port)).run()
