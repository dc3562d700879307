"""A small on-disk cache for the tables tidings builds from its data files at start-up.

The actor knowledge base, the gazetteer, the event lexicon and the time and amount lexicons are
parsed from YAML/CSV/TSV files and turned into indexes; doing that on every start costs seconds.
:func:`cached` keeps the built object as a pickle in the user's cache directory and loads it from
there next time, as long as nothing it was built from has changed.

- Directory: ``$TIDINGS_CACHE_DIR`` if set (an empty value or ``off`` turns the cache off), else
  ``$XDG_CACHE_HOME/tidings``, else ``~/.cache/tidings``.
- Key: one file per name and set of source paths; it holds a stamp of the tidings version, the
  Python version, and the size and modification time of every source file and of the module that
  defines the builder (a change to the data or to the loading code rebuilds it).
- Failures are silent: a directory that cannot be created or written, or a cache file that cannot
  be read, means the object is built from the data files as if there were no cache.

Only objects built from the package's own data go here; user files (``--actors``, ``--lexicon``)
are read each time and applied on top.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional, TypeVar, Union

log = logging.getLogger(__name__)

T = TypeVar("T")

#: bump when the layout of cache files changes
FORMAT = 1



def cache_dir() -> Optional[Path]:
    """Where cache files go (None: caching is off)."""
    from .config import env_cache_dir

    env, xdg = env_cache_dir()
    if env is not None:
        if env.strip() in ("", "off", "0", "none"):
            return None
        return Path(env).expanduser()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "tidings"


def _version() -> str:
    try:
        from . import __version__
    except ImportError:  # pragma: no cover - a partly initialised package
        return "?"
    return str(__version__)


def source_stamp(sources: Iterable[Union[str, os.PathLike]]) -> tuple[str, str]:
    """(where, stamp): a digest of the sources' paths, which names the cache file, and a digest
    of the tidings and Python versions and each source's size and mtime, which the file must hold
    to be used (raises OSError when a source cannot be read)."""
    where = hashlib.sha256()
    stamp = hashlib.sha256()
    stamp.update(f"{FORMAT}\0{_version()}\0{sys.version_info[:3]}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for src in sources:
        p = os.path.abspath(os.fspath(src))
        st = os.stat(p)
        where.update(f"\0{p}".encode())
        stamp.update(f"\0{p}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return where.hexdigest()[:16], stamp.hexdigest()


def _builder_file(build: Callable) -> Optional[str]:
    code = getattr(build, "__code__", None)
    f = getattr(code, "co_filename", None)
    return f if f and os.path.isfile(f) else None


def cached(name: str, sources: Iterable[Union[str, os.PathLike]], build: Callable[[], T], plain: bool = False) -> T:
    """``build()``, or the object it returned last time for the same ``sources``.

    ``name`` names the cache file (letters, digits, ``-`` and ``_``); ``sources`` are the files
    the object is built from (real paths). The object must pickle, or with ``plain`` be made of
    built-in types only (None, bool, int, float, str, bytes, tuple, list, dict, set) and is then
    stored with :mod:`marshal`, which loads faster. The caller gets a fresh copy on every call
    that reads the cache, and may change it. There is one cache file per name and
    set of source paths (so installations side by side do not evict each other); it is rewritten
    when a source or the version changes.
    """
    d = cache_dir()
    if d is None:
        return build()
    srcs = [os.fspath(s) for s in sources]
    bf = _builder_file(build)
    if bf:
        srcs.append(bf)
    try:
        where, stamp = source_stamp(srcs)
    except OSError as exc:  # a source that is not a plain file (e.g. inside a zip): no cache
        log.debug("cache %s: no stamp (%s)", name, exc)
        return build()
    path = d / f"{name}-{where}.{'marshal' if plain else 'pickle'}"
    codec = marshal if plain else pickle
    gc_was_on = gc.isenabled()
    gc.disable()   # loading makes many containers and no garbage: collecting meanwhile only costs time
    head = stamp.encode() + b"\n"
    try:
        with open(path, "rb") as fh:
            data = fh.read()     # (marshal.load on a file reads item by item: slow)
        if data[:len(head)] == head:
            return codec.loads(memoryview(data)[len(head):])
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a corrupt or foreign file: rebuild it
        log.debug("cache %s: cannot read %s (%s)", name, path, exc)
    finally:
        if gc_was_on:
            gc.enable()
    value = build()
    _store(d, name, path, stamp, value, codec)
    return value


def _store(d: Path, name: str, path: Path, stamp: str, value, codec) -> None:
    """Write the stamp and ``value`` to ``path`` atomically (readers see the old file or the new)."""
    tmp = None
    try:
        d.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if codec is pickle else marshal.dumps(value)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=d)
        with os.fdopen(fd, "wb") as fh:
            fh.write(stamp.encode() + b"\n")
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except Exception as exc:  # noqa: BLE001 - not writable, disk full, unpicklable: no cache
        log.debug("cache %s: not written (%s)", name, exc)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def data_files(package: str, *parts: str) -> Path:
    """The real path of a package data file or folder (for :func:`cached`'s sources)."""
    from importlib import resources

    return Path(str(resources.files(package).joinpath(*parts)))
