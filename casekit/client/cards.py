"""The Excel cards a consultant fills in with the client's costs: the rate card and the time-driven card.

``casekit template rates.xlsx`` and ``casekit template --time-driven td.xlsx``
write them; :meth:`casekit.RateCard.read` and :meth:`casekit.TimeDrivenCard.read`
read them back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["template", "time_driven_template"]


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
