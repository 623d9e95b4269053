"""Write the client deliverables: the workbook, the offline HTML report, the full tables as CSV.

The HTML report is a Jinja2 template shipped inside the package
(``templates/report.html.j2``, autoescaped); its figures are embedded, so
the file opens offline.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jinja2
import pandas as pd

__all__ = ["write_workbook", "write_html", "write_csv", "write_customer_x_product", "OUTPUTS", "MAX_SHEET_ROWS"]

MAX_SHEET_ROWS = 5_000  # per sheet; the full tables are written as CSV beside the workbook

OUTPUTS = {
    "workbook": "profit_map.xlsx",
    "html": "report.html",
    "reconciliation": "reconciliation.csv",
    "rejected": "rejected_rows.csv",
}


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


def write_csv(frame: pd.DataFrame, path) -> None:
    """Write a large frame as CSV with pyarrow (many times faster than pandas).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_csv(pd.DataFrame({"segment": pd.Categorical(["Core"]), "net_profit": [1.5]}), p)
    >>> p.read_text().splitlines()
    ['"segment","net_profit"', '"Core",1.5']
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    f = frame.copy()
    f.attrs = {}
    for c in f.columns:
        if isinstance(f[c].dtype, pd.CategoricalDtype):
            f[c] = f[c].astype(str)
    pcsv.write_csv(pa.Table.from_pandas(f, preserve_index=False), path)


def write_customer_x_product(pnl: pd.DataFrame, customers: pd.DataFrame, products: pd.DataFrame, path, *,
                        sheet_rows: int) -> tuple[pd.DataFrame, int]:
    """Write every customer x product pair, names joined, biggest losses first.

    DuckDB joins and sorts, and the rows stream batch by batch into
    pyarrow's CSV writer, so a client's millions of pairs never exist twice in
    pandas; only the first ``sheet_rows`` come back, for the workbook.

    Returns
    -------
    (pandas.DataFrame, int)
        The first ``sheet_rows`` pairs and the number of pairs.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pnl = pd.DataFrame({"customer_id": ["C1", "C1"], "product_id": ["P1", "P2"], "net_profit": [3.0, -2.0]})
    >>> names_c = pd.DataFrame({"customer_id": ["C1"], "customer_name": ["Acme"]})
    >>> names_p = pd.DataFrame({"product_id": ["P1", "P2"], "product_name": ["Oats", "Rye"]})
    >>> top, n = write_customer_x_product(pnl, names_c, names_p, pathlib.Path(tempfile.mkdtemp()) / "cxp.csv",
    ...                                   sheet_rows=1)
    >>> top[["product_name", "net_profit"]].to_dict("records"), n
    ([{'product_name': 'Rye', 'net_profit': -2.0}], 2)
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


_FIGURES = {
    "whale_curve": "How much of the profit do the best customers earn, and how much do the rest give back?",
    "profit_map": "Where, customer by product, is the red ink?",
    "segments": "Which large accounts are Profit Drains, and how many customers are Deserts?",
    "price_waterfall": "How much of list price reaches the pocket?",
}


def _cell(v) -> str:
    """A value as the report shows it (what ``DataFrame.to_html`` showed: floats to the cent, empty for NA)."""
    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        return f"{v:,.2f}"
    return str(v)


@dataclasses.dataclass(frozen=True)
class _Table:
    columns: list
    rows: list


def _table(frame: pd.DataFrame, *, max_rows: int = 20) -> _Table:
    f = _excel_safe(frame).head(max_rows)
    return _Table(columns=[str(c) for c in f.columns],
                  rows=[[_cell(v) for v in row] for row in f.itertuples(index=False, name=None)])


def _template() -> jinja2.Template:
    text = resources.files("casekit.client").joinpath("templates", "report.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             keep_trailing_newline=True)
    return env.from_string(text)


def write_html(path, *, title: str, headline: pd.Series, figures: dict, segment_summary: pd.DataFrame,
               drains: pd.DataFrame, recon: pd.DataFrame, assumptions: pd.DataFrame, rejected: pd.DataFrame,
               files: pd.DataFrame, capacity: pd.DataFrame | None = None) -> Path:
    """Write the report as one HTML file with its figures embedded (opens offline).

    Used by :func:`casekit.client.analyze`, which passes what it computed.

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
    segment_summary : pandas.DataFrame
        Columns ``segment``, ``customers``, ``share_of_customers``,
        ``revenue``, ``net_profit``, ``share_of_profit``, ``prescription``.
    drains : pandas.DataFrame
        :func:`casekit.client.top_drains` (its ``cost_<activity>`` columns are
        left out).
    recon : pandas.DataFrame
        :func:`casekit.client.reconcile` (its ``status`` column says whether totals agree).
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
    >>> drains = pd.DataFrame({"customer_id": ["C1"], "customer_name": ["<Acme & Co>"], "net_profit": [-5.0]})
    >>> out = write_html(d / "report.html", title="Demo", headline=pd.Series({"revenue": 100.0}),
    ...                  figures=figures, segment_summary=seg, drains=drains, recon=pd.DataFrame({"status": ["ok"]}),
    ...                  assumptions=pd.DataFrame(), rejected=pd.DataFrame(), files=pd.DataFrame({"file": ["jan.csv"]}))
    >>> text = out.read_text(encoding="utf-8")
    >>> text.startswith("<!DOCTYPE html>"), text.count("<img"), "every total agrees to the cent" in text
    (True, 4, True)
    >>> "&lt;Acme &amp; Co&gt;" in text, "<td>-5.00</td>" in text
    (True, True)
    """
    seg = segment_summary[["segment", "customers", "share_of_customers", "revenue", "net_profit",
                           "share_of_profit", "prescription"]]
    drain_cols = [c for c in drains.columns if not c.startswith("cost_") or c == "cost_to_serve"]
    head = headline.reset_index()
    head.columns = ["figure", "value"]
    shown, unused = None, None
    if capacity is not None:
        unused = f"${float(capacity['cost_unused'].sum()):,.0f}"
        shown = capacity.copy()
        for col in ("capacity_minutes", "used_minutes", "unused_minutes"):
            shown[col] = shown[col].map("{:,.0f}".format)
        shown["utilisation"] = shown["utilisation"].map("{:.0%}".format)
    figs = {name: {"name": name, "question": question,
                   "png": base64.b64encode(Path(figures[name]).read_bytes()).decode("ascii")}
            for name, question in _FIGURES.items()}
    text = _template().render(
        title=title, generated=f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        reconciled=bool((recon["status"] == "ok").all()), set_aside=len(rejected),
        headline=_table(head), figures=figs, segments=_table(seg), drains=_table(drains[drain_cols]),
        capacity=None if shown is None else _table(shown), unused_capacity=unused,
        reconciliation=_table(recon), files=_table(files),
        assumptions=_table(assumptions),
    )
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
