"""Two ways to develop a key account: sales first, or operations early (idea I9).

"Sales first, supply chain last" sends the reps to win volume and calls
operations in late, for a courtesy visit.  The alternative brings your
operations managers to their counterparts at the account early, to change
how the two companies work together: electronic orders (EDI), full- or
mixed-pallet orders, scheduled deliveries, vendor-managed inventory (VMI).
The changes lower the customer's cost of handling your products and yours of
serving them; a customer who earns more on your products gives them more
space, so your sales grow too.

:func:`account_paths` runs both paths quarter by quarter for one account;
:func:`develop_account` runs one path for any quarter operations joins (the
widget's slider); :func:`path_totals` adds up each path.

The model (defaults in :data:`ACCOUNT_ASSUMPTIONS`):

* **Baseline.**  The account's own quarter, from the engine: cases,
  revenue, gross margin and each activity's cost to serve, with its orders,
  lines and deliveries.  The default account is :func:`key_account`: among
  the top ``key_account_share`` of accounts by revenue, the one where the
  changes below would save most (manual orders, frequent small drops, rush
  orders, returns), since an account already on EDI taking a full truck now
  and then leaves operations nothing to change.
* **Changes.**  From the quarter operations joins, each change ramps up
  linearly to full effect over its ``*_quarters`` and costs its
  ``*_setup`` once; operations managers' time costs ``ops_team_cost`` a
  quarter for ``ops_team_quarters``.  Your costs move with the default rate
  card (:meth:`casekit.costing.rates.RateCard.default`): EDI orders cost the EDI
  rate per order and nothing per line (an account already on EDI or the
  portal has nothing to change); pallet orders move
  ``pallet_share`` of cases to full-pallet picking rates; scheduled
  deliveries cut drops and orders by ``delivery_consolidation`` (each drop
  costs the per-drop and per-km rates) and rush orders by
  ``rush_reduction``; VMI cuts
  the inventory you carry for the account by ``vmi_inventory_cut`` and
  unsaleable returns by ``vmi_returns_cut``.
* **The customer.**  Earns ``customer_markup`` on what it buys from you,
  pays ``customer_receiving_cost`` per delivery, ``customer_order_cost`` per
  manual order (``customer_edi_order_cost`` by EDI, nothing under VMI),
  ``customer_handling_cost`` per case (``pallet_handling_cut`` less for
  pallet orders) and carries ``customer_days_on_hand`` of stock at
  ``customer_carrying_rate``; VMI lowers days on hand to
  ``vmi_days_on_hand`` and the out-of-stock rate from ``out_of_stock`` to
  ``vmi_out_of_stock``.
* **Sales.**  Shoppers' demand grows ``base_growth`` a quarter on both paths
  (the reps sell either way); you ship what the customer sells, demand x
  (1 - out-of-stock).  The customer gives you more space when it earns more
  per case on your products: volume moves each quarter a share
  ``space_speed`` of the way to (1 + ``space_elasticity`` x the % change in
  its profit per case).
"""

from __future__ import annotations

import functools
import zlib

import numpy as np
import pandas as pd

from casekit.analysis.profitability import segment_customers
from casekit.costing.rates import RateCard
from casekit.models.assumptions import assumption_values
from casekit.models.portfolio import codes, prepared
from casekit.validation import check_company, check_frame, check_int, check_pnl

__all__ = ["ACCOUNT_ASSUMPTIONS", "PATHS", "key_account", "develop_account", "account_paths", "path_totals",
           "story_account"]

PATHS = ["sales first, supply chain last", "operations early"]
"""The two account-development paths."""

