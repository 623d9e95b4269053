"""The report a consultant hands over, run on an SAP-style euro export with thin margins and no list prices."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from casekit.cli import main
from casekit.client.read_first import read_first

sys.path.insert(0, str(Path(__file__).parent))
from sap_export import write_sap_export


@pytest.fixture(scope="module")
def sap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sap")
    totals = write_sap_export(folder)
    code = main(["analyze", str(totals["path"]), "--out", str(folder / "report"), "--quiet"])
    return code, folder / "report", totals


def test_sap_export_reconciles_to_the_cent(sap):
    code, out, totals = sap
    assert code == 0
    rec = pd.read_csv(out / "reconciliation.csv", dtype=str).set_index("measure")
    assert int(rec.loc["invoice lines (rows)", "read"]) == totals["rows"]
    assert Decimal(rec.loc["cases shipped", "engine"]) == totals["cases"]
    assert Decimal(rec.loc["net sales (EUR, sales lines)", "engine"]) == totals["sales"]
    assert Decimal(rec.loc["returns credited (EUR, return lines)", "engine"]) == totals["credits"]
    assert not any("$" in m for m in rec.index)


def test_workbook_opens_with_read_this_first_currency_and_number_formats(sap):
    _, out, _ = sap
    wb = openpyxl.load_workbook(out / "profit_map.xlsx")
    assert wb.sheetnames[0] == "read this first"
    first = wb["read this first"]
    assert [c.value for c in first[1]] == ["Flag", "Finding", "What to check"]
    flags = [r[0].value for r in first.iter_rows(min_row=2)]
    assert {"default rates", "losers", "total profit", "price_waterfall left out"} <= set(flags)
    assert "casekit template rates.xlsx" in " ".join(str(r[2].value) for r in first.iter_rows(min_row=2))
    pnl = wb["customer P&L"]
    headers = [c.value for c in pnl[1]]
    assert "Net profit (EUR)" in headers and "Customer" in headers and "net_profit" not in headers
    money = pnl.cell(row=2, column=headers.index("Net profit (EUR)") + 1)
    assert "€" in money.number_format and money.number_format.startswith('"€"#,##0.00')
    pct = pnl.cell(row=2, column=headers.index("Net margin (%)") + 1)
    assert "%" in pct.number_format
    lines = pnl.cell(row=2, column=headers.index("Lines") + 1)
    assert lines.number_format == "#,##0"
    head = {r[0].value: r[1] for r in wb["headline"].iter_rows(min_row=2)}
    assert isinstance(head["accounts"].value, int) and head["accounts"].number_format == "#,##0"
    assert "€" in head["revenue (EUR)"].number_format
    assert str(head["whale curve peak (%)"].value).startswith("n/a")
    # No dollar sign and no NaN anywhere a reader looks (the rate card keeps its own units).
    for ws in wb.worksheets:
        if ws.title == "rates":
            continue
        for row in ws.iter_rows():
            for c in row:
                assert "$" not in str(c.value or ""), (ws.title, c.coordinate, c.value)
                assert str(c.value).lower() != "nan", (ws.title, c.coordinate)
                assert "$" not in c.number_format, (ws.title, c.coordinate)


def test_html_report_shows_currency_warnings_and_honest_exhibits(sap):
    _, out, _ = sap
    html = (out / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert "Read this first" in text and "casekit template rates.xlsx" in text
    assert "lose money after cost to serve" in text
    assert "$" not in text and "€" in text and "Amounts in EUR" in text
    assert not re.search(r">\s*(nan|NaN)\s*<", text)
    assert "n/a" in text                       # shares of a total loss are said to be undefined
    assert "price waterfall is left out" in text and html.count("<img") == 3
    assert not (out / "figures" / "price_waterfall.png").exists()
    assert "snake" not in text and "<th>net_profit</th>" not in text and "Net profit (EUR)" in text
    assert re.search(r"<td>87</td>", text)   # counts are whole numbers, not 87.00


def test_csvs_hold_money_to_the_cent(sap):
    _, out, _ = sap
    from casekit.client.presentation import column_kind

    raw = pd.read_csv(out / "customer_pnl.csv", dtype=str)
    money = [c for c in raw.columns if column_kind(c) == "money"]
    assert "net_profit" in money and "cost_delivery" in money
    for c in money:
        assert raw[c].str.fullmatch(r"-?\d+(\.\d{1,2})?").all(), c
    assert raw["lines"].str.fullmatch(r"\d+").all()


def test_customer_x_product_holds_cents_that_add_up_to_each_customer(sap):
    _, out, _ = sap
    from decimal import Decimal

    from casekit.client.presentation import column_kind

    pairs = pd.read_csv(out / "customer_x_product.csv", dtype=str)
    customers = pd.read_csv(out / "customer_pnl.csv", dtype=str).set_index("customer_id")
    money = [c for c in pairs.columns if column_kind(c) == "money" and c in customers.columns]
    assert "net_profit" in money and "revenue" in money
    for c in money:
        assert pairs[c].str.fullmatch(r"-?\d+(\.\d{1,2})?").all(), c
        sums = pairs.groupby("customer_id")[c].apply(lambda s: sum(Decimal(v) for v in s))
        assert all(sums[k] == Decimal(customers.loc[k, c]) for k in sums.index), c


def test_figures_speak_the_currency(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from casekit import cost_to_serve, make_company
    from casekit.analysis.profitability import whale_curve
    from casekit.client.exhibits import _in_currency
    from casekit.plots import plot_whale_curve

    fig, ax = plt.subplots()
    plot_whale_curve(whale_curve(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))), ax=ax)
    _in_currency(fig, "EUR")
    fig.canvas.draw()
    texts = [ax.get_title(), ax.get_ylabel(), *[t.get_text() for t in ax.get_yticklabels()]]
    assert not any("$" in t for t in texts)
    plt.close(fig)


def test_positive_profit_raises_no_implausibility_flag():
    h = pd.Series({"net_profit": 2_000_000.0, "accounts": 100.0, "accounts_losing": 30.0,
                   "accounts_losing_pct": 30.0, "cost_to_serve_pct": 12.0})
    first = read_first(h, currency="EUR", default_rates=False)
    assert first["flag"].tolist() == ["none"]
    flagged = read_first(h.replace({30.0: 61.0}), currency="EUR")
    assert flagged["flag"].tolist() == ["losers"]
