"""Client invoice lines onto casekit's four tables, checked and reconciled, in DuckDB.

:func:`read_lines` opens the files and settles the mapping; :func:`build_tables`
parses every row in DuckDB (numbers, dates, flags), runs the row checks, sets
aside or reports the bad rows, and writes the engine's ``lines`` and
``orders`` tables as Parquet; ``customers`` and ``products`` (small) come
back as DataFrames filled from the masters or from documented defaults.
Only offending rows and aggregates ever reach pandas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from casekit.client import mapping as _m
from casekit.client.reading import Source, expand_paths, open_source, quote_ident, source_sql, translate_duckdb_error
from casekit.client.validation import (
    ClientDataError, Problem, date_sql, flag_sql, number_sql, sniff_date_format, sniff_decimal, validate_master,
)
from casekit.costing.engine import MEMORY_LIMIT

__all__ = ["ClientLines", "ClientData", "read_lines", "read_customers", "read_products", "build_tables",
           "ORDER_CHANNEL_ALIASES", "PICK_TYPE_ALIASES"]

ORDER_CHANNEL_ALIASES = {
    "edi": "EDI", "edifact": "EDI", "x12": "EDI", "electronic": "EDI",
    "portal": "portal", "web": "portal", "webshop": "portal", "online": "portal", "internet": "portal",
    "e-commerce": "portal", "ecommerce": "portal", "b2b portal": "portal", "app": "portal",
    "phone/fax": "phone/fax", "phone": "phone/fax", "fax": "phone/fax", "telephone": "phone/fax", "tel": "phone/fax",
    "email": "phone/fax", "e-mail": "phone/fax", "mail": "phone/fax", "call center": "phone/fax",
    "telesales": "phone/fax", "manual": "phone/fax",
    "rep-taken": "rep-taken", "rep": "rep-taken", "sales rep": "rep-taken", "field": "rep-taken",
    "field sales": "rep-taken", "salesman": "rep-taken", "rep taken": "rep-taken", "visit": "rep-taken",
}
"""Client words for how an order came in, and the casekit order channel each means."""

PICK_TYPE_ALIASES = {
    "full_pallet": "full_pallet", "pallet": "full_pallet", "full pallet": "full_pallet", "pal": "full_pallet",
    "full_case": "full_case", "case": "full_case", "full case": "full_case", "carton": "full_case", "cs": "full_case",
    "split_case": "split_case", "split case": "split_case", "each": "split_case", "piece": "split_case",
    "pieces": "split_case", "ea": "split_case", "split": "split_case", "broken case": "split_case", "unit": "split_case",
}
"""Client words for how a product is picked, and the casekit pick type each means."""

_REQUIRED = ["customer_id", "product_id", "date", "quantity"]
_EARLIEST = dt.date(2000, 1, 1)


@dataclasses.dataclass
class ClientLines:
    """Hold the invoice-line files, opened and mapped (not yet read in full).

    Built by :func:`read_lines`; pass it to :func:`build_tables`.

    Parameters
    ----------
    sources : list of Source
        The files, opened and sniffed.
    columns : list of dict
        Per file: ``{casekit field: client column}``.
    formats : list of dict
        Per file: ``{"decimal": ..., "date_format": ...}`` detected or given.
    mapping : dict
        The ``lines`` mapping as the user gave it, for the report.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> lines = read_lines(p)
    >>> lines
    ClientLines(1 file(s): ['jan.csv']...)
    >>> lines.fields
    ['customer_id', 'product_id', 'date', 'quantity', 'net_amount']
    >>> lines.describe().columns.tolist()[:4]
    ['file', 'read as', 'decimal', 'date format']
    """

    sources: list
    columns: list          # per source: {field: client column}
    formats: list          # per source: {"decimal": ..., "date_format": ...}
    mapping: dict          # the lines mapping as given (user's), for the report

    def __repr__(self) -> str:
        return f"ClientLines({len(self.sources)} file(s): {[s.name for s in self.sources][:4]}...)"

    @property
    def fields(self) -> list:
        """casekit fields found in at least one file."""
        return [f for f in _m.fields("lines") if any(f in c for c in self.columns)]

    def describe(self) -> pd.DataFrame:
        """One row per file: how it was read and which column feeds each field."""
        rows = []
        for src, cols, fmt in zip(self.sources, self.columns, self.formats):
            rows.append({"file": str(src.path), "read as": "; ".join(src.notes),
                         "decimal": fmt.get("decimal", ""), "date format": fmt.get("date_format", ""),
                         **{f: cols.get(f, "") for f in _m.fields("lines")}})
        return pd.DataFrame(rows)


def _options(section: dict, sheet, encoding, delimiter) -> dict:
    return {"sheet": sheet if sheet is not None else section.get("sheet"),
            "encoding": encoding or section.get("encoding"),
            "delimiter": delimiter or section.get("delimiter")}


def _resolve_columns(src: Source, kind: str, given: dict) -> dict:
    """The {field: column} of one file: the user's mapping first, suggestions for the rest."""
    given = {k: v for k, v in given.items() if k not in _m.OPTIONS}
    missing_cols = [(f, c) for f, c in given.items() if c not in src.columns]
    if missing_cols:
        problems = [Problem(file=str(src.path), column=c, field=f, check="unmapped_column",
                            message=f"the mapping says {f} is in column {c!r}, but the file has no such "
                                    f"column (its headers: {src.columns})",
                            fix=f"correct '{f}: {c}' in the mapping to one of the headers.")
                    for f, c in missing_cols]
        raise ClientDataError(problems)
    suggested = _m.suggest_for_headers([c for c in src.columns if c not in given.values()], kind)
    cols = {**{f: c for f, c in suggested.items() if f not in given}, **given}
    required = _REQUIRED if kind == "lines" else [f"{kind[:-1]}_id"]
    missing = [f for f in required if f not in cols]
    if kind == "lines" and "net_amount" not in cols and "invoice_price" not in cols:
        missing.append("net_amount (or invoice_price)")
    if missing:
        problems = [Problem(file=str(src.path), column=f.split(" ")[0], field=f, check="missing_column",
                            message=f"no column for the required field {f}; the headers are {src.columns}",
                            fix=f"add '{f.split(' ')[0]}: <client column>' to the {kind} section of the mapping "
                                f"(casekit template writes one to fill in).")
                    for f in missing]
        raise ClientDataError(problems)
    return {f: cols[f] for f in _m.fields(kind) if f in cols}


