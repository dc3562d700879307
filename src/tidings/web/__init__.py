"""``tidings serve``: an HTTP API and a web dashboard over the event store.

:func:`create_app` builds the FastAPI application from a database path and :class:`WebSettings`;
``web/api.py`` holds the API routes, ``web/pages.py`` the server-rendered pages, ``web/queries.py``
every SQL statement (parameterised), ``templates/`` and ``static/`` (vendored scripts with their
licences, no CDN) the front end.
"""
from .app import create_app
from .settings import WebSettings

__all__ = ["create_app", "WebSettings"]
