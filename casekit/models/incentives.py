"""Incentive design: a bonus plan, the reps' response, and the company's result (idea I15).

A bonus plan is a set of metrics with weights and a cap on the number of
launch objectives.  Reps respond to what it pays for: each rep spends a
few units of effort on the pushes that raise their own bonus most, as they
perceive it.  The company's revenue, cost to serve, complexity and profit
follow from what the reps did.  :data:`TODAYS_PLAN` pays on revenue and
launch objectives; :data:`ALIGNED_PLAN` is one a class might design, paying
on net profit after cost to serve, cost to serve per case and fit.

The model (defaults in :data:`INCENTIVE_ASSUMPTIONS`):

* **Pushes.**  Each rep can make seven pushes, each acting on a segment of
  their own accounts and costed from the engine's figures for those
  accounts: ``deep_deals`` (more volume everywhere, bought with extra
  allowances), ``launch_sell_in`` (new items into every account, at the new
  SKUs' own per-case economics; the only push that earns launch
  objectives), ``chase_small_accounts`` (more volume from the smaller half of
  accounts, served with more drops and calls), ``yes_to_service`` (more rush
  orders and drops on request), ``grow_fit_accounts`` (more volume from the
  third of accounts cheapest to serve per case; it rides existing drops) and
  ``fix_poor_fit`` (minimum orders, scheduled deliveries and EDI at the third
  costliest to serve: order, delivery and rush costs fall, a little volume is
  lost) and ``cut_service`` (minimum orders, fewer drops and no rush
  orders imposed on every account: order, delivery and rush costs fall
  ``cut_saving``, and customers react by moving ``service_elasticity`` x
  ``cut_saving`` of their volume to competitors).  Customers also react to
  the other pushes: ``deals_forward_buy`` of a deal's lift is borrowed from
  the next period, and ``sell_in_cannibalisation`` of a new item's cases is
  taken from the account's existing items.  Volume changes carry cost to
  serve in proportion, so a plan that pays on one metric (cost per case,
  say) is punished in the others.
* **Metrics.**  For a rep's territory: ``revenue``, ``gross_margin``,
  ``net_profit`` (after cost to serve), ``cost_to_serve_per_case`` (lower is
  better), ``fit`` (share of revenue from accounts whose cost to serve per
  case is at or below the company's median account) and ``objectives``
  (attainment on the launch objectives; a rep can push ``focus_objectives``
  of them, so attainment is diluted when the plan carries many).
* **Bonus.**  ``bonus_pool`` x sum over metrics of weight x
  clip(improvement / stretch, 0, 1); weights are normalised to sum to 1.
* **Choice.**  Each rep evaluates every set of up to ``effort_units``
  pushes with effects shaken by log-normal noise (``perception_noise``) and
  makes the set with the highest perceived bonus (the smaller set on a tie;
  none if nothing pays).
* **Launch gate.**  The cap on objectives coordinates product management
  with sales: a launch without a place in the plan is not made, so the launch
  rate becomes min(1, cap / live objectives) and complexity follows
  (:func:`casekit.models.innovation.what_if_launch_rate`).
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd

from casekit.models.assumptions import assumption_values
from casekit.models.innovation import product_scorecard
from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS, live_launches, objective_assumptions
from casekit.models.portfolio import codes, portfolio_lenses, prepared, scorecard_rates
from casekit.validation import check_company, check_int, check_pnl, check_real, check_seed

__all__ = [
    "METRICS",
    "PUSHES",
    "INCENTIVE_ASSUMPTIONS",
    "BonusPlan",
    "TODAYS_PLAN",
    "ALIGNED_PLAN",
    "COST_PER_CASE_PLAN",
    "rep_response",
    "evaluate_plan",
    "compare_plans",
]

METRICS = ["revenue", "gross_margin", "net_profit", "cost_to_serve_per_case", "fit", "objectives"]
"""Metrics a bonus plan can pay on."""

PUSHES = ["deep_deals", "launch_sell_in", "chase_small_accounts", "yes_to_service", "grow_fit_accounts",
          "fix_poor_fit", "cut_service"]
"""The pushes a rep can spend effort on."""

# (parameter, value, unit, source or rationale)
_ROWS = [
    ("effort_units", 2.0, "pushes/period", "assumption: beyond their everyday selling a rep has time for two pushes"),
    ("bonus_pool", 24_000.0, "$/rep/period", "assumption: variable pay of a field rep for a year"),
    ("perception_noise", 0.3, "log sd", "assumption: reps misjudge each push's effect by about +/-30 %"),
    ("deals_volume", 0.06, "share", "assumption: deeper deals lift volume 6 %"),
    ("deals_forward_buy", 0.4, "share of the lift", "assumption: customers stock up on a deal; 40 % of the "
     "extra volume is borrowed from the next period's orders (promotion research finds stockpiling and "
     "forward buying a large share of a deal's lift)"),
    ("deals_allowance", 0.02, "share of gross sales", "assumption: bought with 2 points more allowance on all "
     "volume (trade spend 15-20 % of gross sales, industry surveys)"),
    ("sell_in_share", 0.015, "share of cases", "assumption: new items add 1.5 % to a territory's cases"),
    ("sell_in_acceptance", 0.5, "share", "assumption: half the accounts pitched take a pushed item"),
    ("sell_in_cannibalisation", 0.5, "share", "assumption: half a new item's cases are taken from the account's "
     "existing items (as demand_transfer in casekit.models.complexity.COMPLEXITY_RATES)"),
    ("focus_objectives", 3.0, "objectives", "Byrnes (2010): reps work the 2-3 objectives that seem to matter"),
    ("small_accounts_volume", 0.15, "share", "assumption: chasing the smaller half of accounts lifts their "
     "volume 15 %"),
    ("small_accounts_cost", 1.5, "x average", "assumption: that volume costs 1.5x their average cost to serve "
     "per case (extra drops and calls)"),
    ("service_volume", 0.03, "share", "assumption: saying yes to every rush and extra drop wins 3 % volume"),
    ("service_cost", 0.35, "share", "assumption: ...and raises order, delivery and rush costs 35 %"),
    ("fit_volume", 0.06, "share", "assumption: growing the best-fit third of accounts lifts their volume 6 %"),
    ("fit_cost", 0.6, "x average", "assumption: that volume rides existing drops at 0.6x average cost to serve "
     "per case"),
    ("poor_fit_saving", 0.3, "share", "assumption: minimum orders, scheduled deliveries and EDI cut order, "
     "delivery and rush costs 30 % at the worst-fit third (Byrnes: drains are fixed by small changes)"),
    ("poor_fit_volume", -0.02, "share", "assumption: ...and lose 2 % of their volume (negotiated with the "
     "customer, who shares the savings)"),
    ("cut_saving", 0.3, "share", "assumption: imposing minimum orders, fewer drops and no rush orders on every "
     "account cuts order, delivery and rush costs 30 %"),
    ("service_elasticity", 0.5, "volume share per cost share", "assumption: customers answer a service cut "
     "imposed on them by moving volume: cutting 30 % of the service they get costs 15 % of their volume "
     "(no published figure; the break-even in casekit.models.break_even shows what it must be)"),
    ("stretch_revenue", 0.05, "share", "assumption: +5 % revenue earns the full weight"),
    ("stretch_gross_margin", 0.05, "share", "assumption: +5 % gross margin earns the full weight"),
    ("stretch_net_profit", 0.10, "share", "assumption: +10 % net profit earns the full weight"),
    ("stretch_cost_to_serve_per_case", 0.05, "share", "assumption: -5 % cost to serve per case earns the full "
     "weight"),
    ("stretch_fit", 0.05, "share points", "assumption: +5 points of fitting revenue earn the full weight"),
    ("stretch_objectives", 0.5, "attainment", "assumption: 50 % attainment on launch objectives earns the full "
     "weight"),
]

INCENTIVE_ASSUMPTIONS = pd.DataFrame(_ROWS, columns=["parameter", "value", "unit", "source"]).set_index(
    "parameter")
"""Default assumptions of the incentive model, one row each, with their source."""


@dataclasses.dataclass(frozen=True)
class BonusPlan:
    """A sales bonus plan: metric weights and a cap on launch objectives.

    Parameters
    ----------
    weights : dict
        Metric name -> weight >= 0, for metrics in :data:`METRICS`; weights
        are normalised to sum to 1 and at least one must be positive.
    max_objectives : int or None, default=None
        Most launch objectives the plan carries; ``None`` gives every live
        launch an objective (today's plan).
    name : str, default="plan"
        Label on the scoreboard.

    Examples
    --------
    >>> plan = BonusPlan({"net_profit": 2, "fit": 1}, max_objectives=3, name="mine")
    >>> round(plan.normalised()["net_profit"], 3)
    0.667
    """

    weights: dict
    max_objectives: int | None = None
    name: str = "plan"

    def __post_init__(self):
        example = "{'net_profit': 0.7, 'fit': 0.3}"
        if not isinstance(self.weights, dict):
            raise TypeError(f"BonusPlan: weights must be a dict such as {example}; got {self.weights!r}.")
        if not self.weights:
            raise ValueError(f"BonusPlan: weights must name at least one metric, e.g. {example}.")
        unknown = [m for m in self.weights if m not in METRICS]
        if unknown:
            raise ValueError(f"BonusPlan: weights: unknown metric(s) {unknown}; use some of {METRICS}.")
        for m, w in self.weights.items():
            check_real(w, f"weights[{m!r}]", low=0, func="BonusPlan")
        if sum(self.weights.values()) <= 0:
            raise ValueError("BonusPlan: weights: at least one weight must be positive.")
        if self.max_objectives is not None:
            check_int(self.max_objectives, "max_objectives", low=0, what="None or an integer", func="BonusPlan")
        if not isinstance(self.name, str):
            raise TypeError(f"BonusPlan: name must be a string; got {self.name!r}.")

    def normalised(self) -> dict:
        """Return the weights of every metric in :data:`METRICS`, summing to 1."""
        total = float(sum(self.weights.values()))
        return {m: float(self.weights.get(m, 0.0)) / total for m in METRICS}


TODAYS_PLAN = BonusPlan({"revenue": 0.5, "objectives": 0.5}, max_objectives=None, name="today's plan")
"""Pays on revenue and on every launch's objective (Byrnes's 15-20 objectives)."""

ALIGNED_PLAN = BonusPlan({"net_profit": 0.6, "cost_to_serve_per_case": 0.2, "fit": 0.2}, max_objectives=3,
                         name="aligned")
"""Pays on net profit after cost to serve, cost to serve per case and fit, with at most 3 objectives."""

COST_PER_CASE_PLAN = BonusPlan({"cost_to_serve_per_case": 1.0}, max_objectives=0, name="cost per case only")
"""Games one metric: pays only on cost to serve per case and carries no launch objectives."""


# --------------------------------------------------------------------------- checks
def _check_inputs(plan, company, pnl, func: str) -> None:
    if not isinstance(plan, BonusPlan):
        raise TypeError(f"{func}: plan must be a BonusPlan (e.g. casekit.models.incentives.ALIGNED_PLAN); "
                        f"got {type(plan).__name__}.")
    check_company(company, tables=("customers", "products", "reps", "launches"), allow_dict=False, func=func)
    check_pnl(pnl, columns=("customer_id", "product_id", "cases", "gross_sales", "revenue", "gross_margin",
                            "cost_to_serve", "cost_order_handling", "cost_delivery", "cost_rush_handling"),
              source="cost_to_serve(company) with the default rate card", allow_empty=True, func=func)


def _assumptions(assumptions) -> dict:
    a = assumption_values(assumptions, INCENTIVE_ASSUMPTIONS, defaults_name="INCENTIVE_ASSUMPTIONS",
                          signed=["poor_fit_volume"])
    if not 1 <= a["effort_units"] <= len(PUSHES) or a["effort_units"] != int(a["effort_units"]):
        raise ValueError(f"assumptions: effort_units must be an integer between 1 and {len(PUSHES)}.")
    if any(a[f"stretch_{m}"] <= 0 for m in METRICS):
        raise ValueError("assumptions: every stretch_<metric> must be > 0.")
    return a


# --------------------------------------------------------------------------- setting
@dataclasses.dataclass
class _Setting:
    base: np.ndarray         # accounts x (revenue, gross_margin, cost_to_serve, cases)
    delta: np.ndarray        # pushes x accounts x (revenue, gross_margin, cost_to_serve, cases)
    rep_of: np.ndarray
    fit_threshold: float
    scorecard: pd.DataFrame
    today: dict              # the portfolio's totals today (innovation's "today" row)
    live_objectives: int
    n_reps: int


_BASE = ["revenue", "gross_margin", "cost_to_serve", "cases"]


def _setting(company, pnl, a: dict) -> _Setting:
    customers, reps, products = company.customers, company.reps, company.products
    cust = codes(pnl["customer_id"], customers["customer_id"])
    ok = cust >= 0
    n = len(customers)

    def per_account(col):
        return np.bincount(cust[ok], weights=pnl[col].to_numpy(dtype=float)[ok], minlength=n)

    rev, gm, cts, cases = (per_account(c) for c in _BASE)
    gross = per_account("gross_sales")
    service = per_account("cost_order_handling") + per_account("cost_delivery") + per_account("cost_rush_handling")
    rep_of = codes(customers["rep_id"], reps["rep_id"])
    active = cases > 0
    cpc = np.divide(cts, cases, out=np.zeros(n), where=active)
    fit_threshold = float(np.median(cpc[active])) if active.any() else 0.0

    # Segments within each rep's territory: smaller half by revenue; best and worst third by cost per case.
    small = np.zeros(n, bool)
    best = np.zeros(n, bool)
    worst = np.zeros(n, bool)
    for r in range(len(reps)):
        mine = np.flatnonzero((rep_of == r) & active)
        if not len(mine):
            continue
        by_rev = mine[np.argsort(rev[mine], kind="stable")]
        small[by_rev[: len(mine) // 2]] = True
        by_cpc = mine[np.argsort(cpc[mine], kind="stable")]
        third = max(1, int(round(len(mine) / 3)))
        best[by_cpc[:third]] = True
        worst[by_cpc[-third:]] = True

    # New SKUs' per-case economics for the sell-in push.
    prod = codes(pnl["product_id"], products["product_id"])
    new_line = np.zeros(len(pnl), bool)
    is_new = products["is_new"].to_numpy(dtype=bool)
    new_line[prod >= 0] = is_new[prod[prod >= 0]]
    src = pnl.loc[new_line] if new_line.any() else pnl
    per_case = src[["revenue", "gross_margin", "cost_to_serve"]].sum().to_numpy() / max(float(src["cases"].sum()), 1.0)

    zero = np.zeros(n)
    delta = np.zeros((len(PUSHES), n, 4))

    def volume(f, cost_factor=1.0, where=None):
        f = f if where is None else np.where(where, f, 0.0)
        return np.stack([rev * f, gm * f, cts * f * cost_factor, cases * f], axis=1)

    delta[0] = volume(a["deals_volume"] * (1 - a["deals_forward_buy"]))
    delta[0, :, 2] += a["deals_allowance"] * gross * (1 + a["deals_volume"])
    new_cases = cases * a["sell_in_share"] * a["sell_in_acceptance"]
    delta[1] = np.stack([new_cases * per_case[0], new_cases * per_case[1], new_cases * per_case[2], new_cases], 1)
    # The new items' cases partly replace the account's existing ones, at the account's own economics.
    delta[1] -= volume(np.divide(new_cases * a["sell_in_cannibalisation"], cases, out=np.zeros(n), where=cases > 0))
    delta[2] = volume(a["small_accounts_volume"], a["small_accounts_cost"], small)
    delta[3] = volume(a["service_volume"])
    delta[3, :, 2] += a["service_cost"] * service
    delta[4] = volume(a["fit_volume"], a["fit_cost"], best)
    delta[5] = volume(a["poor_fit_volume"], 1.0, worst)
    delta[5, :, 2] -= np.where(worst, a["poor_fit_saving"] * service, zero)
    lost = a["service_elasticity"] * a["cut_saving"]
    delta[6] = volume(-min(lost, 1.0))
    delta[6, :, 2] -= a["cut_saving"] * service * (1 - min(lost, 1.0))

    card = product_scorecard(company, pnl)
    live = len(live_launches(company, objective_assumptions(OBJECTIVE_ASSUMPTIONS)))
    base = np.stack([rev, gm, cts, cases], axis=1)
    today = _launch_rate_row(card, 1.0)
    return _Setting(base, delta, rep_of, fit_threshold, card, today, live, len(reps))


def _launch_rate_row(card: pd.DataFrame, rate: float) -> dict:
    """The portfolio's totals with the launch stream scaled by ``rate`` (see what_if_launch_rate)."""
    r, months = scorecard_rates(card, None)
    weight = np.where(card["is_new"].to_numpy(dtype=bool), rate, 1.0)
    return portfolio_lenses(card, weight, r, months, f"launch rate x{rate:g}")


