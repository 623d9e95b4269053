"""A deliberately messy client export, for practice: ``datasets/client_sample/``.

The fictional distributor "Nordhafen Foods" exports three months of invoice
lines from its ERP the way real clients do: one semicolon CSV per month with
decimal commas and day-first dates, its own column names, credit notes as
separate lines, a customer master in Excel below a title block, a product
master as CSV, and a handful of bad rows (a totals line, text in a quantity,
a price of zero, a line exported twice, a customer missing from the master, a
negative quantity that is not a credit, a date typed with the wrong year).
The underlying business is casekit's own generator, so the profit map tells
a story.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["make_client_sample", "SAMPLE_PARAMS", "BAD_ROWS"]

SAMPLE_PARAMS = {"seed": 7, "n_customers": 45, "n_products": 60, "months": 3, "era": "precision"}
"""Generating parameters of the shipped sample (regenerates byte for byte, CSVs)."""

BAD_ROWS = {
    "totals line": "2025-01.csv, last row: 'Total' with no customer or product",
    "text in quantity": "2025-02.csv: quantity 'twelve'",
    "zero price": "2025-02.csv: net value 0,00",
    "duplicate": "2025-03.csv repeats a line of 2025-02.csv",
    "unknown customer": "2025-03.csv: customer 99999 is not in the customer master",
    "negative quantity": "2025-03.csv: quantity -4 on a normal invoice",
    "date out of range": "2025-01.csv: a date in 2052",
}
"""The bad rows planted in the sample, and where."""

_CHANNEL_WORDS = {"EDI": "EDI", "portal": "Web", "phone/fax": "Phone", "rep-taken": "Rep"}
_PICK_WORDS = {"full_pallet": "Pallet", "full_case": "Case", "split_case": "Each"}


def _de(x: float, decimals: int = 2) -> str:
    """1234.5 -> '1.234,50' (German number format)."""
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def _fix_zip_times(path: Path) -> None:
    """Rewrite an xlsx (a zip) with fixed times, so the same workbook gives the same bytes.

    openpyxl stamps the save time on every zip member and on the workbook's
    ``modified`` property, whatever the workbook says.
    """
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    stamp = b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2025-04-10T00:00:00Z</dcterms:modified>"
    members = [(info, re.sub(rb"<dcterms:modified [^>]*>[^<]*</dcterms:modified>", stamp, data)
                if info.filename == "docProps/core.xml" else data) for info, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 4, 10, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)


def make_client_sample(directory, *, seed: int = 7) -> dict:
    """Write the messy sample export into ``directory``.

    Parameters
    ----------
    directory : str or Path
        Folder to write ``invoices/2025-0M.csv``, ``customers.xlsx``,
        ``products.csv`` and ``mapping.yaml`` into.
    seed : int, default=7
        Pass an int for reproducible output across multiple function calls.

    Returns
    -------
    dict
        Paths written and the generating parameters.

    Examples
    --------
    >>> import tempfile
    >>> out = make_client_sample(tempfile.mkdtemp())
    >>> sorted(p.rsplit("/", 1)[-1] for p in out["files"])[:2]
    ['2025-01.csv', '2025-02.csv']
    """
    from casekit.case.company import make_company

    rng = np.random.default_rng(seed)
    params = {**SAMPLE_PARAMS, "seed": seed}
    co = make_company(era=params["era"], seed=seed, n_customers=params["n_customers"],
                      n_products=params["n_products"], months=params["months"])
    directory = Path(directory)
    inv = directory / "invoices"
    inv.mkdir(parents=True, exist_ok=True)
    cust_no = {c: str(10000 + 7 * i) for i, c in enumerate(co.customers["customer_id"].astype(str))}
    sku = {p: f"NF-{4000 + 3 * i}" for i, p in enumerate(co.products["product_id"].astype(str))}
    joined = co.lines.merge(co.orders, on="order_id")
    joined = joined.merge(co.products[["product_id", "cogs_per_case"]], on="product_id")
    joined["order_date"] = pd.to_datetime(joined["order_date"])
    rows = []
    for r in joined.itertuples():
        base = {
            "Invoice No": f"90{int(str(r.order_id)[1:]):06d}", "Inv Date": r.order_date.date(),
            "Sold-To": cust_no[str(r.customer_id)], "Material": sku[str(r.product_id)],
            "Qty (cases)": int(r.cases), "Gross Value": r.cases * r.list_price,
            "Net Value": r.cases * r.invoice_price, "Off-Invoice Allow.": r.cases * r.off_invoice_allowance,
            "Std Cost": r.cases * r.cogs_per_case, "Order Type": _CHANNEL_WORDS[str(r.order_channel)],
            "Shipment": f"SH{int(str(r.delivery_id)[1:]):06d}", "Express": "Y" if r.rush else "N",
            "Doc Type": "INV", "Curr": "EUR",
        }
        rows.append(base)
        if r.returned_cases > 0:
            rows.append({**base, "Invoice No": "CN" + base["Invoice No"][2:],
                         "Inv Date": r.order_date.date() + dt.timedelta(days=int(rng.integers(5, 20))),
                         "Qty (cases)": -int(r.returned_cases), "Gross Value": -r.returned_cases * r.list_price,
                         "Net Value": -r.returned_cases * r.invoice_price, "Off-Invoice Allow.": 0.0,
                         "Std Cost": -r.returned_cases * r.cogs_per_case, "Doc Type": "CRN", "Express": "N",
                         "Shipment": ""})
    frame = pd.DataFrame(rows)
    start = frame["Inv Date"].min()
    cut = (pd.Timestamp(start.year, start.month, 1) + pd.DateOffset(months=3)).date()
    frame = frame[frame["Inv Date"] < cut]
    frame["month"] = [f"{d.year}-{d.month:02d}" for d in frame["Inv Date"]]
    months = sorted(frame["month"].unique())[:3]
    files = []
    for k, month in enumerate(months):
        part = frame[frame["month"] == month].drop(columns="month").reset_index(drop=True)
        out = part.copy()
        out["Inv Date"] = [d.strftime("%d.%m.%Y") for d in part["Inv Date"]]
        for col in ("Gross Value", "Net Value", "Off-Invoice Allow.", "Std Cost"):
            out[col] = [_de(v) for v in part[col]]
        out["Qty (cases)"] = part["Qty (cases)"].astype(str)
        if k == 0:
            out.loc[5, "Inv Date"] = "14.01.2052"
            total = {c: "" for c in out.columns}
            total.update({"Invoice No": "Total", "Net Value": _de(part["Net Value"].sum())})
            out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
        if k == 1:
            out.loc[7, "Qty (cases)"] = "twelve"
            out.loc[11, "Net Value"] = "0,00"
            dup_source = out.loc[20].copy()
        if k == 2:
            out = pd.concat([out.iloc[:3], pd.DataFrame([dup_source]), out.iloc[3:]], ignore_index=True)
            out.loc[9, "Sold-To"] = "99999"
            i = int(np.flatnonzero(out["Doc Type"].to_numpy() == "INV")[12])
            out.loc[i, "Qty (cases)"] = "-4"
        path = inv / f"{month}.csv"
        text = "\n".join([";".join(out.columns)] + [";".join(str(v) for v in r) for r in out.itertuples(index=False)])
        path.write_bytes((text + "\n").encode("utf-8"))
        files.append(str(path))
    # customer master in Excel, under a title block
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["Nordhafen Foods GmbH - customer master"])
    ws.append([f"exported {start + dt.timedelta(days=100):%d.%m.%Y} from ERP, all active accounts"])
    ws.append([])
    ws.append(["Customer Number", "Customer Name", "Trade Channel", "Sales Region", "Account Manager",
               "Distance (km)", "Payment Terms (days)", "Visits per Year", "Preferred Order Type"])
    for c in co.customers.itertuples():
        ws.append([int(cust_no[str(c.customer_id)]), c.customer_name, str(c.channel_of_trade), str(c.region),
                   str(c.rep_id), float(c.distance_km), int(c.payment_terms_days), int(c.sales_calls_per_year),
                   _CHANNEL_WORDS[str(c.order_channel)]])
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 4, 10)
    cpath = directory / "customers.xlsx"
    wb.save(cpath)
    _fix_zip_times(cpath)
    files.append(str(cpath))
    prod = pd.DataFrame({
        "SKU": [sku[str(p)] for p in co.products["product_id"].astype(str)],
        "Description": co.products["product_name"].astype(str),
        "Brand": co.products["brand"].astype(str), "Category": co.products["category"].astype(str),
        "Handling": [_PICK_WORDS[str(p)] for p in co.products["pick_type"]],
        "Days Cover": co.products["days_of_supply"].astype(int),
    })
    ppath = directory / "products.csv"
    prod.to_csv(ppath, index=False, lineterminator="\n")
    files.append(str(ppath))
    mpath = directory / "mapping.yaml"
    mpath.write_text(
        "# Nordhafen Foods ERP export -> casekit fields (casekit field: client column)\n"
        "# Columns not listed here are recognised from their headers.\n"
        "lines:\n  net_amount: Net Value\n  gross_amount: Gross Value\n  allowance_amount: Off-Invoice Allow.\n"
        "  cost_amount: Std Cost\n  is_return: Doc Type\n  delivery_id: Shipment\n  rush: Express\n"
        "customers:\n  order_channel: Preferred Order Type\n  sales_calls_per_year: Visits per Year\n",
        encoding="utf-8")
    files.append(str(mpath))
    return {"files": files, "parameters": params, "bad_rows": BAD_ROWS}


if __name__ == "__main__":  # pragma: no cover
    import sys

    make_client_sample(sys.argv[1] if len(sys.argv) > 1 else "datasets/client_sample")
