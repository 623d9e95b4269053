"""Open a client file whatever its shape: CSV of any dialect, Excel below a title block, Parquet.

Each file becomes a :class:`Source`: where its header is, how it is encoded
and delimited, a small sample of its rows as text (to sniff number and date
formats; for CSV the delimiter and date formats come from DuckDB's CSV
sniffer).  :func:`casekit.client._sql.source_sql` then lets DuckDB scan it
with every row numbered as the file shows it (1-based, the header row counted).  Nothing here loads a whole
CSV or Parquet file into pandas; Excel files, which are small by nature, are
read with openpyxl.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd

from casekit.client._sql import literal
from casekit.client.fields import normalize_header
from casekit.client.validation import ClientDataError, Problem

__all__ = ["Source", "expand_paths", "open_source", "translate_duckdb_error", "SUFFIXES"]

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet")
_SAMPLE_BYTES = 1 << 20
_SAMPLE_ROWS = 500
_HEADER_SEARCH = 30


@dataclasses.dataclass
class Source:
    """Hold one client file, opened and sniffed (not yet read in full).

    Built by :func:`open_source`; not meant to be filled in by hand.

    Parameters
    ----------
    path : Path
        The file.
    kind : {"csv", "excel", "parquet"}
        How it is read.
    columns : list of str
        Header names as the file shows them (repeats get ``.1``, ``.2``).
    header_row : int
        File row number of the header (0 for Parquet, which has none).
    sample : pandas.DataFrame
        The first rows, one column per header, every value as text (``None``
        when empty).
    encoding, delimiter : str
        CSV only: DuckDB encoding and the delimiter.
    sheet : str
        Excel only: the sheet read.
    frame : pandas.DataFrame, optional
        Excel only: all data as text, with ``_row`` (Excel's row number).
    types : dict
        Parquet only: column -> arrow type.
    date_formats : dict
        CSV only: column -> date format, for the columns DuckDB's sniffer read as dates.
    notes : list of str
        What was detected, for the report.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Customer,Qty\\nA,1\\nB,2\\n")
    >>> src = open_source(p)
    >>> src.kind, src.name, src.columns, len(src.sample)
    ('csv', 'jan.csv', ['Customer', 'Qty'], 2)
    """

    path: Path
    kind: str                      # "csv", "excel" or "parquet"
    columns: list                  # header names as the file shows them
    header_row: int                # file row number of the header (0: no header, Parquet)
    sample: pd.DataFrame           # first rows, every value as text (None when empty)
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    frame: pd.DataFrame | None = None   # Excel: the data as text, with _row
    types: dict = dataclasses.field(default_factory=dict)  # Parquet: column -> arrow type
    date_formats: dict = dataclasses.field(default_factory=dict)  # CSV: column -> format DuckDB sniffed
    notes: list = dataclasses.field(default_factory=list)  # what was sniffed, for the report
    quoted_newlines: bool = False  # CSV: a quoted field spans lines (RFC 4180); read serially

    @property
    def name(self) -> str:
        return self.path.name


def _err(path, message, *, column="", rows=(), count=0, fix="") -> ClientDataError:
    return ClientDataError([Problem(file=str(path), column=column, check="file", message=message,
                                    count=count, examples=list(rows), fix=fix)])


def expand_paths(paths, *, what: str = "lines") -> list[Path]:
    """Turn files, folders and glob patterns into a sorted list of readable files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for m in ("2025-02", "2025-01"):
    ...     _ = (d / f"{m}.csv").write_text("a\\n1\\n")
    >>> [p.name for p in expand_paths(d)]
    ['2025-01.csv', '2025-02.csv']
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not items:
        raise _err("(none)", f"no {what} file given.", fix="pass at least one file or folder.")
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if any(ch in str(item) for ch in "*?["):
            found = sorted(q for q in Path(p.anchor or ".").glob(str(p.relative_to(p.anchor))
                           if p.is_absolute() else str(p)) if q.suffix.lower() in SUFFIXES)
            if not found:
                raise _err(item, f"the pattern matches no {what} file.", fix="check the pattern.")
            out.extend(found)
        elif p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in SUFFIXES
                           and not q.name.startswith(("~$", ".")))
            if not found:
                raise _err(p, f"the folder holds no {what} file ({', '.join(SUFFIXES)}).",
                           fix="point at the folder that holds the exported files.")
            out.extend(found)
        elif not p.exists():
            raise _err(p, "file not found.", fix="check the path.")
        else:
            if p.suffix.lower() not in SUFFIXES:
                raise _err(p, f"casekit reads {', '.join(SUFFIXES)} files, not {p.suffix or 'files without a suffix'}.",
                           fix="export the data as CSV, Excel (.xlsx) or Parquet.")
            out.append(p)
    return out


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------