def _metrics(values: np.ndarray, threshold: float) -> np.ndarray:
    """One territory's metrics from its account values (... x accounts x 4) -> (... x 5).

    The five are revenue, gross margin, net profit, cost to serve per case and fit.
    """
    rev, gm, cts, cases = (values[..., i] for i in range(4))
    cpc = np.divide(cts, cases, out=np.full(cts.shape, np.inf), where=cases > 0)
    fit_rev = np.where(cpc <= threshold, rev, 0.0).sum(axis=-1)
    rev, gm, cts, cases = rev.sum(axis=-1), gm.sum(axis=-1), cts.sum(axis=-1), cases.sum(axis=-1)
    return np.stack([rev, gm, gm - cts, np.divide(cts, cases, out=np.zeros_like(cts), where=cases > 0),
                     np.divide(fit_rev, rev, out=np.zeros_like(rev), where=rev > 0)], axis=-1)


def _improvement(now: np.ndarray, before: np.ndarray) -> np.ndarray:
    """Improvement of each metric (revenue, gm, net profit, cost per case, fit) relative to before."""
    def rel(i, sign=1.0):
        base = np.broadcast_to(np.abs(before[..., i]), now[..., i].shape)
        return sign * np.divide(now[..., i] - before[..., i], base, out=np.zeros(now[..., i].shape),
                                where=base > 0)
    return np.stack([rel(0), rel(1), rel(2), rel(3, -1.0), now[..., 4] - before[..., 4]], axis=-1)


