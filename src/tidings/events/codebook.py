"""Codebooks: CAMEO event codes (label, Goldstein score, quad class), the PLOVER ontology
(types, modes, contexts) and the CAMEO -> PLOVER mapping, read from the package's data files."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import yaml


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad: int


@dataclass(frozen=True)
class PloverCoding:
    event: str                 # PLOVER type
    mode: Optional[str]
    contexts: tuple[str, ...]


@dataclass
class Codebook:
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    plover: dict[str, PloverCoding] = field(default_factory=dict)   # CAMEO code -> PLOVER coding
    types: dict[str, dict] = field(default_factory=dict)             # PLOVER type -> info
    contexts: list[str] = field(default_factory=list)

    def label(self, code: str) -> str:
        c = self.cameo.get(code)
        return c.label if c else "?"

    def goldstein(self, code: str) -> float:
        for k in (code, code[:3], code[:2]):
            if k in self.cameo:
                return self.cameo[k].goldstein
        return 0.0

    def quad(self, code: str) -> int:
        """GDELT QuadClass of the CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
        r = int(code[:2])
        return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4

    def to_plover(self, code: str) -> Optional[PloverCoding]:
        """The PLOVER coding of a CAMEO code (falling back to its 3-digit parent); None for 01x statements."""
        for k in (code, code[:3]):
            if k in self.plover:
                return self.plover[k]
        return None


def _data_text(name: str) -> str:
    return resources.files("tidings.events").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _rows(text: str) -> list[dict]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    cb = Codebook()
    for row in _rows(_data_text("cameo_codes.tsv")):
        cb.cameo[row["code"]] = CameoCode(row["code"], row["label"], float(row["goldstein"]), int(row["quad"]))
    for row in _rows(_data_text("cameo_plover.tsv")):
        ctx = tuple(c for c in (row.get("contexts") or "").split(";") if c)
        cb.plover[row["cameo"]] = PloverCoding(row["plover"], (row.get("mode") or "").strip() or None, ctx)
    pl = yaml.safe_load(_data_text("plover.yaml"))
    cb.types = pl["types"]
    cb.contexts = list(pl.get("contexts") or [])
    return cb


def phoenix_quad(cameo: Optional[str]) -> int:
    """Quad class of a CAMEO code in the Phoenix convention: 0 = 01-02 (or no event), 1 = 03-05,
    2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20."""
    if not cameo or not cameo[:2].isdigit():
        return 0
    r = int(cameo[:2])
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4
