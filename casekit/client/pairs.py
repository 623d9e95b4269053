"""Customer x product pairs at client scale: their customer and product totals, and the full table on disk.

A client's ten million invoice lines make millions of customer x product
pairs.  The engine hands them over once; :func:`pair_totals` sums them to
customers and products with one pass over each column (everything the
exhibits show is drawn from those few thousand rows), and
:func:`write_pairs` writes every pair to Parquet, and to CSV when Excel could
open it, without another copy of the table in memory.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["PairTotals", "pair_totals", "top_profit_map", "write_pairs", "write_pairs_parquet", "EXCEL_ROWS"]

EXCEL_ROWS = 1_048_575
"""Rows an Excel sheet holds below its header: more pairs than this are written as Parquet only."""

PAIRS_ROW_GROUP = 262_144
"""Pairs per row group of ``customer_x_product.parquet``: the writer holds one encoded row group at a time."""

_KEYS = ("customer_id", "product_id")


@dataclasses.dataclass(frozen=True)
class PairTotals:
    """The customer and product totals of a customer x product P&L, and how its pairs group by customer.

    Parameters
    ----------
    customers : pandas.DataFrame
        One row per customer with pairs: ``customer_id`` and every measure
        of the pairs, summed (the engine's columns, so every casekit
        analysis takes it as it takes the pairs).
    products : pandas.DataFrame
        One row per product: ``product_id``, ``revenue``, ``net_profit``.
    order : numpy.ndarray or None
        Row order that groups the pairs by customer (``None``: they are).
    starts : numpy.ndarray
        Where each customer's pairs begin, in that order.

    Examples
    --------
    See :func:`pair_totals`.
    """

    customers: pd.DataFrame
    products: pd.DataFrame
    order: np.ndarray | None
    starts: np.ndarray


def _measures(pnl: pd.DataFrame) -> list[str]:
    return [c for c in pnl.columns if c not in _KEYS and pd.api.types.is_numeric_dtype(pnl[c])]


def _codes(column: pd.Series, dtype=np.int64) -> tuple[np.ndarray, pd.Index]:
    """The column's category codes as ``dtype`` (``None``: as pandas holds them, without a copy) and categories."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    codes = column.cat.codes.to_numpy()
    return (codes if dtype is None else codes.astype(dtype)), column.cat.categories


def _smallest(values: np.ndarray, k: int, chunk: int = 1 << 20) -> np.ndarray:
    """Positions of the ``k`` smallest ``values``, smallest first, ties in position order.

    Taken a chunk at a time, so that nothing as long as ``values`` is made
    (an argpartition of 8.8 M pairs allocates 70 MB of positions).

    Examples
    --------
    >>> _smallest(np.array([3.0, -1.0, 2.0, -1.0, 0.0]), 3, chunk=2).tolist()
    [1, 3, 4]
    """
    k = min(k, len(values))
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    cand = []
    for lo in range(0, len(values), chunk):
        part = values[lo:lo + chunk]
        keep = np.argpartition(part, k - 1)[:k] if k < len(part) else np.arange(len(part))
        cand.append(keep + lo)
    cand = np.concatenate(cand)
    return cand[np.lexsort((cand, values[cand]))][:k]


def _running(values: np.ndarray, order, starts: np.ndarray) -> np.ndarray:
    """Each pair's running total within its customer (pairs in ``order``)."""
    x = values if order is None else values[order]
    run = np.cumsum(x, dtype=np.float64)
    base = np.concatenate([[0.0], run[starts[1:] - 1]])
    return run - np.repeat(base, np.diff(np.append(starts, len(x))))


