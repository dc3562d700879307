"""Live tidings: ``tidings watch`` (folders and feeds, a batch every interval) and GDELT-style
15-minute update files (``tidings publish``). See docs/live.md."""
from __future__ import annotations

from .publish import rebuild, verify
from .watcher import BatchReport, Watcher, WatchOptions, WatchStatus, parse_interval

__all__ = ["Watcher", "WatchOptions", "WatchStatus", "BatchReport", "parse_interval", "rebuild", "verify"]