def _detect_encoding(path: Path, head: bytes, encoding: str | None) -> tuple[str, str]:
    """Return (python codec, duckdb encoding)."""
    if encoding:
        enc = codecs.lookup(encoding).name
        duck = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-16-le": "utf-16",
                "utf-16-be": "utf-16", "latin-1": "latin-1", "iso8859-1": "latin-1", "cp1252": "latin-1"}.get(enc)
        if duck is None:
            raise _err(path, f"encoding {encoding!r} is not supported.",
                       fix="convert the file to UTF-8, or use utf-8, utf-16 or latin-1.")
        return ("utf-8-sig" if enc == "utf-8" else enc), duck
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8"
    if b"\x00" in head[:4096]:
        raise _err(path, "the file holds NUL bytes: it is binary (e.g. an Excel file renamed .csv) or "
                         "UTF-16 without a byte-order mark.",
                   fix="save it again as CSV UTF-8 from Excel, or set encoding: utf-16 in the mapping.")
    try:
        head.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "latin-1", "latin-1"
        return "utf-8", "utf-8"


def _decode_sample(path: Path, head: bytes, codec: str, explicit: bool) -> str:
    try:
        text = head.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:
            text = head[: exc.start].decode(codec)
        else:
            line = head[: exc.start].count(b"\n") + 1
            raise _err(path, f"the file is not {codec}: byte 0x{head[exc.start]:02X} on line {line} cannot "
                             f"be decoded.", rows=[(str(path), line, repr(head[max(0, exc.start - 20):exc.start + 5]))],
                       count=1, fix="set the right encoding (e.g. encoding: latin-1 in the mapping) or save "
                                    "the file as CSV UTF-8.") from None
    return text


def _sniff(path: Path, encoding: str, delimiter: str | None) -> tuple[str, dict]:
    """DuckDB's CSV sniffer: the delimiter, and the date format of each column it reads as dates.

    Sniffed twice, strictly and skipping lines that do not fit, and the wider
    table wins: a line with extra fields must not make a decimal comma look
    like the delimiter, and a title block must not hide the table below it.
    """
    options = f"encoding={literal(encoding)}" + (f", delim={literal(delimiter)}" if delimiter else "")
    best = None
    with duckdb.connect() as con:
        for lenient in ("", ", ignore_errors=true"):
            try:
                got = con.execute(f"SELECT Delimiter, Columns, DateFormat FROM sniff_csv({literal(path)}, "
                                  f"{options}{lenient})").fetchone()
            except duckdb.Error:  # a file DuckDB cannot make sense of: its errors come when it is read
                continue
            if best is None or len(got[1]) > len(best[1]):
                best = got
    if best is None:
        return delimiter or ",", {}
    found, columns, date_format = best
    dates = {c["name"]: date_format for c in columns if c["type"] == "DATE"} if date_format else {}
    return delimiter or found, dates


def _header_index(rows: list[list], expected: set) -> int:
    """The row (0-based) that looks most like a header: most known names, then most cells."""
    best, best_score = 0, (-1, -1)
    width = max((sum(1 for c in r if str(c or "").strip()) for r in rows[:_HEADER_SEARCH]), default=0)
    for i, r in enumerate(rows[:_HEADER_SEARCH]):
        cells = [str(c).strip() for c in r if c is not None and str(c).strip()]
        known = sum(1 for c in cells if normalize_header(c) in expected)
        # a header is text, fills (nearly) the full width, and names known fields
        texty = sum(1 for c in cells if not re.fullmatch(r"[-+\d.,/: ]+", c))
        score = (known, texty if len(cells) >= max(1, width - 1) else -1)
        if score > best_score:
            best, best_score = i, score
    return best


