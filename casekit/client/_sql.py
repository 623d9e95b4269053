"""SQL the client readers generate: quoted names, and text parsed into numbers, dates and flags.

Private plumbing of :mod:`casekit.client`: a client's column arrives as text
(CSV, Excel) and becomes DECIMAL, DATE or BOOLEAN in DuckDB, NULL where it
does not parse, so the row checks can name each offending row.
"""

from __future__ import annotations

import re

from casekit.client.fields import ORDER_CHANNEL_ALIASES

__all__ = ["literal", "quote_ident", "source_sql", "parquet_set_sql", "number_sql", "date_sql", "flag_sql",
           "channel_sql"]


def literal(s) -> str:
    """Quote a value as a SQL string literal.

    Examples
    --------
    >>> print(literal("O'Brien"))
    'O''Brien'
    """
    return "'" + str(s).replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """Quote a column name for DuckDB.

    Parameters
    ----------
    name : str
        A column name as the client's file writes it.

    Returns
    -------
    str
        The name in double quotes, inner double quotes doubled.

    Examples
    --------
    >>> print(quote_ident('Qty "cs" shipped'))
    "Qty ""cs"" shipped"
    """
    return '"' + str(name).replace('"', '""') + '"'


def source_sql(con, src, view: str, *, as_table: bool = False, keep=None) -> str:
    """Create a DuckDB view of the whole file: ``_row`` plus every column.

    CSV and Excel columns are text; Parquet columns keep their types.  ``_row``
    is the row number the consultant sees in the file (Excel's row number,
    the CSV line number; the 1-based record number in Parquet).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection to create the view in.
    src : casekit.client.reading.Source
        From :func:`casekit.client.reading.open_source`.
    view : str
        Name of the temporary view.
    as_table : bool, default=False
        Read a CSV file once into the temporary table ``<view>_rows``, in
        file order, and number its rows by their place there.  The plain
        view numbers rows with a window over the whole file each time it is
        read, which runs on one core: 10 M lines took 16.8 s to parse that
        way and 12.8 s through the table.  The table holds the file's text
        until the connection closes.
    keep : list of str, optional
        With ``as_table``, the only columns the table holds (the ones mapped):
        an export's other columns are parsed but not stored.  Every column
        by default.

    Returns
    -------
    str
        ``view``: a view with ``_row`` and every column of the file.

    Examples
    --------
    >>> import tempfile, pathlib, duckdb
    >>> from casekit.client.reading import open_source
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Customer;Qty\\nA;1\\nB;2,5\\n")
    >>> con = duckdb.connect()
    >>> v = source_sql(con, open_source(p), "jan")
    >>> con.execute(f"SELECT * FROM {v} ORDER BY _row").fetchall()
    [(2, 'A', '1'), (3, 'B', '2,5')]
    >>> con.close()
    """
    if src.kind == "excel":
        con.register(view + "_df", src.frame)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {view}_df")
    elif src.kind == "parquet":
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT CAST(file_row_number + 1 AS BIGINT) AS _row, * "
                    f"EXCLUDE (file_row_number) FROM read_parquet({literal(src.location)}, file_row_number=true)")
    else:
        cols = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in src.columns) + "}"
        reader = (f"read_csv({literal(src.location)}, delim={literal(src.delimiter)}, quote='\"', escape='\"', "
                  f"header=false, skip={src.header_row}, columns={cols}, auto_detect=false, null_padding=true, "
                  f"encoding={literal(src.encoding)}{', parallel=false' if src.quoted_newlines else ''})")
        if as_table:
            # DuckDB keeps a file's order in a table made from it while insertion order is kept, so a
            # row's place there (rowid) is its record number; the file is still read on every core.
            (kept,), = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()
            con.execute("SET preserve_insertion_order = true")
            try:
                kept_cols = "*" if not keep else ", ".join(quote_ident(c) for c in dict.fromkeys(keep))
                con.execute(f"CREATE OR REPLACE TEMP TABLE {view}_rows AS SELECT {kept_cols} FROM {reader}")
            finally:
                con.execute(f"SET preserve_insertion_order = {'true' if kept else 'false'}")
            con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT CAST(rowid + 1 + {src.header_row} AS BIGINT) "
                        f"AS _row, * FROM {view}_rows")
        else:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT "
                        f"CAST(row_number() OVER () + {src.header_row} AS BIGINT) AS _row, * FROM {reader}")
    return view


