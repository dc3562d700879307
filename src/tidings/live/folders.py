"""Watched folders: which ``.txt``, ``.html``/``.htm`` and ``.jsonl`` files are new or changed.

A :class:`FolderWatch` follows the folders with watchfiles (inotify and its kin, in a background
thread) and collects the paths that changed. The first cycle after a start scans the folders in
full, so files added or changed while tidings was down are not missed. A file counts as changed
when its size or mtime differ from the state the store keeps (``live_files``) *and* its sha256
differs; a file modified less than ``settle`` seconds ago is left for the next cycle (it may
still be being written).
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..ingest.readers import SUPPORTED

log = logging.getLogger(__name__)


@dataclass
class FileState:
    path: str
    mtime_ns: int
    size: int
    sha256: Optional[str] = None
    unchanged: bool = False         # touched but the same bytes: only its state is updated


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def wanted(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in SUPPORTED and not name.startswith(".") and not name.endswith("~")


def scan(dirs: Iterable[Path]) -> set[str]:
    """Every supported file under the folders (recursive)."""
    out: set[str] = set()
    for d in dirs:
        for root, subdirs, files in os.walk(d):
            subdirs[:] = [s for s in subdirs if not s.startswith(".")]
            for f in files:
                p = Path(root) / f
                if wanted(p):
                    out.add(str(p.resolve()))
    return out


class FolderWatch:
    """Collects changed paths under ``dirs`` with watchfiles until :meth:`stop`."""

    def __init__(self, dirs: list[Path], use_watchfiles: bool = True) -> None:
        self.dirs = [Path(d).resolve() for d in dirs]
        self._changed: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._full_scan = True          # the first cycle looks at everything
        self.watching = False
        if use_watchfiles and self.dirs:
            try:
                import watchfiles  # noqa: F401
            except ImportError:  # a declared dependency; without it every cycle scans
                log.warning("watchfiles is not installed: every cycle scans the folders")
            else:
                self._thread = threading.Thread(target=self._run, name="tidings-watchfiles", daemon=True)
                self._thread.start()
                self.watching = True

    def _run(self) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(*self.dirs, stop_event=self._stop, recursive=True,
                                            debounce=200, rust_timeout=500, yield_on_timeout=False,
                                            raise_interrupt=False):
                with self._lock:
                    for change, path in changes:
                        if change != watchfiles.Change.deleted and wanted(Path(path)):
                            self._changed.add(str(Path(path).resolve()))
        except Exception as exc:  # the watcher thread died: fall back to full scans
            log.warning("watchfiles stopped (%s): every cycle scans the folders", exc)
            self.watching = False

    def take(self) -> set[str]:
        """The paths to look at now (all of them on the first call or without watchfiles)."""
        with self._lock:
            changed, self._changed = self._changed, set()
        if self._full_scan or not self.watching:
            self._full_scan = False
            return scan(self.dirs) | changed
        return {p for p in changed if Path(p).exists()}

    def put_back(self, paths: Iterable[str]) -> None:
        """Paths to look at again next cycle (not settled yet, or their batch failed)."""
        with self._lock:
            self._changed.update(paths)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def changed_files(paths: Iterable[str], known: dict[str, tuple], settle: float) -> tuple[list[FileState], list[str]]:
    """(files to ingest, files to look at again later) among ``paths``; ``known`` maps a path to
    its stored (mtime_ns, size, sha256)."""
    todo, later = [], []
    now = time.time()
    for p in sorted(paths):
        try:
            st = os.stat(p)
        except OSError:
            continue
        if now - st.st_mtime < settle:
            later.append(p)
            continue
        old = known.get(p)
        if old is not None and old[0] == st.st_mtime_ns and old[1] == st.st_size:
            continue
        try:
            sha = sha256_file(Path(p))
        except OSError:
            later.append(p)
            continue
        if old is not None and old[2] == sha:
            todo.append(FileState(p, st.st_mtime_ns, st.st_size, sha, unchanged=True))
            continue
        todo.append(FileState(p, st.st_mtime_ns, st.st_size, sha))
    return todo, later
