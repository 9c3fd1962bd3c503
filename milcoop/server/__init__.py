"""The web server: a FastAPI JSON API under /api (and the web UI's static files when present)."""
from .app import create_app

__all__ = ["create_app"]
