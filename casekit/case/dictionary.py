"""The data dictionary: every column of every table, with type, unit and meaning."""

from __future__ import annotations

import pandas as pd

__all__ = ["DATA_DICTIONARY", "describe_table"]

_ROWS = [
    # customers
    ("customers", "customer_id", "category", "", "Account key (C0001...)."),
    ("customers", "customer_name", "string", "", "Fictional account name."),
    ("customers", "channel_of_trade", "category", "", "grocery, mass merchant, club, drug, convenience, distributor or e-commerce."),
    ("customers", "region", "category", "", "Sales region of the account."),
    ("customers", "rep_id", "category", "", "Sales rep who owns the account."),
    ("customers", "order_channel", "category", "", "How the account usually orders: EDI, portal, phone/fax or rep-taken."),
    ("customers", "distance_km", "float", "km", "Road distance from the distribution centre (one way)."),
    ("customers", "payment_terms_days", "int", "days", "Agreed payment terms (days sales outstanding)."),
    ("customers", "deliveries_per_week", "float", "drops/week", "Average deliveries the account takes a week over the period."),
    ("customers", "sales_calls_per_year", "int", "calls/year", "Field sales calls the account receives a year."),
    # products
    ("products", "product_id", "category", "", "SKU key (P0001...)."),
    ("products", "product_name", "string", "", "Brand, variant and pack."),
    ("products", "brand", "category", "", "Brand."),
    ("products", "category", "category", "", "Product category."),
    ("products", "pick_type", "category", "", "How the SKU is picked: full_pallet, full_case or split_case."),
    ("products", "cogs_per_case", "float", "$/case", "Cost of goods sold per case (plant gate)."),
    ("products", "list_price_per_case", "float", "$/case", "List price per case."),
    ("products", "cube_per_case", "float", "cu ft/case", "Volume of one case."),
    ("products", "weight_kg_per_case", "float", "kg/case", "Weight of one case."),
    ("products", "days_of_supply", "int", "days", "Average inventory held, in days of sales."),
    ("products", "is_niche", "bool", "", "True for long-tail SKUs added in the precision era."),
    ("products", "launch_id", "Int64", "", "Launch that introduced the SKU during the period (empty if established)."),
    ("products", "launch_date", "datetime", "", "Date the SKU went on sale during the period (empty if established)."),
    ("products", "launch_size", "category", "", "established, minor (flavour, pack, display) or major (new product line)."),
    ("products", "is_new", "bool", "", "True if launched during the period."),
    # orders
    ("orders", "order_id", "category", "", "Order key."),
    ("orders", "customer_id", "category", "", "Account that placed the order."),
    ("orders", "order_date", "datetime", "", "Date the order was placed."),
    ("orders", "order_channel", "category", "", "Channel this order came in by (rush orders often by phone)."),
    ("orders", "delivery_id", "category", "", "Delivery (drop) that carried the order; regular orders on the same day share one."),
    ("orders", "rush", "bool", "", "True if the order was expedited."),
    # lines
    ("lines", "line_id", "int", "", "Invoice line key."),
    ("lines", "order_id", "category", "", "Order the line belongs to."),
    ("lines", "product_id", "category", "", "SKU shipped."),
    ("lines", "cases", "int", "cases", "Cases shipped."),
    ("lines", "list_price", "float", "$/case", "List price per case."),
    ("lines", "on_invoice_discount", "float", "$/case", "Discount taken on the invoice, per case."),
    ("lines", "invoice_price", "float", "$/case", "list_price minus on_invoice_discount."),
    ("lines", "off_invoice_allowance", "float", "$/case", "Rebates and promotional allowances paid off the invoice, per case."),
    ("lines", "returned_cases", "int", "cases", "Cases later returned as unsaleable and credited."),
    # reps
    ("reps", "rep_id", "category", "", "Sales rep key."),
    ("reps", "rep_name", "string", "", "Fictional name."),
    ("reps", "region", "category", "", "Region the rep covers."),
    # launches
    ("launches", "launch_id", "int", "", "Launch key."),
    ("launches", "launch_date", "datetime", "", "Date of the launch."),
    ("launches", "month", "string", "YYYY-MM", "Month of the launch."),
    ("launches", "launch_size", "category", "", "minor (a flavour, pack size or display) or major (a new product line)."),
    ("launches", "kind", "string", "", "What was launched."),
    ("launches", "brand", "category", "", "Brand of the launch."),
    ("launches", "category", "category", "", "Category of the launch."),
    ("launches", "n_skus", "int", "SKUs", "SKUs the launch added."),
    # engine output
    ("pnl", "gross_sales", "float", "$", "cases x list_price."),
    ("pnl", "on_invoice_discounts", "float", "$", "cases x on_invoice_discount."),
    ("pnl", "revenue", "float", "$", "Invoice revenue: cases x invoice_price."),
    ("pnl", "cogs", "float", "$", "cases x cogs_per_case."),
    ("pnl", "gross_margin", "float", "$", "revenue - cogs."),
    ("pnl", "cost_<activity>", "float", "$", "Cost of one activity traced to the line (see the rate card)."),
    ("pnl", "cost_to_serve", "float", "$", "Sum of the cost_<activity> columns."),
    ("pnl", "net_profit", "float", "$", "gross_margin - cost_to_serve (contribution after cost to serve)."),
]

DATA_DICTIONARY = pd.DataFrame(_ROWS, columns=["table", "column", "type", "unit", "meaning"])
"""Every column of the case tables and the engine output."""


def describe_table(table: str) -> pd.DataFrame:
    """Return the data dictionary rows of one table.

    Parameters
    ----------
    table : str
        One of ``customers``, ``products``, ``orders``, ``lines``, ``reps``,
        ``launches`` or ``pnl``.

    Examples
    --------
    >>> describe_table("lines")["column"].tolist()[:3]
    ['line_id', 'order_id', 'product_id']
    """
    known = DATA_DICTIONARY["table"].unique().tolist()
    if table not in known:
        raise ValueError(f"table={table!r} is not in the data dictionary; use one of {known}.")
    return DATA_DICTIONARY[DATA_DICTIONARY["table"] == table].reset_index(drop=True)


def to_markdown() -> str:
    """Render the dictionary as Markdown tables (used for datasets/README.md).

    Returns
    -------
    str
        One Markdown table per table of the case.

    Examples
    --------
    >>> to_markdown().splitlines()[0]
    '### `customers`'
    """
    out = []
    for table, rows in DATA_DICTIONARY.groupby("table", sort=False):
        out.append(f"### `{table}`\n\n| column | type | unit | meaning |\n|---|---|---|---|")
        for r in rows.itertuples():
            out.append(f"| `{r.column}` | {r.type} | {r.unit} | {r.meaning} |")
        out.append("")
    return "\n".join(out)
