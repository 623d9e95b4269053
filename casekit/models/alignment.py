"""Sales, operations and product management: each on its own metric, or on one account P&L (I8, I13, I14).

Each function is usually judged on its own number: sales on revenue,
operations on cost per case, product managers on their products' revenue
and gross margin (and the launches they get out).  All three numbers are
lines of the same account P&L, whose bottom line is the company's profit.

:func:`account_pnl` writes one account's P&L with the owner of each line;
:func:`account_moves` lists the moves open to an account with what each does
to sales' and operations' numbers and to profit (some help both: the natural
alliance of I8); :func:`compare_alignment` runs the whole company with every
function optimising its own metric and with all three optimising the shared
account P&L, side by side (I13, I14).

The model (defaults in :data:`ALIGNMENT_ASSUMPTIONS`):

* **Account moves** (per account, from the engine's costs for it):
  ``extra_service`` (say yes to more drops and rush orders: volume up
  ``service_volume``, operations costs up ``service_cost``);
  ``minimum_order`` (a blanket rule on accounts whose orders are smaller
  than the median account's: their order, delivery and rush costs fall
  ``minimum_order_saving``, but they take ``minimum_order_loss`` of their
  volume elsewhere); ``joint_redesign`` (operations works with the account
  on EDI, scheduled deliveries and pallets: operations costs fall
  ``redesign_saving``, volume grows ``redesign_volume`` as the customer
  earns more, for ``redesign_cost`` of operations managers' time).
  Volume changes carry gross margin and cost to serve in proportion.
  "Operations costs" are order handling, picking, delivery, rush handling
  and inventory carrying.
* **Portfolio moves**: the launch rate and the share of the tail pruned,
  recomputed with :func:`casekit.models.innovation.prune_tail` logic.
* **One decision rule.**  Every decision maker takes, among the options
  it controls, the one that scores best on its own metric.  In silos, sales
  controls extra service (metric: revenue), operations minimum orders
  (metric: operations cost per case) and product managers the launch rate
  and pruning (metric: their revenue plus gross margin, grid ``launch_rates``
  with ``pm_launch_rate`` x ``prune_shares``); the joint redesign needs both
  functions, so silos never make it.  The moves add up: operations copes
  with what sales promised.
* **Shared account P&L.**  One team controls every move and is judged on
  profit: for each account the move (or none) that adds most profit after
  cost to serve, for the portfolio the grid point with most profit after
  complexity.  Alignment is not free: the shared P&L pays
  ``coordination_cost`` for every active account, and joint launch reviews
  cost each new SKU ``launch_delay`` of its time on sale.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from casekit.models.innovation import product_scorecard
from casekit.models.portfolio import codes, portfolio_lenses, prepared, scorecard_rates
from casekit.validation import check_company, check_pnl

__all__ = ["ALIGNMENT_ASSUMPTIONS", "MOVES", "account_pnl", "account_moves", "compare_alignment"]

MOVES = ["as is", "extra_service", "minimum_order", "joint_redesign"]
"""The moves open to an account."""

# (parameter, value, unit, source or rationale)
_ROWS = [
    ("service_volume", 0.03, "share", "assumption: saying yes to every rush and extra drop wins 3 % volume "
     "(as in casekit.models.incentives)"),
    ("service_cost", 0.35, "share", "assumption: ...and raises operations costs 35 %"),
    ("minimum_order_saving", 0.4, "share", "assumption: fewer, larger orders cut order, delivery and rush "
     "costs 40 %"),
    ("minimum_order_loss", 0.15, "share", "assumption: accounts with small orders move 15 % of their volume "
     "to suppliers without minimums"),
    ("redesign_saving", 0.3, "share", "assumption: EDI, scheduled deliveries and pallets cut operations costs "
     "30 % (see casekit.models.account_development)"),
    ("redesign_volume", 0.03, "share", "assumption: the customer earns more on your products and gives them "
     "3 % more volume"),
    ("redesign_cost", 4_000.0, "$/account", "assumption: operations managers' time for one account"),
    ("coordination_cost", 1_500.0, "$/account", "assumption: running one account P&L takes sales, operations "
     "and product managers' time (joint reviews, shared reports), about a day of each a year per account"),
    ("launch_delay", 0.1, "share", "assumption: joint launch reviews delay launches; a new SKU loses 10 % of its "
     "time on sale (about a month of a year)"),
    ("pm_launch_rate", 1.5, "x today", "assumption: on their own metric product managers launch more "
     "(every launch adds revenue and gross margin to someone's product line)"),
    ("launch_rates", "0.5, 0.75, 1, 1.5", "x today", "grid searched on the shared P&L; a business still "
     "needs a pipeline, so the launch stream is at most halved"),
    ("prune_shares", "0, 0.05, 0.1, 0.15", "share of SKUs", "grid searched on the shared P&L; up to the ~15 % "
     "cut that saves 15-30 % of complexity cost (Wilson & Perumal 2009)"),
]

ALIGNMENT_ASSUMPTIONS = pd.DataFrame(_ROWS, columns=["parameter", "value", "unit", "source"]).set_index(
    "parameter")
"""Default assumptions of the alignment model, one row each, with their source."""

_OPS = ["cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling", "cost_inventory_carrying"]
_ORDER = ["cost_order_handling", "cost_delivery", "cost_rush_handling"]

_OWNERS = {
    "gross_sales": "sales", "on_invoice_discounts": "sales", "revenue": "sales",
    "cogs": "product management", "gross_margin": "product management",
    "cost_order_handling": "operations", "cost_picking": "operations", "cost_delivery": "operations",
    "cost_rush_handling": "operations", "cost_inventory_carrying": "operations",
    "cost_sales_calls": "sales", "cost_trade_promotion": "sales", "cost_returns": "operations",
    "cost_receivables": "finance", "cost_to_serve": "shared", "net_profit": "shared",
}


# --------------------------------------------------------------------------- checks
def _check_inputs(company, pnl, func: str) -> None:
    check_company(company, tables=("customers", "products", "orders", "lines", "launches"), allow_dict=False,
                  func=func)
    check_pnl(pnl, columns=("customer_id", "product_id", "order_id", "cases", "gross_sales", "revenue", "cogs",
                            "gross_margin", "cost_to_serve", "net_profit", *_OPS),
              source="cost_to_serve(company) with the default rate card", allow_empty=True, func=func)


def _grid(text, name) -> list[float]:
    try:
        values = [float(v) for v in str(text).split(",")]
    except ValueError:
        raise ValueError(f"assumptions: {name} must be numbers separated by commas; got {text!r}.") from None
    if not values or any(v < 0 for v in values):
        raise ValueError(f"assumptions: {name} must list numbers >= 0.")
    return values


def _assumptions(assumptions) -> dict:
    like = "a DataFrame like ALIGNMENT_ASSUMPTIONS (indexed by parameter, with a 'value' column)"
    if not isinstance(assumptions, pd.DataFrame):
        raise TypeError(f"assumptions must be {like}; got {type(assumptions).__name__}.")
    if "value" not in assumptions.columns:
        raise ValueError(f"assumptions has no 'value' column; it must be {like}.")
    missing = [p for p in ALIGNMENT_ASSUMPTIONS.index if p not in assumptions.index]
    if missing:
        raise ValueError(f"assumptions lacks parameter(s) {missing}; start from ALIGNMENT_ASSUMPTIONS.copy().")
    a = {}
    for p in ALIGNMENT_ASSUMPTIONS.index:
        if p in ("launch_rates", "prune_shares"):
            a[p] = _grid(assumptions.loc[p, "value"], p)
            continue
        v = pd.to_numeric(pd.Series([assumptions.loc[p, "value"]]), errors="coerce").iloc[0]
        if pd.isna(v) or v < 0:
            raise ValueError(f"assumptions: {p} must be a number >= 0; got {assumptions.loc[p, 'value']!r}.")
        a[p] = float(v)
    over = [p for p in ("service_volume", "minimum_order_saving", "minimum_order_loss", "redesign_saving")
            if a[p] > 1]
    if over or any(v > 1 for v in a["prune_shares"]) or any(v > 3 for v in a["launch_rates"]):
        raise ValueError("assumptions: shares must be between 0 and 1 and launch rates between 0 and 3.")
    return a


def _customer_id(company, customer_id) -> str:
    ids = company.customers["customer_id"].astype(str)
    if customer_id is None:
        raise ValueError("customer_id is required, e.g. customer_id=" + repr(ids.iloc[0]) + ".")
    if str(customer_id) not in set(ids):
        raise ValueError(f"customer_id={customer_id!r} is not an account of this company; e.g. {ids.iloc[0]!r}.")
    return str(customer_id)


# --------------------------------------------------------------------------- accounts
@dataclasses.dataclass
class _Accounts:
    base: pd.DataFrame       # per account: revenue, gross_margin, cost_to_serve, ops, order_costs, cases
    effects: np.ndarray      # moves x accounts x (revenue, gross_margin, cost_to_serve, ops, cases)
    small_orders: np.ndarray


def _accounts(company, pnl, a: dict) -> _Accounts:
    customers = company.customers
    cust = codes(pnl["customer_id"], customers["customer_id"])
    ok = cust >= 0
    n = len(customers)

    def per(values):
        return np.bincount(cust[ok], weights=np.asarray(values, dtype=float)[ok], minlength=n)

    rev, gm, cts, cases = (per(pnl[c]) for c in ("revenue", "gross_margin", "cost_to_serve", "cases"))
    ops = sum(per(pnl[c]) for c in _OPS)
    order_costs = sum(per(pnl[c]) for c in _ORDER)
    # Orders with at least one line, counted per account.
    order_codes = codes(pnl["order_id"], company.orders["order_id"])
    has_lines = np.zeros(len(company.orders), bool)
    has_lines[order_codes[order_codes >= 0]] = True
    order_cust = codes(company.orders["customer_id"], customers["customer_id"])
    keep = has_lines & (order_cust >= 0)
    n_orders = np.bincount(order_cust[keep], minlength=n)
    per_order = np.divide(cases, n_orders, out=np.zeros(n), where=n_orders > 0)
    active = cases > 0
    small = active & (per_order < np.median(per_order[active])) if active.any() else active
    base = pd.DataFrame({"revenue": rev, "gross_margin": gm, "cost_to_serve": cts, "ops": ops,
                         "order_costs": order_costs, "cases": cases})

    def volume(f):
        return np.stack([rev * f, gm * f, cts * f, ops * f, cases * f], axis=1)

    eff = np.zeros((len(MOVES), n, 5))
    eff[1] = volume(a["service_volume"])
    eff[1, :, 2] += a["service_cost"] * ops
    eff[1, :, 3] += a["service_cost"] * ops
    eff[2] = volume(np.where(small, -a["minimum_order_loss"], 0.0))
    saving = np.where(small, a["minimum_order_saving"] * order_costs * (1 - a["minimum_order_loss"]), 0.0)
    eff[2, :, 2] -= saving
    eff[2, :, 3] -= saving
    eff[3] = volume(np.where(active, a["redesign_volume"], 0.0))
    saving = np.where(active, a["redesign_saving"] * ops * (1 + a["redesign_volume"]), 0.0)
    eff[3, :, 2] += np.where(active, a["redesign_cost"], 0.0) - saving
    eff[3, :, 3] += np.where(active, a["redesign_cost"], 0.0) - saving
    return _Accounts(base, eff, small)


def account_pnl(company, pnl, *, customer_id=None) -> pd.DataFrame:
    """Write one account's P&L, naming which function watches each line.

    Sales watches revenue (and the calls and trade spend it decides),
    product management gross margin, operations the costs of handling,
    picking, delivering and holding stock; net profit is everybody's.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    customer_id : str
        The account.

    Returns
    -------
    pandas.DataFrame
        One row per P&L line: ``line`` (``gross_sales`` ... ``net_profit``),
        ``amount`` ($ over the period), ``per_case`` ($/case),
        ``pct_of_revenue`` and ``owner`` (``"sales"``, ``"product
        management"``, ``"operations"``, ``"finance"`` or ``"shared"``).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> p = account_pnl(co, cost_to_serve(co), customer_id="C0001")
    >>> p.set_index("line").loc["net_profit", "owner"]
    'shared'
    """
    _check_inputs(company, pnl, "account_pnl")
    cid = _customer_id(company, customer_id)
    mine = (pnl["customer_id"].astype(str) == cid).to_numpy()
    cols = [c for c in _OWNERS if c in pnl.columns]
    sums = pnl.loc[mine, cols].sum()
    cases = float(pnl.loc[mine, "cases"].sum())
    revenue = float(sums.get("revenue", 0.0))
    out = pd.DataFrame({
        "line": cols,
        "amount": sums.to_numpy(dtype=float),
        "per_case": sums.to_numpy(dtype=float) / cases if cases > 0 else np.nan,
        "pct_of_revenue": 100 * sums.to_numpy(dtype=float) / revenue if revenue else np.nan,
        "owner": [_OWNERS[c] for c in cols],
    })
    out.attrs["customer_id"] = cid
    return out


def account_moves(company, pnl, *, customer_id=None, assumptions=ALIGNMENT_ASSUMPTIONS) -> pd.DataFrame:
    """List the moves open to one account and whom each one helps.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    customer_id : str
        The account.
    assumptions : pandas.DataFrame, default=ALIGNMENT_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per move of :data:`MOVES`: ``move``, ``revenue``,
        ``operations_cost``, ``operations_cost_per_case``, ``net_profit``
        (the account's, after the move), their changes ``d_revenue``,
        ``d_operations_cost_per_case``, ``d_net_profit``, and ``helps_sales``
        (revenue up), ``helps_operations`` (cost per case down),
        ``helps_company`` (profit up).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> moves = account_moves(co, cost_to_serve(co), customer_id="C0001")
    >>> moves["move"].tolist() == MOVES
    True
    """
    _check_inputs(company, pnl, "account_moves")
    cid = _customer_id(company, customer_id)
    a = _assumptions(assumptions)
    acc = prepared("alignment", (company, pnl, assumptions), lambda: _setting(company, pnl, a)).accounts
    i = int(np.flatnonzero(company.customers["customer_id"].astype(str).to_numpy() == cid)[0])
    b = acc.base.iloc[i]
    rows = []
    for m, move in enumerate(MOVES):
        d = acc.effects[m, i]
        rev, gm, cts, ops, cases = (b["revenue"] + d[0], b["gross_margin"] + d[1], b["cost_to_serve"] + d[2],
                                    b["ops"] + d[3], b["cases"] + d[4])
        rows.append({"move": move, "revenue": rev, "operations_cost": ops,
                     "operations_cost_per_case": ops / cases if cases > 0 else np.nan, "net_profit": gm - cts})
    out = pd.DataFrame(rows)
    base = out.iloc[0]
    out["d_revenue"] = out["revenue"] - base["revenue"]
    out["d_operations_cost_per_case"] = out["operations_cost_per_case"] - base["operations_cost_per_case"]
    out["d_net_profit"] = out["net_profit"] - base["net_profit"]
    out["helps_sales"] = out["d_revenue"] > 0
    out["helps_operations"] = out["d_operations_cost_per_case"] < 0
    out["helps_company"] = out["d_net_profit"] > 0
    out.attrs["customer_id"] = cid
    return out


# --------------------------------------------------------------------------- the company
@dataclasses.dataclass
class _Setting:
    accounts: _Accounts
    today: dict              # the portfolio as it is
    pm_portfolio: dict       # the portfolio product managers choose on their own metric
    shared_portfolio: dict   # the portfolio that maximises profit after complexity
    portfolios: list = dataclasses.field(default_factory=list)  # every portfolio on the grid


def _setting(company, pnl, a: dict) -> _Setting:
    card = product_scorecard(company, pnl)
    rates = sorted(set(a["launch_rates"]) | {1.0, a["pm_launch_rate"]})
    grid = [_portfolio_row(card, r, p) for r in rates for p in a["prune_shares"]]
    # The aligned company's launches go through joint reviews and reach the shelf later.
    delayed = [_portfolio_row(card, r * (1 - a["launch_delay"]), p, rate_label=r) for r in rates
               for p in a["prune_shares"]]
    pm = grid[int(_decide(np.array([p["revenue"] + p["gross_margin"] for p in grid])))]
    shared = delayed[int(_decide(np.array([p["company_profit"] for p in delayed])))]
    return _Setting(_accounts(company, pnl, a), _portfolio_row(card, 1.0, 0.0), pm, shared, delayed)


def _decide(scores: np.ndarray) -> np.ndarray:
    """The one decision rule every decision maker follows: take the option that scores best on their metric.

    ``scores`` is options x (anything, e.g. accounts); returns the index of the chosen option.  Ties go
    to the first option (``as is`` comes first), so nobody moves for nothing.
    """
    return np.argmax(np.nan_to_num(scores, nan=-np.inf), axis=0)


def _portfolio_row(card: pd.DataFrame, rate: float, prune: float, rate_label=None) -> dict:
    """Portfolio totals for a launch rate and a pruned share of SKUs (the tail: lowest revenue first)."""
    r, months = scorecard_rates(card, None)
    weight = np.where(card["is_new"].to_numpy(dtype=bool), rate, 1.0)
    n_cut = int(round(prune * len(card)))
    if n_cut:
        order = np.argsort(card["revenue"].to_numpy(dtype=float), kind="stable")
        weight[order[:n_cut]] = 0.0
    row = portfolio_lenses(card, weight, r, months, "")
    row["launch_rate"], row["pruned_share"] = rate if rate_label is None else rate_label, prune
    return row


def _scenario(name: str, s: _Setting, taken: np.ndarray, port: dict, coordination: float = 0.0) -> dict:
    """Company totals when account i takes the moves flagged in ``taken[i]`` and the portfolio is ``port``."""
    acc = s.accounts
    totals = acc.base[["revenue", "gross_margin", "cost_to_serve", "ops", "cases"]].to_numpy().sum(axis=0)
    totals = totals + np.einsum("am,mak->k", taken.astype(float), acc.effects)
    gate = {c: port[c] - s.today[c] for c in ("revenue", "gross_margin", "cost_to_serve", "cases")}
    # The portfolio's change in cost to serve splits between operations and the rest as today.
    ops_share = totals[3] / totals[2] if totals[2] else 0.0
    revenue = totals[0] + gate["revenue"]
    gm = totals[1] + gate["gross_margin"]
    cts = totals[2] + gate["cost_to_serve"]
    cases = totals[4] + gate["cases"]
    ops = totals[3] + gate["cost_to_serve"] * ops_share + port["complexity_cost"]
    return {
        "scenario": name,
        "revenue": float(revenue),
        "gross_margin": float(gm),
        "cost_to_serve": float(cts),
        "operations_cost": float(ops),
        "operations_cost_per_case": float(ops / cases) if cases else 0.0,
        "complexity_cost": float(port["complexity_cost"]),
        "coordination_cost": float(coordination),
        "profit": float(gm - cts - port["complexity_cost"] - coordination),
        "skus": float(port["skus"]),
        "launch_rate": float(port["launch_rate"]),
        "pruned_share": float(port["pruned_share"]),
        "pm_metric": float(port["revenue"] + port["gross_margin"]),
        **{f"accounts_{m}": int(taken[:, i].sum()) for i, m in enumerate(MOVES) if i > 0},
    }


def compare_alignment(company, pnl, *, assumptions=ALIGNMENT_ASSUMPTIONS) -> pd.DataFrame:
    """Run the company with each function on its own metric, and with all on one account P&L.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    assumptions : pandas.DataFrame, default=ALIGNMENT_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        Three rows, ``scenario`` = ``"today"``, ``"each function on its own
        metric"``, ``"shared account P&L"``: ``revenue`` (sales' metric),
        ``gross_margin``, ``cost_to_serve``, ``operations_cost`` (order
        handling, picking, delivery, rush, inventory carrying and
        complexity), ``operations_cost_per_case`` (operations' metric),
        ``complexity_cost``, ``profit`` (after cost to serve and complexity),
        ``skus``, ``launch_rate``, ``pruned_share``, ``pm_metric`` (product
        managers' revenue plus gross margin), and ``accounts_<move>`` (how
        many accounts got each move).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> board = compare_alignment(co, cost_to_serve(co))
    >>> board["scenario"].tolist()
    ['today', 'each function on its own metric', 'shared account P&L']
    """
    _check_inputs(company, pnl, "compare_alignment")
    a = _assumptions(assumptions)
    s = prepared("alignment", (company, pnl, assumptions), lambda: _setting(company, pnl, a))
    acc, eff = s.accounts, s.accounts.effects
    n = len(acc.base)
    none = np.zeros((n, len(MOVES)), bool)
    today = _scenario("today", s, none, s.today)

    # One decision rule for everybody (_decide): each decision maker takes, account by account, the move
    # among those it controls that scores best on its own metric.  In silos, sales controls extra service
    # and is judged on revenue; operations controls minimum orders and is judged on operations cost per
    # case; nobody controls the joint redesign, which needs both.  Where both act on an account, both
    # effects count.  On one account P&L, one team controls every move, is judged on the account's profit
    # and pays for the coordination.
    cases, ops, rev = (acc.base[c].to_numpy() for c in ("cases", "ops", "revenue"))
    rows = np.arange(n)
    silo = none.copy()
    sales = np.array([0, 1])[_decide(np.stack([rev + eff[m, :, 0] for m in (0, 1)]))]
    with np.errstate(divide="ignore", invalid="ignore"):
        per_case = np.stack([(ops + eff[m, :, 3]) / (cases + eff[m, :, 4]) for m in (0, 2)])
    operations = np.array([0, 2])[_decide(-per_case)]
    silo[rows, sales] = sales > 0
    silo[rows, operations] |= operations > 0
    silos = _scenario("each function on its own metric", s, silo, s.pm_portfolio)

    shared = none.copy()
    move = _decide(eff[:, :, 1] - eff[:, :, 2])
    shared[rows, move] = move > 0
    coordination = a["coordination_cost"] * int((cases > 0).sum())
    aligned = _scenario("shared account P&L", s, shared, s.shared_portfolio, coordination)
    return pd.DataFrame([today, silos, aligned])
