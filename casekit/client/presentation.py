"""How the deliverables show numbers: the client's currency, human headers, finance number formats.

casekit computes in plain numbers; a consultant hands the client a workbook
and a report in the client's currency (``EUR``, not ``$``), with headers a
finance reader knows (``Net profit (EUR)``, not ``net_profit``), money to the
cent, percentages as percentages and counts as whole numbers.  The CSVs keep
casekit's column names (they are for machines) with money rounded to the cent.
"""

from __future__ import annotations

import math
import re

import pandas as pd

__all__ = ["currency_symbol", "relabel", "column_kind", "header", "field_name", "excel_format", "show",
           "round_money", "human_frame", "headline_table", "honest_shares"]

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "KRW": "₩"}

# Columns whose values are money, percent (already x100) or counts, by exact name or pattern.
_MONEY = {"revenue", "gross_sales", "on_invoice_discounts", "cogs", "gross_margin", "cost_to_serve", "net_profit",
          "cumulative_profit", "value_per_case", "cost", "cost_used", "cost_unused", "cost_supplied",
          "cost_per_minute", "allowances", "pocket_price", "list_price", "invoice_price", "net_amount",
          "gross_amount", "allowance_amount", "cost_amount", "cost_per_year", "driver_total_cost"}
_COUNT = {"customers", "rows", "rejected", "accepted", "rank", "lines", "orders", "deliveries", "file_row",
          "capacity_minutes", "used_minutes", "unused_minutes", "n"}
_NUMBER = {"cases", "returned_cases", "quantity", "driver_total"}
_HEADERS = {
    "customer_id": "Customer", "customer_name": "Customer name", "product_id": "Product",
    "product_name": "Product name", "channel_of_trade": "Channel of trade", "rep_id": "Sales rep",
    "net_margin_pct": "Net margin (%)", "cost_to_serve_pct": "Cost to serve (% of revenue)",
    "cumulative_profit_pct": "Cumulative profit (% of total)", "share_of_customer_id": "Share of customers (%)",
    "share_of_product_id": "Share of products (%)", "cogs": "Cost of goods sold", "file_row": "Row in file",
    "utilisation": "Utilisation (%)", "on_invoice_discounts": "On-invoice discounts",
}


def currency_symbol(code) -> str:
    """Return the sign amounts carry: ``'€'`` for EUR, ``'$'`` for USD or no currency, else the code.

    Examples
    --------
    >>> currency_symbol("EUR"), currency_symbol(None), currency_symbol("CHF")
    ('€', '$', 'CHF ')
    """
    if code is None or str(code).strip() in ("", "$"):
        return "$"
    code = str(code).strip().upper()
    return _SYMBOLS.get(code, code + " ")


def relabel(text: str, currency) -> str:
    """Put the currency code where a casekit label says ``$`` (``'revenue ($M)'`` -> ``'revenue (EUR M)'``).

    Without a currency the label is unchanged.

    Examples
    --------
    >>> relabel("net sales ($, sales lines)", "EUR"), relabel("revenue ($M)", "EUR")
    ('net sales (EUR, sales lines)', 'revenue (EUR M)')
    >>> relabel("delivery (+$1,234)", "EUR"), relabel("revenue ($M)", None)
    ('delivery (+€1,234)', 'revenue ($M)')
    """
    if currency is None or str(currency).strip() in ("", "$"):
        return text
    code = str(currency).strip().upper()
    text = re.sub(r"\(\$M\)", f"({code} M)", text)
    text = re.sub(r"\$(?=-?\d)", currency_symbol(code).strip() if len(code) == 3 and code in _SYMBOLS
                  else code + " ", text)
    return text.replace("$", code)


def column_kind(name: str) -> str:
    """Say what a column holds: ``money``, ``percent`` (x100), ``fraction``, ``count``, ``number`` or ``text``.

    Examples
    --------
    >>> [column_kind(c) for c in ("net_profit", "cost_picking", "net_margin_pct", "customers", "cases", "segment")]
    ['money', 'money', 'percent', 'count', 'number', 'text']
    """
    name = str(name)
    if name == "utilisation":
        return "fraction"
    if name.endswith("_pct") or name.startswith("share_of_"):
        return "percent"
    if name in _MONEY or (name.startswith("cost_") and not name.endswith("_minutes")):
        return "money"
    if name in _COUNT:
        return "count"
    if name in _NUMBER:
        return "number"
    return "text"