def _formats(src: Source, kind: str, cols: dict, section: dict) -> dict:
    out = {}
    numeric = [c for f, c in cols.items() if _m.field_type(kind, f) == "number"]
    if src.kind != "parquet":
        values = [v for c in numeric for v in src.sample[c].tolist()]
        out["decimal"] = section.get("decimal") or sniff_decimal(values)
        if kind == "lines":
            out["date_format"] = section.get("date_format") or sniff_date_format(src.sample[cols["date"]].tolist())
    return out


def read_lines(paths, *, mapping=None, sheet=None, encoding=None, delimiter=None) -> ClientLines:
    """Open the client's invoice-line files and settle which column feeds which field.

    Parameters
    ----------
    paths : str, Path or list
        Files (CSV of any delimiter and encoding, Excel, Parquet), folders of
        monthly files, or glob patterns.
    mapping : dict or path, optional
        ``{field: client column}`` (or a file, see :func:`casekit.client.read_mapping`);
        fields it leaves out are suggested from the headers.
    sheet, encoding, delimiter : str, optional
        Override what is detected (also settable in the mapping).

    Returns
    -------
    ClientLines
        The opened files with, per file, the columns used and the number and
        date formats detected.  Nothing is read in full until
        :func:`build_tables`.

    Raises
    ------
    ClientDataError
        A file is missing, empty, unreadable or lacks a required column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> lines = read_lines(p)
    >>> lines.columns[0]["quantity"], lines.formats[0]["decimal"]
    ('Qty', ',')
    """
    section = _m.read_mapping(mapping)["lines"]
    opts = _options(section, sheet, encoding, delimiter)
    files = expand_paths(paths, what="invoice-line")
    expected = _m.known_headers("lines") | {_m.normalize_header(v) for k, v in section.items() if k not in _m.OPTIONS}
    sources, columns, formats = [], [], []
    for f in files:
        src = open_source(f, expected=expected, **opts)
        cols = _resolve_columns(src, "lines", section)
        sources.append(src)
        columns.append(cols)
        formats.append(_formats(src, "lines", cols, section))
    return ClientLines(sources=sources, columns=columns, formats=formats, mapping=section)


# --------------------------------------------------------------------------
# Masters
# --------------------------------------------------------------------------

def _normalize_values(series: pd.Series, aliases: dict) -> pd.Series:
    low = series.astype("string").str.strip().str.lower()
    return low.map(lambda v: aliases.get(v, v) if isinstance(v, str) else v).astype(object)


def _read_master(path, kind: str, mapping, sheet) -> pd.DataFrame:
    section = _m.read_mapping(mapping)[kind]
    opts = _options(section, sheet, None, None)
    files = expand_paths(path, what=f"{kind} master")
    if len(files) != 1:
        raise ClientDataError([Problem(file=str(path), column="", check="file",
                                       message=f"a {kind} master is one file; found {len(files)}",
                                       fix="pass the one master file.")])
    expected = _m.known_headers(kind) | {_m.normalize_header(v) for v in section.values()}
    src = open_source(files[0], expected=expected, **opts)
    cols = _resolve_columns(src, kind, section)
    fmt = _formats(src, kind, cols, section)
    con = duckdb.connect()
    try:
        view = source_sql(con, src, "m")
        sel, bad = ["_row"], []
        for f, c in cols.items():
            q = quote_ident(c)
            if _m.field_type(kind, f) == "number":
                typed = src.kind == "parquet" and src.types.get(c) is not None and "string" not in str(src.types[c])
                sel.append(f"CAST({number_sql(q, fmt.get('decimal', '.'), typed=typed)} AS DOUBLE) AS {f}")
                bad.append((f, c, f"(NULLIF(trim(CAST({q} AS VARCHAR)), '') IS NOT NULL AND "
                                  f"{number_sql(q, fmt.get('decimal', '.'), typed=typed)} IS NULL)"))
            else:
                sel.append(f"NULLIF(trim(CAST({q} AS VARCHAR)), '') AS {f}")
        raw_sel = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR) AS {quote_ident(c)}" for c in cols.values())
        try:
            frame = con.execute(f"SELECT {', '.join(sel)} FROM {view} ORDER BY _row").df()
            raw = con.execute(f"SELECT {raw_sel} FROM {view} ORDER BY _row").df()
            problems = []
            for f, c, pred in bad:
                hits = con.execute(f"SELECT _row, CAST({quote_ident(c)} AS VARCHAR) FROM {view} WHERE {pred} "
                                   f"ORDER BY _row").fetchall()
                if hits:
                    problems.append(Problem(file=str(src.path), column=c, field=f, check="text_in_number",
                                            message=f"{len(hits)} rows hold text, not a number",
                                            count=len(hits), examples=[(str(src.path), r, v) for r, v in hits],
                                            fix="write a number (or leave the cell empty to use the default)."))
        except duckdb.Error as exc:
            err = translate_duckdb_error(exc, [src])
            if err is None:
                raise
            raise err from None
    finally:
        con.close()
    rows = frame.pop("_row")
    for f in frame.columns:
        if _m.field_type(kind, f) in ("id", "text"):
            frame[f] = frame[f].astype(object)
    key = f"{kind[:-1]}_id"
    frame[key] = frame[key].fillna("").astype(str)
    problems += validate_master(frame, kind, file=str(src.path), columns=cols, rows=rows, raw=raw)
    if kind == "customers" and "order_channel" in frame:
        frame["order_channel"] = _normalize_values(frame["order_channel"], ORDER_CHANNEL_ALIASES)
    if kind == "products" and "pick_type" in frame:
        frame["pick_type"] = _normalize_values(frame["pick_type"], PICK_TYPE_ALIASES)
        unknown = frame["pick_type"].notna() & ~frame["pick_type"].isin(list(dict.fromkeys(PICK_TYPE_ALIASES.values())))
        if unknown.any():
            idx = np.flatnonzero(unknown.to_numpy())
            problems.append(Problem(
                file=str(src.path), column=cols["pick_type"], field="pick_type", check="unknown_value",
                message=f"{len(idx)} rows hold a pick type casekit does not know",
                count=len(idx), examples=[(str(src.path), int(rows.iloc[i]), raw[cols['pick_type']].iloc[i]) for i in idx],
                fix="use full pallet, full case or split case (each)."))
    if problems:
        raise ClientDataError(problems)
    frame.insert(0, "_row", rows.to_numpy())
    frame.attrs = {"file": str(src.path), "columns": cols, "notes": src.notes, "kind": kind}
    return frame