def _combos(k: int) -> np.ndarray:
    """Every set of at most ``k`` pushes (the empty set first), as 0/1 rows."""
    combos = [c for size in range(k + 1) for c in itertools.combinations(range(len(PUSHES)), size)]
    pick = np.zeros((len(combos), len(PUSHES)))
    for i, c in enumerate(combos):
        pick[i, list(c)] = 1.0
    return pick


def _respond(plan: BonusPlan, s: _Setting, a: dict, seed):
    """Each rep's chosen pushes, true bonus, and the accounts' values after the pushes."""
    rng = np.random.default_rng(seed)
    w = plan.normalised()
    live = s.live_objectives
    n_obj = live if plan.max_objectives is None else min(plan.max_objectives, live)
    attain = a["sell_in_acceptance"] * min(1.0, a["focus_objectives"] / n_obj) if n_obj > 0 else 0.0
    pick = _combos(int(a["effort_units"]))
    weights = np.array([w[m] for m in METRICS[:5]])
    stretch = np.array([a[f"stretch_{m}"] for m in METRICS[:5]])
    objectives = w["objectives"] * np.clip(pick[:, PUSHES.index("launch_sell_in")] * attain
                                           / a["stretch_objectives"], 0, 1)
    noise = a["perception_noise"]
    shake = (np.exp(rng.normal(0.0, noise, (s.n_reps,) + s.delta.shape) - noise ** 2 / 2) if noise > 0
             else np.ones((s.n_reps,) + s.delta.shape))
    chosen = np.zeros((s.n_reps, len(PUSHES)))
    bonus = np.zeros(s.n_reps)

    def bonus_of(base, delta, before):
        now = _metrics(base[None] + np.einsum("cp,pak->cak", pick, delta), s.fit_threshold)   # combos x 5
        score = (np.clip(_improvement(now, before) / stretch, 0, 1) * weights).sum(axis=-1)
        return (score + objectives) * a["bonus_pool"]

    for r in range(s.n_reps):
        mine = s.rep_of == r
        if not mine.any():
            continue
        base, delta = s.base[mine], s.delta[:, mine]
        before = _metrics(base, s.fit_threshold)
        perceived = bonus_of(base, delta * shake[r][:, mine], before)
        best = int(np.argmax(perceived - 1e-9 * pick.sum(axis=1)))  # ties: the smaller effort
        chosen[r] = pick[best]
        bonus[r] = bonus_of(base, delta, before)[best]
    values = s.base + np.einsum("ap,pak->ak", chosen[s.rep_of], s.delta)
    return chosen, bonus, values, n_obj, attain


