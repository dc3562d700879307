"""GDELT-style update files: ``YYYYMMDDHHMMSS.export.CSV.zip``, ``YYYYMMDDHHMMSS.mentions.CSV.zip``,
``lastupdate.txt`` and ``masterfilelist.txt``.

A batch covers a range of ``event_mentions.seq`` (the store's link sequence, which only grows):
its export file holds the canonical events first reported in that range (GDELT 2.0's 61 columns,
``DATEADDED`` = the batch's stamp), its mentions file every mention linked in that range (also of
older events, as GDELT's mentions file does). Both use the export's default selection: asserted,
non-negated events.

Lists use GDELT's layout, one file a line: ``<size in bytes> <md5 hex> <url or path>``.
``masterfilelist.txt`` lists every published file in stamp order; ``lastupdate.txt`` the files of
the newest batch. Every file, lists included, is written to a temporary name in the same folder,
flushed, fsynced and renamed over the final name (then the folder is fsynced), so a reader or a
crash never sees a partial file, and a list names a file only after that file is complete.
The zip members carry the batch's stamp as their time, so rewriting a batch gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..export import gdelt
from ..export.common import Filters, iter_events

log = logging.getLogger(__name__)

MASTER = "masterfilelist.txt"
LAST = "lastupdate.txt"
KINDS = ("export", "mentions")


@dataclass(frozen=True)
class ListEntry:
    size: int
    md5: str
    url: str

    @property
    def name(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1]

    def line(self) -> str:
        return f"{self.size} {self.md5} {self.url}"


@dataclass
class Published:
    stamp: str
    events: int
    mentions: int
    entries: list[ListEntry]


def stamp_of(t: dt.datetime) -> str:
    """GDELT's file stamp (UTC, to the second): 20240611143000."""
    if t.tzinfo is not None:
        t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return t.strftime("%Y%m%d%H%M%S")


