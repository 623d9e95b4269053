"""From a costed client P&L to findings: the workbook, the offline HTML report, the figures.

:func:`analyze` is the consultant's whole path in one call (the CLI's
``casekit analyze``): read and check the files, build the tables, run the
engine with the customer x product roll-up inside DuckDB, reconcile, and
write everything to one folder.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from casekit.client.tables import ClientData, build_tables, read_customers, read_lines, read_products

__all__ = ["analyze", "reconcile", "top_drains", "write_workbook", "write_html", "template"]

MAX_SHEET_ROWS = 5_000  # per sheet; the full tables are written as CSV beside the workbook

OUTPUTS = {
    "workbook": "profit_map.xlsx",
    "html": "report.html",
    "reconciliation": "reconciliation.csv",
    "rejected": "rejected_rows.csv",
}


def time_driven_template(path) -> Path:
    """Write the Excel time-driven card for the consultant: time equations and departments.

    Sheets ``times`` (minutes per driver unit, and the department), ``resources``
    (each department's yearly cost and hours), ``drivers`` and ``how to fill in``;
    :meth:`casekit.TimeDrivenCard.read` reads it back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit import TimeDrivenCard
    >>> p = time_driven_template(pathlib.Path(tempfile.mkdtemp()) / "time_driven.xlsx")
    >>> TimeDrivenCard.read(p).resources["resource"].tolist()
    ['customer_service', 'warehouse', 'fleet']
    """
    from casekit.costing.time_driven import TimeDrivenCard

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path}: the time-driven template is an Excel file; name it something.xlsx.")
    path.parent.mkdir(parents=True, exist_ok=True)
    TimeDrivenCard.default().write(path)
    notes = pd.DataFrame({"step": [
        "Sheet 'resources': one row per department (customer service, warehouse, fleet, ...). cost_per_year is "
        "what its capacity costs (people, equipment, space); hours_per_year the hours paid for.",
        "practical_share is the share of those hours usable for work after breaks, training and maintenance "
        "(about 0.8, Kaplan & Anderson).",
        "Sheet 'times': minutes per unit of driver (an order, a line, a case, a drop, a km) for each activity, by "
        "order channel or pick type where they differ. Time a few transactions or ask the people who do them.",
        "All rows of one activity belong to one department. Activities not listed keep the rate card's rates.",
        "The defaults are sized for the classroom case: replace every number with the client's.",
        "Then: casekit analyze LINES... --time-driven " + path.name + " --out DIR (add --rates for the others).",
    ]})
    with pd.ExcelWriter(path, engine="openpyxl", mode="a") as xl:
        notes.to_excel(xl, sheet_name="how to fill in", index=False)
        _fit_columns(xl.book)
    return path


def _fit_columns(book) -> None:
    # Wide enough to read the first 60 rows, never wider than 80 characters.
    for ws in book.worksheets:
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col[:60])
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 80)


def template(path) -> Path:
    """Write the Excel rate card for the consultant: every activity, driver, default rate and source.

    Sheets ``rates`` (what the engine reads back), ``drivers`` (how each
    driver is measured) and ``how to fill in``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from casekit import RateCard
    >>> p = template(pathlib.Path(tempfile.mkdtemp()) / "rates.xlsx")
    >>> back, default = RateCard.read(p).table, RateCard.default().table
    >>> back.drop(columns="rate").equals(default.drop(columns="rate"))
    True
    >>> bool(((back["rate"] - default["rate"]).abs() <= 1e-12 * default["rate"]).all())
    True
    """
    from casekit.costing.drivers import describe_drivers
    from casekit.costing.rates import RateCard

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path}: the rate card template is an Excel file; name it something.xlsx.")
    card = RateCard.default()
    notes = pd.DataFrame({"step": [
        "Change the 'rate' column to the client's costs; keep activity, driver, applies_to and applies_value.",
        "Rates are per unit of the driver: $ per order, per line, per case, per drop, per km, per call, $ per $.",
        "applies_to / applies_value limit a row to one order channel, pick type, channel of trade or region.",
        "Add a row to cost a new condition (e.g. order_channel = 'marketplace'); delete rows that do not apply.",
        "The 'source' column says where each default comes from; replace it with the client's source.",
        "Aim for about 70 % accuracy (Byrnes): refine a rate only where a decision would change.",
        "Then: casekit analyze LINES... --rates " + path.name + " --out DIR",
    ]})
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        card.table.to_excel(xl, sheet_name="rates", index=False)
        describe_drivers().to_excel(xl, sheet_name="drivers", index=False)
        notes.to_excel(xl, sheet_name="how to fill in", index=False)
        _fit_columns(xl.book)
    return path


# --------------------------------------------------------------------------
# Reconciliation
# --------------------------------------------------------------------------

def _cents(x) -> Decimal:
    return Decimal(str(round(float(x), 2))).quantize(Decimal("0.01"))


def reconcile(data: ClientData, pnl: pd.DataFrame) -> pd.DataFrame:
    """Add what the engine returned to the reconciliation and compare, to the cent.

    Parameters
    ----------
    data : ClientData
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
    con = duckdb.connect()
    try:
        credit = con.execute(f"SELECT sum(returned_cases * invoice_price) FROM "
                             f"read_parquet('{data.tables['lines']}')").fetchall()[0][0] or 0.0
    finally:
        con.close()
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


# --------------------------------------------------------------------------
# Exhibits
# --------------------------------------------------------------------------

def top_drains(pnl: pd.DataFrame, *, customers: pd.DataFrame | None = None, n: int = 15,
               levers: int = 3) -> pd.DataFrame:
    """Rank the customers that lose the most money and name their profit levers.

    A lever is a ``cost_<activity>`` column where the customer costs more,
    per dollar of revenue, than the business does on average; its size is the
    excess in dollars (the cost minus the customer's revenue times the
    business's cost-to-revenue ratio for that activity).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The costed P&L (any grain with ``customer_id``).
    customers : pandas.DataFrame, optional
        Adds ``customer_name`` and ``channel_of_trade``.
    n : int, default=15
        How many customers.
    levers : int, default=3
        How many levers per customer.

    Returns
    -------
    pandas.DataFrame
        Losing customers, biggest loss first: ``customer_id``, (name,
        channel), ``revenue``, ``gross_margin``, ``cost_to_serve``,
        ``net_profit``, ``lever_1`` .. ``lever_k`` (activity and excess $)
        and every ``cost_<activity>``.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> drains = top_drains(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)), n=3)
    >>> bool((drains["net_profit"] < 0).all()) and len(drains) <= 3
    True
    """
    from casekit.analysis.profitability import profit_by

    cust = profit_by(pnl, "customer_id")
    acts = [c for c in cust.columns if c.startswith("cost_") and c not in ("cost_to_serve", "cost_to_serve_pct")]
    total_rev = float(cust["revenue"].sum())
    ratio = cust[acts].sum() / total_rev if total_rev else cust[acts].sum() * 0
    losers = cust[cust["net_profit"] < 0].sort_values("net_profit").head(n).reset_index(drop=True)
    excess = losers[acts] - np.outer(losers["revenue"], ratio.to_numpy())
    for k in range(levers):
        labels = []
        for i in range(len(losers)):
            row = excess.iloc[i].sort_values(ascending=False)
            if k < len(row) and row.iloc[k] > 0:
                labels.append(f"{row.index[k].removeprefix('cost_')} (+${row.iloc[k]:,.0f})")
            else:
                labels.append("")
        losers[f"lever_{k + 1}"] = labels
    keep = ["customer_id", "revenue", "gross_margin", "cost_to_serve", "net_profit", "net_margin_pct"]
    out = losers[keep + [f"lever_{k + 1}" for k in range(levers)] + acts].copy()
    out["customer_id"] = out["customer_id"].astype(str)
    if customers is not None:
        extra = customers[["customer_id"] + [c for c in ("customer_name", "channel_of_trade") if c in customers]]
        extra = extra.assign(customer_id=extra["customer_id"].astype(str))
        out = out.merge(extra, on="customer_id", how="left")
        cols = ["customer_id"] + [c for c in ("customer_name", "channel_of_trade") if c in out] + \
               [c for c in out.columns if c not in ("customer_id", "customer_name", "channel_of_trade")]
        out = out[cols]
    return out


def _exhibits(pnl: pd.DataFrame, customers: pd.DataFrame) -> dict:
    from casekit.analysis.pocket_price import price_waterfall
    from casekit.analysis.profit_map import profit_map
    from casekit.analysis.profitability import profit_by, segment_customers, segment_summary, whale_curve

    names = customers[["customer_id", "customer_name", "channel_of_trade", "region"]].assign(
        customer_id=customers["customer_id"].astype(str))
    cust = profit_by(pnl, "customer_id")
    cust["customer_id"] = cust["customer_id"].astype(str)
    cust = names.merge(cust, on="customer_id", how="right")
    seg = segment_customers(pnl, company={"customers": names})
    return {
        "customers": cust,
        "segments": seg,
        "segment_summary": segment_summary(seg),
        "whale": whale_curve(pnl, allow_nonpositive=True),
        "map": profit_map(pnl, top=(40, 40)),
        "waterfall": price_waterfall(pnl),
        "drains": top_drains(pnl, customers=customers),
    }


def _figures(ex: dict, folder: Path) -> dict:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from casekit import plots

    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, draw, frame in (("whale_curve", plots.plot_whale_curve, ex["whale"]),
                              ("profit_map", plots.plot_profit_map, ex["map"]),
                              ("segments", plots.plot_segments, ex["segments"]),
                              ("price_waterfall", plots.plot_price_waterfall, ex["waterfall"])):
        fig, ax = plt.subplots(figsize=(11, 6.5) if name == "profit_map" else (10, 6), layout="constrained")
        draw(frame, ax=ax)
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        out[name] = path
    return out


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.attrs = {}
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(str)
        elif out[c].dtype == object and any(isinstance(v, Decimal) for v in out[c].head(20)):
            out[c] = [float(v) if isinstance(v, Decimal) else v for v in out[c]]
    return out


def write_workbook(path, sheets: dict) -> Path:
    """Write named DataFrames to one workbook, columns sized, header frozen.

    Each sheet holds at most ``MAX_SHEET_ROWS`` rows; floats are rounded to
    two decimals, categoricals and decimals written as text and numbers.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write.
    sheets : dict of str to pandas.DataFrame
        Sheet name (cut to Excel's 31 characters) -> frame, in order.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "book.xlsx"
    >>> frame = pd.DataFrame({"customer_id": ["C1", "C2"], "net_profit": [1.234, -5.0]})
    >>> out = write_workbook(p, {"customer P&L": frame, "empty": pd.DataFrame({"a": []})})
    >>> sorted(pd.read_excel(out, sheet_name=None))
    ['customer P&L', 'empty']
    >>> pd.read_excel(out, sheet_name="customer P&L")["net_profit"].tolist()
    [1.23, -5.0]
    """
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            frame = _excel_safe(frame).head(MAX_SHEET_ROWS)
            num = frame.select_dtypes("float").columns
            frame[num] = frame[num].round(2)
            frame.to_excel(xl, sheet_name=name[:31], index=False)
            ws = xl.book[name[:31]]
            ws.freeze_panes = "A2"
            for col in ws.iter_cols(min_row=1, max_row=min(ws.max_row, 50)):
                width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(max(9, width + 2), 60)
    return path


def _write_csv(frame: pd.DataFrame, path) -> None:
    """Write a large frame as CSV with pyarrow (many times faster than pandas)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    f = frame.copy()
    f.attrs = {}
    for c in f.columns:
        if isinstance(f[c].dtype, pd.CategoricalDtype):
            f[c] = f[c].astype(str)
    pcsv.write_csv(pa.Table.from_pandas(f, preserve_index=False), path)


def _customer_x_product(pnl: pd.DataFrame, customers: pd.DataFrame, products: pd.DataFrame, path, *,
                        sheet_rows: int) -> tuple[pd.DataFrame, int]:
    """Write every customer x product pair, names joined, biggest losses first.

    DuckDB joins and sorts, and the rows stream batch by batch into
    pyarrow's CSV writer, so a client's millions of pairs never exist twice in
    pandas; only the first ``sheet_rows`` come back, for the workbook.
    Returns that frame and the number of pairs.
    """
    import pyarrow.csv as pcsv

    from casekit.costing.engine import capped_connection

    measures = [c for c in pnl.columns if c not in ("customer_id", "product_id")]
    frame = pnl[["customer_id", "product_id", *measures]]
    frame.attrs = {}
    names_c = pd.DataFrame({"customer_id": customers["customer_id"].astype(str).to_numpy(),
                            "customer_name": customers["customer_name"].to_numpy()})
    names_p = pd.DataFrame({"product_id": products["product_id"].astype(str).to_numpy(),
                            "product_name": products["product_name"].to_numpy()})
    select = ", ".join(["CAST(x.customer_id AS VARCHAR) AS customer_id", "c.customer_name",
                        "CAST(x.product_id AS VARCHAR) AS product_id", "p.product_name",
                        *[f'x."{m}"' for m in measures]])
    query = f"""
        SELECT {select}
        FROM pairs x
        LEFT JOIN names_c c ON c.customer_id = CAST(x.customer_id AS VARCHAR)
        LEFT JOIN names_p p ON p.product_id = CAST(x.product_id AS VARCHAR)
        ORDER BY x.net_profit, 1, 3
    """
    with capped_connection() as con:
        con.register("pairs", frame)
        con.register("names_c", names_c)
        con.register("names_p", names_p)
        reader = con.sql(query).to_arrow_reader(100_000)
        with pcsv.CSVWriter(str(path), reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        top = con.execute(f"{query} LIMIT {int(sheet_rows)}").df()
    return top, len(frame)


def _table_html(frame: pd.DataFrame, *, max_rows: int = 20) -> str:
    f = _excel_safe(frame).head(max_rows)
    return f.to_html(index=False, escape=True, border=0, classes="t", na_rep="",
                     float_format=lambda v: f"{v:,.2f}")


def write_html(path, *, title: str, headline: pd.Series, figures: dict, ex: dict, recon: pd.DataFrame,
               assumptions: pd.DataFrame, rejected: pd.DataFrame, files: pd.DataFrame,
               capacity: pd.DataFrame | None = None) -> Path:
    """Write the report as one HTML file with its figures embedded (opens offline).

    Used by :func:`analyze`, which passes what it computed.

    Parameters
    ----------
    path : str or Path
        The ``.html`` file to write.
    title : str
        Title of the report.
    headline : pandas.Series
        Headline figures (:func:`casekit.analysis.summary.headline`).
    figures : dict of str to Path
        PNG files named ``whale_curve``, ``profit_map``, ``segments`` and
        ``price_waterfall``.
    ex : dict of str to pandas.DataFrame
        At least ``segment_summary`` (columns ``segment``, ``customers``,
        ``share_of_customers``, ``revenue``, ``net_profit``,
        ``share_of_profit``, ``prescription``) and ``drains``
        (:func:`top_drains`).
    recon : pandas.DataFrame
        :func:`reconcile` (its ``status`` column says whether totals agree).
    assumptions, rejected, files : pandas.DataFrame
        From :class:`casekit.client.ClientData`.
    capacity : pandas.DataFrame, optional
        :meth:`casekit.TimeDrivenCard.unused_capacity`, shown in its own
        section when the run was time-driven.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> figures = {n: d / f"{n}.png" for n in ("whale_curve", "profit_map", "segments", "price_waterfall")}
    >>> for f in figures.values():
    ...     _ = f.write_bytes(b"PNG")
    >>> seg = pd.DataFrame(columns=["segment", "customers", "share_of_customers", "revenue", "net_profit",
    ...                             "share_of_profit", "prescription"])
    >>> ex = {"segment_summary": seg, "drains": pd.DataFrame({"customer_id": ["C1"], "net_profit": [-5.0]})}
    >>> out = write_html(d / "report.html", title="Demo", headline=pd.Series({"revenue": 100.0}),
    ...                  figures=figures, ex=ex, recon=pd.DataFrame({"status": ["ok"]}),
    ...                  assumptions=pd.DataFrame(), rejected=pd.DataFrame(), files=pd.DataFrame({"file": ["jan.csv"]}))
    >>> text = out.read_text(encoding="utf-8")
    >>> text.startswith("<!DOCTYPE html>"), text.count("<img"), "every total agrees to the cent" in text
    (True, 4, True)
    """
    imgs = {k: base64.b64encode(Path(p).read_bytes()).decode("ascii") for k, p in figures.items()}

    def fig(name, question):
        return (f'<figure><img alt="{name}" src="data:image/png;base64,{imgs[name]}">'
                f'<figcaption>{html.escape(question)}</figcaption></figure>')

    seg = ex["segment_summary"][["segment", "customers", "share_of_customers", "revenue", "net_profit",
                                 "share_of_profit", "prescription"]]
    drains = ex["drains"]
    drain_cols = [c for c in drains.columns if not c.startswith("cost_") or c == "cost_to_serve"]
    head = headline.reset_index()
    head.columns = ["figure", "value"]
    bad = len(rejected)
    css = ("body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;color:#2c3e50}"
           "h1{font-size:26px}h2{font-size:20px;margin-top:36px;border-bottom:1px solid #ddd}"
           "img{max-width:100%}figcaption{font-style:italic;color:#555;margin:4px 0 18px}"
           "table.t{border-collapse:collapse;font-size:13px;margin:8px 0}"
           "table.t th,table.t td{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}"
           "table.t th{background:#f4f6f7}.ok{color:#1e8449}.bad{color:#c0392b;font-weight:bold}"
           "p.note{color:#555;font-size:13px}")
    status_ok = bool((recon["status"] == "ok").all())
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='note'>Generated {dt.datetime.now():%Y-%m-%d %H:%M} by casekit. "
        f"Reconciliation: <span class='{'ok' if status_ok else 'bad'}'>"
        f"{'every total agrees to the cent' if status_ok else 'MISMATCH - see the table below'}</span>; "
        f"{bad} row{'s' if bad != 1 else ''} set aside (rejected_rows.csv).</p>",
        "<h2>Headline</h2>", _table_html(head),
        "<h2>Whale curve</h2>", fig("whale_curve", "How much of the profit do the best customers earn, and how "
                                                  "much do the rest give back?"),
        "<h2>Profit map</h2>", fig("profit_map", "Where, customer by product, is the red ink?"),
        "<h2>Segments</h2>", fig("segments", "Which large accounts are Profit Drains, and how many customers "
                                             "are Deserts?"),
        _table_html(seg),
        "<h2>Top Profit Drains and their levers</h2>",
        "<p class='note'>A lever is an activity where the customer costs more per dollar of revenue than the "
        "business average; the dollar figure is the excess.</p>",
        _table_html(drains[drain_cols]),
        "<h2>Pocket price waterfall</h2>", fig("price_waterfall", "How much of list price reaches the pocket?"),
        *(_capacity_html(capacity) if capacity is not None else []),
        "<h2>Reconciliation</h2>", _table_html(recon),
        "<h2>Files read</h2>", _table_html(files),
        "<h2>Assumptions (fields the client data lacked)</h2>",
        _table_html(assumptions) if len(assumptions) else "<p>None: every field came from the client's files.</p>",
    ]
    text = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{css}</style></head><body>{''.join(body)}</body></html>")
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# The whole path
# --------------------------------------------------------------------------

def _capacity_html(capacity: pd.DataFrame) -> list[str]:
    unused = float(capacity["cost_unused"].sum())
    shown = capacity.copy()
    for col in ("capacity_minutes", "used_minutes", "unused_minutes"):
        shown[col] = shown[col].map("{:,.0f}".format)
    shown["utilisation"] = shown["utilisation"].map("{:.0%}".format)
    return ["<h2>Capacity (time-driven)</h2>",
            "<p class='note'>Minutes the period's orders used in each department against its practical capacity "
            f"(Kaplan &amp; Anderson). Unused capacity costs ${unused:,.0f}; it is shown here, not spread over "
            "customers.</p>",
            _table_html(shown)]


def analyze(lines, *, customers=None, products=None, mapping=None, rates=None, time_driven=None,
            out="casekit_out", anonymize_key=None, pseudonyms_file=None, bad_rows="raise", date_range=None,
            title=None, progress=True, echo=print) -> dict:
    """Run the consultant's path: client files in, workbook, HTML report and figures out.

    Parameters
    ----------
    lines : str, Path or list
        Invoice-line files or folders (see :func:`casekit.client.read_lines`).
    customers, products : str or Path, optional
        Master files.
    mapping : dict or path, optional
        Column mapping (see :func:`casekit.client.read_mapping`).
    rates : RateCard, str or Path, optional
        The client's rate card (``casekit template rates.xlsx``); defaults otherwise.
    time_driven : TimeDrivenCard, str or Path, optional
        Time equations and department capacities (``casekit template
        --time-driven td.xlsx``).  Their activities are costed at minutes x
        capacity cost rate (the rate card keeps the others), and the workbook
        and report gain an unused-capacity table.
    out : str or Path
        Output folder (created).
    anonymize_key : bytes, optional
        Key for pseudonyms (see :mod:`casekit.client.anonymize`); when given,
        no original customer, product or rep key or name is written to ``out``.
    pseudonyms_file : str or Path, optional
        Where to write the table of originals and pseudonyms (keep it outside ``out``).
    bad_rows : {"raise", "report"}, default="raise"
        Stop on bad rows, or set them aside and list them.
    date_range : (date, date), optional
        Accepted invoice dates.
    title : str, optional
        Title of the report.
    progress : bool, default=True
        Show a tqdm progress bar over the steps (it appears after a second).
    echo : callable, default=print
        Where the reconciliation is printed (``None`` for silence).

    Returns
    -------
    dict
        Paths written (``workbook``, ``html``, ``reconciliation``, ``rejected``,
        ``figures``: name -> PNG), the frames ``pnl`` (customer x product P&L)
        and ``recon`` (:func:`reconcile`: ``measure``, ``read``, ``rejected``,
        ``accepted``, ``engine``, ``difference``, ``status``), ``capacity``
        (unused capacity per department, or ``None`` without a time-driven
        card) and ``timings`` (seconds per step).

    Examples
    --------
    The shipped practice export (``datasets/client_sample``), its bad rows set
    aside, written to a temporary folder:

    >>> import tempfile, pathlib
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import casekit
    >>> sample = pathlib.Path(casekit.__file__).parent / "data" / "client_sample"
    >>> res = analyze(sample / "invoices", customers=sample / "customers.xlsx", products=sample / "products.csv",
    ...               mapping=sample / "mapping.yaml", out=tempfile.mkdtemp(), bad_rows="report",
    ...               progress=False, echo=None)
    >>> res["workbook"].name, res["html"].name, res["html"].exists()
    ('profit_map.xlsx', 'report.html', True)
    >>> bool((res["recon"]["status"] == "ok").all()), sorted(res["figures"])
    (True, ['price_waterfall', 'profit_map', 'segments', 'whale_curve'])
    """
    from tqdm.auto import tqdm

    from casekit.costing.engine import cost_to_serve
    from casekit.costing.rates import RateCard
    from casekit.analysis.summary import headline, headline_table
    from casekit.costing.time_driven import TimeDrivenCard

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    card = rates if isinstance(rates, RateCard) else (RateCard.read(rates) if rates is not None else RateCard.default())
    timed = None
    if time_driven is not None:
        timed = time_driven if isinstance(time_driven, TimeDrivenCard) else TimeDrivenCard.read(time_driven)
        card = timed.rate_card(card)
    timings = {}
    steps = ["read files", "check and build tables", "cost to serve (engine)", "reconcile", "exhibits and figures",
             "workbook and report"]
    bar = tqdm(total=len(steps), desc="casekit analyze", unit="step", delay=1.0, disable=not progress)

    def step(i):
        bar.set_postfix_str(steps[i])
        timings[steps[i]] = time.perf_counter()

    def done(i):
        timings[steps[i]] = time.perf_counter() - timings[steps[i]]
        bar.update(1)

    try:
        step(0)
        cl = read_lines(lines, mapping=mapping)
        cm = read_customers(customers, mapping=mapping) if customers is not None else None
        pm = read_products(products, mapping=mapping) if products is not None else None
        done(0)
        step(1)
        data = build_tables(cl, customers=cm, products=pm, bad_rows=bad_rows, date_range=date_range, rates=card)
        done(1)
        try:
            step(2)
            pnl = cost_to_serve(data.tables, card, by=["customer_id", "product_id"])
            capacity = timed.unused_capacity(pnl) if timed is not None else None
            done(2)
            step(3)
            recon = reconcile(data, pnl)
            recon.to_csv(out / OUTPUTS["reconciliation"], index=False)
            done(3)
        finally:
            data.close()
        customers_t, products_t, rejected = data.customers, data.products, data.rejected
        if anonymize_key is not None:
            from casekit.client.anonymize import anonymize_frames

            pnl, customers_t, products_t, rejected, table = anonymize_frames(
                anonymize_key, pnl=pnl, customers=customers_t, products=products_t, rejected=rejected)
            if pseudonyms_file is not None:
                Path(pseudonyms_file).parent.mkdir(parents=True, exist_ok=True)
                table.to_csv(pseudonyms_file, index=False)
        rejected.to_csv(out / OUTPUTS["rejected"], index=False)
        step(4)
        pnl_named = pnl.copy(deep=False)  # copy-on-write: changes stay out of pnl
        pnl_named.attrs = dict(pnl.attrs)
        ex = _exhibits(pnl_named, customers_t)
        figures = _figures(ex, out / "figures")
        head = headline_table(headline(pnl_named))
        done(4)
        step(5)
        cxp, n_pairs = _customer_x_product(pnl_named, customers_t, products_t, out / "customer_x_product.csv",
                                           sheet_rows=MAX_SHEET_ROWS)
        _write_csv(ex["customers"], out / "customer_pnl.csv")
        cxp_note = ""
        if n_pairs > MAX_SHEET_ROWS:  # Excel holds ~1 M rows and openpyxl is slow long before that
            cxp_note = (f"customer x product: the {MAX_SHEET_ROWS:,} biggest losses of {n_pairs:,} pairs; "
                        f"all pairs are in customer_x_product.csv; every sheet holds at most {MAX_SHEET_ROWS:,} rows "
                        f"(customer_pnl.csv has every customer)")
        whale = ex["whale"].copy()
        unalloc = pd.DataFrame(pnl.attrs.get("unallocated", {}))
        mapping_used = cl.describe().T.reset_index()
        mapping_used.columns = ["field"] + [f"file {i + 1}" for i in range(len(mapping_used.columns) - 1)]
        sheets = {
            "read me": pd.DataFrame({"item": ["title", "generated", "lines read", "rows set aside", "rate card",
                                              "time-driven card", "anonymised", "note", "sheet sizes"],
                                     "value": [title or "Client profit map", f"{dt.datetime.now():%Y-%m-%d %H:%M}",
                                               str(int(recon.iloc[0]["read"])), str(len(rejected)),
                                               str(rates) if rates is not None and not isinstance(rates, RateCard)
                                               else "casekit defaults",
                                               "none" if timed is None else (
                                                   "given as data" if isinstance(time_driven, TimeDrivenCard)
                                                   else str(time_driven)),
                                               "yes" if anonymize_key is not None else "no",
                                               recon.attrs.get("note", ""), cxp_note or "complete"]}),
            "headline": head.reset_index().rename(columns={"index": "figure"}),
            "customer P&L": ex["customers"],
            "customer x product": cxp,
            "segments": ex["segment_summary"],
            "segment members": ex["segments"],
            "whale curve": whale,
            "top drains": ex["drains"],
            "reconciliation": recon,
            "rejected rows": rejected,
            "files read": data.files,
            "mapping used": mapping_used,
            "assumptions": data.assumptions,
            "rates": card.table,
            "unallocated cost": unalloc,
        }
        if capacity is not None:
            sheets["unused capacity"] = capacity
            sheets["time equations"] = timed.times
            sheets["departments"] = timed.resources
        workbook = write_workbook(out / OUTPUTS["workbook"], sheets)
        report = write_html(out / OUTPUTS["html"], title=title or "Client profit map", headline=head,
                            figures=figures, ex=ex, recon=recon, assumptions=data.assumptions, rejected=rejected,
                            files=data.files, capacity=capacity)
        done(5)
    finally:
        bar.close()
    if echo is not None:
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            echo("Reconciliation (read = rejected + accepted; accepted vs engine to the cent):")
            echo(recon.to_string(index=False))
            if len(rejected):
                echo(f"{len(rejected)} rows set aside: see {out / OUTPUTS['rejected']}")
    return {"workbook": workbook, "html": report, "reconciliation": out / OUTPUTS["reconciliation"],
            "rejected": out / OUTPUTS["rejected"], "figures": figures, "pnl": pnl, "recon": recon,
            "capacity": capacity, "timings": timings}