# (parameter, value, unit, source or rationale)
_ROWS = [
    ("n_quarters", 12, "quarters", "Byrnes: account development takes two to three years"),
    ("ops_early_quarter", 1, "quarter", "operations joins the first account plan"),
    ("ops_late_quarter", 10, "quarter", "sales first: operations' courtesy visit near the end"),
    ("key_account_share", 0.2, "share of accounts", "key accounts are the top 20 % by revenue (the "
     "80/20 rule: they bring most of the sales); key_account picks among them the one where operations' "
     "changes would save the most"),
    ("base_growth", 0.01, "per quarter", "assumption: the reps' selling grows demand 1 % a quarter on both paths"),
    ("space_elasticity", 0.5, "x", "assumption: +10 % profit per case for the customer wins 5 % more volume "
     "(space, facings, features)"),
    ("space_speed", 0.35, "per quarter", "assumption: the buyer re-allocates space over about three quarters"),
    ("promise_quarters", 4, "quarters", "assumption: on the sales-first path the reps win volume by promising "
     "extra drops and rush orders; the promises build up over a year until operations joins"),
    ("promise_volume", 0.06, "share", "assumption: full service promises win 6 % more volume"),
    ("promise_cost", 0.3, "share", "assumption: ...and raise order, delivery and rush costs 30 %"),
    ("lock_in", 0.5, "share", "assumption: half of what was promised cannot be withdrawn: scheduled "
     "deliveries and fewer rush orders then achieve only part of their effect"),
    ("discovery_mean", 1.0, "x", "assumption: on average operations finds the changes below at their stated "
     "size (1 = as assumed)"),
    ("discovery_sd", 0.6, "log sd", "assumption: what the joint work finds is uncertain and account-specific: "
     "the size of the changes varies about +/-60 % from account to account"),
    ("edi_quarters", 1, "quarters", "assumption: EDI set-up and testing"),
    ("edi_setup", 15_000.0, "$", "assumption: mapping, testing, trading-partner set-up"),
    ("pallet_quarters", 2, "quarters", "assumption: order-quantity rules and pallet patterns"),
    ("pallet_setup", 5_000.0, "$", "assumption"),
    ("pallet_share", 0.6, "share of cases", "assumption: 60 % of cases move to full or mixed pallets"),
    ("schedule_quarters", 2, "quarters", "assumption: agree delivery days, consolidate orders"),
    ("schedule_setup", 5_000.0, "$", "assumption"),
    ("delivery_consolidation", 0.4, "share", "assumption: scheduled days cut drops 40 %"),
    ("rush_reduction", 0.8, "share", "assumption: a schedule both sides plan to removes most rush orders"),
    ("vmi_quarters", 3, "quarters", "assumption: data sharing, planning rules, trust"),
    ("vmi_setup", 25_000.0, "$", "assumption"),
    ("vmi_inventory_cut", 0.25, "share", "assumption: your safety stock for the account falls with shared data"),
    ("vmi_returns_cut", 0.5, "share", "assumption: fewer overstocks and expiries (FMI/GMA: damage and "
     "expiry dominate unsaleables)"),
    ("ops_team_cost", 6_000.0, "$/quarter", "assumption: operations managers' time on the account"),
    ("ops_team_quarters", 4, "quarters", "assumption: intensive joint work for a year, then routine"),
    ("customer_markup", 0.30, "share of cost", "assumption: a retailer or distributor's gross margin ~23 % "
     "of its sales"),
    ("customer_receiving_cost", 75.0, "$/delivery", "assumption: dock, check-in, put-away"),
    ("customer_order_cost", 30.0, "$/order", "APQC (secondary): manual order ~$26-34"),
    ("customer_edi_order_cost", 5.0, "$/order", "APQC (secondary): electronic order under $5"),
    ("customer_handling_cost", 1.00, "$/case", "assumption: DC put-away, picking to stores and shelf stocking"),
    ("pallet_handling_cut", 0.3, "share", "assumption: pallets cross-dock with less handling"),
    ("customer_days_on_hand", 30.0, "days", "assumption"),
    ("vmi_days_on_hand", 18.0, "days", "assumption: VMI programmes typically cut customer inventory by a third "
     "or more"),
    ("customer_carrying_rate", 0.20, "per year", "assumption: the customer's cost of capital and storage"),
    ("out_of_stock", 0.08, "share", "Gruen, Corsten & Bharadwaj (2002): retail out-of-stocks ~8 %"),
    ("vmi_out_of_stock", 0.04, "share", "assumption: VMI halves out-of-stocks"),
]