def header(name: str, currency=None) -> str:
    """Return the header a finance reader expects: ``net_profit`` -> ``'Net profit (EUR)'``.

    :func:`field_name` turns it back.

    Examples
    --------
    >>> header("net_profit", "EUR"), header("cost_order_handling", "EUR"), header("share_of_revenue")
    ('Net profit (EUR)', 'Cost: order handling (EUR)', 'Share of revenue (%)')
    >>> header("customer_id"), header("segment")
    ('Customer', 'Segment')
    """
    name = str(name)
    kind = column_kind(name)
    if name in _HEADERS:
        text = _HEADERS[name]
    elif name.startswith("cost_") and name not in ("cost_to_serve",) and kind == "money":
        text = "Cost: " + name.removeprefix("cost_").replace("_", " ")
    else:
        text = name.replace("_", " ")
        text = text[:1].upper() + text[1:]
    if kind == "money":
        text += f" ({str(currency).strip().upper() if currency and str(currency).strip() != '$' else '$'})"
    elif kind == "percent" and "%" not in text:
        text += " (%)"
    return text


def field_name(text: str) -> str:
    """Turn a header written by :func:`header` back into casekit's column name.

    Examples
    --------
    >>> [field_name(header(c, "EUR")) for c in ("net_profit", "cost_picking", "customer_id", "share_of_revenue")]
    ['net_profit', 'cost_picking', 'customer_id', 'share_of_revenue']
    """
    base = re.sub(r" \([^()]*\)$", "", str(text))
    for name, shown in _HEADERS.items():
        if shown in (text, base):
            return name
    if base.startswith("Cost: "):
        return "cost_" + base.removeprefix("Cost: ").replace(" ", "_")
    return base.lower().replace(" ", "_")


def excel_format(kind: str, currency=None) -> str | None:
    """Return the Excel number format of a column kind (``None``: leave General).

    Examples
    --------
    >>> excel_format("money", "EUR"), excel_format("count"), excel_format("percent")
    ('"€"#,##0.00;[Red]-"€"#,##0.00', '#,##0', '0.0" %"')
    """
    sign = currency_symbol(currency).strip()
    return {"money": f'"{sign}"#,##0.00;[Red]-"{sign}"#,##0.00', "percent": '0.0" %"', "fraction": "0.0%",
            "count": "#,##0", "number": "#,##0.##"}.get(kind)


def show(value, kind: str, currency=None) -> str:
    """Write one value as the report shows it: money to the cent with its sign, counts whole, NA empty.

    Examples
    --------
    >>> show(-1234.5, "money", "EUR"), show(120.0, "count"), show(35.25, "percent"), show("Core", "text")
    ('-€1,234.50', '120', '35.2 %', 'Core')
    """
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, str) or kind == "text":
        if isinstance(value, float):
            return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
        return str(value)
    v = float(value)
    if kind == "money":
        sign = currency_symbol(currency)
        return f"-{sign}{abs(v):,.2f}" if v < 0 else f"{sign}{v:,.2f}"
    if kind == "percent":
        return f"{v:.1f} %"
    if kind == "fraction":
        return f"{v:.0%}"
    if kind == "count" or (kind == "number" and v.is_integer()):
        return f"{v:,.0f}"
    return f"{v:,.2f}"


def round_money(frame: pd.DataFrame) -> pd.DataFrame:
    """Round money columns to the cent and make whole-number count columns integers (for CSVs).

    Examples
    --------
    >>> f = round_money(pd.DataFrame({"revenue": [10522.220000000001], "customers": [3.0]}))
    >>> f["revenue"].tolist(), f["customers"].dtype.kind
    ([10522.22], 'i')
    """
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    for c in out.columns:
        kind = column_kind(c)
        if not pd.api.types.is_float_dtype(out[c]):
            continue
        if kind == "money":
            out[c] = out[c].round(2)
        elif kind in ("percent", "number"):
            out[c] = out[c].round(4)
        if kind in ("count", "number") and out[c].notna().all() and \
                all(math.isfinite(v) and float(v).is_integer() for v in out[c]):
            out[c] = out[c].astype("int64")
    return out


