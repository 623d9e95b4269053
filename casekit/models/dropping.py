"""Dropping an account vs fixing how it is served: avoidable against allocated cost.

Dropping a Profit Drain loses its gross margin but saves only the avoidable
part of the cost to serve allocated to it; staff, trucks and reps mostly
stay.  :func:`drop_account` splits one account's cost that way,
:func:`drains_table` does it for every Drain, :func:`lever_candidates` prices
a service package on each (with :mod:`casekit.models.levers`) and
:func:`fix_or_drop` compares the two choices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.costing.rates import RateCard
from casekit.models.levers import account_model
from casekit.validation import check_fraction, check_frame, check_pnl

__all__ = ["AVOIDABLE_SHARE", "drop_account", "drains_table", "SERVICE_PACKAGE", "lever_candidates", "fix_or_drop"]

# Share of each activity's allocated cost that goes away in the short run if
# the account is dropped.  Assumptions for class discussion, in the spirit of
# Kaplan & Anderson's time-driven ABC: capacity (customer-service staff,
# warehouse crews, reps) stays unless management removes it, so most of its
# cost is reallocated, not saved.  Delivery is mostly variable (KeHE: > 92 %),
# but a route still runs past the dropped stop, so 70 %.
AVOIDABLE_SHARE = {
    "order_handling": 0.25,
    "picking": 0.40,
    "delivery": 0.70,
    "rush_handling": 0.60,
    "sales_calls": 0.15,
    "trade_promotion": 1.00,
    "returns": 1.00,
    "receivables": 1.00,
    "inventory_carrying": 0.50,
}


def drop_account(pnl: pd.DataFrame, customer_id, *, avoidable: dict | None = None) -> pd.DataFrame:
    """Split an account's allocated cost to serve into what dropping it saves and what stays.

    Dropping an account loses its gross margin and saves only the avoidable
    part of its cost to serve; the rest (staff, trucks, reps) stays and is
    spread over the remaining accounts.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    customer_id : str
        The account to drop.
    avoidable : dict, optional
        Share (0-1) of each activity's cost that is avoidable; defaults to
        :data:`AVOIDABLE_SHARE` (activities it does not name count as fully
        avoidable).

    Returns
    -------
    pandas.DataFrame
        One row per activity: ``activity``, ``allocated``, ``avoidable_share``,
        ``avoidable``, ``stays`` ($).  ``attrs``: ``customer_id``, ``revenue``,
        ``gross_margin``, ``allocated_cost``, ``avoidable_cost``,
        ``net_profit`` (allocated view) and ``profit_change_if_dropped``
        (= avoidable cost - gross margin: what the company's profit does).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=3, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> d = drop_account(pnl, "C0023")   # the account losing most
    >>> list(d.columns)
    ['activity', 'allocated', 'avoidable_share', 'avoidable', 'stays']
    >>> bool((d["avoidable"] <= d["allocated"] + 1e-9).all())
    True
    >>> bool(d.attrs["net_profit"] < 0), bool(d.attrs["profit_change_if_dropped"] < 0)
    (True, True)

    It loses money, yet dropping it lowers the company's profit: most of the
    cost it is allocated stays behind.
    """
    shares = dict(AVOIDABLE_SHARE if avoidable is None else avoidable)
    for k, v in shares.items():
        check_fraction(v, f"avoidable[{k!r}]", func="drop_account")
    check_pnl(pnl, columns=["customer_id"], allow_empty=True, func="drop_account")
    sel = pnl[pnl["customer_id"].astype(str) == str(customer_id)]
    if sel.empty:
        raise ValueError(f"customer_id {customer_id!r} has no lines in pnl.")
    cols = [c for c in pnl.columns if c.startswith("cost_") and c != "cost_to_serve"]
    rows = []
    for c in cols:
        act = c.removeprefix("cost_")
        alloc = float(sel[c].sum())
        share = float(shares.get(act, 1.0))
        rows.append((act, alloc, share, alloc * share, alloc * (1 - share)))
    out = pd.DataFrame(rows, columns=["activity", "allocated", "avoidable_share", "avoidable", "stays"])
    gm = float(sel["gross_margin"].sum())
    out.attrs = {
        "customer_id": str(customer_id),
        "revenue": float(sel["revenue"].sum()),
        "gross_margin": gm,
        "allocated_cost": float(out["allocated"].sum()),
        "avoidable_cost": float(out["avoidable"].sum()),
        "net_profit": gm - float(out["allocated"].sum()),
        "profit_change_if_dropped": float(out["avoidable"].sum()) - gm,
    }
    return out


def drains_table(pnl: pd.DataFrame, *, avoidable: dict | None = None, revenue_cut=None) -> pd.DataFrame:
    """List the Profit Drains with their allocated and avoidable cost to serve.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    avoidable : dict, optional
        See :func:`drop_account`.
    revenue_cut : float, optional
        Revenue separating large from small accounts; see
        :func:`casekit.segment_customers`.

    Returns
    -------
    pandas.DataFrame
        One row per Profit Drain (see :func:`casekit.segment_customers`),
        largest revenue first: ``customer_id``, ``revenue``, ``gross_margin``,
        ``net_profit``, ``allocated_cost``, ``avoidable_cost``,
        ``profit_change_if_dropped`` ($) and ``dropping_hurts`` (bool).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=3, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> t = drains_table(pnl)
    >>> list(t.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['customer_id', 'revenue', 'gross_margin', 'net_profit', 'allocated_cost',
     'avoidable_cost', 'profit_change_if_dropped', 'dropping_hurts']
    >>> len(t) > 0, bool((t["net_profit"] <= 0).all()), bool(t["revenue"].is_monotonic_decreasing)
    (True, True, True)
    """
    from casekit.analysis.profitability import segment_customers
    seg = segment_customers(pnl, revenue_cut=revenue_cut)
    ids = seg.loc[seg["segment"] == "Profit Drain", "customer_id"].astype(str)
    sel = pnl[pnl["customer_id"].astype(str).isin(set(ids))]
    parts = dict(tuple(sel.groupby(sel["customer_id"].astype(str), observed=True)))
    rows = []
    for cid in ids:
        a = drop_account(parts[cid], cid, avoidable=avoidable).attrs
        rows.append({k: a[k] for k in ("customer_id", "revenue", "gross_margin", "net_profit", "allocated_cost",
                                       "avoidable_cost", "profit_change_if_dropped")})
    out = pd.DataFrame(rows, columns=["customer_id", "revenue", "gross_margin", "net_profit", "allocated_cost",
                                      "avoidable_cost", "profit_change_if_dropped"])
    out["dropping_hurts"] = out["profit_change_if_dropped"] < 0
    return out.sort_values("revenue", ascending=False, kind="stable").reset_index(drop=True)


# A service package for Drains: what a cross-functional team might agree with
# the customer (Byrnes): bigger orders, electronic ordering, scheduled drops,
# standard service instead of rush.
SERVICE_PACKAGE = {"min_order_cases": 100, "move_to_edi": 1.0, "deliveries_per_week": 0.5, "cut_rush": 1.0}


def lever_candidates(company, pnl: pd.DataFrame, *, rates: RateCard | None = None, avoidable: dict | None = None,
                     **levers) -> pd.DataFrame:
    """Rank the Profit Drains by how much a change in how they are served would earn.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve` (with the same rates).
    rates : RateCard, optional
        The default rate card when omitted.
    avoidable : dict, optional
        See :func:`drop_account`.
    **levers
        The levers to pull on every Drain; :data:`SERVICE_PACKAGE` when none.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`drains_table` (``customer_id``, ``revenue``,
        ``gross_margin``, ``net_profit``, ``allocated_cost``,
        ``avoidable_cost``, ``profit_change_if_dropped``, ``dropping_hurts``)
        plus ``net_profit_with_levers`` and ``gain_from_levers`` ($), largest
        gain first.  ``attrs["levers"]`` holds the levers pulled.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> c = lever_candidates(co, pnl)
    >>> c.columns[-2:].tolist()
    ['net_profit_with_levers', 'gain_from_levers']
    >>> bool(c["gain_from_levers"].is_monotonic_decreasing), c.attrs["levers"] == SERVICE_PACKAGE
    (True, True)
    """
    levers = levers or dict(SERVICE_PACKAGE)
    out = drains_table(pnl, avoidable=avoidable)
    after = [float(account_model(company, cid, rates).what_if(**levers).loc["net_profit", "with_levers"])
             for cid in out["customer_id"]]
    out["net_profit_with_levers"] = after
    out["gain_from_levers"] = out["net_profit_with_levers"] - out["net_profit"]
    out = out.sort_values("gain_from_levers", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs = {"levers": levers}
    return out


def fix_or_drop(candidates: pd.DataFrame) -> pd.DataFrame:
    """Compare, for each Profit Drain, fixing how it is served with dropping it.

    Parameters
    ----------
    candidates : pandas.DataFrame
        Output of :func:`lever_candidates`.

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``revenue``, ``net_profit``, ``gain_from_levers``
        (profit change if the service package is agreed),
        ``profit_change_if_dropped`` and ``verdict`` ("fix" when fixing earns
        more than dropping, else "drop"), in the order of ``candidates``.
        ``attrs["chosen"]`` is the first Drain that the levers make
        profitable and where fixing beats dropping (the teaching example);
        ``attrs["fix_beats_drop"]`` counts the Drains where fixing wins.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"customer_id": ["A", "B"], "revenue": [1.0, 2.0], "net_profit": [-5.0, -9.0],
    ...                   "net_profit_with_levers": [1.0, -8.0], "gain_from_levers": [6.0, 1.0],
    ...                   "profit_change_if_dropped": [2.0, 4.0]})
    >>> t = fix_or_drop(c)
    >>> t["verdict"].tolist(), t.attrs["chosen"], t.attrs["fix_beats_drop"]
    (['fix', 'drop'], 'A', 1)
    """
    need = ["customer_id", "revenue", "net_profit", "net_profit_with_levers", "gain_from_levers",
            "profit_change_if_dropped"]
    check_frame(candidates, name="candidates", columns=need, source="lever_candidates(company, pnl)",
                func="fix_or_drop")
    out = candidates[need].copy()
    fix_wins = out["gain_from_levers"] > out["profit_change_if_dropped"]
    out["verdict"] = np.where(fix_wins, "fix", "drop")
    good = out[fix_wins & (out["net_profit_with_levers"] > 0)]
    pick = good if len(good) else out[fix_wins] if fix_wins.any() else out
    out.attrs = {"chosen": str(pick["customer_id"].iloc[0]), "fix_beats_drop": int(fix_wins.sum())}
    return out.drop(columns="net_profit_with_levers")
