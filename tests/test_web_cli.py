"""`tidings serve` (uvicorn replaced by a recorder) and the package data the server needs."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from typer.testing import CliRunner  # noqa: E402

from _web_demo import demo_db  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def ran(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def invoke(*args):
    from tidings.cli.main import app

    return CliRunner().invoke(app, ["serve", *args])


def test_serve_defaults_to_loopback_read_only(tmp_path_factory, pipeline, ran):
    db = demo_db(tmp_path_factory, pipeline)
    r = invoke("--db", str(db), "--port", "8123")
    assert r.exit_code == 0, r.output
    assert "http://127.0.0.1:8123/" in r.output and "read-only" in r.output and "warning" not in r.output
    app, kw = ran[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123
    assert app.state.settings.token is None and not app.state.db.writable
    app.state.db.close()


def test_serve_warns_off_loopback_without_token(tmp_path_factory, pipeline, ran):
    db = demo_db(tmp_path_factory, pipeline)
    r = invoke("--db", str(db), "--host", "0.0.0.0")
    assert r.exit_code == 0 and "warning" in r.output and "0.0.0.0" in r.output
    ran[0][0].state.db.close()


def test_serve_token_file(tmp_path, ran):
    short = tmp_path / "short"
    short.write_text("abc\n")
    r = invoke("--db", str(tmp_path / "new.duckdb"), "--token-file", str(short))
    assert r.exit_code == 2 and "16 characters" in r.output
    good = tmp_path / "token"
    good.write_text("0123456789abcdef-token\n")
    r = invoke("--db", str(tmp_path / "new.duckdb"), "--token-file", str(good))
    assert r.exit_code == 0, r.output
    app = ran[0][0]
    assert app.state.settings.token == "0123456789abcdef-token" and app.state.db.writable
    app.state.db.close()


def test_serve_refuses_a_missing_database(tmp_path, ran):
    r = invoke("--db", str(tmp_path / "nothing.duckdb"))
    assert r.exit_code == 2 and "no database" in r.output and not ran


def test_package_data_covers_the_web_files():
    """Every template, script, style sheet, map shape and licence under web/ ships in the wheel."""
    conf = tomllib.loads((REPO / "pyproject.toml").read_text())
    globs = conf["tool"]["setuptools"]["package-data"]["tidings"]
    root = REPO / "src" / "tidings"
    files = [p for d in ("web/templates", "web/static") for p in (root / d).rglob("*") if p.is_file()]
    assert any(p.name == "LICENSE" for p in files) and any(p.suffix == ".json" for p in files)
    missing = []
    for p in files:
        rel = p.relative_to(root).as_posix()
        if not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(rel, g.replace("**/", "")) for g in globs):
            missing.append(rel)
    assert not missing, missing


def test_vendored_files_have_licences():
    vendor = REPO / "src" / "tidings" / "web" / "static" / "vendor"
    for d in (p for p in vendor.iterdir() if p.is_dir()):
        assert (d / "LICENSE").exists(), d.name