def read_customers(path, *, mapping=None, sheet=None) -> pd.DataFrame:
    """Read and check a customer master (optional): channel of trade, region, distance, terms, calls.

    Parameters
    ----------
    path : str or Path
        CSV, Excel or Parquet file.
    mapping : dict or path, optional
        Its ``customers`` section maps fields to columns; others are suggested.
    sheet : str, optional
        Excel sheet.

    Returns
    -------
    pandas.DataFrame
        ``_row`` (row in the file) and the casekit fields found, typed.

    Raises
    ------
    ClientDataError
        Missing key column, empty or repeated keys, text or negatives in number columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "cust.csv"
    >>> _ = p.write_text("Customer Number,Region,Distance\\n1001,North,12.5\\n1002,South,40\\n")
    >>> read_customers(p)[["customer_id", "distance_km"]].to_dict("list")
    {'customer_id': ['1001', '1002'], 'distance_km': [12.5, 40.0]}
    """
    return _read_master(path, "customers", mapping, sheet)


def read_products(path, *, mapping=None, sheet=None) -> pd.DataFrame:
    """Read and check a product master (optional): pick type, cost per case, days of supply.

    Parameters, returns and errors as :func:`read_customers`, for products.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "prod.csv"
    >>> _ = p.write_text("SKU,Handling,Cost per case\\nA-7,pallet,10\\n")
    >>> read_products(p)["pick_type"].tolist()
    ['full_pallet']
    """
    return _read_master(path, "products", mapping, sheet)


# --------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------

