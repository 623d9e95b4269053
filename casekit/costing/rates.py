"""The rate card: what each activity costs, per unit of its driver.

A rate card is data.  Each row names an activity, the driver that consumes
it, an optional condition (``applies_to`` = ``applies_value``) and the rate
per unit of driver.  The engine (:func:`casekit.cost_to_serve`) knows how each
driver is measured and how its cost reaches the invoice lines; those rules are
listed in :data:`casekit.costing.drivers.DRIVERS`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from casekit.costing.cards import check_terms
from casekit.costing.drivers import describe_drivers

__all__ = ["RateCard"]

_COLUMNS = ["activity", "driver", "applies_to", "applies_value", "rate", "unit", "source"]

# Defaults from ../shared/design/calibration.md, each with its source.
_DEFAULT_ROWS = [
    ("order_handling", "orders", "order_channel", "EDI", 4.0, "$/order", "APQC (secondary): EDI/portal under $5"),
    ("order_handling", "orders", "order_channel", "portal", 4.5, "$/order", "APQC (secondary): EDI/portal under $5"),
    ("order_handling", "orders", "order_channel", "phone/fax", 26.0, "$/order", "APQC (secondary): manual $26-34"),
    ("order_handling", "orders", "order_channel", "rep-taken", 34.0, "$/order", "APQC (secondary): manual $26-34"),
    ("order_handling", "order_lines", "order_channel", "phone/fax", 2.63, "$/line",
     "Kaplan, Midwest Office Products (HBS 104-073): 0.075 h per line at $35/h"),
    ("order_handling", "order_lines", "order_channel", "rep-taken", 2.63, "$/line",
     "Kaplan, Midwest Office Products (HBS 104-073): 0.075 h per line at $35/h"),
    ("picking", "order_lines", "pick_type", "full_pallet", 0.50, "$/line", "secondary, weak: $0.50-3.00 per line"),
    ("picking", "order_lines", "pick_type", "full_case", 1.00, "$/line", "secondary, weak: $0.50-3.00 per line"),
    ("picking", "order_lines", "pick_type", "split_case", 3.00, "$/line", "secondary, weak: $0.50-3.00 per line"),
    ("picking", "cases", "pick_type", "full_pallet", 0.05, "$/case", "assumption: full pallet far cheaper per case"),
    ("picking", "cases", "pick_type", "full_case", 0.30, "$/case", "assumption (warehousing ~2.0 % of sales, Establish Davis 2014)"),
    ("picking", "cases", "pick_type", "split_case", 1.20, "$/case", "assumption: broken case handled unit by unit"),
    ("delivery", "deliveries", "", "", 112.0, "$/drop", "KeHE investor deck: ~$112 per delivery"),
    ("delivery", "delivery_km", "", "", 1.40, "$/km", "ATRI 2024: $2.26 per mile all-in"),
    ("delivery", "cases", "", "", 0.55, "$/case", "assumption: loading and unloading per case"),
    ("rush_handling", "rush_orders", "", "", 90.0, "$/rush order", "assumption: expedited pick and dedicated run"),
    ("sales_calls", "sales_calls", "", "", 180.0, "$/call", "sales-cost surveys (secondary): ~$180 per field call"),
    ("trade_promotion", "allowance_dollars", "", "", 1.0, "$/$", "pass-through of off-invoice allowances (Marn & Rosiello 1992)"),
    ("returns", "returned_value", "", "", 1.0, "$/$", "credit for unsaleables: FMI/GMA ~1.1 % of gross sales"),
    ("returns", "returned_cases", "", "", 4.0, "$/case", "assumption: reverse logistics and disposal"),
    ("receivables", "receivable_dollar_days", "", "", 0.08 / 365, "$/($ x day)", "cost of capital 8 %/year (formula, calibration.md)"),
    ("inventory_carrying", "inventory_dollar_days", "", "", 0.25 / 365, "$/($ x day)",
     "assumption: 25 %/year carrying cost (inventory ~2.2 % of sales, Establish Davis 2014)"),
]


@dataclasses.dataclass(frozen=True)
class RateCard:
    """Activity rates used to trace cost to serve to invoice lines.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``activity``, ``driver``, ``applies_to``, ``applies_value``,
        ``rate``, ``unit``, ``source``.  ``applies_to`` is empty (the rate
        applies to every line) or one of ``order_channel``, ``pick_type``,
        ``channel_of_trade``, ``region``; ``applies_value`` is then the value
        it must equal.

    Examples
    --------
    >>> from casekit import RateCard
    >>> card = RateCard.default()
    >>> card.rate("delivery", "deliveries")
    112.0
    >>> round(card.scaled(1.1).rate("delivery", "deliveries"), 2)
    123.2
    """

    table: pd.DataFrame

    def __post_init__(self):
        object.__setattr__(self, "table", _validate(self.table, source="rate card"))

    @classmethod
    def default(cls) -> RateCard:
        """Return the default rate card (sources in the ``source`` column)."""
        return cls(pd.DataFrame(_DEFAULT_ROWS, columns=_COLUMNS))

    @classmethod
    def read(cls, path) -> RateCard:
        """Read a rate card from a CSV or Excel (.xlsx) file.

        Parameters
        ----------
        path : str or Path
            A ``.csv`` file, or an ``.xlsx`` workbook with a sheet named
            ``rates`` (or only one sheet).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "rates.csv"
        >>> RateCard.default().write(p)
        >>> RateCard.read(p).table.equals(RateCard.default().table)
        True
        """
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"rate card {path} does not exist.")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            sheets = pd.read_excel(path, sheet_name=None, dtype={"applies_to": str, "applies_value": str})
            name = "rates" if "rates" in sheets else next(iter(sheets))
            table = sheets[name]
        else:
            table = pd.read_csv(path, dtype={"applies_to": str, "applies_value": str}, keep_default_na=False)
        return cls(_validate(table, source=str(path)))

    def write(self, path) -> None:
        """Write the rate card to ``.csv`` or ``.xlsx`` (sheet ``rates``)."""
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            with pd.ExcelWriter(path, engine="openpyxl") as xl:
                self.table.to_excel(xl, sheet_name="rates", index=False)
                describe_drivers().to_excel(xl, sheet_name="drivers", index=False)
        else:
            self.table.to_csv(path, index=False)

    def rate(self, activity: str, driver: str, applies_value: str = "") -> float:
        """Return one rate (raises ``KeyError`` naming what is missing)."""
        t = self.table
        hit = t[(t["activity"] == activity) & (t["driver"] == driver) & (t["applies_value"] == applies_value)]
        if hit.empty:
            raise KeyError(f"no rate for activity={activity!r}, driver={driver!r}, applies_value={applies_value!r}.")
        return float(hit["rate"].iloc[0])

    def scaled(self, factor: float = 1.0, *, activities=None) -> RateCard:
        """Return a copy with rates multiplied by ``factor`` (optionally only some activities)."""
        t = self.table.copy()
        mask = t["activity"].isin(activities) if activities is not None else slice(None)
        t.loc[mask, "rate"] = t.loc[mask, "rate"] * factor
        return RateCard(t)

    def with_rate(self, activity: str, driver: str, rate: float, applies_value: str = "") -> RateCard:
        """Return a copy with one rate replaced."""
        t = self.table.copy()
        hit = (t["activity"] == activity) & (t["driver"] == driver) & (t["applies_value"] == applies_value)
        if not hit.any():
            raise KeyError(f"no rate for activity={activity!r}, driver={driver!r}, applies_value={applies_value!r}.")
        t.loc[hit, "rate"] = float(rate)
        return RateCard(t)

    @property
    def activities(self) -> list[str]:
        """Activities in the order they first appear."""
        return list(dict.fromkeys(self.table["activity"]))


def _validate(table: pd.DataFrame, *, source: str) -> pd.DataFrame:
    t = check_terms(table, source=source, columns=_COLUMNS, number="rate", required=["activity", "driver", "rate"],
                    text=("unit", "source"), kind="a rate card")
    return t[_COLUMNS]
