"""Fifteen objectives, the reps' side: each rep works a few objectives of the bonus plan and sells (I2, I3).

No rep can push fifteen items, and no customer will take fifteen changes.
Each rep quietly works the few objectives of the plan
(:func:`casekit.models.objectives.bonus_plan`) that look most rewarding from
their own territory, and the picks differ from rep to rep.
:func:`simulate_reps` lets every rep choose and sell; :func:`rep_game` scores
a student's own picks as one of the reps.

The model, in one paragraph (defaults in
:data:`casekit.models.objectives.OBJECTIVE_ASSUMPTIONS`): an
objective asks reps to sell a launch's items into every account that buys its
category; the plan's target for each rep is an equal share of that full
distribution.  A rep ranks the objectives by perceived payoff (the
objective's weight times the attainment the rep expects from their own
territory's mix, times log-normal noise).  How many objectives a rep works is
the rep's own choice, not an assumption: selling time is finite (the rep has
``pitches_per_rep`` pitches a bonus period; every objective worked first costs
``objective_setup_pitches``, and the rest is split evenly over the objectives
worked and spent on the largest accounts first), customers' receptivity is
finite (an account pitched more items than its ``customer_appetite`` takes only
that many), and the bonus curve pays nothing below ``bonus_threshold`` of an
objective's target.  Each rep works the number of objectives, and the
objectives, with the highest perceived bonus under those three limits, so a
rep with a large territory in the plan's categories may spread wider than one
with a small one.  Passing ``k`` fixes the number instead (for comparisons).
At the calibrated assumptions the median rep works two or three objectives,
as Byrnes saw, and the buyers' appetite is the limit that binds: more
selling time alone leaves the number unchanged, while buyers open to more
new items (and more time) make the reps spread wider; the break-even is
:func:`casekit.models.break_even.break_even` ``("I2/I3", ...)``.
Customers' appetite for change is finite: an account takes each pitched item
with probability ``minor_accept_probability`` (``major_accept_probability``
for a new line), but no more than
``customer_appetite`` new items a period, in the order of the plan's weights.
An adopted item sells ``item_share`` of the account's cases in its category.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd

from casekit.models.complexity import COMPLEXITY_RATES, complexity_frame, complexity_rates, period_months
from casekit.models.objectives import (
    COMPANY_TABLES,
    OBJECTIVE_ASSUMPTIONS,
    category_volume,
    check_plan,
    objective_assumptions,
)
from casekit.models.portfolio import codes, prepared, product_totals
from casekit.validation import check_company, check_int, check_pnl, check_real, check_seed

__all__ = [
    "RepSimulation",
    "simulate_reps",
    "rep_game",
]


@dataclasses.dataclass(frozen=True)
class RepSimulation:
    """Hold what the reps did with a bonus plan (the output of :func:`simulate_reps`).

    Parameters
    ----------
    choices, objectives, reps, summary : pandas.DataFrame
        The four frames described under Attributes.

    Attributes
    ----------
    choices : pandas.DataFrame
        One row per rep and objective: ``rep_id``, ``objective_id``,
        ``perceived_payoff``, ``rank`` (1 = most attractive to that rep),
        ``chosen`` (bool), ``adoptions``, ``cases``, ``bonus``.
    objectives : pandas.DataFrame
        One row per objective: ``objective_id``, ``objective``, ``weight``,
        ``n_reps`` (reps who worked it), ``intended_cases`` (the plan's full
        distribution), ``delivered_cases``, ``delivery_pct``, ``revenue``,
        ``gross_margin``, ``cost_to_serve``, ``complexity_cost``, ``profit``.
    reps : pandas.DataFrame
        One row per rep: ``rep_id``, ``rep_name``, ``objectives_worked``
        (ids), ``adoptions``, ``cases``, ``revenue``, ``bonus``.
    summary : pandas.DataFrame
        One row: ``n_objectives``, ``k`` (objectives worked by the median
        rep), ``objectives_per_rep_min``, ``objectives_per_rep_max``,
        ``objectives_worked`` (by at least
        one rep), ``objectives_worked_pct``, ``distinct_combinations``,
        ``delivered_pct`` (of intended cases), ``revenue``,
        ``gross_margin``, ``cost_to_serve``, ``complexity_cost``,
        ``operations_cost`` (cost to serve plus complexity), ``profit``,
        ``intended_revenue``, ``intended_profit``, ``bonus_paid``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> from casekit.models.objectives import bonus_plan
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> sim = simulate_reps(bonus_plan(co, n_objectives=6, seed=0), co, cost_to_serve(co), k=3, seed=0)
    >>> isinstance(sim, RepSimulation), len(sim.summary), len(sim.objectives)
    (True, 1, 6)
    >>> int(sim.choices["chosen"].sum()) == 3 * len(sim.reps)
    True
    """

    choices: pd.DataFrame
    objectives: pd.DataFrame
    reps: pd.DataFrame
    summary: pd.DataFrame



# --------------------------------------------------------------------------- checks
def _check_pnl(pnl, func: str) -> None:
    check_pnl(pnl, columns=("product_id", "customer_id", "cases", "revenue", "gross_margin", "cost_to_serve",
                            "net_profit"), allow_empty=True, func=func)


def _check_noise(noise, func: str) -> float:
    return check_real(noise, "noise", low=0, high=3, what="a number between 0 and 3 (log-normal sd)", func=func)



# --------------------------------------------------------------------------- the reps
@dataclasses.dataclass
class _Setup:
    vol: np.ndarray          # accounts x categories, cases per bonus period
    rep_of: np.ndarray       # account -> rep index
    acc_rank: np.ndarray     # account's size rank within its rep and category (0 = largest)
    rep_cum: np.ndarray      # rep x category x accounts reached: cumulative cases, largest account first
    cat: np.ndarray          # objective -> category index
    share: np.ndarray        # objective -> item share of the account's category cases
    accept: np.ndarray       # objective -> chance an account takes it
    weight: np.ndarray
    target_rep: np.ndarray   # objective -> cases target per rep
    econ: np.ndarray         # objective x (revenue, gross margin, cost to serve) per case
    complexity: np.ndarray   # objective -> complexity cost in the bonus period
    n_reps: int
    a: dict


def _setup(plan, company, pnl, a) -> _Setup:
    vol, categories = category_volume(company, a, pnl)
    customers, reps, products = company.customers, company.reps, company.products
    rep_of = codes(customers["rep_id"], reps["rep_id"])
    # Rank accounts by category volume within each rep (largest first).
    acc_rank = np.empty_like(vol, dtype=np.int64)
    first_of_rep = np.searchsorted(np.sort(rep_of), np.arange(len(reps)))
    for k in range(vol.shape[1]):
        idx = np.lexsort((-vol[:, k], rep_of))  # by rep, then largest account first
        acc_rank[idx, k] = np.arange(len(idx)) - first_of_rep[rep_of[idx]]
    # Each rep's accounts by category volume, largest first, cumulated: what b pitches can reach.
    per_rep = np.bincount(rep_of[rep_of >= 0], minlength=len(reps))
    rep_cum = np.zeros((len(reps), vol.shape[1], int(per_rep.max(initial=0)) + 1))
    for r in range(len(reps)):
        mine = -np.sort(-vol[rep_of == r], axis=0)
        rep_cum[r, :, 1:len(mine) + 1] = np.cumsum(mine, axis=0).T
        rep_cum[r, :, len(mine) + 1:] = rep_cum[r, :, len(mine)][:, None]
    cat = np.array([categories.index(str(c)) for c in plan["category"]], dtype=np.int64)
    is_major = plan["launch_size"].astype(str).eq("major").to_numpy()
    share = np.where(is_major, a["major_item_share"], a["minor_item_share"])
    accept = np.where(is_major, a["major_accept_probability"], a["minor_accept_probability"])
    target_rep = plan["target_cases"].to_numpy(dtype=float) / max(len(reps), 1)

    # Unit economics of each objective: its launch's own lines, else the new SKUs of its
    # category, else all new SKUs (per case, from the engine).
    totals = product_totals(company, pnl)
    new = products["is_new"].to_numpy(dtype=bool)
    money = totals[["cases", "revenue", "gross_margin", "cost_to_serve"]].to_numpy()
    launch_of = products["launch_id"].to_numpy(dtype=float, na_value=np.nan)
    cat_of = products["category"].cat.codes.to_numpy()
    econ = np.zeros((len(plan), 3))
    fallback = money[new].sum(axis=0) if new.any() else money.sum(axis=0)
    for i, (lid, c) in enumerate(zip(plan["launch_id"].to_numpy(dtype=float), cat)):
        for mask in (new & (launch_of == lid), new & (cat_of == c)):
            src = money[mask].sum(axis=0)
            if src[0] > 0:
                break
        else:
            src = fallback
        econ[i] = src[1:] / src[0] if src[0] > 0 else 0.0

    cc = complexity_frame(company, totals, complexity_rates(COMPLEXITY_RATES))["complexity_cost"].to_numpy()
    per_launch = pd.Series(cc[new]).groupby(launch_of[new]).sum()
    complexity = (plan["launch_id"].astype(float).map(per_launch).fillna(0.0).to_numpy(dtype=float)
                  * a["bonus_months"] / period_months(company))
    return _Setup(vol, rep_of, acc_rank, rep_cum, cat, share, accept, plan["weight"].to_numpy(dtype=float), target_rep,
                  econ, complexity, len(reps), a)


def _budget(s: _Setup, n_worked) -> np.ndarray:
    """Pitches left for each objective when a rep works ``n_worked`` of them (set-up time first)."""
    n = np.maximum(np.asarray(n_worked, dtype=float), 1.0)
    return np.floor(np.maximum(s.a["pitches_per_rep"] - n * s.a["objective_setup_pitches"], 0.0) / n)


def _pay(s: _Setup, attainment: np.ndarray) -> np.ndarray:
    """The bonus curve: weight x pool x attainment (capped at 1), nothing below the threshold."""
    att = np.minimum(attainment, 1.0)
    return np.where(att >= s.a["bonus_threshold"], att, 0.0) * s.weight * s.a["bonus_pool"]


def _expected_pay(s: _Setup, n: int, shake) -> np.ndarray:
    """Bonus each rep expects from each objective if they work ``n`` objectives (reps x objectives).

    ``shake`` is the rep's misjudgement of the attainment, before the bonus curve.
    """
    reach = int(min(_budget(s, n), s.rep_cum.shape[2] - 1))
    potential = s.rep_cum[:, s.cat, reach] * (s.share * s.accept)[None, :]
    # Receptivity: an account pitched n items takes at most `customer_appetite` of them.
    receptive = np.minimum(1.0, s.a["customer_appetite"] / np.maximum(n * s.accept, 1e-9))
    target = np.where(s.target_rep > 0, s.target_rep, 1.0)
    return _pay(s, potential * receptive[None, :] / target[None, :] * shake)


def _shake(s: _Setup, rng, noise: float) -> np.ndarray:
    shape = (s.n_reps, len(s.weight))
    return np.exp(rng.normal(0.0, noise, shape) - noise ** 2 / 2) if noise > 0 else np.ones(shape)


def _choose(s: _Setup, shake: np.ndarray, k=None):
    """Each rep's perceived payoffs, ranks and chosen objectives; ``k=None`` lets each rep pick how many.

    For every possible number of objectives n, a rep ranks the objectives by
    the bonus they expect from working n (time per objective and customers'
    receptivity shrink as n grows) times their misjudgement, and totals the
    top n; the rep works the n with the highest total (the smaller on a tie).
    """
    n_obj = len(s.weight)
    sizes = range(1, n_obj + 1) if k is None else (k,)
    best_total = np.full(s.n_reps, -np.inf)
    perceived = np.zeros((s.n_reps, n_obj))
    rank = np.zeros((s.n_reps, n_obj), dtype=np.int64)
    n_worked = np.zeros(s.n_reps, dtype=np.int64)
    for n in sizes:
        if k is None and _budget(s, n) < 1:
            break
        p = _expected_pay(s, n, shake)
        r = np.argsort(np.argsort(-p, axis=1, kind="stable"), axis=1) + 1
        total = np.where(r <= n, p, 0.0).sum(axis=1)
        better = total > best_total + 1e-9
        best_total = np.where(better, total, best_total)
        perceived[better], rank[better], n_worked[better] = p[better], r[better], n
    chosen = rank <= n_worked[:, None]
    return perceived, rank, chosen


def _sell(s: _Setup, chosen: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Cases adopted per account and objective, given each rep's chosen objectives."""
    budget = _budget(s, chosen.sum(axis=1))
    acc_vol = s.vol[:, s.cat]                                   # accounts x objectives
    pitched = (chosen[s.rep_of] & (acc_vol > 0)
               & (s.acc_rank[:, s.cat] < budget[s.rep_of][:, None]))
    success = pitched & (u < s.accept[None, :])
    # Appetite: in the plan's order (heaviest objective first), an account
    # takes at most `customer_appetite` items.
    order = np.argsort(-s.weight, kind="stable")
    taken = np.cumsum(success[:, order], axis=1) <= s.a["customer_appetite"]
    accepted = np.zeros_like(success)
    accepted[:, order] = success[:, order] & taken
    return accepted * acc_vol * s.share[None, :]


