"""The README documents the command line: its command table names every command, and every
command and option explains itself in ``--help``."""
from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from conftest import REPO
from tidings.cli.main import app


def _commands(cmd=None, path: tuple[str, ...] = ()):
    """(path, click command) of every runnable command, sub-commands included (``actors lookup``)."""
    cmd = cmd if cmd is not None else typer.main.get_command(app)
    subs = getattr(cmd, "commands", None)
    if subs:
        for name, sub in sorted(subs.items()):
            yield from _commands(sub, path + (name,))
    else:
        yield path, cmd


def _readme_table() -> str:
    """The rows of the README table whose header is ``| command | what it does |``."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if re.match(r"\|\s*command\s*\|\s*what it does\s*\|", ln))
    rows = []
    for ln in lines[start + 2:]:
        if not ln.startswith("|"):
            break
        rows.append(ln)
    return "\n".join(rows)


def _listed(table: str) -> set[tuple[str, ...]]:
    """The lower-case words each code span of the table starts with (``tidings`` dropped):
    "`tidings actors lookup "NAME"`" → ("actors", "lookup"); "`actors stats`" → ("actors", "stats")."""
    out = set()
    for span in re.findall(r"`([^`]+)`", table):
        words = span.split()
        if words and words[0] == "tidings":
            words = words[1:]
        lead = []
        for w in words:
            if not re.fullmatch(r"[a-z][a-z-]*", w):
                break
            lead.append(w)
        if lead:
            out.add(tuple(lead))
    return out


def test_the_walk_finds_commands_and_sub_commands():
    paths = {p for p, _ in _commands()}
    assert ("extract",) in paths and ("actors", "lookup") in paths and ("actors",) not in paths


def test_readme_command_table_lists_every_command():
    listed = _listed(_readme_table())
    missing = [" ".join(p) for p, _ in _commands() if not any(m[:len(p)] == p for m in listed)]
    assert not missing, f"README command table does not list: {missing}"


def test_readme_table_parsing_sees_a_missing_command():
    listed = _listed("| `tidings extract X` | ... |\n| `tidings actors lookup \"N\"`; `actors stats` | ... |")
    assert ("extract",) in listed and ("actors", "lookup") in listed and ("actors", "stats") in listed
    assert not any(m[:2] == ("actors", "mentions") for m in listed)


def test_every_command_has_help_text():
    runner = CliRunner()
    for path, cmd in _commands():
        name = " ".join(path)
        assert (cmd.help or "").strip(), f"`tidings {name}` has no help text (a docstring)"
        undocumented = [p.name for p in cmd.params if p.name != "help" and not (getattr(p, "help", None) or "").strip()]
        assert not undocumented, f"`tidings {name}`: options without help: {undocumented}"
        res = runner.invoke(app, [*path, "--help"])
        assert res.exit_code == 0, (name, res.output[-500:])
        first = cmd.help.strip().split()[:3]
        assert " ".join(first) in " ".join(res.output.split()), (name, res.output[:500])
