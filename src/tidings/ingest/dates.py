"""Publication dates of input records."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional


def parse_date(value: Optional[str]) -> Optional[dt.date]:
    """The calendar date of an ISO 8601 date or datetime string (None when absent or unparseable)."""
    if not value:
        return None
    for pattern in (r"\s*(\d{4})-(\d{2})-(\d{2})", r"\s*(\d{4})(\d{2})(\d{2})\b"):
        m = re.match(pattern, value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