def _bonus(s: _Setup, cases: np.ndarray) -> np.ndarray:
    """Bonus per rep and objective from cases per account and objective."""
    rep_cases = np.zeros((s.n_reps, cases.shape[1]))
    np.add.at(rep_cases, s.rep_of, cases)
    target = np.where(s.target_rep > 0, s.target_rep, 1.0)
    return _pay(s, rep_cases / target[None, :])


def simulate_reps(plan, company, pnl, *, k=None, seed=None, noise=None,
                  assumptions=OBJECTIVE_ASSUMPTIONS) -> RepSimulation:
    """Let every rep choose how many objectives to work, and which, and sell.

    See the module docstring for the model.  Each rep ranks objectives by
    perceived payoff = the bonus curve at the attainment the rep expects in
    their own territory x log-normal noise, and works the number of
    objectives, and the objectives, with the highest perceived total.  The company
    earns each adopted item's gross margin less its cost to serve (the
    launch's own per-case figures from the engine) less a ``listing_cost``
    per adoption; operations carries the complexity cost of every launch in
    the plan (:func:`casekit.models.innovation.complexity_cost`, prorated to the
    bonus period) whether or not anyone sells it.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`casekit.models.objectives.bonus_plan`.
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    k : int or None, default=None
        ``None``: each rep chooses how many objectives to work (see the
        module docstring).  An int fixes the number for every rep (1 to the
        number of objectives).
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    noise : float, optional
        Log-normal sd of reps' misjudgement; ``perception_noise`` by default.
    assumptions : pandas.DataFrame, default=OBJECTIVE_ASSUMPTIONS

    Returns
    -------
    RepSimulation
        Frames ``choices``, ``objectives``, ``reps`` and ``summary``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> from casekit.models.objectives import bonus_plan
    >>> co = make_company(seed=2, n_customers=60, n_products=300)
    >>> sim = simulate_reps(bonus_plan(co, seed=0), co, cost_to_serve(co), k=3, seed=0)
    >>> int(sim.choices.groupby("rep_id", observed=True)["chosen"].sum().max())
    3
    >>> bool(sim.summary.loc[0, "delivered_pct"] < 100)
    True
    """
    check_plan(plan, "simulate_reps")
    check_company(company, tables=COMPANY_TABLES, allow_dict=False, func="simulate_reps")
    _check_pnl(pnl, "simulate_reps")
    a = objective_assumptions(assumptions)
    k = None if k is None else check_int(k, "k", low=1, high=len(plan), func="simulate_reps")
    noise = _check_noise(a["perception_noise"] if noise is None else noise, "simulate_reps")
    rng = np.random.default_rng(check_seed(seed, func="simulate_reps"))
    s = prepared("objectives", (plan, company, pnl, assumptions), lambda: _setup(plan, company, pnl, a))
    shake = _shake(s, rng, noise)
    u = rng.random((len(s.rep_of), len(plan)))
    perceived, rank, chosen = _choose(s, shake, k)
    return _results(plan, company, s, perceived, rank, chosen, u, k)