def _cumsum_at(x: np.ndarray, order, at: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """``np.cumsum(x[order])[at]`` for sorted ``at``, a chunk at a time.

    Each chunk's cumulative sum starts from the previous chunk's last value,
    so every addition is the one the whole cumulative sum makes, in the same
    order: the same bits, without an array as long as ``x``.

    Examples
    --------
    >>> x = np.random.default_rng(0).normal(size=1000)
    >>> at = np.array([0, 99, 500, 999])
    >>> bool((_cumsum_at(x, None, at, chunk=64) == np.cumsum(x)[at]).all())
    True
    """
    out = np.empty(len(at), dtype=np.float64)
    buf = np.empty(min(chunk, len(x)) + 1, dtype=np.float64)
    carry = None
    for lo in range(0, len(x), chunk):
        hi = min(lo + chunk, len(x))
        part = x[lo:hi] if order is None else x[order[lo:hi]]
        if carry is None:
            run = np.cumsum(part, out=buf[:hi - lo])
        else:
            buf[0] = carry
            buf[1:hi - lo + 1] = part
            run = np.cumsum(buf[:hi - lo + 1], out=buf[:hi - lo + 1])[1:]
        i0, i1 = np.searchsorted(at, lo), np.searchsorted(at, hi)
        out[i0:i1] = run[at[i0:i1] - lo]
        carry = run[-1]
    return out


def pair_totals(pnl: pd.DataFrame) -> PairTotals:
    """Sum a customer x product P&L to customers (every measure) and products (revenue, net profit).

    A customer's total is the last of its pairs' running totals, the very
    number :func:`write_pairs` rounds its cents against, so the pairs of a
    customer in ``customer_x_product.csv`` add up to the cent to the
    customer's line in ``customer_pnl.csv``.

    Parameters
    ----------
    pnl : pandas.DataFrame
        ``cost_to_serve(..., by=["customer_id", "product_id"])``.

    Returns
    -------
    PairTotals

    Examples
    --------
    >>> pnl = pd.DataFrame({"customer_id": pd.Categorical(["B", "A", "B"]), "product_id": ["p", "p", "q"],
    ...                     "revenue": [1.0, 2.0, 3.0], "net_profit": [0.5, -1.0, 1.5]})
    >>> t = pair_totals(pnl)
    >>> t.customers.to_dict("list")
    {'customer_id': ['A', 'B'], 'revenue': [2.0, 4.0], 'net_profit': [-1.0, 2.0]}
    >>> t.products.to_dict("list")
    {'product_id': ['p', 'q'], 'revenue': [3.0, 3.0], 'net_profit': [-0.5, 1.5]}
    """
    # 32-bit codes and comparisons, not differences: at millions of pairs each
    # 64-bit temporary is tens of megabytes at the run's peak.
    codes, categories = _codes(pnl["customer_id"], np.int32)
    order = None
    if len(codes) and not (codes[1:] >= codes[:-1]).all():
        order = np.argsort(codes, kind="stable")
    sorted_codes = codes if order is None else codes[order]
    starts = (np.concatenate([[0], np.flatnonzero(sorted_codes[1:] != sorted_codes[:-1]) + 1])
              if len(codes) else np.zeros(0, dtype=np.int64))
    ends = np.append(starts[1:], len(codes)) - 1
    cust = {"customer_id": pd.Categorical.from_codes(sorted_codes[starts], categories=categories)}
    for col in _measures(pnl):
        if pnl[col].dtype.kind in "iub":
            x = pnl[col].to_numpy()
            cust[col] = np.add.reduceat(x if order is None else x[order], starts) if len(starts) else x[:0]
        else:
            # The running total at each customer's last pair, as _running has it: the cumulative sum there
            # less the cumulative sum at the previous customer's last pair (without the running totals).
            at = _cumsum_at(pnl[col].to_numpy(dtype=np.float64), order, ends)
            cust[col] = at - np.concatenate([[0.0], at[:-1]]) if len(ends) else at
    del codes, sorted_codes  # freed before the product totals take their own codes
    customers = pd.DataFrame(cust)
    if not isinstance(pnl["customer_id"].dtype, pd.CategoricalDtype):
        customers["customer_id"] = customers["customer_id"].astype(pnl["customer_id"].dtype)
    pcodes, pcats = _codes(pnl["product_id"], np.intp)  # bincount's own type: no copy per call
    n = len(pcats)
    prod = pd.DataFrame({"product_id": pd.Categorical.from_codes(np.arange(n), categories=pcats),
                         "revenue": np.bincount(pcodes, weights=pnl["revenue"].to_numpy(), minlength=n),
                         "net_profit": np.bincount(pcodes, weights=pnl["net_profit"].to_numpy(), minlength=n)})
    seen = np.bincount(pcodes, minlength=n) > 0
    products = prod[seen].reset_index(drop=True)
    if not isinstance(pnl["product_id"].dtype, pd.CategoricalDtype):
        products["product_id"] = products["product_id"].astype(pnl["product_id"].dtype)
    return PairTotals(customers=customers, products=products, order=order, starts=starts)


def top_profit_map(pnl: pd.DataFrame, totals: PairTotals, *, top: int = 40) -> pd.DataFrame:
    """Byrnes's profit map of the ``top`` customers and products by revenue, as :func:`casekit.profit_map` draws it.

    Rows and columns are chosen and ordered on the totals, so only the
    pairs inside the block are grouped.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> from casekit.analysis.profit_map import profit_map
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40), by=["customer_id", "product_id"])
    >>> m = top_profit_map(pnl, pair_totals(pnl), top=5)
    >>> m.equals(profit_map(pnl, top=(5, 5))), m.attrs["n_rows_total"]
    (True, 30)
    """
    from casekit.analysis.profit_map import profit_map

    def order(frame: pd.DataFrame, key: str) -> pd.Index:
        tot = frame.set_index(frame[key].astype(object))
        keep = tot["revenue"].nlargest(top).index
        ranked = tot["net_profit"].sort_values(ascending=False, kind="stable").index
        return ranked[ranked.isin(keep)]

    rows, cols = order(totals.customers, "customer_id"), order(totals.products, "product_id")
    block = (pnl["customer_id"].isin(rows) & pnl["product_id"].isin(cols)).to_numpy()
    matrix = profit_map(pnl[block]).reindex(index=rows, columns=cols)
    matrix.index.name, matrix.columns.name = "customer_id", "product_id"
    matrix.attrs = {"rows": "customer_id", "columns": "product_id", "values": "net_profit",
                    "n_rows_total": len(totals.customers), "n_columns_total": len(totals.products)}
    return matrix


def _names(ids: pd.Index, table: pd.DataFrame, key: str, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Names of ``ids`` from ``table`` (the id where none) as (unique names, index of each id's name)."""
    ids = pd.Index(ids.astype(str))
    names = (table.set_index(table[key].astype(str))[name].astype(object) if name in table else pd.Series(dtype=object))
    names = names[~names.index.duplicated()].reindex(ids)
    names = names.where(names.notna(), pd.Series(ids, index=ids)).astype(str).to_numpy()
    unique, inverse = np.unique(names, return_inverse=True)
    return unique, inverse


def _cents(pnl: pd.DataFrame, totals: PairTotals, col: str) -> np.ndarray:
    """Each pair's amount in cents that add up: the change in its customer's running total, rounded to the cent.

    The pairs of a customer then sum to exactly the customer's total
    rounded to the cent (what ``customer_pnl.csv`` shows), and no pair is
    more than a cent from its exact value.
    """
    run = np.round(_running(pnl[col].to_numpy(dtype=np.float64), totals.order, totals.starts), 2)
    prev = np.concatenate([[0.0], run[:-1]])
    prev[totals.starts] = 0.0
    cents = np.round(run - prev, 2)
    if totals.order is None:
        return cents
    out = np.empty_like(cents)
    out[totals.order] = cents
    return out


def _pair_columns(pnl: pd.DataFrame, customers: pd.DataFrame, products: pd.DataFrame):
    """A function ``columns(take, money=None)`` making the pairs' Arrow table, names joined, rows ``take`` (all: None).

    Key and name columns are dictionary-encoded on the category codes, so
    nothing as long as the pairs is copied but the rows taken.
    """
    import pyarrow as pa

    measures = [c for c in pnl.columns if c not in _KEYS]
    # The codes as pandas holds them (8, 16 or 32 bits) are the dictionary's indices, and name indexes
    # are 32-bit: at millions of pairs every copy of a key column is tens of megabytes at the run's peak.
    ccodes, ccats = _codes(pnl["customer_id"], None)
    pcodes, pcats = _codes(pnl["product_id"], None)
    cnames, cname_of = _names(ccats, customers, "customer_id", "customer_name")
    pnames, pname_of = _names(pcats, products, "product_id", "product_name")
    cname_of, pname_of = cname_of.astype(np.int32), pname_of.astype(np.int32)

    def dictionary(codes, values):
        return pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(values, pa.string()))

    def name_column(codes, name_of, names):
        if len(np.unique(name_of)) == len(name_of):
            # One name per id: the ids' own indices serve, with the names in id order as the dictionary.
            return dictionary(codes, names[name_of])
        return dictionary(name_of[codes], names)

    def columns(take, money=None):
        sel = (lambda a: a) if take is None else (lambda a: a[take])
        cols = {"customer_id": dictionary(sel(ccodes), np.asarray(ccats.astype(str))),
                "customer_name": name_column(sel(ccodes), cname_of, cnames),
                "product_id": dictionary(sel(pcodes), np.asarray(pcats.astype(str))),
                "product_name": name_column(sel(pcodes), pname_of, pnames)}
        for m in measures:
            values = (money or {}).get(m, pnl[m].to_numpy())
            cols[m] = pa.array(sel(values))
        return pa.table(cols)

    return columns


def write_pairs_parquet(pnl: pd.DataFrame, customers: pd.DataFrame, products: pd.DataFrame, folder) -> Path:
    """Write every customer x product pair, names joined, to ``customer_x_product.parquet`` in ``folder``.

    The file keeps the engine's order and its exact amounts, for tools.
    The writer works outside Python's lock, so :func:`casekit.client.analyze`
    runs it on a thread of its own beside the exhibits and the workbook.

    Parameters
    ----------
    pnl : pandas.DataFrame
        ``cost_to_serve(..., by=["customer_id", "product_id"])``.
    customers, products : pandas.DataFrame
        The tables with ``customer_name`` and ``product_name``.
    folder : str or Path
        Where to write.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> pnl = pd.DataFrame({"customer_id": pd.Categorical(["C1", "C1"]), "product_id": pd.Categorical(["P1", "P2"]),
    ...                     "revenue": [3.333, 1.333], "net_profit": [3.0, -2.0]})
    >>> names_c = pd.DataFrame({"customer_id": ["C1"], "customer_name": ["Acme"]})
    >>> names_p = pd.DataFrame({"product_id": ["P1", "P2"], "product_name": ["Oats", "Rye"]})
    >>> path = write_pairs_parquet(pnl, names_c, names_p, tempfile.mkdtemp())
    >>> pd.read_parquet(path)[["customer_name", "product_name", "revenue"]].to_dict("list")
    {'customer_name': ['Acme', 'Acme'], 'product_name': ['Oats', 'Rye'], 'revenue': [3.333, 1.333]}
    """
    import pyarrow.parquet as pq

    path = Path(folder) / "customer_x_product.parquet"
    # Dictionary pages for the keys and names only: trying a dictionary on
    # millions of distinct amounts costs more than the rest of the write
    # (10 M lines: 5.6 s against about 3 s) and saves nothing.
    named = ["customer_id", "customer_name", "product_id", "product_name"]
    # Statistics for the customer only: the pairs come customer by customer, so a reader looking for
    # some customers skips the other row groups by them; on the other three (each row group holds
    # nearly every product) they cost 0.8 s of the write at 8.8 M pairs and would skip nothing.
    pq.write_table(_pair_columns(pnl, customers, products)(None), path, use_dictionary=named,
                   write_statistics=["customer_id"], row_group_size=PAIRS_ROW_GROUP)
    return path


def write_pairs(pnl: pd.DataFrame, totals: PairTotals, customers: pd.DataFrame, products: pd.DataFrame, folder, *,
                sheet_rows: int, csv_rows: int = EXCEL_ROWS, parquet: bool = True) -> tuple[pd.DataFrame, int, dict]:
    """Write every customer x product pair, names joined: Parquet, and CSV when it fits Excel.

    The Parquet file is :func:`write_pairs_parquet`'s; ``customer_x_product.csv``
    is for people: money in cents that add up to each customer's line of
    ``customer_pnl.csv``, biggest losses first, written only when Excel could
    open it (at most ``csv_rows`` pairs).
    Nothing is copied whole: key and name columns are dictionary-encoded on
    the category codes.

    Parameters
    ----------
    pnl : pandas.DataFrame
        ``cost_to_serve(..., by=["customer_id", "product_id"])``.
    totals : PairTotals
        :func:`pair_totals` of ``pnl``.
    customers, products : pandas.DataFrame
        The tables with ``customer_name`` and ``product_name``.
    folder : str or Path
        Where to write.
    sheet_rows : int
        How many of the biggest losses to return, for the workbook.
    csv_rows : int, default=EXCEL_ROWS
        The most pairs written as CSV too.
    parquet : bool, default=True
        Write the Parquet file here too (``False``: the caller writes it
        with :func:`write_pairs_parquet`); its path is returned either way.

    Returns
    -------
    (pandas.DataFrame, int, dict)
        The ``sheet_rows`` biggest losses, the number of pairs, and the
        paths (``parquet``, and ``csv`` when written).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pnl = pd.DataFrame({"customer_id": pd.Categorical(["C1", "C1"]), "product_id": pd.Categorical(["P1", "P2"]),
    ...                     "revenue": [3.333, 1.333], "net_profit": [3.0, -2.0]})
    >>> names_c = pd.DataFrame({"customer_id": ["C1"], "customer_name": ["Acme"]})
    >>> names_p = pd.DataFrame({"product_id": ["P1", "P2"], "product_name": ["Oats", "Rye"]})
    >>> top, n, paths = write_pairs(pnl, pair_totals(pnl), names_c, names_p, tempfile.mkdtemp(), sheet_rows=1)
    >>> top[["product_name", "net_profit"]].to_dict("records"), n, sorted(paths)
    ([{'product_name': 'Rye', 'net_profit': -2.0}], 2, ['csv', 'parquet'])
    >>> pd.read_csv(paths["csv"])["revenue"].tolist()  # 1.33 + 3.34 = 4.67, the customer's 4.666 to the cent
    [1.34, 3.33]
    >>> pd.read_parquet(paths["parquet"])["revenue"].tolist()
    [3.333, 1.333]
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    folder = Path(folder)
    n = len(pnl)
    measures = [c for c in pnl.columns if c not in _KEYS]
    columns = _pair_columns(pnl, customers, products)
    paths = {"parquet": write_pairs_parquet(pnl, customers, products, folder) if parquet
             else folder / "customer_x_product.parquet"}
    if n <= csv_rows:
        from casekit.client.presentation import column_kind

        money = {m: _cents(pnl, totals, m) for m in measures if column_kind(m) == "money"}
        worst = np.argsort(pnl["net_profit"].to_numpy(), kind="stable")
        table = columns(worst, money)
        paths["csv"] = folder / "customer_x_product.csv"
        plain = table.cast(pa.schema([pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f
                                      for f in table.schema]))
        pcsv.write_csv(plain, paths["csv"])
        top = plain.slice(0, sheet_rows).to_pandas()
    else:
        top = columns(_smallest(pnl["net_profit"].to_numpy(), sheet_rows)).to_pandas()
        for c in ("customer_id", "customer_name", "product_id", "product_name"):
            top[c] = top[c].astype(str)
    return top, n, paths