def _dedupe(names: list[str]) -> list[str]:
    out, seen = [], {}
    for i, n in enumerate(names):
        n = str(n).strip() if n is not None and str(n).strip() else f"column{i + 1}"
        if n in seen:
            seen[n] += 1
            n = f"{n}.{seen[n]}"
        else:
            seen[n] = 0
        out.append(n)
    return out


def _open_csv(path: Path, *, encoding=None, delimiter=None, expected=frozenset()) -> Source:
    with open(path, "rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
    if not head.strip():
        raise _err(path, "the file is empty.", fix="export the data again; the file has no header and no rows.")
    codec, duck = _detect_encoding(path, head, encoding)
    text = _decode_sample(path, head, codec, bool(encoding))
    lines = text.splitlines()
    if len(head) == _SAMPLE_BYTES and lines:
        lines = lines[:-1]  # the last line of the sample may be cut
    delim, date_formats = _sniff(path, duck, delimiter)
    import io

    # RFC 4180: a quoted field may hold the delimiter, doubled quotes and line breaks
    records = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
    quoted_newlines = any("\n" in cell or "\r" in cell for r in records for cell in r)
    rows = records[:_HEADER_SEARCH + _SAMPLE_ROWS]
    h = _header_index(rows, expected)
    columns = _dedupe(rows[h]) if rows else []
    data = [r for r in rows[h + 1:]]
    width = len(columns)
    sample = pd.DataFrame([(r + [None] * width)[:width] for r in data], columns=columns, dtype=object)
    notes = [f"encoding {codec if codec != 'utf-8-sig' else 'utf-8 (with BOM)'}"
             + ("" if encoding else " (detected)"), f"delimiter {delim!r}", f"header on row {h + 1}"]
    src = Source(path=path, kind="csv", columns=columns, header_row=h + 1, sample=sample, encoding=duck,
                 delimiter=delim, date_formats=date_formats, notes=notes, quoted_newlines=quoted_newlines)
    if quoted_newlines:
        notes.append("line breaks inside quoted fields (rows are numbered as records)")
    if sample.empty:
        raise _err(path, f"the file has a header (row {h + 1}) but no data rows.",
                   fix="export the period again; the file holds no invoice lines.")
    return src


# --------------------------------------------------------------------------
# Excel
# --------------------------------------------------------------------------

def _cell_text(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    s = str(v)
    return s if s.strip() else None


def _open_excel(path: Path, *, sheet=None, expected=frozenset()) -> Source:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, ...
        raise _err(path, f"cannot be opened as an Excel workbook ({type(exc).__name__}: {exc}).",
                   fix="open it in Excel and save it as .xlsx, or export CSV.") from None
    try:
        names = wb.sheetnames
        if sheet is not None:
            if str(sheet) not in names:
                raise _err(path, f"has no sheet {str(sheet)!r}; its sheets are {names}.", column="",
                           fix=f"set sheet: {names[0]} in the mapping (or pass --sheet).")
            chosen = [str(sheet)]
        else:
            chosen = names
        best = None
        for name in chosen:
            rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
            if not rows:
                continue
            h = _header_index(rows, expected)
            known = sum(1 for c in rows[h] if c is not None and normalize_header(c) in expected)
            if best is None or known > best[0]:
                best = (known, name, rows, h)
            if sheet is None and len(chosen) > 1 and known >= 3:
                break
    finally:
        wb.close()
    if best is None:
        raise _err(path, f"sheet {chosen[0]!r} is empty.", fix="point at the sheet that holds the data.")
    _, name, rows, h = best
    columns = _dedupe([_cell_text(c) for c in rows[h]])
    width = len(columns)
    data, numbers = [], []
    for i, r in enumerate(rows[h + 1:], start=h + 2):
        cells = [_cell_text(c) for c in (list(r) + [None] * width)[:width]]
        if all(c is None for c in cells):
            continue  # an empty row carries nothing to lose
        data.append(cells)
        numbers.append(i)
    frame = pd.DataFrame(data, columns=columns, dtype=object)
    if frame.empty:
        raise _err(path, f"sheet {name!r} has a header (row {h + 1}) but no data rows.",
                   fix="point at the sheet that holds the data.")
    frame.insert(0, "_row", pd.array(numbers, dtype="int64"))
    notes = [f"sheet {name!r}", f"header on row {h + 1}"]
    return Source(path=path, kind="excel", columns=columns, header_row=h + 1,
                  sample=frame.drop(columns="_row").head(_SAMPLE_ROWS), sheet=name, frame=frame, notes=notes)


# --------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------

def _open_parquet(path: Path) -> Source:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        raise _err(path, f"cannot be read as Parquet ({exc}).", fix="write the file again.") from None
    if pf.metadata.num_rows == 0:
        raise _err(path, "the file has no rows.", fix="export the period again.")
    schema = pf.schema_arrow
    first = pf.read_row_group(0).slice(0, _SAMPLE_ROWS).to_pandas()
    sample = first.astype(object).where(first.notna(), None).map(lambda v: None if v is None else str(v))
    return Source(path=path, kind="parquet", columns=list(schema.names), header_row=0, sample=sample,
                  types={f.name: f.type for f in schema}, notes=[f"{pf.metadata.num_rows:,} rows"])


def open_source(path, *, sheet=None, encoding=None, delimiter=None, expected=frozenset()) -> Source:
    """Open one client file: find its header, encoding, delimiter and a sample of rows.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.txt``/``.tsv``, ``.xlsx`` or ``.parquet`` file.
    sheet : str, optional
        Excel sheet (by default the sheet whose header names the most known fields).
    encoding, delimiter : str, optional
        Override what is detected.
    expected : set of str
        Normalised header names to look for when locating the header row.

    Returns
    -------
    Source

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_text("Export of 2025-03\\n\\nCustomer;Qty\\nA;1\\n")
    >>> s = open_source(p, expected={"customer", "qty"})
    >>> (s.delimiter, s.header_row, s.columns)
    (';', 3, ['Customer', 'Qty'])
    """
    path = Path(path)
    if not path.exists():
        raise _err(path, "file not found.", fix="check the path.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _open_excel(path, sheet=sheet, expected=expected)
    if suffix == ".parquet":
        return _open_parquet(path)
    if sheet is not None:
        raise _err(path, f"sheet={sheet!r} was given but the file is not an Excel workbook.",
                   fix="drop the sheet option for CSV files.")
    return _open_csv(path, encoding=encoding, delimiter=delimiter or ("\t" if suffix == ".tsv" else None),
                     expected=expected)


def translate_duckdb_error(exc: Exception, sources) -> ClientDataError | None:
    """Turn DuckDB's CSV errors into a ClientDataError naming the file and line.

    Parameters
    ----------
    exc : Exception
        The error DuckDB raised while scanning the files.
    sources : list of Source
        The files scanned (the first names the file when DuckDB does not).

    Returns
    -------
    ClientDataError or None
        ``None`` when the error is not about reading a file (re-raise it).

    Examples
    --------
    >>> exc = Exception("CSV Error on Line: 7\\nOriginal Line: a;b;c\\nExpected Number of Columns: 2 Found: 3")
    >>> err = translate_duckdb_error(exc, [])
    >>> err.rows, err.problems[0].check
    ([('?', 7)], 'file')
    >>> translate_duckdb_error(ValueError("division by zero"), []) is None
    True
    """
    text = str(exc)
    m = re.search(r"CSV Error on Line: (\d+)", text)
    fm = re.search(r"file = (.+)", text)
    path = fm.group(1).strip() if fm else (str(sources[0].path) if sources else "?")
    if m:
        line = int(m.group(1))
        orig = re.search(r"Original Line: (.*)", text)
        detail = re.search(r"(Expected Number of Columns: \d+ Found: \d+|Invalid unicode[^\n]*)", text)
        what = detail.group(1) if detail else text.splitlines()[0]
        fix = ("set the right encoding (e.g. encoding: latin-1 in the mapping) or save the file as CSV UTF-8."
               if "unicode" in what.lower() else
               "a field holds the delimiter without quotes, or the line has extra fields: fix the line or "
               "quote the field.")
        return ClientDataError([Problem(file=path, column="", check="file",
                                        message=f"line {line} cannot be read: {what}.", count=1,
                                        examples=[(path, line, orig.group(1) if orig else "")], fix=fix)])
    if "unicode" in text.lower() or "encoding" in text.lower():
        return ClientDataError([Problem(file=path, column="", check="file",
                                        message="the file is not in the encoding it was read with.",
                                        fix="set encoding: latin-1 (or utf-16) in the mapping.")])
    return None