ACCOUNT_ASSUMPTIONS = pd.DataFrame(_ROWS, columns=["parameter", "value", "unit", "source"]).set_index(
    "parameter")
"""Default assumptions of the account-development model, one row each, with their source."""

_COST_COLUMNS = ["cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling", "cost_sales_calls",
                 "cost_trade_promotion", "cost_returns", "cost_receivables", "cost_inventory_carrying"]

_PATH_COLUMNS = ["path", "quarter", "ops_engaged", "edi", "pallets", "scheduled_deliveries", "vmi", "cases",
                 "your_revenue", "your_gross_margin", "your_cost_to_serve", "your_cost_to_serve_per_case",
                 "ops_project_cost", "your_profit", "customer_gross_margin", "customer_handling_cost",
                 "customer_profit"]


# --------------------------------------------------------------------------- checks
def _check_inputs(company, pnl, func: str) -> None:
    check_company(company, tables=("customers", "products", "orders", "lines"), allow_dict=False, func=func)
    check_pnl(pnl, columns=("customer_id", "order_id", "delivery_id", "cases", "revenue", "gross_margin",
                            "cost_to_serve", *_COST_COLUMNS),
              source="cost_to_serve(company) with the default rate card", allow_empty=True, func=func)


def _assumptions(assumptions) -> dict:
    return assumption_values(assumptions, ACCOUNT_ASSUMPTIONS, defaults_name="ACCOUNT_ASSUMPTIONS", shares=[
        "key_account_share", "pallet_share", "delivery_consolidation", "rush_reduction", "vmi_inventory_cut",
        "vmi_returns_cut", "pallet_handling_cut", "out_of_stock", "vmi_out_of_stock", "space_speed", "lock_in"])


def _check_int(name: str, value, low: int, high: int, func: str) -> int:
    return check_int(value, name, low=low, high=high, what=f"an integer between {low} and {high}", func=func)


# --------------------------------------------------------------------------- the account
def key_account(company, pnl) -> str:
    """Pick the default key account: the big account where operations has most to work on.

    Among the key accounts, the top ``key_account_share`` of accounts by
    revenue (at least three), the one where the operations changes of this
    model, at full effect and today's volume, would cut your quarterly cost
    to serve by the most dollars (default :data:`ACCOUNT_ASSUMPTIONS`).
    That is an account that still orders by hand, takes frequent small
    drops or rush orders, or returns a lot, not one already on EDI with a
    full truck now and then, where joint work has nothing left to change.
    Dollars, not a share of revenue, because the set-ups and the operations
    team's time are paid in dollars.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.

    Returns
    -------
    str
        A ``customer_id``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> key_account(co, cost_to_serve(co)) in set(co.customers["customer_id"])
    True
    """
    _check_inputs(company, pnl, "key_account")
    table = prepared("account_development", (company, pnl), lambda: _all_baselines(company, pnl))
    a = _assumptions(ACCOUNT_ASSUMPTIONS)
    rev = table["revenue"].to_numpy()
    top = np.argsort(-rev, kind="stable")[: max(3, int(np.ceil(a["key_account_share"] * len(table))))]
    top = top[(rev[top] > 0) & (table["cases"].to_numpy()[top] > 0)]
    if not len(top):
        raise ValueError("key_account: no account has revenue in pnl.")
    room = [_room(_baseline(company, pnl, str(table.index[i])), a) for i in top]
    return str(table.index[top[int(np.argmax(room))]])