def _results(plan, company, s: _Setup, perceived, rank, chosen, u, k) -> RepSimulation:
    cases = _sell(s, chosen, u)
    adopted = cases > 0
    bonus = _bonus(s, cases)
    n_reps, n_obj = chosen.shape
    rep_cases = np.zeros((n_reps, n_obj))
    rep_adopt = np.zeros((n_reps, n_obj))
    np.add.at(rep_cases, s.rep_of, cases)
    np.add.at(rep_adopt, s.rep_of, adopted)
    rep_ids = company.reps["rep_id"]
    obj_ids = plan["objective_id"].to_numpy()
    choices = pd.DataFrame({
        "rep_id": pd.Categorical(np.repeat(rep_ids.astype(object).to_numpy(), n_obj),
                                 categories=rep_ids.cat.categories),
        "objective_id": pd.Categorical(np.tile(obj_ids, n_reps), categories=obj_ids),
        "perceived_payoff": perceived.ravel(),
        "rank": rank.ravel().astype("int64"),
        "chosen": chosen.ravel(),
        "adoptions": rep_adopt.ravel().astype("int64"),
        "cases": rep_cases.ravel(),
        "bonus": bonus.ravel(),
    })
    delivered = cases.sum(axis=0)
    intended = plan["target_cases"].to_numpy(dtype=float)
    listing = adopted.sum(axis=0) * s.a["listing_cost"]
    revenue = delivered * s.econ[:, 0]
    gm = delivered * s.econ[:, 1]
    cts = delivered * s.econ[:, 2] + listing
    objectives = pd.DataFrame({
        "objective_id": pd.Categorical(obj_ids, categories=obj_ids),
        "objective": plan["objective"].to_numpy(),
        "weight": s.weight,
        "n_reps": chosen.sum(axis=0).astype("int64"),
        "intended_cases": intended,
        "delivered_cases": delivered,
        "delivery_pct": np.divide(100 * delivered, intended, out=np.zeros(n_obj), where=intended > 0),
        "revenue": revenue,
        "gross_margin": gm,
        "cost_to_serve": cts,
        "complexity_cost": s.complexity,
        "profit": gm - cts - s.complexity,
    })
    worked = [", ".join(obj_ids[chosen[r]]) for r in range(n_reps)]
    reps = pd.DataFrame({
        "rep_id": rep_ids.to_numpy(),
        "rep_name": company.reps["rep_name"].to_numpy(),
        "objectives_worked": worked,
        "adoptions": rep_adopt.sum(axis=1).astype("int64"),
        "cases": rep_cases.sum(axis=1),
        "revenue": rep_cases @ s.econ[:, 0],
        "bonus": bonus.sum(axis=1),
    })
    intended_revenue = float(intended @ s.econ[:, 0])
    intended_listing = float(sum((s.vol[:, c] > 0).sum() for c in s.cat)) * s.a["listing_cost"]
    intended_profit = float(intended @ (s.econ[:, 1] - s.econ[:, 2]) - intended_listing - s.complexity.sum())
    worked_any = int((chosen.sum(axis=0) > 0).sum())
    summary = pd.DataFrame([{
        "n_objectives": n_obj,
        "k": float(np.median(chosen.sum(axis=1))) if k is None else k,
        "objectives_per_rep_min": int(chosen.sum(axis=1).min()),
        "objectives_per_rep_max": int(chosen.sum(axis=1).max()),
        "objectives_worked": worked_any,
        "objectives_worked_pct": 100.0 * worked_any / n_obj,
        "distinct_combinations": len(set(worked)),
        "delivered_pct": 100.0 * delivered.sum() / intended.sum() if intended.sum() > 0 else 0.0,
        "revenue": float(revenue.sum()),
        "gross_margin": float(gm.sum()),
        "cost_to_serve": float(cts.sum()),
        "complexity_cost": float(s.complexity.sum()),
        "operations_cost": float(cts.sum() + s.complexity.sum()),
        "profit": float((gm - cts - s.complexity).sum()),
        "intended_revenue": intended_revenue,
        "intended_profit": intended_profit,
        "bonus_paid": float(bonus.sum()),
    }])
    return RepSimulation(choices=choices, objectives=objectives, reps=reps, summary=summary)