def parquet_set_sql(con, sources: dict, view: str) -> str:
    """Create one DuckDB view of several Parquet files read by one scan: ``_fi``, ``_row`` and every column.

    ``sources`` maps each file's index among the run's files (its ``_fi``)
    to its :class:`casekit.client.reading.Source`; the files must share the
    columns casekit reads.  One scan, not a ``UNION ALL`` of one per file:
    DuckDB runs each branch of a union as a pipeline of its own, and a
    group-by over a dozen monthly files held a hash table per branch (10 M
    lines in twelve files under a 200 MB cap: out of memory; in one scan:
    0.2 s).

    Examples
    --------
    >>> import tempfile, pathlib, duckdb
    >>> import pandas as pd
    >>> from casekit.client.reading import open_source
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for m, qty in (("jan", [5, 2]), ("feb", [7])):
    ...     pd.DataFrame({"Qty": qty}).to_parquet(d / f"{m}.parquet")
    >>> con = duckdb.connect()
    >>> v = parquet_set_sql(con, {3: open_source(d / "jan.parquet"), 4: open_source(d / "feb.parquet")}, "months")
    >>> con.execute(f"SELECT _fi, _row, Qty FROM {v} ORDER BY _fi, _row").fetchall()
    [(3, 1, 5), (3, 2, 2), (4, 1, 7)]
    >>> con.close()
    """
    con.execute(parquet_set_statement(sources, view))
    return view


def parquet_set_statement(sources: dict, view: str) -> str:
    """The ``CREATE TEMP VIEW`` statement of :func:`parquet_set_sql`: it reads only the files.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> print(parquet_set_statement({0: SimpleNamespace(location="/d/jan.parquet")}, "months")[:60])
    CREATE OR REPLACE TEMP VIEW months AS SELECT CAST(CASE _case
    """
    files = "[" + ", ".join(literal(src.location) for src in sources.values()) + "]"
    which = " ".join(f"WHEN {literal(src.location)} THEN {fi}" for fi, src in sources.items())
    return (f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT CAST(CASE _casekit_file {which} END AS INTEGER) AS _fi, "
            f"CAST(file_row_number + 1 AS BIGINT) AS _row, * EXCLUDE (file_row_number, _casekit_file) "
            f"FROM read_parquet({files}, file_row_number=true, filename='_casekit_file', union_by_name=true)")


def number_sql(col: str, decimal: str, *, typed: bool = False) -> str:
    """SQL parsing a text column into DECIMAL(18,4): NULL when empty or not a number.

    Spaces, apostrophes and currency signs are ignored, ``(12.50)`` and
    ``12.50-`` are negative, and thousands separators must group by three (so
    ``1.5`` in a decimal-comma file is rejected, never read as 15).

    Parameters
    ----------
    col : str
        A SQL expression (a quoted column name or a literal).
    decimal : {".", ","}
        The file's decimal separator (see :func:`casekit.client.formats.sniff_decimal`).
    typed : bool, default=False
        The column already holds numbers (Parquet): just cast it.

    Returns
    -------
    str
        A DuckDB expression.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> sql = ", ".join(number_sql(f"'{v}'", ",") for v in ("1.234,50", "1.5", "(2,00)"))
    >>> [None if v is None else float(v) for v in con.execute("SELECT " + sql).fetchone()]
    [1234.5, None, -2.0]
    >>> sql = ", ".join(number_sql(f"'{v}'", ".") for v in ("12.50", "1,234.50", "12.50-", "€ 3", "1,5", "", "x"))
    >>> [None if v is None else float(v) for v in con.execute("SELECT " + sql).fetchone()]
    [12.5, 1234.5, -12.5, 3.0, None, None, None]
    """
    if typed:
        return f"TRY_CAST({col} AS DECIMAL(18,4))"
    raw = f"CAST({col} AS VARCHAR)"
    # Most values are plain numbers that a cast reads as they are; only the
    # others pay for the clean-up below.  A CASE evaluates a branch for the
    # rows that take it alone; DuckDB's coalesce evaluates every argument for
    # every row (10 M amounts: 0.66 s against 0.16 s).
    plain = (f"TRY_CAST({raw} AS DECIMAL(18,4))" if decimal == "." else
             f"(CASE WHEN NOT contains({raw}, '.') THEN TRY_CAST(replace({raw}, ',', '.') AS DECIMAL(18,4)) END)")
    return f"(CASE WHEN {plain} IS NOT NULL THEN {plain} ELSE {_number_text(col, decimal)} END)"