def human_frame(frame: pd.DataFrame, currency=None) -> pd.DataFrame:
    """Rename a frame's columns with :func:`header` (values untouched).

    Examples
    --------
    >>> human_frame(pd.DataFrame({"customer_id": ["C1"], "net_profit": [1.0]}), "EUR").columns.tolist()
    ['Customer', 'Net profit (EUR)']
    """
    out = frame.rename(columns={c: header(c, currency) for c in frame.columns})
    out.attrs = {"kinds": {header(c, currency): column_kind(c) for c in frame.columns}}
    return out


# The headline's machine keys, in the words and kinds a finance reader expects.
_HEADLINE_ROWS = {
    "revenue": ("revenue", "money"), "gross_margin": ("gross margin", "money"),
    "cost_to_serve": ("cost to serve", "money"), "net_profit": ("net profit", "money"),
    "accounts": ("accounts", "count"), "accounts_losing": ("accounts losing money", "count"),
    "accounts_losing_pct": ("accounts losing money (%)", "percent"),
    "top_share_profit_pct": ("profit earned by the top {top:.0%} of accounts (%)", "percent"),
    "whale_peak_pct": ("whale curve peak (%)", "percent"),
    "logistics_cost_pct": ("logistics cost (% of revenue)", "percent"),
    "cost_to_serve_pct": ("cost to serve (% of revenue)", "percent"),
}


def headline_table(headline: pd.Series, currency=None, *, whale=None) -> pd.DataFrame:
    """Turn casekit's headline into rows a finance reader takes in: full amounts in the currency, no NaN.

    Amounts are shown to the cent; a share of profit that is undefined (total
    profit zero or a loss) says so instead of showing NaN, and the whale
    curve's peak is then given in money.

    Parameters
    ----------
    headline : pandas.Series
        :func:`casekit.analysis.summary.headline` (machine-readable keys).
    currency : str, optional
        Currency of the amounts.
    whale : pandas.DataFrame, optional
        :func:`casekit.whale_curve` (its ``attrs``: the peak in money).

    Returns
    -------
    pandas.DataFrame
        ``figure``, ``value`` (a number, or text where undefined); ``attrs["row_kinds"]``
        gives each row's kind (money, percent, count).

    Examples
    --------
    >>> h = pd.Series({"revenue": 1_500_000.004, "accounts": 120.0, "whale_peak_pct": float("nan")})
    >>> t = headline_table(h, "EUR")
    >>> t["figure"].tolist(), t["value"].tolist()[:2], t.attrs["row_kinds"]
    (['revenue (EUR)', 'accounts', 'whale curve peak (%)'], [1500000.0, 120], ['money', 'count', 'percent'])
    >>> t["value"].iloc[2]
    'n/a: total net profit is zero or a loss'
    """
    figures, values, kinds = [], [], []
    code = str(currency).upper() if currency and str(currency).strip() != "$" else "$"
    top = headline.attrs.get("top_share", 0.2)
    for key, v in headline.items():
        label, kind = _HEADLINE_ROWS.get(str(key), (str(key), "count"))
        label = label.format(top=top)
        if kind == "money":
            figures.append(f"{label} ({code})")
            values.append(round(float(v), 2))
        elif kind == "percent":
            figures.append(label)
            values.append(float(v) if pd.notna(v) else "n/a: total net profit is zero or a loss")
        else:
            figures.append(label)
            values.append(int(v) if pd.notna(v) and float(v).is_integer() else v)
        kinds.append(kind)
    if whale is not None and whale.attrs.get("nonpositive_total"):
        figures.append(f"whale curve peak ({code}): profit of the accounts that earn it")
        values.append(float(whale.attrs["peak_profit"]))
        kinds.append("money")
        figures.append("whale curve peak: share of accounts (%)")
        values.append(float(whale.attrs["peak_share"]))
        kinds.append("percent")
    out = pd.DataFrame({"figure": figures, "value": pd.Series(values, dtype=object)})
    out.attrs["row_kinds"] = kinds
    return out


def honest_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Replace undefined shares of profit (NaN when total profit is zero or a loss) by a short text.

    Examples
    --------
    >>> f = honest_shares(pd.DataFrame({"segment": ["Peak"], "share_of_profit": [float("nan")]}))
    >>> f["share_of_profit"].tolist()
    ['n/a (total profit <= 0)']
    """
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    for c in out.columns:
        if c == "share_of_profit" or c == "cumulative_profit_pct":
            if out[c].isna().all() and len(out):
                out[c] = "n/a (total profit <= 0)"
    return out