def _room(b: dict, a: dict) -> float:
    """Quarterly cost to serve the changes would save at full effect and today's volume."""
    edi = 0.0 if b["edi_already"] else 1.0
    return _your_cost(b, a, b["cases"], 0.0, 0.0, 0.0, 0.0) - _your_cost(b, a, b["cases"], edi, 1.0, 1.0, 1.0)


def _all_baselines(company, pnl) -> pd.DataFrame:
    """One quarter of every account, from the engine's lines (drivers and costs)."""
    customers = company.customers
    n = len(customers)
    cust = codes(pnl["customer_id"], customers["customer_id"])
    ok = cust >= 0
    c = cust[ok]

    def per(col):
        return np.bincount(c, weights=pnl[col].to_numpy(dtype=float)[ok], minlength=n)

    def distinct(col):
        ids = pnl[col].cat.codes.to_numpy() if isinstance(pnl[col].dtype, pd.CategoricalDtype) else \
            pd.factorize(pnl[col])[0]
        pairs = np.unique(ids[ok].astype(np.int64) * n + c)
        return np.bincount(pairs % n, minlength=n).astype(float)

    months = float((getattr(company, "params", None) or {}).get("months") or 12)
    q = 3.0 / months
    out = pd.DataFrame({"cases": per("cases"), "revenue": per("revenue"), "gross_margin": per("gross_margin"),
                        "orders": distinct("order_id"), "lines": np.bincount(c, minlength=n).astype(float),
                        "deliveries": distinct("delivery_id")})
    for col in _COST_COLUMNS:
        out[col] = per(col)
    out = out * q
    out.index = customers["customer_id"].astype(str).to_numpy()
    out["distance_km"] = customers["distance_km"].to_numpy(dtype=float)
    out["edi_already"] = customers["order_channel"].astype(str).isin(["EDI", "portal"]).to_numpy()
    return out


def _baseline(company, pnl, customer_id) -> dict:
    """One quarter of the account, with the default rate card's rates for the changes."""
    table = prepared("account_development", (company, pnl), lambda: _all_baselines(company, pnl))
    if customer_id not in table.index:
        raise ValueError(f"customer_id={customer_id!r} is not an account of this company; "
                         f"e.g. {table.index[0]!r}.")
    base = table.loc[customer_id].to_dict()
    if base["cases"] <= 0:
        raise ValueError(f"customer_id={customer_id!r} has no lines in pnl; choose an account that buys.")
    rates = dict(_default_rates())
    base["edi_already"] = bool(base["edi_already"])
    base["per_drop"] = rates["deliveries"] + rates["delivery_km"] * base["distance_km"]
    base.update(edi_order_rate=rates["edi"], pallet_case_rate=rates["pallet_case"],
                pallet_line_rate=rates["pallet_line"])
    return base


@functools.lru_cache(maxsize=1)
def _default_rates() -> dict:
    card = RateCard.default()
    return {"deliveries": card.rate("delivery", "deliveries"), "delivery_km": card.rate("delivery", "delivery_km"),
            "edi": card.rate("order_handling", "orders", "EDI"),
            "pallet_case": card.rate("picking", "cases", "full_pallet"),
            "pallet_line": card.rate("picking", "order_lines", "full_pallet")}


def _ramp(quarter: np.ndarray, joins: int, length: float) -> np.ndarray:
    """Share of a change in effect in each quarter, starting the quarter operations joins."""
    if joins is None:
        return np.zeros_like(quarter, dtype=float)
    length = max(length, 1.0)
    return np.clip((quarter - joins + 1) / length, 0.0, 1.0)


