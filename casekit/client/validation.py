"""Checks at the boundary: one error class, precise messages, pandera schemas for the masters.

Every problem names the file, the client's column (and the casekit field it
maps to), how many rows, and the first few offending rows with the row
numbers the file shows (1-based, the header row counted; Excel's own row
numbers).  Invoice lines are checked in DuckDB (see :mod:`casekit.client.rules`);
the customer and product masters, small by nature, with pandera.
"""

from __future__ import annotations

import dataclasses
import functools

import pandas as pd

__all__ = ["ClientDataError", "Problem", "validate_master", "file_error"]

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


def file_error(path, message, *, column="", rows=(), count=0, fix="") -> ClientDataError:
    """A :class:`ClientDataError` about a whole file (or one column of it).

    Examples
    --------
    >>> print(file_error("jan.csv", "the file is empty", fix="export it again."))
    1 problem in the client data:
    - jan.csv: the file is empty. Fix: export it again.
    """
    return ClientDataError([Problem(file=str(path), column=column, check="file", message=message,
                                    count=count, examples=list(rows), fix=fix)])


# --------------------------------------------------------------------------
# Masters, with pandera
# --------------------------------------------------------------------------

def _nonneg(name):
    import pandera.pandas as pa

    return pa.Column(float, pa.Check.ge(0, error=f"{name} must be a number >= 0"), nullable=True, required=False)


@functools.cache
def _master_schemas() -> dict:
    # pandera loads pyspark's pandas layer when pyspark is installed (seconds): only when a master is read.
    import pandera.pandas as pa

    return {
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


def __getattr__(name):
    if name == "MASTER_SCHEMAS":  # pandera schemas of the customer and product masters once mapped and typed
        return _master_schemas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    import pandera.errors

    try:
        _master_schemas()[kind].validate(frame, lazy=True)
        return []
    except pandera.errors.SchemaErrors as exc:
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
