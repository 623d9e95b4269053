"""Checks at the boundary: one error class, precise messages, pandera schemas for the masters.

Every problem names the file, the client's column (and the casekit field it
maps to), how many rows, and the first few offending rows with the row
numbers the file shows (1-based, the header row counted; Excel's own row
numbers).  Invoice lines are checked in DuckDB (see :mod:`casekit.client.tables`);
the customer and product masters, small by nature, with pandera.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pandera.pandas as pa

__all__ = ["ClientDataError", "Problem", "MASTER_SCHEMAS", "validate_master", "number_sql", "date_sql",
           "sniff_decimal", "sniff_date_format", "flag_sql"]

_SHOW = 5  # offending rows shown per problem


@dataclasses.dataclass
class Problem:
    """Describe one thing wrong with the client data, where, and how to fix it.

    Parameters
    ----------
    file : str
        The client's file.
    column : str
        The client's column ("" for the whole file).
    check : str
        Short name of the check that failed (``text_in_number``, ``file``, ...).
    message : str
        What is wrong, in words.
    count : int, default=0
        How many rows.
    examples : list of (file, row, value)
        The first offending rows, with the row numbers the file shows.
    fix : str, default=""
        How to fix it.
    field : str, default=""
        The casekit field the column maps to.

    Examples
    --------
    >>> p = Problem(file="jan.csv", column="Qty", field="quantity", check="text_in_number",
    ...             message="1 row holds text, not a number", count=1,
    ...             examples=[("jan.csv", 7, "twelve")], fix="write a number.")
    >>> print(p.describe())
    jan.csv, column 'Qty' (quantity): 1 row holds text, not a number: row 7 'twelve'. Fix: write a number.
    """

    file: str
    column: str
    check: str
    message: str
    count: int = 0
    examples: list = dataclasses.field(default_factory=list)  # (file, row, value)
    fix: str = ""
    field: str = ""

    def describe(self) -> str:
        where = self.file + (f", column {self.column!r}" if self.column else "")
        if self.field and self.field != self.column:
            where += f" ({self.field})"
        shown = []
        for f, row, value in self.examples[:_SHOW]:
            prefix = "" if f == self.file else f"{f} "
            shown.append(f"{prefix}row {row}" + ("" if value is None or value == "" else f" {str(value)[:60]!r}"))
        more = f" (first {_SHOW} of {self.count})" if self.count > _SHOW else ""
        rows = f": {', '.join(shown)}{more}" if shown else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}: {self.message}{rows}.{fix}"


class ClientDataError(ValueError):
    """A client file cannot be used as it is; the message says where and how to fix it.

    ``problems`` lists every :class:`Problem` found, so a consultant fixes
    them all in one go.

    Examples
    --------
    >>> p = Problem(file="jan.csv", column="Qty", check="text_in_number", count=1,
    ...             message="1 row holds text, not a number", examples=[("jan.csv", 7, "twelve")])
    >>> print(ClientDataError([p]))
    1 problem in the client data:
    - jan.csv, column 'Qty': 1 row holds text, not a number: row 7 'twelve'.
    """

    def __init__(self, problems, *, hint: str = ""):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the client data"
        head += f" ({hint}):" if hint else ":"
        super().__init__("\n".join([head] + ["- " + p.describe() for p in self.problems]))

    @property
    def rows(self) -> list:
        """Every (file, row) shown in the message."""
        return [(f, r) for p in self.problems for f, r, _ in p.examples]


# --------------------------------------------------------------------------
# Numbers, dates and flags in SQL
# --------------------------------------------------------------------------

_POINT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^[-+]?\.\d+$")
_COMMA = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d*)?$|^[-+]?,\d+$")


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


def number_sql(col: str, decimal: str, *, typed: bool = False) -> str:
    """SQL parsing a text column into DECIMAL(18,4): NULL when empty or not a number.

    Spaces, apostrophes and currency signs are ignored, ``(12.50)`` and
    ``12.50-`` are negative, and thousands separators must group by three (so
    ``1.5`` in a decimal-comma file is rejected, never read as 15).
    Internal plumbing of :func:`casekit.client.build_tables`.

    Parameters
    ----------
    col : str
        A SQL expression (a quoted column name or a literal).
    decimal : {".", ","}
        The file's decimal separator (see :func:`sniff_decimal`).
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
    """
    if typed:
        return f"TRY_CAST({col} AS DECIMAL(18,4))"
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
    import datetime as dt

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


def date_sql(col: str, fmt: str, *, typed: bool = False) -> str:
    """Return SQL parsing a text column into a DATE with ``fmt``; NULL when it does not parse.

    Internal plumbing of :func:`casekit.client.build_tables`; an ISO date
    with a time (``2025-02-03 00:00:00``) is read as its date.

    Parameters
    ----------
    col : str
        A SQL expression (a quoted column name or a literal).
    fmt : str
        A ``strptime`` format (see :func:`sniff_date_format`).
    typed : bool, default=False
        The column already holds dates (Parquet): just cast it.

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
    """
    if typed:
        return f"TRY_CAST({col} AS DATE)"
    v = f"trim(CAST({col} AS VARCHAR))"
    iso_time = f"(CASE WHEN regexp_matches({v}, '^\\d{{4}}-\\d\\d-\\d\\d[ T]') THEN left({v}, 10) ELSE {v} END)"
    return f"TRY_CAST(TRY_STRPTIME({iso_time}, '{fmt}') AS DATE)"


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

    Internal plumbing of :func:`casekit.client.build_tables`.

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
    lst = lambda xs: ", ".join("'" + x + "'" for x in xs)  # noqa: E731
    value = f"coalesce({v} IN ({lst(yes)}), false)"
    bad = f"({v} IS NOT NULL AND {v} <> '' AND {v} NOT IN ({lst(yes + no)}))"
    return value, bad


# --------------------------------------------------------------------------
# Masters, with pandera
# --------------------------------------------------------------------------

def _nonneg(name):
    return pa.Column(float, pa.Check.ge(0, error=f"{name} must be a number >= 0"), nullable=True, required=False)


MASTER_SCHEMAS = {
    "customers": pa.DataFrameSchema(
        {
            "customer_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True, nullable=False),
            "distance_km": _nonneg("distance_km"),
            "payment_terms_days": _nonneg("payment_terms_days"),
            "sales_calls_per_year": _nonneg("sales_calls_per_year"),
        },
        strict=False,
    ),
    "products": pa.DataFrameSchema(
        {
            "product_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True, nullable=False),
            "cogs_per_case": _nonneg("cogs_per_case"),
            "days_of_supply": _nonneg("days_of_supply"),
        },
        strict=False,
    ),
}
"""pandera schemas of the customer and product masters once mapped and typed."""

_FIXES = {
    "str_length": "fill in the key; every row of a master needs one.",
    "field_uniqueness": "keep one row per key (remove or merge the duplicates).",
    "not_nullable": "fill in the key; every row of a master needs one.",
    "greater_than_or_equal_to": "use a number >= 0.",
}


def validate_master(frame: pd.DataFrame, kind: str, *, file: str, columns: dict, rows: pd.Series,
                    raw: pd.DataFrame) -> list[Problem]:
    """Check a mapped master with its pandera schema; return the problems in casekit's words.

    ``columns`` maps casekit fields to the client's names, ``rows`` holds each
    row's number in the file and ``raw`` the values as the file shows them.

    Parameters
    ----------
    frame : pandas.DataFrame
        The master with casekit field names, typed.
    kind : {"customers", "products"}
        Which master (the schema of :data:`MASTER_SCHEMAS`).
    file : str
        The client's file, for the messages.
    columns : dict
        ``{casekit field: client column}``.
    rows : pandas.Series
        Each row's number in the file, aligned with ``frame``.
    raw : pandas.DataFrame
        The values as text, with the client's column names.

    Returns
    -------
    list of Problem
        Empty when the master passes.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"customer_id": ["1001", "1001"], "distance_km": [12.0, -3.0]})
    >>> raw = pd.DataFrame({"Customer": ["1001", "1001"], "Km": ["12", "-3"]})
    >>> problems = validate_master(frame, "customers", file="cust.csv",
    ...                            columns={"customer_id": "Customer", "distance_km": "Km"},
    ...                            rows=pd.Series([2, 3]), raw=raw)
    >>> sorted(p.check for p in problems)
    ['field_uniqueness', 'greater_than_or_equal_to']
    >>> validate_master(frame.iloc[:1], "customers", file="cust.csv", columns={}, rows=pd.Series([2]),
    ...                 raw=raw.iloc[:1])
    []
    """
    try:
        MASTER_SCHEMAS[kind].validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    problems = []
    for (field, check), grp in cases.groupby(["column", "check"], sort=False, dropna=False):
        idx = [int(i) for i in grp["index"].dropna().unique()]
        client_col = columns.get(field, field)
        kind_of = str(check).split("(")[0]
        if ">= 0" in str(check):
            kind_of = "greater_than_or_equal_to"
        if kind_of == "field_uniqueness":
            message = f"{len(idx)} rows repeat a {field} that another row already has"
        elif kind_of in ("str_length", "not_nullable"):
            message = f"{len(idx)} rows have no {field}"
        else:
            message = f"{len(idx)} rows hold {field} below 0"
        examples = [(file, int(rows.iloc[i]), raw[client_col].iloc[i] if client_col in raw else None) for i in idx]
        problems.append(Problem(file=file, column=client_col, field=field, check=kind_of, message=message,
                                count=len(idx), examples=examples, fix=_FIXES.get(kind_of, "")))
    return problems