def _customer_cost(b: dict, a: dict, cases: float, edi: float, pallets: float, sched: float, vmi: float,
                   days: float) -> float:
    """The customer's quarterly cost of receiving, ordering, handling and holding your products."""
    scale = cases / b["cases"]
    drops = b["deliveries"] * scale * (1 - a["delivery_consolidation"] * sched)
    orders = b["orders"] * scale * (1 - a["delivery_consolidation"] * sched)
    manual = 0.0 if b["edi_already"] else 1.0 - edi
    ordering = orders * (1 - vmi) * (manual * a["customer_order_cost"]
                                     + (1 - manual) * a["customer_edi_order_cost"])
    handling = cases * a["customer_handling_cost"] * (1 - a["pallet_handling_cut"] * a["pallet_share"] * pallets)
    carrying = cases * b["revenue"] / b["cases"] / 365 * days * a["customer_carrying_rate"]
    return drops * a["customer_receiving_cost"] + ordering + handling + carrying


def _your_cost(b: dict, a: dict, cases: float, edi: float, pallets: float, sched: float, vmi: float) -> float:
    """Your quarterly cost to serve the account, activity by activity, after the changes in effect."""
    scale = cases / b["cases"]
    fewer = 1 - a["delivery_consolidation"] * sched
    order_handling = ((1 - edi) * b["cost_order_handling"] * scale * fewer
                      + edi * b["orders"] * scale * fewer * b["edi_order_rate"])
    picking = (b["cost_picking"] * scale * (1 - a["pallet_share"] * pallets)
               + a["pallet_share"] * pallets * (cases * b["pallet_case_rate"]
                                                + b["lines"] * scale * b["pallet_line_rate"]))
    per_drop_cost = b["deliveries"] * b["per_drop"]
    delivery = (b["cost_delivery"] - per_drop_cost) * scale + per_drop_cost * scale * fewer
    rush = b["cost_rush_handling"] * scale * (1 - a["rush_reduction"] * sched)
    returns = b["cost_returns"] * scale * (1 - a["vmi_returns_cut"] * vmi)
    inventory = b["cost_inventory_carrying"] * scale * (1 - a["vmi_inventory_cut"] * vmi)
    volume_driven = (b["cost_trade_promotion"] + b["cost_receivables"]) * scale
    return float(order_handling + picking + delivery + rush + b["cost_sales_calls"] + returns + inventory
                 + volume_driven)


def _discovered(a: dict, size: float) -> dict:
    """The assumptions with the changes' effects scaled by what the joint work found (``size``, 1 = as assumed)."""
    out = dict(a)
    for p in ("pallet_share", "delivery_consolidation", "rush_reduction", "vmi_inventory_cut", "vmi_returns_cut",
              "pallet_handling_cut"):
        out[p] = min(a[p] * size, 1.0)
    out["vmi_days_on_hand"] = a["customer_days_on_hand"] - (a["customer_days_on_hand"] - a["vmi_days_on_hand"]) * min(
        size, a["customer_days_on_hand"] / max(a["customer_days_on_hand"] - a["vmi_days_on_hand"], 1e-9))
    out["vmi_out_of_stock"] = max(a["out_of_stock"] - (a["out_of_stock"] - a["vmi_out_of_stock"]) * size, 0.0)
    return out


def _service_cost(b: dict, a: dict, cases: float, edi: float, sched: float) -> float:
    """Order handling, delivery and rush cost of the account at this volume and with these changes."""
    scale = cases / b["cases"]
    fewer = 1 - a["delivery_consolidation"] * sched
    order = (1 - edi) * b["cost_order_handling"] * scale * fewer + edi * b["orders"] * scale * fewer * b[
        "edi_order_rate"]
    per_drop_cost = b["deliveries"] * b["per_drop"]
    delivery = (b["cost_delivery"] - per_drop_cost) * scale + per_drop_cost * scale * fewer
    return float(order + delivery + b["cost_rush_handling"] * scale * (1 - a["rush_reduction"] * sched))


def _size(a: dict, seed, customer_id: str) -> float:
    """The size of the joint changes operations finds at one account (1 = as assumed)."""
    if seed is None:
        return a["discovery_mean"]
    rng = np.random.default_rng([int(seed), zlib.crc32(str(customer_id).encode())])
    sd = a["discovery_sd"]
    return float(a["discovery_mean"] * np.exp(rng.normal(0.0, sd) - sd ** 2 / 2))


