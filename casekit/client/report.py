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

__all__ = ["write_workbook", "write_html", "write_csv", "OUTPUTS", "MAX_SHEET_ROWS"]

MAX_SHEET_ROWS = 1_000
"""Rows per sheet: what a person reads in a workbook; the full tables are written beside it (CSV, Parquet)."""

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


MACHINE_SHEETS = ("rejected rows", "files read", "mapping used", "assumptions", "rates", "unallocated cost",
                  "time equations", "departments")
"""Sheets written with casekit's column names: cards and lists a consultant may feed back to casekit."""


def write_workbook(path, sheets: dict, *, currency=None) -> Path:
    """Write named DataFrames to one workbook: human headers, finance number formats, header frozen.

    Each sheet holds at most ``MAX_SHEET_ROWS`` rows.  Outside
    :data:`MACHINE_SHEETS` the headers are written for a finance reader
    (:func:`casekit.client.presentation.header`) and every money, percent and
    count cell carries an Excel number format (money in ``currency``).  A
    frame whose ``attrs["row_kinds"]`` lists a kind per row (a headline, a
    reconciliation) gets its number cells formatted row by row.  Floats are
    rounded to the cent; categoricals and decimals are written as text and
    numbers.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write.
    sheets : dict of str to pandas.DataFrame
        Sheet name (cut to Excel's 31 characters) -> frame, in order.
    currency : str, optional
        Currency of the amounts (``$`` when omitted).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> import openpyxl
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "book.xlsx"
    >>> frame = pd.DataFrame({"customer_id": ["C1", "C2"], "net_profit": [1.234, -5.0]})
    >>> out = write_workbook(p, {"customer P&L": frame, "empty": pd.DataFrame({"a": []})}, currency="EUR")
    >>> sorted(pd.read_excel(out, sheet_name=None))
    ['customer P&L', 'empty']
    >>> pd.read_excel(out, sheet_name="customer P&L")["Net profit (EUR)"].tolist()
    [1.23, -5.0]
    >>> openpyxl.load_workbook(out)["customer P&L"]["B2"].number_format
    '"€"#,##0.00;[Red]-"€"#,##0.00'
    """
    from casekit.client.presentation import column_kind, excel_format, header

    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            row_kinds = list(frame.attrs.get("row_kinds", []))[:MAX_SHEET_ROWS]
            frame = _excel_safe(frame.head(MAX_SHEET_ROWS))
            num = frame.select_dtypes("float").columns
            frame[num] = frame[num].round(2)
            human = name not in MACHINE_SHEETS
            kinds = [column_kind(c) for c in frame.columns]
            if human:
                frame = frame.rename(columns={c: header(c, currency) for c in frame.columns})
            frame.to_excel(xl, sheet_name=name[:31], index=False)
            ws = xl.book[name[:31]]
            ws.freeze_panes = "A2"
            if human:
                # One format per column (or per row, for a frame that says so), looked up once.
                fmts = [excel_format(k, currency) for k in kinds]
                row_fmts = [excel_format(k, currency) for k in row_kinds]
                for j, col in enumerate(ws.iter_cols(min_row=2, max_row=ws.max_row)):
                    for i, cell in enumerate(col):
                        value = cell.value
                        if not isinstance(value, (int, float)) or isinstance(value, bool):
                            continue
                        fmt = row_fmts[i] if row_kinds else fmts[j]
                        if fmt is None and isinstance(value, float):
                            fmt = "#,##0" if float(value).is_integer() else "#,##0.00"
                        if fmt is not None:
                            cell.number_format = fmt
            for col in ws.iter_cols(min_row=1, max_row=min(ws.max_row, 50)):
                width = max(len(str(c.value)) if c.value is not None else 0 for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(max(9, width + 2), 60)
    return path


def write_csv(frame: pd.DataFrame, path) -> None:
    """Write a large frame as CSV with pyarrow (many times faster than pandas), money to the cent.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_csv(pd.DataFrame({"segment": pd.Categorical(["Core"]), "net_profit": [10522.220000000001]}), p)
    >>> p.read_text().splitlines()
    ['"segment","net_profit"', '"Core",10522.22']
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    from casekit.client.presentation import round_money

    f = round_money(frame)
    f.attrs = {}
    for c in f.columns:
        if isinstance(f[c].dtype, pd.CategoricalDtype):
            f[c] = f[c].astype(str)
    pcsv.write_csv(pa.Table.from_pandas(f, preserve_index=False), path)


_FIGURES = {
    "whale_curve": "How much of the profit do the best customers earn, and how much do the rest give back?",
    "profit_map": "Where, customer by product, is the red ink?",
    "segments": "Which large accounts are Profit Drains, and how many customers are Deserts?",
    "price_waterfall": "How much of list price reaches the pocket?",
}


@dataclasses.dataclass(frozen=True)
class _Table:
    columns: list
    rows: list
    left: list  # text columns, aligned left


def _table(frame: pd.DataFrame, *, currency=None, max_rows: int = 20) -> _Table:
    """A frame as the report shows it: human headers, money with its sign, counts whole, NA empty."""
    from casekit.client.presentation import column_kind, header, show

    row_kinds = list(frame.attrs.get("row_kinds", []))
    f = _excel_safe(frame).head(max_rows)
    kinds = [column_kind(c) for c in f.columns]
    rows = []
    for i, row in enumerate(f.itertuples(index=False, name=None)):
        rows.append([show(v, row_kinds[i] if row_kinds and not isinstance(v, str) else k, currency)
                     for v, k in zip(row, kinds)])
    return _Table(columns=[header(c, currency) for c in f.columns], rows=rows,
                  left=[k == "text" and not (row_kinds and c in ("value", "read", "accepted", "engine", "difference"))
                        for c, k in zip(f.columns, kinds)])


def _template() -> jinja2.Template:
    text = resources.files("casekit.client").joinpath("templates", "report.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             keep_trailing_newline=True)
    return env.from_string(text)


def write_html(path, *, title: str, headline: pd.DataFrame, figures: dict, segment_summary: pd.DataFrame,
               drains: pd.DataFrame, recon: pd.DataFrame, assumptions: pd.DataFrame, rejected: pd.DataFrame,
               files: pd.DataFrame, capacity: pd.DataFrame | None = None, currency=None,
               read_first: pd.DataFrame | None = None, skipped: dict | None = None) -> Path:
    """Write the report as one HTML file with its figures embedded (opens offline).

    Used by :func:`casekit.client.analyze`, which passes what it computed.

    Parameters
    ----------
    path : str or Path
        The ``.html`` file to write.
    title : str
        Title of the report.
    headline : pandas.DataFrame
        ``figure``, ``value``, with ``attrs["row_kinds"]`` (money, percent,
        count) per row (:func:`casekit.client.presentation.headline_table`).
    figures : dict of str to Path
        PNG files named ``whale_curve``, ``profit_map``, ``segments`` and
        ``price_waterfall`` (those drawn).
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
    currency : str, optional
        Currency of the amounts (``$`` when omitted).
    read_first : pandas.DataFrame, optional
        :func:`casekit.client.read_first.read_first`: the block that opens the report.
    skipped : dict of str to str, optional
        Exhibits left out, and why (a line in their place).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> figures = {n: d / f"{n}.png" for n in ("whale_curve", "profit_map", "segments")}
    >>> for f in figures.values():
    ...     _ = f.write_bytes(b"PNG")
    >>> seg = pd.DataFrame(columns=["segment", "customers", "share_of_customers", "revenue", "net_profit",
    ...                             "share_of_profit", "prescription"])
    >>> drains = pd.DataFrame({"customer_id": ["C1"], "customer_name": ["<Acme & Co>"], "net_profit": [-5.0]})
    >>> head = pd.DataFrame({"figure": ["revenue (EUR)", "accounts"], "value": [100.0, 3.0]})
    >>> head.attrs["row_kinds"] = ["money", "count"]
    >>> out = write_html(d / "report.html", title="Demo", headline=head, currency="EUR",
    ...                  figures=figures, segment_summary=seg, drains=drains, recon=pd.DataFrame({"status": ["ok"]}),
    ...                  assumptions=pd.DataFrame(), rejected=pd.DataFrame(), files=pd.DataFrame({"file": ["jan.csv"]}),
    ...                  skipped={"price_waterfall": "No price columns."})
    >>> text = out.read_text(encoding="utf-8")
    >>> text.startswith("<!DOCTYPE html>"), text.count("<img"), "every total agrees to the cent" in text
    (True, 3, True)
    >>> "&lt;Acme &amp; Co&gt;" in text, "<td>-€5.00</td>" in text, "<td>3</td>" in text, "No price columns." in text
    (True, True, True, True)
    """
    from casekit.client.presentation import currency_symbol

    seg = segment_summary[["segment", "customers", "share_of_customers", "revenue", "net_profit",
                           "share_of_profit", "prescription"]]
    drain_cols = [c for c in drains.columns if not c.startswith("cost_") or c == "cost_to_serve"]
    shown, unused = None, None
    if capacity is not None:
        unused = f"{currency_symbol(currency)}{float(capacity['cost_unused'].sum()):,.0f}"
        shown = capacity.copy()
    figs = {name: ({"name": name, "question": question,
                    "png": base64.b64encode(Path(figures[name]).read_bytes()).decode("ascii")}
                   if name in figures else None)
            for name, question in _FIGURES.items()}
    code = str(currency).upper() if currency else None
    text = _template().render(
        title=title, generated=f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        reconciled=bool((recon["status"] == "ok").all()), set_aside=len(rejected),
        currency=code or "$", money_word="dollar" if code in (None, "USD") else code,
        read_first=None if read_first is None else read_first.to_dict("records"),
        skipped=dict(skipped or {}),
        headline=_table(headline, currency=currency), figures=figs,
        segments=_table(seg, currency=currency), drains=_table(drains[drain_cols], currency=currency),
        capacity=None if shown is None else _table(shown, currency=currency), unused_capacity=unused,
        reconciliation=_table(recon, currency=currency), files=_table(files, currency=currency),
        assumptions=_table(assumptions, currency=currency),
    )
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