def _number_text(col: str, decimal: str) -> str:
    thousands = "." if decimal == "," else ","
    c = f"regexp_replace(CAST({col} AS VARCHAR), '[\\s\u00a0''€$£]', '', 'g')"
    c = (f"(CASE WHEN {c} LIKE '(%)' THEN '-' || trim({c}, '()') "
         f"WHEN length({c}) > 1 AND {c} LIKE '%-' THEN '-' || rtrim({c}, '-') ELSE {c} END)")
    d, t = re.escape(decimal), re.escape(thousands)
    ok = f"^[-+]?(\\d{{1,3}}({t}\\d{{3}})+|\\d+)({d}\\d*)?$|^[-+]?{d}\\d+$"
    canon = f"replace(replace({c}, '{thousands}', ''), '{decimal}', '.')"
    fast = f"TRY_CAST({c} AS DECIMAL(18,4))" if decimal == "." else f"TRY_CAST(replace({c}, ',', '.') AS DECIMAL(18,4))"
    return (f"(CASE WHEN NOT contains({c}, '{thousands}') THEN {fast} "
            f"WHEN regexp_full_match({c}, '{ok}') THEN TRY_CAST({canon} AS DECIMAL(18,4)) END)")



def date_sql(col: str, fmt: str, *, typed: bool = False, serials: bool = False) -> str:
    """Return SQL parsing a text column into a DATE with ``fmt``; NULL when it does not parse.

    An ISO date with a time (``2025-02-03 00:00:00``) is read as its date.
    Format ``"excel"`` reads Excel serial numbers (days since 1899-12-30,
    a fraction being the time of day) and ISO dates.

    Parameters
    ----------
    col : str
        A SQL expression (a quoted column name or a literal).
    fmt : str
        A ``strptime`` format (see :func:`casekit.client.formats.sniff_date_format`), or ``"excel"``.
    typed : bool, default=False
        The column already holds dates (Parquet): just cast it.
    serials : bool, default=False
        Also read plain numbers as Excel serials (an Excel sheet: a number
        in a date column is a date without a date format).

    Returns
    -------
    str
        A DuckDB expression.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> con.execute("SELECT " + date_sql("'03.02.2025'", "%d.%m.%Y") + ", "
    ...            + date_sql("'2025-02-31'", "%Y-%m-%d")).fetchone()
    (datetime.date(2025, 2, 3), None)
    >>> con.execute("SELECT " + ", ".join(date_sql(f"'{v}'", "%Y-%m-%d") for v in
    ...             ("2025-02-03 00:00:00", "2025-02-03T10:15", "2025-2-3", " 2025-02-03 "))).fetchone()
    (datetime.date(2025, 2, 3), datetime.date(2025, 2, 3), datetime.date(2025, 2, 3), datetime.date(2025, 2, 3))
    >>> con.execute("SELECT " + date_sql("'45658'", "excel") + ", " + date_sql("'45689.75'", "excel")).fetchone()
    (datetime.date(2025, 1, 1), datetime.date(2025, 2, 1))
    """
    if typed:
        return f"TRY_CAST({col} AS DATE)"
    v = f"trim(CAST({col} AS VARCHAR))"
    # Only text longer than a date can be a date with a time: the pattern is tried on that alone.
    iso_time = (f"(CASE WHEN length({v}) <= 10 THEN {v} "
                f"WHEN regexp_matches({v}, '^\\d{{4}}-\\d\\d-\\d\\d[ T]') THEN left({v}, 10) ELSE {v} END)")
    if fmt == "excel":
        fmt, serials = "%Y-%m-%d", True
    parsed = f"TRY_CAST(TRY_STRPTIME({iso_time}, '{fmt}') AS DATE)"
    if not serials:
        return parsed
    # 61 is 1900-03-01: below it Excel counts a 29 February 1900 that never was
    return (f"(CASE WHEN regexp_full_match({v}, '\\d{{1,7}}(\\.\\d+)?') THEN "
            f"(CASE WHEN CAST({v} AS DOUBLE) BETWEEN 61 AND 2958465 "
            f"THEN DATE '1899-12-30' + CAST(floor(CAST({v} AS DOUBLE)) AS INTEGER) END) ELSE {parsed} END)")



