"""Zip files whose bytes depend on the content only: entries dated from the content, not the clock."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from io import BytesIO
from typing import Any


def saved(package: Any, date: dt.date, modified: dt.date | None = None) -> bytes:
    """A python-pptx or python-docx package saved, its bytes made stable by `stable_zip`."""
    buffer = BytesIO()
    package.save(buffer)
    return stable_zip(buffer.getvalue(), date, modified)


def stable_zip(data: bytes, date: dt.date, modified: dt.date | None = None) -> bytes:
    """The same deck or document bytes for the same content: every zip entry dated from the content, not the
    clock, and so are the charts' embedded workbooks, which XlsxWriter stamps with the time of the build; the
    core properties created on `date` and modified on `modified` (by default the same date)."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = stable_zip(content, date)
            elif info.filename == "docProps/core.xml":
                for name, day in ((b"created", date), (b"modified", modified or date)):
                    stamp_text = f"{day.isoformat()}T00:00:00Z".encode()
                    content = re.sub(rb"(<dcterms:" + name + rb"[^>]*>)[^<]*", rb"\g<1>" + stamp_text, content)
            target.writestr(entry, content)
    return out.getvalue()
