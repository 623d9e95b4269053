"""Translate a team's decisions into calls of casekit's models, and score a quarter.

The game adds no economics of its own.  A quarter of a team is the sum of
what the models say its decisions do:

* the company's quarter with the reps' bonus plan the VP Sales set and the
  launches the VP Product let through (each launch an objective):
  :func:`casekit.models.incentives.evaluate_plan`, a year divided by four;
* the VP Product's pruning of the tail of the range:
  :func:`casekit.models.innovation.prune_tail`, change in company profit;
* the VP Operations' service policy at the account the VP Sales develops:
  :func:`casekit.models.levers.what_if`, change in the account's net profit;
* operations engaging that account early (if its buyer opens the door):
  :func:`casekit.models.account_development.develop_account`, your profit
  on the path operations joins minus the sales-first path, this quarter;
* the launches' sell-in by reps who work ``focus`` objectives each:
  :func:`casekit.models.rep_choices.simulate_reps` (the VP Sales' attainment
  and the VP Product's launch revenue).

Model results are cached by the decision values they depend on, so closing a
round for many teams costs a few model calls.
"""

from __future__ import annotations

import functools

from casekit.case.datasets import load_case
from casekit.costing.engine import cost_to_serve
from casekit.game.roles import (
    N_ROUNDS,
    OPS_CAPACITY,
    REWRITE_METRICS,
    SALES_METRICS,
    Context,
    default_decision,
    ops_projects,
)
from casekit.models.account_development import develop_account, key_account
from casekit.models.alignment import account_pnl
from casekit.models.incentives import BonusPlan, evaluate_plan
from casekit.models.innovation import product_scorecard, prune_tail
from casekit.models.levers import account_model
from casekit.models.objectives import bonus_plan
from casekit.models.rep_choices import simulate_reps

__all__ = ["Market", "market", "KPIS", "TEAM_METRICS", "score_quarter"]

KPIS = {
    "sales": ["revenue", "attainment_pct"],
    "operations": ["cost_to_serve_per_case", "capacity_use_pct"],
    "product": ["launch_revenue", "gross_margin_pct"],
    "buyer": ["customer_profit"],
}
"""Each role's KPIs, names of the metrics :func:`score_quarter` returns."""

TEAM_METRICS = ["profit", "revenue", "gross_margin", "cost_to_serve", "complexity_cost", "account_profit"]
"""Team-level metrics of a quarter; ``profit`` (after cost to serve and complexity) is the team's score."""

_DELIVERIES = {"as today": None, "3": 3, "2": 2, "1": 1}
_TIERS = {"rush on request": 0.0, "rush for a fee": 0.5, "standard only": 1.0}
_N_ACCOUNTS = 3