TRUE_VALUES = ("1", "y", "yes", "true", "t", "x", "j", "ja", "oui", "si")
FALSE_VALUES = ("0", "n", "no", "false", "f", "nein", "non", "-")
RETURN_VALUES = ("return", "returns", "r", "ret", "credit", "cr", "crn", "credit note", "creditnote", "cn",
                 "retoure", "gutschrift", "g2", "re")
SALE_VALUES = ("sale", "sales", "s", "inv", "invoice", "f2", "normal", "standard", "std", "order", "delivery",
               "rechnung", "zf2")
RUSH_VALUES = ("rush", "express", "urgent", "expedited", "priority", "eil", "asap")
REGULAR_VALUES = ("regular", "normal", "standard", "std", "scheduled")


def flag_sql(col: str, field: str) -> tuple[str, str]:
    """Return SQL for (value as BOOLEAN, value not understood) of a yes/no column.


    Parameters
    ----------
    col : str
        A SQL expression (a quoted column name or a literal).
    field : {"is_return", "rush"}
        Which flag: besides yes/no words, ``is_return`` understands
        document types (credit note, invoice) and ``rush`` priorities.

    Returns
    -------
    (str, str)
        DuckDB expressions: the flag (empty is False), and whether the value
        is not understood.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> value, bad = flag_sql("'Credit Note'", "is_return")
    >>> con.execute(f"SELECT {value}, {bad}").fetchone()
    (True, False)
    >>> value, bad = flag_sql("'maybe'", "rush")
    >>> con.execute(f"SELECT {value}, {bad}").fetchone()
    (False, True)
    """
    yes = TRUE_VALUES + (RETURN_VALUES if field == "is_return" else RUSH_VALUES)
    no = FALSE_VALUES + (SALE_VALUES if field == "is_return" else REGULAR_VALUES)
    v = f"lower(trim(CAST({col} AS VARCHAR)))"
    lst = lambda xs: ", ".join("'" + x + "'" for x in xs)
    value = f"coalesce({v} IN ({lst(yes)}), false)"
    bad = f"({v} IS NOT NULL AND {v} <> '' AND {v} NOT IN ({lst(yes + no)}))"
    return value, bad


# --------------------------------------------------------------------------


def channel_sql(expr: str) -> str:
    """Return SQL mapping a client's word for an order channel onto casekit's (others unchanged).

    Examples
    --------
    >>> import duckdb
    >>> duckdb.sql("SELECT " + channel_sql("' Phone '") + ", " + channel_sql("'pigeon'")).fetchall()
    [('phone/fax', 'pigeon')]
    """
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in ORDER_CHANNEL_ALIASES.items())
    return f"(CASE lower(trim({expr})) {whens} ELSE {expr} END)"
