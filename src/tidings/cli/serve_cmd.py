"""``tidings serve``: the HTTP API and web dashboard over a tidings database."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..store import DEFAULT_DB

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def register(app: typer.Typer) -> None:
    from .main import err

    @app.command()
    def serve(
        db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file to serve."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        token_file: Optional[Path] = typer.Option(None, "--token-file", help="File holding the bearer token that "
                                                  "enables POST /api/v1/articles (ingest); without it the "
                                                  "database is opened read-only."),
        cors_origin: Optional[List[str]] = typer.Option(None, "--cors-origin", help="Allow this origin to call "
                                                        "the API from a browser (repeatable; default: no CORS)."),
        query_timeout: float = typer.Option(10.0, "--query-timeout", min=0.1, help="Seconds before a query is "
                                            "interrupted."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy model for ingest."),
        threads: int = typer.Option(1, "--threads", min=0, help="DuckDB worker threads (0: one per core). With 1, "
                                    "concurrent requests each run on their own thread and share the cores."),
        log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level."),
    ) -> None:
        """Serve the HTTP API (/api/v1, docs at /api/docs) and the web dashboard."""
        import uvicorn

        from ..store import StoreError
        from ..web import WebSettings, create_app

        token = None
        if token_file is not None:
            try:
                token = token_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                err.print(f"[red]error:[/] cannot read --token-file: {exc}", highlight=False)
                raise typer.Exit(2)
            if len(token) < 16:
                err.print("[red]error:[/] the token in --token-file must be at least 16 characters", highlight=False)
                raise typer.Exit(2)
        if host not in LOOPBACK and not token:
            err.print(f"[yellow]warning:[/] binding {host}: anyone who can reach this address can read the whole "
                      "database (no token is needed to read). Bind 127.0.0.1 unless you mean to share it.",
                      highlight=False)
        if host not in LOOPBACK and token:
            err.print(f"[yellow]warning:[/] binding {host} with ingest on: the token travels in clear over HTTP; "
                      "put a TLS proxy in front.", highlight=False)
        settings = WebSettings(token=token, cors_origins=list(cors_origin or []), query_timeout_s=query_timeout,
                               model=model, threads=threads or None)
        try:
            application = create_app(db, settings)
        except StoreError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        shown = f"[{host}]" if ":" in host else host
        mode = "read-write, ingest on" if token else "read-only"
        typer.echo(f"tidings: serving {db} ({mode}) at http://{shown}:{port}/  (API docs: http://{shown}:{port}"
                   "/api/docs; Ctrl+C stops)")
        uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=False)