class Market:
    """One case's company and cost-to-serve P&L, with the model calls the rules make, cached.

    Parameters
    ----------
    case : str
        A shipped case, ``"precision"`` or ``"mass"``.
    seed : int
        The game's seed; every team faces the same reps and customers in a round.
    """

    def __init__(self, case: str, seed: int):
        self.case, self.seed = case, int(seed)
        self.company = load_case(case)
        self.pnl = cost_to_serve(self.company)
        self.plan = bonus_plan(self.company, seed=self.seed)
        self.scorecard = product_scorecard(self.company, self.pnl)
        key = key_account(self.company, self.pnl)
        by_revenue = self.pnl.groupby("customer_id", observed=True)["revenue"].sum().sort_values(ascending=False)
        others = [c for c in by_revenue.index.astype(str) if c != key][: _N_ACCOUNTS - 1]
        self.accounts = (key, *others)
        self._cache: dict = {}

    def context(self, *, unlocked: bool = False) -> Context:
        """Return the :class:`~casekit.game.roles.Context` of decisions in this market."""
        return Context(n_launches=len(self.plan), accounts=self.accounts, unlocked=unlocked)

    def _memo(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def company_quarter(self, weights: tuple, launches: int, round_no: int) -> dict:
        """The company's quarter under a bonus plan (metric weights) with ``launches`` objectives."""
        def compute():
            plan = BonusPlan(dict(weights), max_objectives=launches, name="team")
            row = evaluate_plan(plan, self.company, self.pnl, seed=self.seed + round_no).iloc[0]
            return {k: float(row[k]) / 4 for k in ("revenue", "gross_margin", "cost_to_serve", "complexity_cost",
                                                   "profit")} | {"cts_per_case": float(row["cost_to_serve_per_case"])}
        return self._memo(("company", weights, launches, round_no), compute)

    def prune_change(self, share: float) -> dict:
        """Change a quarter in company profit and cost to serve from pruning ``share`` of the tail."""
        def compute():
            if share == 0:
                return {"profit": 0.0, "cost_to_serve": 0.0, "complexity_cost": 0.0}
            t = prune_tail(self.scorecard, share=share)
            today, pruned = t.iloc[0], t.iloc[1]
            return {"profit": float(pruned["company_profit"] - today["company_profit"]) / 4,
                    "cost_to_serve": float(pruned["cost_to_serve"] - today["cost_to_serve"]) / 4,
                    "complexity_cost": float(pruned["complexity_cost"] - today["complexity_cost"]) / 4}
        return self._memo(("prune", share), compute)

    def account_model(self, customer_id: str):
        """The account's lever model (:func:`casekit.models.levers.account_model`), built once."""
        return self._memo(("account", customer_id), lambda: account_model(self.company, customer_id))

    def service_change(self, customer_id: str, min_order: int, deliveries, edi: float, cut_rush: float) -> dict:
        """Change a quarter in one account's net profit and cost to serve under a service policy."""
        def compute():
            r = self.account_model(customer_id).what_if(min_order_cases=min_order, deliveries_per_week=deliveries,
                                                        move_to_edi=edi, cut_rush=cut_rush)
            return {"profit": float(r.loc["net_profit", "change"]) / 4,
                    "cost_to_serve": float(r.loc["cost_to_serve", "change"]) / 4}
        return self._memo(("service", customer_id, min_order, deliveries, edi, cut_rush), compute)

    def account_pnl(self, customer_id: str):
        """The account's P&L line by line with the function that owns each line (the shared view of round 4)."""
        return self._memo(("pnl", customer_id),
                          lambda: account_pnl(self.company, self.pnl, customer_id=customer_id))

    def account_path(self, customer_id: str, ops_joins):
        """The account's development path, operations joining in quarter ``ops_joins`` (None: never)."""
        return self._memo(("path", customer_id, ops_joins),
                          lambda: develop_account(self.company, self.pnl, ops_joins=ops_joins,
                                                  customer_id=customer_id, n_quarters=max(N_ROUNDS, 4)))

    def sell_in(self, launches: int, focus: int, round_no: int) -> dict:
        """Launch revenue, gross margin and attainment when reps work ``focus`` of ``launches`` objectives."""
        def compute():
            if launches == 0:
                return {"launch_revenue": 0.0, "launch_gross_margin": 0.0, "attainment_pct": 0.0}
            plan = self.plan.head(launches)
            s = simulate_reps(plan, self.company, self.pnl, k=min(focus, launches),
                              seed=self.seed + round_no).summary.iloc[0]
            return {"launch_revenue": float(s["revenue"]), "launch_gross_margin": float(s["gross_margin"]),
                    "attainment_pct": float(s["delivered_pct"])}
        return self._memo(("sell_in", launches, focus, round_no), compute)


@functools.lru_cache(maxsize=8)
def market(case: str, seed: int) -> Market:
    """Return the (shared, cached) :class:`Market` of a case and seed."""
    return Market(case, seed)


def _ops_joins(history: dict, round_no: int, account: str):
    """First round operations engaged ``account`` with its buyer's door open, if any, up to ``round_no``."""
    for r in range(1, round_no + 1):
        d = history[r]
        if d["sales"]["account"] == account and d["operations"]["engage"] == "yes" and d["buyer"]["open_door"] == "yes":
            return r
    return None


def score_quarter(m: Market, history: dict, round_no: int) -> dict:
    """Score a team's quarter ``round_no`` from its decisions so far.

    Parameters
    ----------
    m : Market
    history : dict
        Round -> role -> decision, for rounds 1 to ``round_no``; a missing
        role (an empty buyer seat) takes its default decision.
    round_no : int

    Returns
    -------
    dict
        Metric -> value: :data:`TEAM_METRICS` and every KPI of :data:`KPIS`.

    Examples
    --------
    >>> m = market("precision", 7)
    >>> ctx = m.context()
    >>> today = {r: default_decision(r, ctx) for r in ("sales", "operations", "product")}
    >>> q = score_quarter(m, {1: today}, 1)
    >>> round(q["profit"]) == round(q["gross_margin"] - q["cost_to_serve"] - q["complexity_cost"])
    True
    """
    ctx = m.context()
    full = {r: {role: {**default_decision(role, ctx), **history[r].get(role, {})}
                for role in KPIS} for r in range(1, round_no + 1)}
    d = full[round_no]
    sales, ops, prod, buyer = d["sales"], d["operations"], d["product"], d["buyer"]
    weights = tuple((mtr, sales[f"w_{mtr}"]) for mtr in SALES_METRICS + REWRITE_METRICS if sales[f"w_{mtr}"] > 0)
    co = m.company_quarter(weights, prod["launches"], round_no)
    prune = m.prune_change(int(prod["prune_pct"]) / 100)
    terms = buyer["accept_terms"] == "yes"
    account = sales["account"]
    service = m.service_change(account, int(ops["min_order"]) if terms else 0,
                               _DELIVERIES[ops["deliveries"]] if terms else None,
                               int(ops["edi_pct"]) / 100, _TIERS[ops["tier"]])
    joins = _ops_joins(full, round_no, account)
    path = m.account_path(account, joins).iloc[round_no - 1]
    sales_first = m.account_path(account, None).iloc[round_no - 1]
    early = float(path["your_profit"] - sales_first["your_profit"])
    early_cts = float(path["your_cost_to_serve"] - sales_first["your_cost_to_serve"])
    sell = m.sell_in(prod["launches"], sales["focus"], round_no)

    cost_to_serve = co["cost_to_serve"] + prune["cost_to_serve"] + service["cost_to_serve"] + early_cts
    cases = co["cost_to_serve"] / co["cts_per_case"]
    profit = co["profit"] + prune["profit"] + service["profit"] + early
    return {
        "profit": profit,
        "revenue": co["revenue"],
        "gross_margin": co["gross_margin"],
        "cost_to_serve": cost_to_serve,
        "complexity_cost": co["complexity_cost"] + prune["complexity_cost"],
        "account_profit": float(path["your_profit"]) + service["profit"],
        "attainment_pct": sell["attainment_pct"],
        "cost_to_serve_per_case": cost_to_serve / cases,
        "capacity_use_pct": 100 * ops_projects(ops) / OPS_CAPACITY,
        "launch_revenue": sell["launch_revenue"],
        "gross_margin_pct": 100 * co["gross_margin"] / co["revenue"],
        "customer_profit": float(path["customer_profit"]),
    }