def _path(b: dict, a: dict, n_quarters: int, joins: int | None, label: str, size: float = 1.0) -> pd.DataFrame:
    a = _discovered(a, size)
    quarter = np.arange(1, n_quarters + 1)
    # Sales alone wins volume with service promises, which build up until operations joins and then
    # stay: operations can withdraw only the part not locked in.
    last_alone = n_quarters if joins is None else joins - 1
    promised = np.clip(np.minimum(quarter, last_alone) / max(a["promise_quarters"], 1.0), 0.0, 1.0)
    # EDI is a change only for an account that still orders by phone, fax or through the rep.
    edi = np.zeros(n_quarters) if b["edi_already"] else _ramp(quarter, joins, a["edi_quarters"])
    pallets = _ramp(quarter, joins, a["pallet_quarters"])
    sched = _ramp(quarter, joins, a["schedule_quarters"]) * (1 - a["lock_in"] * promised)
    vmi = _ramp(quarter, joins, a["vmi_quarters"])
    oos = a["out_of_stock"] - (a["out_of_stock"] - a["vmi_out_of_stock"]) * vmi
    days = a["customer_days_on_hand"] - (a["customer_days_on_hand"] - a["vmi_days_on_hand"]) * vmi
    price = b["revenue"] / b["cases"]
    gm_case = b["gross_margin"] / b["cases"]
    base_cost = _customer_cost(b, a, b["cases"], 0.0, 0.0, 0.0, 0.0, a["customer_days_on_hand"])
    per_case_0 = (b["revenue"] * a["customer_markup"] - base_cost) / b["cases"]
    demand0 = b["cases"] / (1 - a["out_of_stock"])
    setup = (0.0 if b["edi_already"] else a["edi_setup"]) + a["pallet_setup"] + a["schedule_setup"] + a["vmi_setup"]

    rows = []
    space = 0.0
    for k, qtr in enumerate(quarter):
        cases = demand0 * (1 + a["base_growth"]) ** qtr * (1 + space) * (1 - oos[k]) * (
            1 + a["promise_volume"] * promised[k])
        revenue, gm = cases * price, cases * gm_case
        cts = _your_cost(b, a, cases, edi[k], pallets[k], sched[k], vmi[k])
        cts += a["promise_cost"] * promised[k] * _service_cost(b, a, cases, edi[k], sched[k])
        project = 0.0
        if joins is not None:
            project += setup if qtr == joins else 0.0
            project += a["ops_team_cost"] if joins <= qtr < joins + a["ops_team_quarters"] else 0.0
        c_gm = revenue * a["customer_markup"]
        c_cost = _customer_cost(b, a, cases, edi[k], pallets[k], sched[k], vmi[k], days[k])
        rows.append({
            "path": label, "quarter": int(qtr), "ops_engaged": bool(joins is not None and qtr >= joins),
            "edi": float(1.0 if b["edi_already"] else edi[k]), "pallets": float(pallets[k]),
            "scheduled_deliveries": float(sched[k]), "vmi": float(vmi[k]), "cases": float(cases),
            "your_revenue": float(revenue), "your_gross_margin": float(gm), "your_cost_to_serve": cts,
            "your_cost_to_serve_per_case": cts / cases, "ops_project_cost": float(project),
            "your_profit": float(gm - cts - project), "customer_gross_margin": float(c_gm),
            "customer_handling_cost": float(c_cost), "customer_profit": float(c_gm - c_cost),
        })
        # The buyer moves space toward suppliers who earn it more per case.
        target = a["space_elasticity"] * ((c_gm - c_cost) / cases / per_case_0 - 1) if per_case_0 > 0 else 0.0
        space += a["space_speed"] * (target - space)
    out = pd.DataFrame(rows, columns=_PATH_COLUMNS)
    out["path"] = out["path"].astype("str")
    return out


