"""The client's customer and product masters (optional), read, typed and checked.

Masters are small by nature: they are typed in DuckDB like the invoice
lines, then checked with pandera (:mod:`casekit.client.validation`); client
words for order channels and pick types become casekit's.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from casekit.client._sql import number_sql, quote_ident, source_sql
from casekit.client.fields import ORDER_CHANNEL_ALIASES, PICK_TYPE_ALIASES, field_type, known_headers, normalize_header
from casekit.client.formats import detect_formats
from casekit.client.mapping import read_mapping, reading_options, resolve_columns
from casekit.client.reading import expand_paths, open_source, translate_duckdb_error
from casekit.client.validation import ClientDataError, Problem, validate_master

__all__ = ["read_customers", "read_products"]


def _normalize_values(series: pd.Series, aliases: dict) -> pd.Series:
    low = series.astype("string").str.strip().str.lower()
    return low.map(lambda v: aliases.get(v, v) if isinstance(v, str) else v).astype(object)


def _read_master(path, kind: str, mapping, sheet) -> pd.DataFrame:
    section = read_mapping(mapping)[kind]
    opts = reading_options(section, sheet=sheet)
    files = expand_paths(path, what=f"{kind} master")
    if len(files) != 1:
        raise ClientDataError([Problem(file=str(path), column="", check="file",
                                       message=f"a {kind} master is one file; found {len(files)}",
                                       fix="pass the one master file.")])
    expected = known_headers(kind) | {normalize_header(v) for v in section.values()}
    src = open_source(files[0], expected=expected, **opts)
    cols = resolve_columns(src, kind, section)
    fmt = detect_formats(src, kind, cols, section)
    con = duckdb.connect()
    try:
        view = source_sql(con, src, "m")
        sel, bad = ["_row"], []
        for f, c in cols.items():
            q = quote_ident(c)
            if field_type(kind, f) == "number":
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
        if field_type(kind, f) in ("id", "text"):
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
                count=len(idx),
                examples=[(str(src.path), int(rows.iloc[i]), raw[cols['pick_type']].iloc[i]) for i in idx],
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
