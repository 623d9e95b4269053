"""Nothing lost on the way: rows, cases and money read = rejected + accepted = costed by the engine.

:func:`read_totals` sums what the files hold, exactly (DECIMAL), while the
tables are built; :func:`reconcile` adds what the engine returned and
compares, to the cent.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

__all__ = ["read_totals", "reconcile"]


def _dec(x) -> Decimal:
    return Decimal(0) if x is None else Decimal(x)


def _tidy(d: Decimal, money: bool) -> Decimal:
    """Drop trailing zeros a DECIMAL sum carries, never a significant digit."""
    q = Decimal("0.01") if money else Decimal(1)
    return d.quantize(q) if d == d.quantize(q) else d.normalize()


def read_totals(con, *, with_files: bool = False):
    """Sum rows, cases and money read, rejected and accepted, exactly (DECIMAL).

    Runs on the connection of :func:`casekit.client.build_tables`, whose
    tables ``typed`` (every row, parsed) and ``_flags`` (the rows set aside)
    it reads, in one pass.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection holding ``typed`` and ``_flags``.
    with_files : bool, default=False
        Also return the rows read and set aside per file (``_fi``, ``rows``,
        ``rejected``), from the same pass.

    Returns
    -------
    pandas.DataFrame or (pandas.DataFrame, pandas.DataFrame)
        ``measure``, ``read``, ``rejected``, ``accepted`` (decimals), and
        ``engine``, ``difference`` (empty) and ``status`` for :func:`reconcile`;
        with ``with_files`` the rows per file too.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE typed AS SELECT * FROM (VALUES (0, 2, false, 5.0::DECIMAL(18,4), "
    ...                 "12.5::DECIMAL(18,4), NULL::DECIMAL(18,4))) t(_fi, _row, is_return, quantity, net_amount, "
    ...                 "invoice_price)")
    >>> _ = con.execute("CREATE TABLE _flags (_fi INT, _row BIGINT)")
    >>> read_totals(con)[["measure", "read"]].iloc[3].tolist()
    ['net sales ($, sales lines)', Decimal('12.50')]
    >>> read_totals(con, with_files=True)[1].to_dict("records")
    [{'_fi': 0, 'rows': 1, 'rejected': 0}]
    """
    money = "coalesce(t.net_amount, t.invoice_price * t.quantity)"
    q = f"""
        SELECT t._fi, f._row IS NOT NULL AS rejected,
               count(*) AS rows,
               sum(CASE WHEN NOT t.is_return THEN t.quantity END) AS cases,
               sum(CASE WHEN t.is_return THEN abs(t.quantity) END) AS returned_cases,
               sum(CASE WHEN NOT t.is_return THEN {money} END) AS revenue,
               sum(CASE WHEN t.is_return THEN -abs({money}) END) AS returns_value
        FROM typed t LEFT JOIN _flags f USING (_fi, _row) GROUP BY ALL"""
    got: dict = {}
    per_file: dict = {}
    for fi, rejected, *values in con.execute(q).fetchall():
        total = got.setdefault(bool(rejected), [Decimal(0)] * 5)
        for k, v in enumerate(values):
            total[k] += _dec(v)
        counts = per_file.setdefault(int(fi), [0, 0])
        counts[0] += int(values[0])
        counts[1] += int(values[0]) if rejected else 0
    measures = [("invoice lines (rows)", 0), ("cases shipped", 1), ("cases returned", 2),
                ("net sales ($, sales lines)", 3), ("returns credited ($, return lines)", 4)]
    rows = []
    for name, k in measures:
        rej = got.get(True, [Decimal(0)] * 5)[k]
        acc = got.get(False, [Decimal(0)] * 5)[k]
        money = "$" in name
        rows.append({"measure": name, "read": _tidy(rej + acc, money), "rejected": _tidy(rej, money),
                     "accepted": _tidy(acc, money)})
    out = pd.DataFrame(rows)
    out["engine"] = None
    out["difference"] = None
    out["status"] = "read = rejected + accepted"
    if not with_files:
        return out
    files = pd.DataFrame([(fi, n, r) for fi, (n, r) in sorted(per_file.items())], columns=["_fi", "rows", "rejected"])
    return out, files


def _cents(x) -> Decimal:
    return Decimal(str(round(float(x), 2))).quantize(Decimal("0.01"))


def reconcile(data, pnl: pd.DataFrame) -> pd.DataFrame:
    """Add what the engine returned to the reconciliation and compare, to the cent.

    Parameters
    ----------
    data : casekit.client.ClientData
        From :func:`casekit.client.build_tables`.
    pnl : pandas.DataFrame
        ``cost_to_serve(data.tables, ...)`` at any grain.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``read``, ``rejected``, ``accepted`` (exact decimals from
        the files), ``engine``, ``difference`` (accepted - engine) and
        ``status`` (``ok`` when they agree to the cent, or to 0.0001 case).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit import cost_to_serve
    >>> from casekit.client import build_tables, read_lines
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "jan.csv"
    >>> _ = p.write_text("Sold-To;Material;Inv Date;Qty;Net Value\\n"
    ...                  "1001;A-7;03.01.2025;5;12,50\\n1002;A-8;04.01.2025;2;8,00\\n")
    >>> data = build_tables(read_lines(p))
    >>> rec = reconcile(data, cost_to_serve(data.tables, by=["customer_id", "product_id"]))
    >>> data.close()
    >>> rec.columns.tolist()
    ['measure', 'read', 'rejected', 'accepted', 'engine', 'difference', 'status']
    >>> bool((rec["status"] == "ok").all())
    True
    """
    rec = data.reconciliation.copy()
    credit = data.returns_credited
    engine = {
        "invoice lines (rows)": Decimal(int(pnl["lines"].sum() if "lines" in pnl else len(pnl))),
        "cases shipped": Decimal(str(round(float(pnl["cases"].sum()), 4))),
        "cases returned": Decimal(str(round(float(pnl["returned_cases"].sum()), 4))),
        "net sales ($, sales lines)": _cents(pnl["revenue"].sum()),
        "returns credited ($, return lines)": -_cents(credit),
    }
    diffs, status, eng = [], [], []
    for r in rec.itertuples():
        e = engine[r.measure]
        a = r.accepted
        a = a.quantize(Decimal("0.01")) if "$" in r.measure else a
        e = e.quantize(Decimal("0.01")) if "$" in r.measure else e
        d = a - e
        tol = Decimal("0.0001") if "cases" in r.measure else Decimal(0)
        ok = abs(d) <= tol and r.read == r.rejected + r.accepted
        eng.append(e)
        diffs.append(d)
        status.append("ok" if ok else "MISMATCH")
    rec["engine"] = eng
    rec["difference"] = diffs
    rec["status"] = status
    rec.attrs["note"] = ("read = every row of the files whose value parses; engine = cost_to_serve's output "
                         "(returns credited: the returned value the engine charges in cost_returns).")
    return rec