def rep_response(plan, company, pnl, *, seed=None, assumptions=INCENTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Show which pushes each rep makes under a bonus plan.

    Parameters
    ----------
    plan : BonusPlan
        E.g. :data:`TODAYS_PLAN`, :data:`ALIGNED_PLAN` or your own.
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    assumptions : pandas.DataFrame, default=INCENTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per rep and push: ``rep_id``, ``push`` (one of
        :data:`PUSHES`), ``chosen`` (bool), and the rep's ``bonus`` ($).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> resp = rep_response(ALIGNED_PLAN, co, cost_to_serve(co), seed=0)
    >>> int(resp.groupby("rep_id", observed=True)["chosen"].sum().max()) <= 2
    True
    """
    _check_inputs(plan, company, pnl, "rep_response")
    a = _assumptions(assumptions)
    s = prepared("incentives", (company, pnl, assumptions), lambda: _setting(company, pnl, a))
    chosen, bonus, _, _, _ = _respond(plan, s, a, check_seed(seed, func="rep_response"))
    reps = company.reps["rep_id"]
    return pd.DataFrame({
        "rep_id": pd.Categorical(np.repeat(reps.astype(object).to_numpy(), len(PUSHES)),
                                 categories=reps.cat.categories),
        "push": pd.Categorical(np.tile(PUSHES, len(reps)), categories=PUSHES),
        "chosen": chosen.ravel().astype(bool),
        "bonus": np.repeat(bonus, len(PUSHES)),
    })


def _score(plan: BonusPlan, s: _Setting, a: dict, seed) -> dict:
    chosen, bonus, values, n_obj, _ = _respond(plan, s, a, seed)
    rate = 1.0 if s.live_objectives == 0 else min(1.0, n_obj / s.live_objectives)
    # The launch gate changes the portfolio; the reps' pushes change the accounts.
    gated = s.today if rate == 1.0 else _launch_rate_row(s.scorecard, rate)
    gate = {c: gated[c] - s.today[c] for c in ("revenue", "gross_margin", "cost_to_serve", "cases")}
    revenue = values[:, 0].sum() + gate["revenue"]
    gm = values[:, 1].sum() + gate["gross_margin"]
    cts = values[:, 2].sum() + gate["cost_to_serve"]
    cases = values[:, 3].sum() + gate["cases"]
    complexity = float(gated["complexity_cost"])
    row = {
        "plan": plan.name,
        "n_objectives": int(n_obj),
        "revenue": float(revenue),
        "gross_margin": float(gm),
        "cost_to_serve": float(cts),
        "cost_to_serve_per_case": float(cts / cases) if cases > 0 else 0.0,
        "net_profit": float(gm - cts),
        "complexity_cost": complexity,
        "profit": float(gm - cts - complexity),
        "skus": float(gated["skus"]),
        "bonus_paid": float(bonus.sum()),
    }
    for j, p in enumerate(PUSHES):
        row[f"reps_{p}"] = int(chosen[:, j].sum())
    return row


def evaluate_plan(plan, company, pnl, *, seed=None, assumptions=INCENTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Run a bonus plan through the reps and score the company's result.

    Parameters
    ----------
    plan : BonusPlan
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    assumptions : pandas.DataFrame, default=INCENTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row (the scoreboard line): ``plan``, ``n_objectives``,
        ``revenue``, ``gross_margin``, ``cost_to_serve``,
        ``cost_to_serve_per_case``, ``net_profit`` (after cost to serve),
        ``complexity_cost``, ``profit`` (after complexity), ``skus``,
        ``bonus_paid`` and ``reps_<push>`` (how many reps made each push).

    See Also
    --------
    compare_plans : several plans on one scoreboard.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> row = evaluate_plan(ALIGNED_PLAN, co, cost_to_serve(co), seed=0)
    >>> row.loc[0, "plan"], len(row)
    ('aligned', 1)
    """
    _check_inputs(plan, company, pnl, "evaluate_plan")
    a = _assumptions(assumptions)
    s = prepared("incentives", (company, pnl, assumptions), lambda: _setting(company, pnl, a))
    return pd.DataFrame([_score(plan, s, a, check_seed(seed, func="evaluate_plan"))])


def compare_plans(plans, company, pnl, *, seed=None, assumptions=INCENTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Score several bonus plans on one scoreboard, with reps who push nothing first.

    Parameters
    ----------
    plans : list of BonusPlan
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seed : int or None, default=None
        Pass an int for reproducible output across multiple function calls;
        every plan faces the same reps' misperceptions.
    assumptions : pandas.DataFrame, default=INCENTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        A row ``"no pushes"`` (reps push nothing; today's launches) and one
        row per plan, columns as :func:`evaluate_plan`.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=60, n_products=80)
    >>> board = compare_plans([TODAYS_PLAN, ALIGNED_PLAN], co, cost_to_serve(co), seed=0)
    >>> board["plan"].tolist()
    ['no pushes', "today's plan", 'aligned']
    """
    example = "[TODAYS_PLAN, ALIGNED_PLAN]"
    if isinstance(plans, BonusPlan) or not isinstance(plans, (list, tuple)):
        raise TypeError(f"compare_plans: plans must be a list of BonusPlan, e.g. {example}; "
                        f"got {type(plans).__name__}.")
    if not plans:
        raise ValueError(f"compare_plans: plans must be a non-empty list of BonusPlan, e.g. {example}.")
    for p in plans:
        _check_inputs(p, company, pnl, "compare_plans")
    if isinstance(seed, np.random.Generator):
        raise TypeError("compare_plans: seed must be an int or None here, so every plan faces the same reps.")
    a = _assumptions(assumptions)
    s = prepared("incentives", (company, pnl, assumptions), lambda: _setting(company, pnl, a))
    seed = check_seed(seed, func="compare_plans")
    rows = [_no_pushes(s)] + [_score(p, s, a, seed) for p in plans]
    return pd.DataFrame(rows)


def _no_pushes(s: _Setting) -> dict:
    rev, gm, cts, cases = s.base.sum(axis=0)
    complexity = float(s.scorecard["complexity_cost"].sum())
    row = {"plan": "no pushes", "n_objectives": int(s.live_objectives), "revenue": rev,
           "gross_margin": gm, "cost_to_serve": cts, "cost_to_serve_per_case": cts / cases if cases else 0.0,
           "net_profit": gm - cts, "complexity_cost": complexity, "profit": gm - cts - complexity,
           "skus": float(len(s.scorecard)), "bonus_paid": 0.0}
    row.update({f"reps_{p}": 0 for p in PUSHES})
    return row
