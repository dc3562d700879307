"""Print the table of quote rules (tidings.quotes.rules.RULES) as Markdown, or with --write put it
in docs/places_quotes.md between the ``<!-- quote-rules -->`` markers.

    PYTHONPATH=src python tools/quote_rules_table.py [--write]
"""
from __future__ import annotations

import sys
from pathlib import Path

from tidings.quotes.rules import AREAS, RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "places_quotes.md"
START, END = "<!-- quote-rules:start -->", "<!-- quote-rules:end -->"


def table() -> str:
    rows = ["| rule id | area | function | what it does (example of our own) |", "|---|---|---|---|"]
    for area in AREAS:
        for r in RULES.values():
            if r.area == area:
                desc = r.description.replace("|", "\\|")
                rows.append(f"| `{r.id}` | {area} | `{r.function.__qualname__}` | {desc} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    text = table()
    if "--write" not in argv:
        print(text)
        return 0
    doc = DOC.read_text(encoding="utf-8")
    if START not in doc or END not in doc:
        print(f"{DOC}: no {START} … {END} markers", file=sys.stderr)
        return 1
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
