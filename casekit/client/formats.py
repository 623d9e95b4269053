"""How a client writes numbers and dates: the decimal separator and the date format of each file.

The mapping may say (``decimal``, ``date_format``); otherwise a CSV's date
format comes from DuckDB's CSV sniffer where it typed the date column, and
what is left is guessed from a sample of the values.  Two things are never
guessed from a sample: whether ``03/04/2025`` is day or month first is
decided from every value of the column (:func:`settle_day_month`), and a
column no value of which settles it stops the run with a question.  Dates
Excel wrote as serial numbers (``45658`` for 2025-01-01) read as format
``excel``.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb

from casekit.client._sql import quote_ident, source_sql
from casekit.client.fields import field_type
from casekit.client.validation import ClientDataError, Problem

__all__ = ["sniff_decimal", "sniff_date_format", "detect_formats", "settle_day_month", "EXCEL_SERIAL"]

EXCEL_SERIAL = "excel"
"""The date format of a column of Excel serial numbers (days since 1899-12-30; ISO dates read too)."""

# serial numbers of plausible invoice dates: 1954-10-03 to 2119-01-10
_SERIAL_RANGE = (20000, 80000)

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


def _is_serial(v: str) -> bool:
    return bool(re.fullmatch(r"\d{5}(\.\d+)?", v)) and _SERIAL_RANGE[0] <= float(v) < _SERIAL_RANGE[1]


def sniff_date_format(values) -> str:
    """Pick the date format that reads the most sample values.

    Day or month first is settled later from the whole column
    (:func:`settle_day_month`); Excel serial numbers give ``"excel"``.

    Examples
    --------
    >>> sniff_date_format(["03.02.2025", "28.02.2025"])
    '%d.%m.%Y'
    >>> sniff_date_format(["2025-02-03 00:00:00"])
    '%Y-%m-%d'
    >>> sniff_date_format(["45658", "45689.5"])
    'excel'
    """
    vals = [str(v).strip()[:10] if re.match(r"\d{4}-\d\d-\d\d[ T]", str(v).strip()) else str(v).strip()
            for v in values if v is not None and str(v).strip()]
    serials = sum(_is_serial(v) for v in vals[:300])
    if serials and serials >= len(vals[:300]) / 2:
        return EXCEL_SERIAL
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


# d/m or m/d, then the year: 03/04/2025, 3-4-25 (dotted dates are day first everywhere they are written)
_DAY_MONTH = re.compile(r"^%([dm])([/-])%([dm])\2%([Yy])$")


def _day_month_counts(src, column: str, sep: str) -> tuple:
    """Scan the whole column: values whose first / second part exceeds 12, values read, and examples of each."""
    part = f"^\\s*(\\d{{1,2}}){re.escape(sep)}(\\d{{1,2}}){re.escape(sep)}\\d{{2,4}}\\s*$"
    v = f"CAST({quote_ident(column)} AS VARCHAR)"
    with duckdb.connect() as con:
        view = source_sql(con, src, "_dm")
        con.execute(f"""CREATE TEMP TABLE _parts AS SELECT _row, {v} AS v,
                               TRY_CAST(regexp_extract({v}, '{part}', 1) AS INTEGER) AS p1,
                               TRY_CAST(regexp_extract({v}, '{part}', 2) AS INTEGER) AS p2
                        FROM {view} WHERE regexp_matches({v}, '{part}')""")
        n1, n2, n = con.execute("SELECT count_if(p1 > 12), count_if(p2 > 12), count(*) FROM _parts").fetchone()
        first = con.execute("SELECT _row, v FROM _parts ORDER BY _row LIMIT 3").fetchall()
    return n1, n2, n, first


def settle_day_month(sources, columns, formats, *, given=None) -> list:
    """Decide day/month or month/day for every file from all values of its date column, never from a sample.

    A value whose first part is over 12 (``25/03/2025``) makes the column day
    first; one whose second part is over 12 (``03/25/2025``) month first;
    when both occur, the larger count wins and the other rows are set aside
    as bad dates, each named by its row.  A file whose every value could be
    either borrows the decision of the other files of the same shape; when
    none settles it, the run stops with a question.  Dotted dates
    (``03.04.2025``) are day first, as everywhere they are written.

    Parameters
    ----------
    sources : list of Source
        The opened files.
    columns : list of dict
        Per file ``{field: client column}`` (the ``date`` column is scanned).
    formats : list of dict
        Per file ``{"decimal": ..., "date_format": ...}``; updated in place.
    given : str, optional
        The mapping's ``date_format``: the user's answer, used as it is.

    Returns
    -------
    list of dict
        ``formats``, with each date format settled.

    Raises
    ------
    ClientDataError
        No value of the date column, in any file of the shape, settles day
        or month first: names the files and the column, and the mapping line
        that answers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit.client.reading import open_source
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Date,Qty\\n01/02/2025,1\\n" + "01/13/2025,2\\n")
    >>> settle_day_month([open_source(p)], [{"date": "Date"}], [{"date_format": "%d/%m/%Y"}])
    [{'date_format': '%m/%d/%Y'}]
    """
    if given:
        return formats
    pending = {}
    for i, (src, cols, fmt) in enumerate(zip(sources, columns, formats)):
        m = _DAY_MONTH.match(fmt.get("date_format") or "")
        if m and cols.get("date"):
            sep, year = m.group(2), m.group(4)
            n1, n2, n, first = _day_month_counts(src, cols["date"], sep)
            pending[i] = (sep, year, n1, n2, n, first)
    votes = {}  # shape (sep, year) -> [day-first files, month-first files], from the files that settle it
    for sep, year, n1, n2, _, _ in pending.values():
        if n1 != n2:
            votes.setdefault((sep, year), [0, 0])[n1 < n2] += 1
    undecided = []
    for i, (sep, year, n1, n2, n, first) in pending.items():
        day, month = f"%d{sep}%m{sep}%{year}", f"%m{sep}%d{sep}%{year}"
        d, m = (1, 0) if n1 > n2 else (0, 1) if n2 > n1 else votes.get((sep, year), (0, 0))
        if d == m:
            undecided.append((i, day, month, n, first))
        else:
            formats[i]["date_format"] = day if d > m else month
    if undecided:
        raise ClientDataError([_ambiguous(sources[i], columns[i]["date"], day, month, n, first)
                               for i, day, month, n, first in undecided])
    return formats


def _ambiguous(src, column, day, month, n, first) -> Problem:
    """The question to the user: which of the two readings of the column's dates is right."""
    as_day = as_month = ""
    if first:
        v = first[0][1].strip()
        try:
            a, b = (dt.datetime.strptime(v, f).date() for f in (day, month))
            as_day, as_month = f" ({v} is {a:%-d %B %Y})", f" ({v} is {b:%-d %B %Y})"
        except ValueError:
            pass
    fix = (f'say which in the mapping, under lines: date_format: "{day}" for day first{as_day}, or '
           f'date_format: "{month}" for month first{as_month}; `casekit mapping EXPORT -o mapping.yaml` writes '
           f"a mapping, pass it with --mapping.")
    return Problem(file=str(src.path), column=column, field="date", check="ambiguous_date",
                   message=f"all {n} dates could be day/month or month/day (no part is over 12), and casekit "
                           f"does not guess", count=n, examples=[(str(src.path), r, v) for r, v in first], fix=fix)