@dataclasses.dataclass
class ClientData:
    """The client's data as casekit's four tables, with its reconciliation.

    ``tables`` is what :func:`casekit.cost_to_serve` takes: ``customers`` and
    ``products`` as DataFrames, ``orders`` and ``lines`` as Parquet paths in
    ``workdir``.  ``reconciliation`` compares rows, cases and revenue read,
    rejected and accepted (exact decimals); :func:`casekit.client.reconcile`
    adds what the engine returned.  ``rejected`` lists every row set aside,
    with its file, row number, reasons and values.

    Built by :func:`build_tables`; call :meth:`close` when done to delete
    the working Parquet files.

    Parameters
    ----------
    tables : dict
        ``customers``, ``products`` (DataFrames), ``orders``, ``lines``
        (Parquet paths).
    reconciliation : pandas.DataFrame
        ``measure``, ``read``, ``rejected``, ``accepted`` (exact decimals),
        ``engine``, ``difference``, ``status`` (the last three filled by
        :func:`casekit.client.reconcile`).
    rejected : pandas.DataFrame
        Rows set aside: ``file``, ``file_row``, ``reasons`` and the values.
    assumptions : pandas.DataFrame
        Defaults used for fields the client lacked, with the reason.
    files : pandas.DataFrame
        How each file was read.
    problems : list of Problem
        Every problem found.
    workdir : Path
        Folder of the Parquet tables.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n"
    ...                  "1001;A-7;03.01.2025;5;12,50\\n1002;A-8;04.01.2025;2;8,00\\n")
    >>> data = build_tables(read_lines(p))
    >>> sorted(data.tables), len(data.customers), len(data.lines()), len(data.rejected)
    (['customers', 'lines', 'orders', 'products'], 2, 2, 0)
    >>> data.reconciliation["measure"].iloc[0]
    'invoice lines (rows)'
    >>> data.close()
    """

    tables: dict
    reconciliation: pd.DataFrame
    rejected: pd.DataFrame
    assumptions: pd.DataFrame
    files: pd.DataFrame
    problems: list
    workdir: Path
    _tmp: object = None

    @property
    def customers(self) -> pd.DataFrame:
        return self.tables["customers"]

    @property
    def products(self) -> pd.DataFrame:
        return self.tables["products"]

    def lines(self) -> pd.DataFrame:
        """The engine's lines table as a DataFrame (small data only)."""
        return pd.read_parquet(self.tables["lines"])

    def orders(self) -> pd.DataFrame:
        """The engine's orders table as a DataFrame (small data only)."""
        return pd.read_parquet(self.tables["orders"])

    def close(self) -> None:
        """Delete the working files (the Parquet tables) if casekit created them."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def _typed_select(i: int, src: Source, cols: dict, fmt: dict, view: str) -> str:
    sel = [f"{i} AS _fi", "_row"]
    raw_cols = []
    for f in _m.fields("lines"):
        t = _m.field_type("lines", f)
        c = cols.get(f)
        q = quote_ident(c) if c else None
        typed = bool(c) and src.kind == "parquet" and "string" not in str(src.types.get(c, "string"))
        if c:
            raw_cols.append(f"CAST({q} AS VARCHAR)")
        empty = f"(NULLIF(trim(CAST({q} AS VARCHAR)), '') IS NULL)" if c else "true"
        if t in ("id", "text"):
            sel.append(f"NULLIF(trim(CAST({q} AS VARCHAR)), '') AS {f}" if c else f"CAST(NULL AS VARCHAR) AS {f}")
        elif t == "number":
            expr = number_sql(q, fmt.get("decimal", "."), typed=typed) if c else "CAST(NULL AS DECIMAL(18,4))"
            sel.append(f"{expr} AS {f}")
            sel.append(f"(NOT {empty} AND {expr} IS NULL) AS _bad_{f}" if c else f"false AS _bad_{f}")
        elif t == "date":
            ddtyped = bool(c) and src.kind == "parquet" and any(k in str(src.types.get(c)) for k in ("date", "timestamp"))
            expr = date_sql(q, fmt.get("date_format", "%Y-%m-%d"), typed=ddtyped)
            sel.append(f"{expr} AS {f}")
            sel.append(f"(NOT {empty} AND {expr} IS NULL) AS _bad_{f}")
        elif t == "flag":
            if c:
                value, bad = flag_sql(q, f)
                sel.append(f"{value} AS {f}")
                sel.append(f"{bad} AS _bad_{f}")
            else:
                sel.append(f"false AS {f}")
                sel.append(f"false AS _bad_{f}")
    sel.append(f"hash({', '.join(raw_cols)}) AS _h")
    return f"SELECT {', '.join(sel)} FROM {view}"


def _channel_sql(expr: str) -> str:
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in ORDER_CHANNEL_ALIASES.items())
    return f"(CASE lower(trim({expr})) {whens} ELSE {expr} END)"


def _rules(has: set, masters: dict, lo: dt.date, hi: dt.date, channels: list) -> list:
    """Row checks: (name, field, SQL predicate on t, message, fix)."""
    r = []
    r.append(("empty_line", "customer_id", "t.customer_id IS NULL AND t.product_id IS NULL",
              "rows with neither customer nor product (a totals or note line?)",
              "remove totals, subtotals and notes from the export."))
    for f in _REQUIRED:
        cond = f"t.{f} IS NULL AND NOT t._bad_{f}" if f in ("date", "quantity") else f"t.{f} IS NULL"
        r.append((f"empty_{f}", f, f"{cond} AND NOT (t.customer_id IS NULL AND t.product_id IS NULL)",
                  "rows with no value", f"fill in {f}, or remove the row if it is a total or a note."))
    r.append(("empty_amount", "net_amount" if "net_amount" in has else "invoice_price",
              "t.net_amount IS NULL AND t.invoice_price IS NULL AND NOT t._bad_net_amount AND NOT t._bad_invoice_price",
              "rows with no amount", "fill in the net amount (or price) of the line."))
    for f in ("quantity", "net_amount", "invoice_price", "gross_amount", "list_price", "allowance_amount", "cost_amount"):
        if f in has:
            r.append((f"text_{f}", f, f"t._bad_{f}", "rows with text, not a number (in this file's number format)",
                      "write a plain number such as 1234,56 (or 1234.56 in a decimal-point file)."))
    r.append(("bad_date", "date", "t._bad_date", "rows with a value that is not a date (in this file's date format)",
              "write the date like the other rows of the file."))
    for f in ("rush", "is_return"):
        if f in has:
            r.append((f"flag_{f}", f, f"t._bad_{f}", "rows with a value that is neither yes nor no",
                      "use Y/N, 1/0, true/false" + (" (or return/credit vs sale/invoice)." if f == "is_return" else ".")))
    r.append(("date_range", "date", f"t.date < DATE '{lo}' OR t.date > DATE '{hi}'",
              f"rows dated outside {lo} to {hi}", "correct the date, or widen the period (--from/--to)."))
    r.append(("zero_quantity", "quantity", "t.quantity = 0", "rows with a quantity of zero",
              "remove the line or correct the quantity."))
    r.append(("negative_quantity", "quantity", "t.quantity < 0 AND NOT t.is_return",
              "rows with a negative quantity, not flagged as returns",
              "correct the quantity, or map a return flag column (is_return) that marks them as returns."))
    price = "coalesce(t.net_amount, t.invoice_price)"
    r.append(("zero_price", "net_amount" if "net_amount" in has else "invoice_price", f"{price} = 0",
              "rows with a price of zero", "correct the price; free goods belong in allowances, not at price 0."))
    r.append(("negative_price", "net_amount" if "net_amount" in has else "invoice_price",
              f"((t.quantity > 0 AND {price} < 0) OR (t.quantity < 0 AND t.is_return AND coalesce(t.net_amount, 0) > 0) "
              f"OR coalesce(t.invoice_price, 0) < 0)",
              "rows whose amount has the wrong sign for the quantity",
              "a sale has a positive amount, a return a negative one."))
    if "currency" in has:
        r.append(("mixed_currency", "currency", "t.currency IS NOT NULL AND t.currency <> (SELECT cur FROM _main_currency)",
                  "rows in another currency than the rest of the data ({main})",
                  "convert them to one currency, or run each currency separately."))
    if "order_channel" in has:
        lst = ", ".join("'" + c.replace("'", "''") + "'" for c in channels)
        r.append(("unknown_channel", "order_channel",
                  f"t.order_channel IS NOT NULL AND {_channel_sql('t.order_channel')} NOT IN ({lst})",
                  f"rows with an order channel the rate card does not know ({', '.join(channels)})",
                  "use one of those words, or add rows for the channel to the rate card."))
    if "customers" in masters:
        r.append(("unknown_customer", "customer_id",
                  "t.customer_id IS NOT NULL AND t.customer_id NOT IN (SELECT customer_id FROM _cmaster)",
                  "rows with a customer that is not in the customer master",
                  "add the customer to the master, or correct the customer number."))
    if "products" in masters:
        r.append(("unknown_product", "product_id",
                  "t.product_id IS NOT NULL AND t.product_id NOT IN (SELECT product_id FROM _pmaster)",
                  "rows with a product that is not in the product master",
                  "add the product to the master, or correct the product number."))
    if "order_id" in has:
        r.append(("order_customers", "order_id", "t._order_conflict",
                  "rows giving an order number a second customer (the order's other rows name another)",
                  "order numbers must belong to one customer: correct the customer or the order number."))
    r.append(("duplicate", "", "t._dup_row IS NOT NULL",
              "rows repeating an earlier line exactly (same values in every mapped column)",
              "remove the repeated rows (overlapping exports?); if they are genuine, map a line-number column."))
    return r


def build_tables(lines: ClientLines, *, customers=None, products=None, bad_rows: str = "raise",
                 date_range=None, rates=None, workdir=None, threads=None) -> ClientData:
    """Check every invoice line and build casekit's customers, products, orders and lines.

    Parameters
    ----------
    lines : ClientLines
        From :func:`read_lines`.
    customers, products : pandas.DataFrame, optional
        Masters from :func:`read_customers` / :func:`read_products`; when
        given, every line's customer (product) must be in it.
    bad_rows : {"raise", "report"}, default="raise"
        ``"raise"``: any bad row raises :class:`ClientDataError` listing every
        problem.  ``"report"``: bad rows are set aside, listed in
        ``rejected`` with their reasons, and counted in the reconciliation.
    date_range : (date, date), optional
        Earliest and latest invoice date accepted (default 2000-01-01 to today).
    rates : RateCard, optional
        Its order channels are accepted besides casekit's own.
    workdir : str or Path, optional
        Where to write the Parquet tables (a temporary folder by default,
        deleted by :meth:`ClientData.close`).
    threads : int, optional
        DuckDB threads (all cores by default).

    Returns
    -------
    ClientData

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n"
    ...                  "1001;A-7;03.01.2025;5;12,50\\n1001;A-8;03.01.2025;0;1,00\\n")
    >>> data = build_tables(read_lines(p), bad_rows="report")
    >>> data.rejected[["file_row", "reasons"]].to_dict("records")
    [{'file_row': 3, 'reasons': 'quantity: a quantity of zero'}]
    >>> data.close()
    """
    if bad_rows not in ("raise", "report"):
        raise ValueError(f"bad_rows={bad_rows!r}: use 'raise' (stop with the list of problems) or 'report' "
                         f"(set the rows aside and list them).")
    lo, hi = date_range or (_EARLIEST, dt.date.today())
    lo, hi = pd.Timestamp(lo).date(), pd.Timestamp(hi).date()
    from casekit.case.company import ORDER_CHANNELS

    channels = list(ORDER_CHANNELS)
    if rates is not None:
        t = rates.table
        channels += [v for v in t.loc[t["applies_to"] == "order_channel", "applies_value"] if v not in channels]
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="casekit_client_")
        workdir = Path(tmp.name)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{workdir / 'spill'}'")
    # Capped like the engine's connection: past it DuckDB spills to workdir.
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    try:
        return _build(con, lines, customers, products, bad_rows, lo, hi, channels, workdir, tmp)
    except duckdb.Error as exc:
        err = translate_duckdb_error(exc, lines.sources)
        if tmp is not None:
            tmp.cleanup()
        if err is None:
            raise
        raise err from None
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise
    finally:
        con.close()


def _build(con, lines, customers, products, bad_rows, lo, hi, channels, workdir, tmp) -> ClientData:
    has = set(lines.fields)
    selects = []
    for i, (src, cols, fmt) in enumerate(zip(lines.sources, lines.columns, lines.formats)):
        view = source_sql(con, src, f"_src{i}")
        selects.append(_typed_select(i, src, cols, fmt, view))
    con.execute("CREATE TEMP TABLE typed AS " + " UNION ALL BY NAME ".join(selects))
    con.execute("SET preserve_insertion_order = false")
    masters = {}
    if customers is not None:
        con.register("_cmaster", customers[["customer_id"]])
        masters["customers"] = customers
    if products is not None:
        con.register("_pmaster", products[["product_id"]])
        masters["products"] = products
    main_currency = None
    if "currency" in has:
        main_currency = con.execute("SELECT mode(currency) FROM typed").fetchone()[0]
        con.execute("CREATE TEMP TABLE _main_currency AS SELECT ? AS cur", [main_currency])
    # exact duplicates (candidates by hash, confirmed on the parsed values)
    keys = ", ".join(f for f in _m.fields("lines") if f in has)
    con.execute(f"""
        CREATE TEMP TABLE _dups AS
        SELECT _fi, _row, first_fi, first_row FROM (
            SELECT _fi, _row,
                   first_value(_fi) OVER w AS first_fi, first_value(_row) OVER w AS first_row,
                   row_number() OVER w AS rn
            FROM typed WHERE _h IN (SELECT _h FROM typed GROUP BY _h HAVING count(*) > 1)
            WINDOW w AS (PARTITION BY {keys} ORDER BY _fi, _row)
        ) WHERE rn > 1""")
    if "order_id" in has:
        con.execute("""
            CREATE TEMP TABLE _conflicts AS
            WITH firsts AS (SELECT order_id, mode(customer_id) AS first_customer
                            FROM typed WHERE order_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY order_id
                            HAVING count(DISTINCT customer_id) > 1)
            SELECT t._fi, t._row FROM typed t JOIN firsts f USING (order_id)
            WHERE t.customer_id <> f.first_customer""")
        con.execute("""CREATE TEMP VIEW checked AS SELECT typed.*, d.first_fi AS _dup_fi, d.first_row AS _dup_row,
                        (c._fi IS NOT NULL) AS _order_conflict
                        FROM typed LEFT JOIN _dups d USING (_fi, _row) LEFT JOIN _conflicts c USING (_fi, _row)""")
    else:
        con.execute("""CREATE TEMP VIEW checked AS SELECT typed.*, d.first_fi AS _dup_fi, d.first_row AS _dup_row,
                       false AS _order_conflict FROM typed LEFT JOIN _dups d USING (_fi, _row)""")
    rules = _rules(has, masters, lo, hi, channels)
    preds = [f"coalesce(({p}), false)" for _, _, p, _, _ in rules]
    counts = con.execute("SELECT " + ", ".join(f"count_if({p})" for p in preds) + " FROM checked t").fetchone()
    problems = []
    for (name, field, pred, message, fix), p, n in zip(rules, preds, counts):
        if n == 0:
            continue
        problems += _examples(con, lines, name, field, p, message.format(main=main_currency), fix)
    any_bad = " OR ".join(preds)
    if problems and bad_rows == "raise":
        raise ClientDataError(problems, hint="fix them in the files, or rerun with bad_rows='report' "
                                             "(CLI: --skip-bad-rows) to set these rows aside and list them in "
                                             "rejected_rows.csv")
    def _reason(field, message):
        text = re.sub(r"^rows (with |whose |dated |giving |repeating |in )?", lambda m: (m.group(1) or "").replace("with ", ""),
                      message.format(main=main_currency))
        return ((field or "row") + ": " + text).replace("'", "''")

    reasons = ", ".join(f"CASE WHEN {p} THEN '{_reason(field, message)}' END"
                        for (name, field, _, message, _), p in zip(rules, preds))
    con.execute(f"CREATE TEMP TABLE _flags AS SELECT _fi, _row, concat_ws('; ', {reasons}) AS reasons "
                f"FROM checked t WHERE {any_bad}")
    rejected = _rejected_frame(con, lines)
    recon = _reconcile_sql(con)
    assumptions = _assumptions(has, masters)
    _write_engine_tables(con, has, masters, workdir)
    cust, prod = _dimensions(con, has, customers, products, workdir)
    files = con.execute("""SELECT _fi, count(*) AS rows, count(f._row) AS rejected FROM typed
                           LEFT JOIN _flags f USING (_fi, _row) GROUP BY _fi ORDER BY _fi""").df()
    files.insert(0, "file", [str(lines.sources[i].path) for i in files["_fi"]])
    files["accepted"] = files["rows"] - files["rejected"]
    files["read as"] = ["; ".join(lines.sources[i].notes) for i in files["_fi"]]
    files = files.drop(columns="_fi")
    tables = {"customers": cust, "products": prod, "orders": str(workdir / "orders.parquet"),
              "lines": str(workdir / "lines.parquet")}
    return ClientData(tables=tables, reconciliation=recon, rejected=rejected, assumptions=assumptions,
                      files=files, problems=problems, workdir=workdir, _tmp=tmp)


def _examples(con, lines, name, field, pred, message, fix) -> list:
    hits = con.execute(f"""
        SELECT _fi, _row, _dup_fi, _dup_row, n FROM (
            SELECT _fi, _row, _dup_fi, _dup_row, count(*) OVER (PARTITION BY _fi) AS n,
                   row_number() OVER (PARTITION BY _fi ORDER BY _row) AS k
            FROM checked t WHERE {pred}) WHERE k <= 5 ORDER BY _fi, _row""").fetchall()
    out = []
    by_file: dict = {}
    for fi, row, dfi, drow, n in hits:
        by_file.setdefault(fi, (n, []))[1].append((row, dfi, drow))
    for fi, (n, rows) in by_file.items():
        src, cols = lines.sources[fi], lines.columns[fi]
        column = cols.get(field, "")
        values = {}
        if column:
            got = con.execute(f"SELECT _row, CAST({quote_ident(column)} AS VARCHAR) FROM _src{fi} "
                              f"WHERE _row IN ({', '.join(str(r) for r, _, _ in rows)})").fetchall()
            values = dict(got)
        examples = []
        for row, dfi, drow in rows:
            if name == "duplicate":
                same = "" if dfi == fi else f"{lines.sources[dfi].path.name} "
                examples.append((str(src.path), row, f"same as {same}row {drow}"))
            else:
                examples.append((str(src.path), row, values.get(row)))
        out.append(Problem(file=str(src.path), column=column, field=field, check=name,
                           message=f"{n} {message}" if n != 1 else f"1 {message.replace('rows ', 'row ', 1)}",
                           count=n, examples=examples, fix=fix))
    return out


def _rejected_frame(con, lines) -> pd.DataFrame:
    frame = con.execute("SELECT _fi, _row, reasons FROM _flags ORDER BY _fi, _row").df()
    if frame.empty:
        return pd.DataFrame(columns=["file", "file_row", "reasons"])
    parts = []
    for fi, grp in frame.groupby("_fi", sort=True):
        cols = lines.columns[fi]
        rows = ", ".join(str(int(r)) for r in grp["_row"])
        sel = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR) AS {f}" for f, c in cols.items())
        raw = con.execute(f"SELECT _row, {sel} FROM _src{fi} WHERE _row IN ({rows})").df()
        merged = grp.merge(raw, on="_row", how="left")
        merged.insert(0, "file", str(lines.sources[fi].path))
        parts.append(merged)
    out = pd.concat(parts, ignore_index=True).rename(columns={"_row": "file_row"}).drop(columns="_fi")
    return out


def _dec(x) -> Decimal:
    return Decimal(0) if x is None else Decimal(x)


def _tidy(d: Decimal, money: bool) -> Decimal:
    """Drop trailing zeros a DECIMAL sum carries, never a significant digit."""
    q = Decimal("0.01") if money else Decimal(1)
    return d.quantize(q) if d == d.quantize(q) else d.normalize()


def _reconcile_sql(con) -> pd.DataFrame:
    """Rows, cases and money read, rejected and accepted, summed exactly (DECIMAL)."""
    money = "coalesce(t.net_amount, t.invoice_price * t.quantity)"
    q = f"""
        SELECT f._row IS NOT NULL AS rejected,
               count(*) AS rows,
               sum(CASE WHEN NOT t.is_return THEN t.quantity END) AS cases,
               sum(CASE WHEN t.is_return THEN abs(t.quantity) END) AS returned_cases,
               sum(CASE WHEN NOT t.is_return THEN {money} END) AS revenue,
               sum(CASE WHEN t.is_return THEN -abs({money}) END) AS returns_value
        FROM typed t LEFT JOIN _flags f USING (_fi, _row) GROUP BY ALL"""
    got = {bool(r[0]): r[1:] for r in con.execute(q).fetchall()}
    measures = [("invoice lines (rows)", 0), ("cases shipped", 1), ("cases returned", 2),
                ("net sales ($, sales lines)", 3), ("returns credited ($, return lines)", 4)]
    rows = []
    for name, k in measures:
        rej = _dec(got.get(True, (None,) * 5)[k])
        acc = _dec(got.get(False, (None,) * 5)[k])
        money = "$" in name
        rows.append({"measure": name, "read": _tidy(rej + acc, money), "rejected": _tidy(rej, money),
                     "accepted": _tidy(acc, money)})
    out = pd.DataFrame(rows)
    out["engine"] = None
    out["difference"] = None
    out["status"] = "read = rejected + accepted"
    return out


def _assumptions(has: set, masters: dict) -> pd.DataFrame:
    rows = []
    for r in _m.DEFAULTS.itertuples():
        if r.kind == "lines":
            if r.field == "gross_amount" and ({"gross_amount", "list_price"} & has):
                continue
            if r.field == "order_channel" and "order_channel" in has:
                continue
            if r.field in has:
                continue
            if r.field == "order_channel" and "customers" in masters and "order_channel" in masters["customers"]:
                continue
        else:
            master = masters.get(r.kind)
            if master is not None and r.field in master.columns and master[r.field].notna().all():
                continue
            if r.field == "cogs_per_case" and "cost_amount" in has:
                continue
            if master is not None and r.field in master.columns:
                rows.append({"table": r.kind, "field": r.field, "default": r.default,
                             "reason": r.reason + " (only where the master leaves it empty)"})
                continue
        rows.append({"table": r.kind, "field": r.field, "default": r.default, "reason": r.reason})
    return pd.DataFrame(rows, columns=["table", "field", "default", "reason"])


def _write_engine_tables(con, has: set, masters: dict, workdir: Path) -> None:
    price = ("(CASE WHEN t.net_amount IS NOT NULL THEN CAST(abs(t.net_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE) "
             "ELSE CAST(abs(t.invoice_price) AS DOUBLE) END)")
    list_price = (f"coalesce(CAST(abs(t.gross_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE), "
                  f"CAST(abs(t.list_price) AS DOUBLE), {price})")
    date_s = "strftime(t.date, '%Y-%m-%d')"
    order = f"coalesce(t.order_id, t.customer_id || ' ' || {date_s})"
    channel = _channel_sql("t.order_channel")
    con.execute("""
        CREATE TEMP VIEW accepted AS
        SELECT t.* FROM typed t ANTI JOIN _flags f ON f._fi = t._fi AND f._row = t._row""")
    con.execute(f"""
        COPY (
          SELECT CAST(t._fi AS BIGINT) * 10000000000 + t._row AS line_id,
                 {order} AS order_id, t.product_id, t.customer_id, t.date AS order_date,
                 CASE WHEN t.is_return THEN 0.0 ELSE CAST(t.quantity AS DOUBLE) END AS cases,
                 CASE WHEN t.is_return THEN CAST(abs(t.quantity) AS DOUBLE) ELSE 0.0 END AS returned_cases,
                 {list_price} AS list_price,
                 {list_price} - {price} AS on_invoice_discount,
                 {price} AS invoice_price,
                 CASE WHEN t.is_return THEN 0.0
                      ELSE coalesce(CAST(abs(t.allowance_amount) AS DOUBLE) / CAST(abs(t.quantity) AS DOUBLE), 0.0)
                 END AS off_invoice_allowance,
                 CASE WHEN t.is_return THEN NULL ELSE CAST(t.cost_amount AS DOUBLE) END AS cost_amount,
                 {channel} AS order_channel, t.delivery_id, t.ship_to, t.rush,
                 t.customer_name, t.product_name
          FROM accepted t
        ) TO '{workdir / 'lines.parquet'}' (FORMAT parquet)""")
    cust_channel = ""
    if "customers" in masters and "order_channel" in masters["customers"].columns:
        con.register("_cchan", masters["customers"][["customer_id", "order_channel"]])
        cust_channel = "(SELECT c.order_channel FROM _cchan c WHERE c.customer_id = o.customer_id),"
    con.execute(f"""
        COPY (
          SELECT o.order_id, o.customer_id, o.order_date,
                 coalesce(o.order_channel, {cust_channel} 'EDI') AS order_channel,
                 coalesce(o.delivery_id, o.customer_id || ' ' || coalesce(o.ship_to, '') || ' '
                          || strftime(o.order_date, '%Y-%m-%d')) AS delivery_id,
                 o.rush
          FROM (SELECT order_id, any_value(customer_id) AS customer_id, min(order_date) AS order_date,
                       mode(order_channel) AS order_channel, min(delivery_id) AS delivery_id,
                       min(ship_to) AS ship_to, bool_or(rush) AS rush
                FROM read_parquet('{workdir / 'lines.parquet'}') GROUP BY order_id) o
        ) TO '{workdir / 'orders.parquet'}' (FORMAT parquet)""")


def _dimensions(con, has, customers, products, workdir: Path):
    lp = f"read_parquet('{workdir / 'lines.parquet'}')"
    cust = con.execute(f"""SELECT customer_id, any_value(customer_name) AS line_name, sum(cases * invoice_price) AS revenue
                           FROM {lp} GROUP BY customer_id ORDER BY customer_id""").df()
    prod = con.execute(f"""SELECT product_id, any_value(product_name) AS line_name,
                                  sum(cost_amount) AS cost, sum(CASE WHEN cost_amount IS NOT NULL THEN cases END) AS cost_cases,
                                  sum(cases * invoice_price) / nullif(sum(cases), 0) AS avg_price,
                                  avg(invoice_price) AS any_price
                           FROM {lp} GROUP BY product_id ORDER BY product_id""").df()
    # customers: every customer with lines, plus the master's idle ones
    c = cust[["customer_id", "line_name"]].copy()
    if customers is not None:
        master = customers.drop(columns=["_row"], errors="ignore")
        c = master.merge(c, on="customer_id", how="outer")
    defaults = {"channel_of_trade": "unknown", "region": "unknown", "rep_id": "unknown",
                "distance_km": 90.0, "payment_terms_days": 30.0, "sales_calls_per_year": 0.0}
    if "customer_name" not in c:
        c["customer_name"] = None
    c["customer_name"] = c["customer_name"].astype(object).where(c["customer_name"].notna(), c["line_name"])
    c["customer_name"] = c["customer_name"].where(c["customer_name"].notna(), c["customer_id"])
    for col, value in defaults.items():
        if col not in c:
            c[col] = value
        c[col] = c[col].where(c[col].notna(), value)
    for col in ("distance_km", "payment_terms_days", "sales_calls_per_year"):
        c[col] = c[col].astype(float)
    if "order_channel" not in c:
        c["order_channel"] = "EDI"
    c["order_channel"] = c["order_channel"].where(c["order_channel"].notna(), "EDI")
    c = c[["customer_id", "customer_name", "channel_of_trade", "region", "rep_id", "order_channel", "distance_km",
           "payment_terms_days", "sales_calls_per_year"]].sort_values("customer_id").reset_index(drop=True)
    for col in ("customer_id", "customer_name", "channel_of_trade", "region", "rep_id", "order_channel"):
        c[col] = c[col].astype(str)
    # products
    p = prod.copy()
    if products is not None:
        master = products.drop(columns=["_row"], errors="ignore")
        p = master.merge(p, on="product_id", how="outer")
    if "product_name" not in p:
        p["product_name"] = None
    p["product_name"] = p["product_name"].astype(object).where(p["product_name"].notna(), p["line_name"])
    p["product_name"] = p["product_name"].where(p["product_name"].notna(), p["product_id"])
    from_lines = (p["cost"] / p["cost_cases"]).where(p["cost_cases"] > 0) if "cost_amount" in has else np.nan
    master_cogs = p["cogs_per_case"] if "cogs_per_case" in p else np.nan
    price = p["avg_price"].where(p["avg_price"].notna(), p["any_price"])
    default_cogs = _m.DEFAULT_COGS_SHARE * price
    p["cogs_per_case"] = (pd.Series(from_lines, index=p.index)
                          .where(pd.Series(from_lines, index=p.index).notna(), master_cogs))
    p["cogs_per_case"] = p["cogs_per_case"].where(p["cogs_per_case"].notna(), default_cogs).fillna(0.0).astype(float)
    for col, value in {"brand": "unknown", "category": "unknown", "pick_type": "full_case", "days_of_supply": 30.0}.items():
        if col not in p:
            p[col] = value
        p[col] = p[col].where(p[col].notna(), value)
    p["days_of_supply"] = p["days_of_supply"].astype(float)
    p = p[["product_id", "product_name", "brand", "category", "pick_type", "cogs_per_case", "days_of_supply"]]
    p = p.sort_values("product_id").reset_index(drop=True)
    for col in ("product_id", "product_name", "brand", "category", "pick_type"):
        p[col] = p[col].astype(str)
    return c, p


def copy_tables(data: ClientData, directory) -> dict:
    """Copy the engine tables to ``directory`` (Parquet) and return their paths.

    Parameters
    ----------
    data : ClientData
        From :func:`build_tables` (not yet closed).
    directory : str or Path
        Where to write (created if missing).

    Returns
    -------
    dict
        ``{table name: path}`` for ``customers``, ``products``, ``orders``
        and ``lines``; :func:`casekit.cost_to_serve` reads them back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "jan.csv").write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n1001;A-7;03.01.2025;5;12,50\\n")
    >>> data = build_tables(read_lines(d / "jan.csv"))
    >>> paths = copy_tables(data, d / "tables")
    >>> data.close()
    >>> sorted(paths), all(pathlib.Path(v).exists() for v in paths.values())
    (['customers', 'lines', 'orders', 'products'], True)
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, t in data.tables.items():
        target = directory / f"{name}.parquet"
        if isinstance(t, pd.DataFrame):
            t.to_parquet(target, index=False)
        else:
            shutil.copyfile(t, target)
        out[name] = str(target)
    return out