def parse_stamp(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")


def file_name(stamp: str, kind: str) -> str:
    return f"{stamp}.{kind}.CSV.zip"


# -- checkpoints -----------------------------------------------------------------------------------
def checkpoint(name: str) -> None:
    """A named point of a batch (``batch-pending``, ``ingest-committed``, ``<kind>-written``,
    ``lists-written``): logged at DEBUG. The kill -9 tests (tests/test_live.py) replace this
    function in a watcher subprocess to kill it at exactly one of these points."""
    log.debug("checkpoint %s", name)


# -- atomic files ---------------------------------------------------------------------------------
def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync and rename."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def zip_bytes(member: str, text: str, stamp: str) -> bytes:
    """A deflated zip holding one member, dated by the stamp (same input, same bytes)."""
    buf = io.BytesIO()
    info = zipfile.ZipInfo(member, date_time=parse_stamp(stamp).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def md5_of(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "md5").hexdigest()


# -- the rows of a batch ----------------------------------------------------------------------------
def _first_reported_in(seq_from: int, seq_to: int) -> tuple[str, list]:
    return ("c.id IN (SELECT canonical_id FROM event_mentions GROUP BY canonical_id "
            "HAVING min(seq) > ? AND min(seq) <= ?)", [seq_from, seq_to])


def _linked_in(seq_from: int, seq_to: int) -> tuple[str, list]:
    return "em.seq > ? AND em.seq <= ?", [seq_from, seq_to]


def export_tsv(store, seq_from: int, seq_to: int, stamp: str) -> tuple[str, int]:
    """GDELT event rows of the canonical events whose first mention is in (seq_from, seq_to],
    written by the GDELT exporter with ``DATEADDED`` = the batch's stamp."""
    added = parse_stamp(stamp)
    events = ({**ev, "first_seen": added}
              for ev in iter_events(store, Filters(), gdelt=True, extra=_first_reported_in(seq_from, seq_to)))
    buf = io.StringIO()
    n, _skipped = gdelt.write(events, buf)
    return buf.getvalue(), n


def mentions_tsv(store, seq_from: int, seq_to: int, stamp: str) -> tuple[str, int]:
    """GDELT mention rows of the mentions linked in (seq_from, seq_to], written by the GDELT
    exporter with the batch's stamp as every mention's time."""
    buf = io.StringIO()
    n, _ = gdelt.write_mentions(store, Filters(), buf, extra=_linked_in(seq_from, seq_to),
                                ingested_at=parse_stamp(stamp))
    return buf.getvalue(), n


def count_mentions(store, seq_from: int, seq_to: int) -> int:
    """How many mention rows :func:`mentions_tsv` would write for (seq_from, seq_to]."""
    return sum(1 for _ in gdelt.iter_mentions(store, Filters(), extra=_linked_in(seq_from, seq_to)))


# -- lists ------------------------------------------------------------------------------------------
def read_list(path: Path) -> list[ListEntry]:
    """The entries of a GDELT file list (missing file: none)."""
    out: list[ListEntry] = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return out
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].isdigit():
            out.append(ListEntry(int(parts[0]), parts[1], parts[2]))
    return out


def _url(folder: Path, name: str, base_url: Optional[str]) -> str:
    if base_url:
        return base_url.rstrip("/") + "/" + name
    return str((folder / name).resolve())


def update_lists(folder: Path, entries: Iterable[ListEntry]) -> None:
    """Add (or replace, by file name) entries in ``masterfilelist.txt`` and point ``lastupdate.txt``
    at the newest stamp's files. Both lists are rewritten atomically."""
    folder = Path(folder)
    by_name = {e.name: e for e in read_list(folder / MASTER)}
    for e in entries:
        by_name[e.name] = e
    ordered = [by_name[n] for n in sorted(by_name)]
    atomic_write(folder / MASTER, "".join(e.line() + "\n" for e in ordered).encode())
    if ordered:
        newest = max(e.name.split(".", 1)[0] for e in ordered)
        last = [e for e in ordered if e.name.startswith(newest + ".")]
        last.sort(key=lambda e: KINDS.index(e.name.split(".")[1]) if e.name.split(".")[1] in KINDS else 9)
        atomic_write(folder / LAST, "".join(e.line() + "\n" for e in last).encode())


def write_batch(store, folder: Path, stamp: str, seq_from: int, seq_to: int,
                base_url: Optional[str] = None, lists: bool = True) -> Published:
    """Write the export and mentions files of one batch (and, with ``lists``, list them)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ev_text, n_ev = export_tsv(store, seq_from, seq_to, stamp)
    m_text, n_m = mentions_tsv(store, seq_from, seq_to, stamp)
    entries = []
    for kind, text in (("export", ev_text), ("mentions", m_text)):
        name = file_name(stamp, kind)
        data = zip_bytes(name[:-len(".zip")], text, stamp)
        atomic_write(folder / name, data)
        checkpoint(f"{kind}-written")
        entries.append(ListEntry(len(data), hashlib.md5(data).hexdigest(), _url(folder, name, base_url)))
    if lists:
        update_lists(folder, entries)
        checkpoint("lists-written")
    log.info("published %s: %d events, %d mentions", stamp, n_ev, n_m)
    return Published(stamp, n_ev, n_m, entries)


def listed_ok(folder: Path, stamp: str) -> bool:
    """Both files of a stamp are in the master list and match it on disk (size and MD5)."""
    folder = Path(folder)
    listed = {e.name: e for e in read_list(folder / MASTER)}
    for kind in KINDS:
        e = listed.get(file_name(stamp, kind))
        p = folder / file_name(stamp, kind)
        if e is None or not p.exists() or p.stat().st_size != e.size or md5_of(p) != e.md5:
            return False
    return True


def verify(folder: Path) -> list[str]:
    """Problems with a publish folder: a listed file missing, of another size or MD5, not a
    readable zip; ``lastupdate.txt`` naming files the master list lacks. Empty when consistent."""
    folder = Path(folder)
    problems = []
    master = read_list(folder / MASTER)
    names = {e.name: e for e in master}
    for e in master:
        p = folder / e.name
        if not p.exists():
            problems.append(f"{e.name}: listed but missing")
            continue
        if p.stat().st_size != e.size:
            problems.append(f"{e.name}: size {p.stat().st_size} != listed {e.size}")
            continue
        if md5_of(p) != e.md5:
            problems.append(f"{e.name}: MD5 differs from the list")
            continue
        try:
            with zipfile.ZipFile(p) as zf:
                bad = zf.testzip()
            if bad is not None:
                problems.append(f"{e.name}: corrupt member {bad}")
        except zipfile.BadZipFile as exc:
            problems.append(f"{e.name}: not a zip ({exc})")
    for e in read_list(folder / LAST):
        if names.get(e.name) != e:
            problems.append(f"{LAST}: {e.name} is not in {MASTER} as listed")
    return problems


# -- rebuilding a period ---------------------------------------------------------------------------------
def rebuild(store, folder: Path, since: Optional[dt.datetime], until: Optional[dt.datetime],
            slot_seconds: int = 900, base_url: Optional[str] = None) -> list[Published]:
    """Rebuild the update files of a period from the store: the mentions linked in each
    ``slot_seconds`` slot (GDELT: 15 minutes) of [since, until) make one batch, stamped with the
    slot's start. Files of the same stamp are replaced; the lists are updated once at the end."""
    conds, params = [], []
    if since is not None:
        conds.append("linked_at >= ?")
        params.append(since)
    if until is not None:
        conds.append("linked_at < ?")
        params.append(until)
    where = " AND ".join(conds) or "true"
    rows = store.sql(f"""SELECT to_timestamp(floor(epoch(linked_at) / {int(slot_seconds)}) * {int(slot_seconds)})
                                  AT TIME ZONE 'UTC' AS slot, min(seq), max(seq)
                         FROM event_mentions WHERE {where} GROUP BY 1 ORDER BY 1""", params).fetchall()
    out: list[Published] = []
    entries: list[ListEntry] = []
    for slot, lo, hi in rows:
        stamp = stamp_of(slot)
        pub = write_batch(store, folder, stamp, int(lo) - 1, int(hi), base_url=base_url, lists=False)
        out.append(pub)
        entries += pub.entries
    if entries:
        update_lists(folder, entries)
    return out
