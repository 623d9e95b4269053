"""How a client writes numbers and dates: the decimal separator and the date format of each file.

The mapping may say (``decimal``, ``date_format``); otherwise a CSV's date
format comes from DuckDB's CSV sniffer where it typed the date column, and
what is left is guessed from a sample of the values.
"""

from __future__ import annotations

import datetime as dt
import re

from casekit.client.fields import field_type

__all__ = ["sniff_decimal", "sniff_date_format", "detect_formats"]

def _clean(value: str) -> str:
    v = re.sub(r"[\s\u00a0'€$£]", "", str(value))
    if v.startswith("(") and v.endswith(")"):
        v = "-" + v[1:-1]
    if v.endswith("-") and len(v) > 1:  # SAP-style trailing minus
        v = "-" + v[:-1]
    return v


def sniff_decimal(values) -> str:
    """Guess the decimal separator of a column of numbers written as text.

    Examples
    --------
    >>> sniff_decimal(["1.234,50", "12,5", "7"])
    ','
    >>> sniff_decimal(["1,234.50", "12.5"])
    '.'
    """
    point = comma = 0
    for v in values:
        if v is None:
            continue
        v = _clean(v)
        if re.fullmatch(r"[-+]?\d+", v):
            continue
        if "," in v and "." in v:
            comma += v.rfind(",") > v.rfind(".")
            point += v.rfind(".") > v.rfind(",")
        elif "," in v:
            # 1,234 is ambiguous; 12,5 or 1,23 is a decimal comma
            comma += not re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", v)
        elif "." in v:
            point += not re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", v)
    return "," if comma > point else "."


_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%Y%m%d", "%d-%m-%Y", "%Y/%m/%d",
                 "%d.%m.%y", "%d/%m/%y", "%m/%d/%y", "%d-%b-%Y", "%d %b %Y"]


def sniff_date_format(values) -> str:
    """Pick the date format that reads the most sample values (day first on a tie).

    Examples
    --------
    >>> sniff_date_format(["03.02.2025", "28.02.2025"])
    '%d.%m.%Y'
    >>> sniff_date_format(["2025-02-03 00:00:00"])
    '%Y-%m-%d'
    """
    vals = [str(v).strip()[:10] if re.match(r"\d{4}-\d\d-\d\d[ T]", str(v).strip()) else str(v).strip()
            for v in values if v is not None and str(v).strip()]
    best, best_n = _DATE_FORMATS[0], -1
    for fmt in _DATE_FORMATS:
        n = 0
        for v in vals[:300]:
            try:
                dt.datetime.strptime(v, fmt)
                n += 1
            except ValueError:
                pass
        if n > best_n:
            best, best_n = fmt, n
    return best


def detect_formats(src, kind: str, columns: dict, section: dict) -> dict:
    """Settle the decimal separator and (for invoice lines) the date format of one file.

    Parameters
    ----------
    src : casekit.client.reading.Source
        The opened file (Parquet needs neither: its columns are typed).
    kind : {"lines", "customers", "products"}
        The file kind.
    columns : dict
        ``{casekit field: client column}`` of the file.
    section : dict
        The file kind's mapping section; its ``decimal`` and ``date_format`` win.

    Returns
    -------
    dict
        ``{"decimal": ..., "date_format": ...}`` (empty for Parquet; no
        ``date_format`` for masters).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit.client.reading import open_source
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Customer;Date;Qty\\nA;13.01.2025;1,5\\nB;14.01.2025;2\\n")
    >>> detect_formats(open_source(p), "lines", {"customer_id": "Customer", "date": "Date", "quantity": "Qty"}, {})
    {'decimal': ',', 'date_format': '%d.%m.%Y'}
    """
    out = {}
    if src.kind == "parquet":
        return out
    numeric = [c for f, c in columns.items() if field_type(kind, f) == "number"]
    values = [v for c in numeric for v in src.sample[c].tolist()]
    out["decimal"] = section.get("decimal") or sniff_decimal(values)
    if kind == "lines":
        date = columns["date"]
        out["date_format"] = (section.get("date_format") or src.date_formats.get(date)
                              or sniff_date_format(src.sample[date].tolist()))
    return out