def develop_account(company, pnl, *, ops_joins=1, customer_id=None, n_quarters=None, seed=None,
                    assumptions=ACCOUNT_ASSUMPTIONS) -> pd.DataFrame:
    """Develop one account quarter by quarter, with operations joining in a given quarter.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    ops_joins : int or None, default=1
        The quarter operations managers start working with their
        counterparts (1 to ``n_quarters``); ``None`` means never.
    customer_id : str, optional
        The account; :func:`key_account` by default.
    n_quarters : int, optional
        Quarters to simulate (4 to 20); ``n_quarters`` of the assumptions by
        default.
    seed : int or None, default=None
        Draws the size of what the joint work finds at this account
        (log-normal about ``discovery_mean``, sd ``discovery_sd``); ``None``
        takes ``discovery_mean`` itself.
    assumptions : pandas.DataFrame, default=ACCOUNT_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per quarter: ``path`` (a label), ``quarter``,
        ``ops_engaged``, the share in effect of each change (``edi``,
        ``pallets``, ``scheduled_deliveries``, ``vmi``), ``cases``,
        ``your_revenue``, ``your_gross_margin``, ``your_cost_to_serve``,
        ``your_cost_to_serve_per_case``, ``ops_project_cost`` (set-ups and
        the operations team's time), ``your_profit``,
        ``customer_gross_margin``, ``customer_handling_cost`` and
        ``customer_profit`` (the customer's profit from handling your
        products), all per quarter in $ or cases.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> path = develop_account(co, cost_to_serve(co), ops_joins=3, n_quarters=8)
    >>> len(path), bool(path.loc[1, "ops_engaged"]), bool(path.loc[2, "ops_engaged"])
    (8, False, True)
    """
    _check_inputs(company, pnl, "develop_account")
    a = _assumptions(assumptions)
    n = _check_int("n_quarters", int(a["n_quarters"]) if n_quarters is None else n_quarters, 4, 20, "develop_account")
    if ops_joins is not None:
        ops_joins = _check_int("ops_joins", ops_joins, 1, n, "develop_account")
    customer_id = key_account(company, pnl) if customer_id is None else str(customer_id)
    b = _baseline(company, pnl, customer_id)
    label = "operations never joins" if ops_joins is None else f"operations joins in quarter {ops_joins}"
    out = _path(b, a, n, ops_joins, label, _size(a, seed, customer_id))
    out.attrs["customer_id"] = customer_id
    return out


def account_paths(company, pnl, *, customer_id=None, ops_early=None, ops_late=None, n_quarters=None, seed=None,
                  assumptions=ACCOUNT_ASSUMPTIONS) -> pd.DataFrame:
    """Run "sales first, supply chain last" and "operations early" side by side for one account.

    The two paths differ in when operations joins: ``ops_late`` (a
    courtesy visit near the end) or ``ops_early``.  Until operations joins,
    the reps win volume with service promises that raise cost to serve and
    are partly locked in (``lock_in``); from the quarter operations joins,
    the joint changes ramp up at the size the joint work finds (drawn per
    account with ``seed``).  Either path can come out ahead.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    customer_id : str, optional
        The account; :func:`key_account` by default.
    ops_early, ops_late : int, optional
        Quarters operations joins on each path; ``ops_early_quarter`` and
        ``ops_late_quarter`` of the assumptions by default (``ops_late`` is
        kept within the horizon).
    n_quarters : int, optional
        Quarters to simulate (4 to 20).
    seed : int or None, default=None
        Draws the size of what the joint work finds at this account (the
        same on both paths); ``None`` takes ``discovery_mean``.
    assumptions : pandas.DataFrame, default=ACCOUNT_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`develop_account` for both paths, ``path`` being
        one of :data:`PATHS` (a categorical in that order), with
        ``customer_id`` in front.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> paths = account_paths(co, cost_to_serve(co), n_quarters=8)
    >>> paths["path"].unique().tolist() == PATHS
    True
    """
    _check_inputs(company, pnl, "account_paths")
    a = _assumptions(assumptions)
    n = _check_int("n_quarters", int(a["n_quarters"]) if n_quarters is None else n_quarters, 4, 20, "account_paths")
    early = _check_int("ops_early", int(a["ops_early_quarter"]) if ops_early is None else ops_early, 1, n,
                       "account_paths")
    late = _check_int("ops_late", min(int(a["ops_late_quarter"]), n) if ops_late is None else ops_late, 1, n,
                      "account_paths")
    if late <= early:
        raise ValueError(f"ops_late={late} must come after ops_early={early}.")
    customer_id = key_account(company, pnl) if customer_id is None else str(customer_id)
    b = _baseline(company, pnl, customer_id)
    size = _size(a, seed, customer_id)
    out = pd.concat([_path(b, a, n, late, PATHS[0], size), _path(b, a, n, early, PATHS[1], size)],
                    ignore_index=True)
    out["path"] = pd.Categorical(out["path"], categories=PATHS)
    out.insert(0, "customer_id", customer_id)
    return out