def rep_game(plan, company, pnl, *, rep_id, picks, seed=None, noise=None,
             assumptions=OBJECTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Score a student's own picks as one rep, against the best picks for the rep and for the company.

    The student plays ``rep_id``; every other rep chooses as in
    :func:`simulate_reps` with the same seed.  Customers' answers are drawn
    once from the seed, so the three rows face the same customers.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`casekit.models.objectives.bonus_plan`.
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    rep_id : str
        The rep the student plays (a ``rep_id`` of ``company.reps``).
    picks : list of str
        The objectives the student works (``objective_id`` values); their
        number sets ``k`` for the comparison rows.
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    noise : float, optional
        Other reps' misjudgement; ``perception_noise`` by default.
    assumptions : pandas.DataFrame, default=OBJECTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        Three rows, ``choice`` = ``"your picks"``, ``"best for your bonus"``,
        ``"best for the company"``: ``objectives`` (ids), ``bonus`` (the
        rep's, $), ``revenue`` and ``contribution`` (gross margin less cost
        to serve and listing costs of the rep's adoptions, $), and
        ``company_profit`` (the whole plan's profit with the other reps as
        simulated, $).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> from casekit.models.objectives import bonus_plan
    >>> co = make_company(seed=2, n_customers=60, n_products=300)
    >>> plan = bonus_plan(co, seed=0)
    >>> game = rep_game(plan, co, cost_to_serve(co), rep_id="R01", picks=["O01", "O02", "O03"], seed=0)
    >>> game["choice"].tolist()
    ['your picks', 'best for your bonus', 'best for the company']
    >>> bool(game.loc[1, "bonus"] >= game.loc[0, "bonus"])
    True
    """
    check_plan(plan, "rep_game")
    check_company(company, tables=COMPANY_TABLES, allow_dict=False, func="rep_game")
    _check_pnl(pnl, "rep_game")
    a = objective_assumptions(assumptions)
    noise = _check_noise(a["perception_noise"] if noise is None else noise, "rep_game")
    rep_ids = company.reps["rep_id"].astype(str).tolist()
    if rep_id not in rep_ids:
        raise ValueError(f"rep_id={rep_id!r} is not a rep of this company; use one of {rep_ids[:5]}...")
    obj_ids = plan["objective_id"].astype(str).tolist()
    if isinstance(picks, str) or not hasattr(picks, "__iter__"):
        raise TypeError(f"rep_game: picks must be a list of objective ids such as ['O01', 'O04']; got {picks!r}.")
    picks = list(picks)
    unknown = [p for p in picks if p not in obj_ids]
    if unknown:
        raise ValueError(f"picks {unknown} are not objectives of the plan; use ids from plan['objective_id'].")
    if not picks or len(set(picks)) != len(picks):
        raise ValueError("picks must name at least one objective, each once.")
    k = len(picks)
    rng = np.random.default_rng(check_seed(seed, func="rep_game"))
    s = prepared("objectives", (plan, company, pnl, assumptions), lambda: _setup(plan, company, pnl, a))
    shake = _shake(s, rng, noise)
    u = rng.random((len(s.rep_of), len(plan)))
    _, _, chosen = _choose(s, shake, None)
    r = rep_ids.index(rep_id)
    others = chosen.copy()
    others[r] = False
    base_cases = _sell(s, others, u)
    mine = s.rep_of == r
    others_profit = _contribution(s, base_cases[~mine]).sum() - s.complexity.sum()

    # Every combination of k objectives for this rep, vectorised over combinations.
    combos = np.array(list(itertools.combinations(range(len(plan)), k)))
    pick_idx = np.array(sorted(obj_ids.index(p) for p in picks))
    n_combo = len(combos)
    rep_chosen = np.zeros((n_combo, len(plan)), dtype=bool)
    rep_chosen[np.arange(n_combo)[:, None], combos] = True
    cases = _sell_one_rep(s, mine, rep_chosen, u[mine])          # combos x accounts x objectives
    bonus = _pay(s, cases.sum(axis=1) / np.where(s.target_rep > 0, s.target_rep, 1.0)).sum(axis=1)
    per_case = s.econ[:, 1] - s.econ[:, 2]
    contribution = (cases.sum(axis=1) @ per_case) - (cases > 0).sum(axis=(1, 2)) * a["listing_cost"]
    revenue = (cases.sum(axis=1) * s.econ[:, 0]).sum(axis=1)
    mine_combo = int(np.flatnonzero((combos == pick_idx).all(axis=1))[0])
    rows = []
    for label, i in (("your picks", mine_combo), ("best for your bonus", int(np.argmax(bonus))),
                     ("best for the company", int(np.argmax(contribution)))):
        rows.append({
            "choice": label,
            "objectives": ", ".join(obj_ids[j] for j in combos[i]),
            "bonus": float(bonus[i]),
            "revenue": float(revenue[i]),
            "contribution": float(contribution[i]),
            "company_profit": float(others_profit + contribution[i]),
        })
    return pd.DataFrame(rows)


def _contribution(s: _Setup, cases: np.ndarray) -> np.ndarray:
    """Gross margin less cost to serve and listing cost, per objective (accounts x objectives in)."""
    per_case = s.econ[:, 1] - s.econ[:, 2]
    return (cases * per_case[None, :]).sum(axis=0) - (cases > 0).sum(axis=0) * s.a["listing_cost"]


def _sell_one_rep(s: _Setup, mine: np.ndarray, rep_chosen: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Like :func:`_sell` for one rep's accounts, for many choice sets at once."""
    k = rep_chosen.sum(axis=1)
    budget = _budget(s, k)                                                    # combos
    acc_vol = s.vol[mine][:, s.cat]                                            # accounts x objectives
    reach = (acc_vol > 0)[None] & (s.acc_rank[mine][:, s.cat][None] < budget[:, None, None])
    success = rep_chosen[:, None, :] & reach & (u < s.accept[None, :])[None]
    order = np.argsort(-s.weight, kind="stable")
    taken = np.cumsum(success[:, :, order], axis=2) <= s.a["customer_appetite"]
    accepted = np.zeros_like(success)
    accepted[:, :, order] = success[:, :, order] & taken
    return accepted * (acc_vol * s.share[None, :])[None]
