"""Time-driven cost to serve: rates from minutes and capacity, unused capacity shown.

Kaplan and Anderson's time-driven activity-based costing (HBR 2004; *Time-
Driven Activity-Based Costing*, 2007) asks two questions per department:
what does its capacity cost, and how many minutes does each transaction take?
The first gives a **capacity cost rate** (cost of capacity supplied divided by
practical capacity, about 80 % of the hours paid for); the second gives **time
equations** (a manual order takes 9 minutes plus 4.5 per line).  A rate is then
minutes x $ per minute, and the capacity nobody used is reported as its own
line, not spread over the customers who happened to be served.

:class:`TimeDrivenCard` holds both tables.  ``card.rate_card()`` turns them
into an ordinary :class:`casekit.RateCard` for :func:`casekit.cost_to_serve`,
so the engine and its conservation contract are unchanged, and
``card.unused_capacity(pnl)`` sets the minutes the costed lines used against
the minutes each department supplied in the same period.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from casekit.costing.cards import check_known, check_terms
from casekit.costing.drivers import DRIVERS, describe_drivers
from casekit.costing.rates import RateCard
from casekit.validation import check_frame, check_number_column, file_rows

__all__ = ["TimeDrivenCard"]

_TIME_COLUMNS = ["activity", "driver", "applies_to", "applies_value", "minutes", "resource", "source"]
_RESOURCE_COLUMNS = ["resource", "cost_per_year", "hours_per_year", "practical_share", "source"]

_DEFAULT_PRACTICAL = "practical capacity ~80 % of theoretical (Kaplan & Anderson 2004)"
_MOP = "Kaplan, Midwest Office Products (HBS 104-073)"

# Time equations: minutes per unit of driver, and the department that spends
# them.  Activities without a time equation keep their rate-card rates.
_DEFAULT_TIMES = [
    ("order_handling", "orders", "order_channel", "EDI", 6.0, "customer_service", f"{_MOP}: electronic order 0.10 h"),
    ("order_handling", "orders", "order_channel", "portal", 6.0, "customer_service", f"{_MOP}: electronic order 0.10 h"),
    ("order_handling", "orders", "order_channel", "phone/fax", 9.0, "customer_service", f"{_MOP}: manual order 0.15 h"),
    ("order_handling", "orders", "order_channel", "rep-taken", 9.0, "customer_service", f"{_MOP}: manual order 0.15 h"),
    ("order_handling", "order_lines", "order_channel", "phone/fax", 4.5, "customer_service",
     f"{_MOP}: 0.075 h per line of a manual order"),
    ("order_handling", "order_lines", "order_channel", "rep-taken", 4.5, "customer_service",
     f"{_MOP}: 0.075 h per line of a manual order"),
    ("picking", "order_lines", "pick_type", "full_pallet", 1.0, "warehouse", "assumption: the default rate card at $30/h"),
    ("picking", "order_lines", "pick_type", "full_case", 2.0, "warehouse", "assumption: the default rate card at $30/h"),
    ("picking", "order_lines", "pick_type", "split_case", 6.0, "warehouse", "assumption: the default rate card at $30/h"),
    ("picking", "cases", "pick_type", "full_pallet", 0.1, "warehouse", "assumption: the default rate card at $30/h"),
    ("picking", "cases", "pick_type", "full_case", 0.6, "warehouse", "assumption: the default rate card at $30/h"),
    ("picking", "cases", "pick_type", "split_case", 2.4, "warehouse", "assumption: the default rate card at $30/h"),
    ("delivery", "deliveries", "", "", 75.0, "fleet", "assumption: ~$112 per drop (KeHE) at $90/h"),
    ("delivery", "delivery_km", "", "", 0.93, "fleet", "assumption: ~65 km/h; $2.26 per mile all-in (ATRI 2024)"),
    ("delivery", "cases", "", "", 0.37, "fleet", "assumption: ~22 s to unload a case"),
    ("rush_handling", "rush_orders", "", "", 60.0, "fleet", "assumption: an hour of a dedicated run"),
]

# Departments sized for the classroom case (Beacon Brands, one year) so that
# each runs at 80-90 % of practical capacity, as a lean distribution operation
# does: about 2.6 customer-service clerks, 12.4 warehouse staff and 18.2
# trucks with drivers at 2,000 paid hours a year each; cost = paid hours x
# practical share x the cost per practical hour in the source column.
_DEFAULT_RESOURCES = [
    ("customer_service", 145_600.0, 5_200.0, 0.8, f"{_MOP}: $35 per practical hour; {_DEFAULT_PRACTICAL}"),
    ("warehouse", 595_200.0, 24_800.0, 0.8, f"assumption: $30 per practical hour; {_DEFAULT_PRACTICAL}"),
    ("fleet", 2_620_800.0, 36_400.0, 0.8, f"assumption: $90 per practical truck hour (ATRI 2024); {_DEFAULT_PRACTICAL}"),
]


@dataclasses.dataclass(frozen=True)
class TimeDrivenCard:
    """Time equations and department capacities (time-driven ABC).

    Parameters
    ----------
    times : pandas.DataFrame
        One row per time-equation term: ``activity``, ``driver`` (one of
        :data:`casekit.costing.drivers.DRIVERS`), ``applies_to`` and ``applies_value``
        (an optional condition, as on a rate card), ``minutes`` per unit of
        driver, ``resource`` (the department whose time it is) and
        ``source``.  All terms of one activity belong to one resource.
    resources : pandas.DataFrame
        One row per department: ``resource``, ``cost_per_year`` (cost of the
        capacity supplied, $), ``hours_per_year`` (theoretical hours paid
        for), ``practical_share`` (the share usable after breaks, training
        and maintenance; ~0.8) and ``source``.

    Examples
    --------
    >>> from casekit import TimeDrivenCard, cost_to_serve, make_company
    >>> card = TimeDrivenCard.default()
    >>> card.capacity_cost_rates()["dollars_per_minute"].round(2).tolist()
    [0.58, 0.5, 1.5]
    >>> co = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(co, card.rate_card())
    >>> report = card.unused_capacity(pnl)
    >>> report["resource"].tolist()
    ['customer_service', 'warehouse', 'fleet']
    >>> bool((report["cost_used"] + report["cost_unused"] - report["cost_supplied"]).abs().max() < 1e-6)
    True
    """

    times: pd.DataFrame
    resources: pd.DataFrame

    def __post_init__(self):
        resources = _validate_resources(self.resources, source="resources")
        times = _validate_times(self.times, resources, source="times")
        object.__setattr__(self, "resources", resources)
        object.__setattr__(self, "times", times)

    @classmethod
    def default(cls) -> TimeDrivenCard:
        """Return the default card, sized for the classroom case (sources in ``source``).

        Examples
        --------
        >>> TimeDrivenCard.default().resources["resource"].tolist()
        ['customer_service', 'warehouse', 'fleet']
        """
        return cls(pd.DataFrame(_DEFAULT_TIMES, columns=_TIME_COLUMNS),
                   pd.DataFrame(_DEFAULT_RESOURCES, columns=_RESOURCE_COLUMNS))

    @classmethod
    def read(cls, path) -> TimeDrivenCard:
        """Read a card from an Excel workbook or a folder of two CSV files.

        Parameters
        ----------
        path : str or Path
            An ``.xlsx`` workbook with sheets ``times`` and ``resources``, or
            a folder holding ``times.csv`` and ``resources.csv``.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "time_driven.xlsx"
        >>> TimeDrivenCard.default().write(p)
        >>> TimeDrivenCard.read(p).times.equals(TimeDrivenCard.default().times)
        True
        """
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"time-driven card {path} does not exist.")
        text = {"applies_to": str, "applies_value": str, "source": str}
        if path.is_dir():
            found = {n: path / f"{n}.csv" for n in ("times", "resources")}
            missing = [str(p) for p in found.values() if not p.exists()]
            if missing:
                raise FileNotFoundError(f"{path}: a time-driven card folder needs {missing}.")
            times = pd.read_csv(found["times"], dtype=text, keep_default_na=False)
            resources = pd.read_csv(found["resources"], dtype={"source": str}, keep_default_na=False)
            names = str(found["times"]), str(found["resources"])
        else:
            sheets = pd.read_excel(path, sheet_name=None, dtype=text)
            missing = [n for n in ("times", "resources") if n not in sheets]
            if missing:
                raise ValueError(f"{path}: sheet(s) {missing} not found; the workbook has {list(sheets)}.")
            times, resources = sheets["times"], sheets["resources"]
            names = f"{path} sheet 'times'", f"{path} sheet 'resources'"
        resources = _validate_resources(resources, source=names[1])
        return cls(_validate_times(times, resources, source=names[0]), resources)

    def write(self, path) -> None:
        """Write the card to an ``.xlsx`` workbook, or to a folder as two CSV files."""
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            with pd.ExcelWriter(path, engine="openpyxl") as xl:
                self.times.to_excel(xl, sheet_name="times", index=False)
                self.resources.to_excel(xl, sheet_name="resources", index=False)
                describe_drivers().to_excel(xl, sheet_name="drivers", index=False)
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.times.to_csv(path / "times.csv", index=False)
            self.resources.to_csv(path / "resources.csv", index=False)

    def capacity_cost_rates(self) -> pd.DataFrame:
        """Each department's capacity cost rate.

        Returns
        -------
        pandas.DataFrame
            ``resource``, ``cost_per_year``, ``practical_minutes_per_year``
            (hours x practical share x 60) and ``dollars_per_minute``.

        Examples
        --------
        >>> rates = TimeDrivenCard.default().capacity_cost_rates().set_index("resource")
        >>> round(float(rates.loc["customer_service", "dollars_per_minute"]) * 60, 2)  # $ per practical hour
        35.0
        """
        r = self.resources
        minutes = r["hours_per_year"] * r["practical_share"] * 60.0
        return pd.DataFrame({"resource": r["resource"], "cost_per_year": r["cost_per_year"],
                             "practical_minutes_per_year": minutes,
                             "dollars_per_minute": r["cost_per_year"] / minutes})

    def rate_card(self, base: RateCard | None = None) -> RateCard:
        """The rate card these time equations imply, for :func:`casekit.cost_to_serve`.

        Parameters
        ----------
        base : RateCard, optional
            Rates for the activities the card has no time equation for
            (trade promotion, returns, receivables, ...); the default rate
            card when omitted.  Activities with time equations are replaced
            whole.

        Returns
        -------
        RateCard
            Rate = minutes x the resource's dollars per minute.

        Examples
        --------
        >>> card = TimeDrivenCard.default().rate_card()
        >>> round(card.rate("order_handling", "orders", "phone/fax"), 2)  # 9 minutes at $35/h
        5.25
        >>> card.rate("sales_calls", "sales_calls")  # no time equation: the rate card's rate
        180.0
        """
        base = RateCard.default() if base is None else base
        per_minute = self.capacity_cost_rates().set_index("resource")["dollars_per_minute"]
        t = self.times
        timed = pd.DataFrame({
            "activity": t["activity"], "driver": t["driver"], "applies_to": t["applies_to"],
            "applies_value": t["applies_value"],
            "rate": t["minutes"] * t["resource"].map(per_minute),
            "unit": "$/" + t["driver"].map(DRIVERS["unit"]),
            "source": ("time-driven: " + t["minutes"].map("{:g}".format) + " min x $"
                       + t["resource"].map(per_minute).map("{:.4f}".format) + "/min (" + t["resource"] + ")"),
        })
        kept = base.table[~base.table["activity"].isin(set(t["activity"]))]
        return RateCard(pd.concat([timed, kept], ignore_index=True))

    def unused_capacity(self, pnl: pd.DataFrame) -> pd.DataFrame:
        """Set the minutes the costed lines used against the capacity supplied.

        Parameters
        ----------
        pnl : pandas.DataFrame
            Output of :func:`casekit.cost_to_serve` run with
            ``self.rate_card()``, at any grain (lines or a roll-up).  Its
            ``attrs["months"]`` scales the yearly capacity to the period.

        Returns
        -------
        pandas.DataFrame
            One row per resource: ``capacity_minutes`` (practical, for the
            period), ``used_minutes``, ``unused_minutes``, ``utilisation``,
            ``cost_supplied``, ``cost_used`` (what reached the lines) and
            ``cost_unused`` (capacity paid for and not used: shown, not
            spread).  Over 100 % utilisation means the time equations or the
            capacity are off, or the department works overtime.

        Examples
        --------
        >>> from casekit import cost_to_serve, load_case
        >>> card = TimeDrivenCard.default()
        >>> report = card.unused_capacity(cost_to_serve(load_case("precision"), card.rate_card()))
        >>> report.set_index("resource")["utilisation"].round(2).to_dict()
        {'customer_service': 0.9, 'warehouse': 0.89, 'fleet': 0.87}
        """
        if "months" not in pnl.attrs:
            raise ValueError("unused_capacity needs the output of cost_to_serve "
                             "(its attrs['months'] gives the period).")
        months = float(pnl.attrs["months"])
        rates = self.capacity_cost_rates().set_index("resource")
        unallocated = pd.DataFrame(pnl.attrs.get("unallocated") or {"activity": [], "cost": []})
        used_cost = {}
        for activity, resource in self.times.groupby("activity", sort=False)["resource"].first().items():
            col = "cost_" + activity
            if col not in pnl.columns:
                raise ValueError(f"pnl has no column {col!r}: cost it with this card's rate_card().")
            cost = float(pnl[col].sum())
            if len(unallocated):
                cost += float(unallocated.loc[unallocated["activity"] == activity, "cost"].sum())
            used_cost[resource] = used_cost.get(resource, 0.0) + cost
        out = rates.reset_index()[["resource"]].copy()
        out["capacity_minutes"] = rates["practical_minutes_per_year"].to_numpy() * months / 12.0
        out["cost_supplied"] = rates["cost_per_year"].to_numpy() * months / 12.0
        out["cost_used"] = out["resource"].map(used_cost).fillna(0.0).astype(float)
        out["used_minutes"] = out["cost_used"] / rates["dollars_per_minute"].to_numpy()
        out["unused_minutes"] = out["capacity_minutes"] - out["used_minutes"]
        out["utilisation"] = out["used_minutes"] / out["capacity_minutes"]
        out["cost_unused"] = out["cost_supplied"] - out["cost_used"]
        return out[["resource", "capacity_minutes", "used_minutes", "unused_minutes", "utilisation",
                    "cost_supplied", "cost_used", "cost_unused"]]


def _validate_resources(table, *, source: str) -> pd.DataFrame:
    check_frame(table, name=source)
    missing = [c for c in _RESOURCE_COLUMNS[:3] if c not in table.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {missing}; resources need {_RESOURCE_COLUMNS}.")
    t = table.reset_index(drop=True).copy()
    if "practical_share" not in t.columns:
        t["practical_share"] = 0.8
    t["source"] = t["source"].fillna("").astype(str) if "source" in t.columns else ""
    t["resource"] = t["resource"].astype(str).str.strip()
    t["cost_per_year"] = check_number_column(t, "cost_per_year", source=source, low=0)
    t["hours_per_year"] = check_number_column(t, "hours_per_year", source=source, low=0, strict_low=True)
    t["practical_share"] = check_number_column(t, "practical_share", source=source, low=0.01, high=1.0)
    dup = t["resource"].duplicated(keep=False)
    if dup.any():
        raise ValueError(f"{source}: row(s) {file_rows(dup)} repeat resource(s) "
                         f"{sorted(set(t.loc[dup, 'resource']))}.")
    return t[_RESOURCE_COLUMNS]


def _validate_times(table, resources: pd.DataFrame, *, source: str) -> pd.DataFrame:
    t = check_terms(table, source=source, columns=_TIME_COLUMNS, number="minutes",
                    required=["activity", "driver", "minutes", "resource"], text=("source", "resource"),
                    kind="a table of time equations")
    check_known(t, "resource", resources["resource"], source=source,
                hint=f"resources defined: {resources['resource'].tolist()}")
    split = t.groupby("activity")["resource"].transform("nunique") > 1
    if split.any():
        raise ValueError(f"{source}: activity {sorted(set(t.loc[split, 'activity']))} draws on more than one "
                         f"resource in row(s) {file_rows(split)}; give each department's work its own activity.")
    return t[_TIME_COLUMNS]