def path_totals(paths) -> pd.DataFrame:
    """Add up each path over the horizon.

    Parameters
    ----------
    paths : pandas.DataFrame
        From :func:`account_paths` (or :func:`develop_account` outputs
        concatenated).

    Returns
    -------
    pandas.DataFrame
        One row per path: ``cases``, ``your_revenue``, ``your_cost_to_serve``,
        ``ops_project_cost``, ``your_profit``, ``customer_profit`` (sums over
        the quarters), ``sales_growth_pct`` (last quarter's revenue against
        the first) and ``final_cost_to_serve_per_case``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> tot = path_totals(account_paths(co, cost_to_serve(co), n_quarters=8))
    >>> tot.index.tolist() == PATHS
    True
    """
    check_frame(paths, name="paths", columns=["path", "quarter", "your_revenue"], source="account_paths(company, pnl)",
                func="path_totals")
    g = paths.sort_values("quarter").groupby("path", observed=True, sort=True)
    sums = g[["cases", "your_revenue", "your_cost_to_serve", "ops_project_cost", "your_profit",
              "customer_profit"]].sum()
    first, last = g.first(), g.last()
    sums["sales_growth_pct"] = 100 * (last["your_revenue"] / first["your_revenue"] - 1)
    sums["final_cost_to_serve_per_case"] = last["your_cost_to_serve_per_case"]
    sums.index = sums.index.astype(str)
    return sums


def story_account(company, pnl) -> str:
    """Pick the account notebook 07 follows: a Profit Drain that sales and operations can fix together.

    Among the Profit Drains (:func:`casekit.analysis.profitability.segment_customers`),
    the largest by revenue that loses money over the horizon on "sales first,
    supply chain last" and earns money with operations early; if no Drain
    turns, the Drain whose profit rises most with operations early.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.

    Returns
    -------
    str
        A ``customer_id``.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> cid = story_account(company, cost_to_serve(company))
    >>> isinstance(cid, str), cid in set(company.customers["customer_id"].astype(str))
    (True, True)
    """
    seg = segment_customers(pnl)
    drains = seg[seg["segment"] == "Profit Drain"].sort_values("revenue", ascending=False)
    if drains.empty:
        return key_account(company, pnl)
    best, best_gain = None, -np.inf
    for cid in drains["customer_id"].astype(str):
        t = path_totals(account_paths(company, pnl, customer_id=cid))
        late, early = t.loc[PATHS[0], "your_profit"], t.loc[PATHS[1], "your_profit"]
        if late < 0 < early:
            return cid
        if early - late > best_gain:
            best, best_gain = cid, early - late
    return best

