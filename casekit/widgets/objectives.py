"""Exhibits and the rep game of notebook 06 (ideas I2, I3).

The classroom plan is :func:`casekit.models.objectives.bonus_plan` with 18
objectives (the classroom case's plan at year end has only about 13 live
ones, 24-28 at mid-year, so the exhibit takes the 18 most recent launches:
the 15-20 Byrnes describes).  :func:`rep_game_widget` lets a student play
one rep: tick 3 objectives, see the bonus and what the choice did to the
company.  It takes any plan, company and P&L, so an executive view can reuse
it unchanged.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from casekit.models.objectives import bonus_plan
from casekit.models.rep_choices import rep_game
from casekit.plots import DARK, GREY, RED, TITLE_SIZE
from casekit.plots import _style as _plot_style

__all__ = ["PLAN_OBJECTIVES", "PLAN_SEED", "SIM_SEED", "classroom_plan", "plot_objective_count",
           "plot_rep_choices", "plot_delivered", "RepGame", "rep_game_widget", "bench_hooks"]

PLAN_OBJECTIVES = 18
"""Objectives in the classroom plan (Byrnes: 15-20 at once)."""
PLAN_SEED = 0
"""Seed of the plan's weights (product managers' lobbying noise)."""
SIM_SEED = 0
"""Seed of the reps' misjudgements and the customers' answers."""


def classroom_plan(company, *, n_objectives: int = PLAN_OBJECTIVES, seed: int = PLAN_SEED) -> pd.DataFrame:
    """Build the bonus plan of notebook 06: the ``n_objectives`` most recent launches, seeded weights.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    n_objectives : int, default=PLAN_OBJECTIVES
        Objectives in the plan (at most the company's live launches).
    seed : int, default=PLAN_SEED
        Seed of the plan's weights.

    Returns
    -------
    pandas.DataFrame
        :func:`casekit.models.objectives.bonus_plan`: one row per objective,
        ``objective_id``, ``objective``, ``launch_id``, ``launch_date``,
        ``launch_size``, ``kind``, ``brand``, ``category``, ``n_skus``,
        ``weight``, ``target_accounts``, ``target_cases``.

    Examples
    --------
    >>> import casekit as ck
    >>> plan = classroom_plan(ck.make_company(seed=1, n_customers=40, n_products=60), n_objectives=6)
    >>> plan["objective_id"].tolist()
    ['O01', 'O02', 'O03', 'O04', 'O05', 'O06']
    >>> round(float(plan["weight"].sum()), 6)
    1.0
    """
    return bonus_plan(company, n_objectives=n_objectives, seed=seed)


def _style(ax, title, xlabel, ylabel, *, size=TITLE_SIZE):
    _plot_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, wrap=False)


def plot_objective_count(counts: pd.DataFrame, *, ax=None):
    """Draw launches a month and the objectives live in the plan (I2); the 15-20 band shaded.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`casekit.models.objectives.objective_count` (``month``, ``launches``,
        ``live_objectives``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> from casekit.models.objectives import objective_count
    >>> ax = plot_objective_count(objective_count(ck.make_company(seed=1, n_customers=40, n_products=60)))
    >>> type(ax).__name__, ax.get_title().startswith("Every launch adds an objective")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5.5), layout="constrained")
    x = np.arange(len(counts))
    ax.axhspan(15, 20, color=RED, alpha=0.12, label="15-20 objectives (Byrnes)")
    ax.bar(x, counts["launches"], color=GREY, label="launches that month")
    ax.plot(x, counts["live_objectives"], color=DARK, marker="o", lw=2.5, label="objectives live in the plan")
    ax.set_xticks(x, [m[5:] for m in counts["month"]])
    ax.set_ylim(0, max(22, counts["live_objectives"].max() * 1.2))
    ax.legend(fontsize=12, frameon=False, loc="upper left")
    peak = counts.loc[counts["live_objectives"].idxmax()]
    _style(ax, f"Every launch adds an objective:\nthe plan peaks at {int(peak['live_objectives'])} live "
               f"objectives in {peak['month']}",
           f"month of {counts['month'].iloc[0][:4]}", "count")
    return ax


def plot_rep_choices(sim, *, ax=None):
    """Draw which objectives each rep worked (I3): one row per rep, a dark cell per pick.

    Parameters
    ----------
    sim : casekit.models.rep_choices.RepSimulation
        From :func:`casekit.models.rep_choices.simulate_reps`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> from casekit.models.rep_choices import simulate_reps
    >>> sim = simulate_reps(plan, co, pnl, k=3, seed=0)
    >>> ax = plot_rep_choices(sim)
    >>> type(ax).__name__, len(ax.get_yticks()) == len(sim.reps)
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    grid = sim.choices.pivot(index="rep_id", columns="objective_id", values="chosen").astype(float)
    ax.imshow(grid.to_numpy(), cmap=plt.matplotlib.colors.ListedColormap(["#f2f3f4", DARK]), aspect="auto",
              vmin=0, vmax=1)
    counts = grid.sum(axis=0).astype(int)
    ax.set_xticks(range(grid.shape[1]), [f"{c}\n{n}" for c, n in zip(grid.columns, counts)], fontsize=10)
    for tick, n in zip(ax.get_xticklabels(), counts):
        tick.set_color(RED if n == 0 else DARK)
    names = sim.reps.set_index("rep_id")["rep_name"]
    ax.set_yticks(range(grid.shape[0]), [f"{r} {names.get(r, '')}" for r in grid.index])
    s = sim.summary.iloc[0]
    _style(ax, f"{len(grid)} reps, {int(s['k'])} picks each: {int(s['distinct_combinations'])} different "
               f"combinations, {int(s['objectives_worked'])} of {int(s['n_objectives'])} objectives worked",
           "objective (O01 = heaviest in the plan) and the number of reps working it (red: nobody)", "")
    return ax


def plot_delivered(sim, *, ax=None):
    """Draw each objective's intended cases against what the reps delivered (I3), losses in red.

    Parameters
    ----------
    sim : casekit.models.rep_choices.RepSimulation
        From :func:`casekit.models.rep_choices.simulate_reps`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> from casekit.models.rep_choices import simulate_reps
    >>> sim = simulate_reps(plan, co, pnl, k=3, seed=0)
    >>> ax = plot_delivered(sim)
    >>> type(ax).__name__, ax.get_title().startswith("Reps delivered")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    obj = sim.objectives
    y = np.arange(len(obj))
    ax.barh(y, obj["intended_cases"], color="white", edgecolor=GREY, hatch="//", label="intended by the plan")
    ax.barh(y, obj["delivered_cases"], color=DARK, label="delivered by the reps")
    for yi, row in zip(y, obj.itertuples()):
        ax.annotate(f"profit {'-' if row.profit < 0 else ''}${abs(row.profit) / 1e3:,.1f}K",
                    (row.intended_cases, yi), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=10, color=RED if row.profit < 0 else DARK)
    ax.set_yticks(y, [f"{o} ({w:.0%})" for o, w in zip(obj["objective_id"].astype(str), obj["weight"])])
    ax.invert_yaxis()
    ax.set_xlim(0, obj["intended_cases"].max() * 1.3)
    ax.legend(fontsize=12, frameon=False, loc="lower right")
    s = sim.summary.iloc[0]
    _style(ax, f"Reps delivered {s['delivered_pct']:.0f}% of the cases the plan intended",
           "cases in the bonus period", "objective (weight in the bonus)")
    return ax


# --------------------------------------------------------------------------- the rep game
def _money(x: float) -> str:
    text = f"{'-' if x < 0 else ''}${abs(x):,.0f}"
    return f"<span style='color:#c0392b'>{text}</span>" if x < 0 else text


@dataclass
class RepGame:
    """Hold the rep game: tick ``k`` objectives as one rep; state ``table`` (rep_game's frame, None until k are ticked).

    Built by :func:`rep_game_widget`; :meth:`update` is the controls' callback.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`casekit.models.objectives.bonus_plan`.
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    k : int, default=3
        How many objectives the rep works.
    seed : int, default=SIM_SEED
        Seed of the other reps' choices and the customers' answers.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    rep : ipywidgets.Dropdown
        The rep the student plays.
    boxes : dict of str -> ipywidgets.Checkbox
        One checkbox per objective, keyed by ``objective_id``.
    result : ipywidgets.HTML
        Your bonus and the company's profit against the best picks for each.
    table : pandas.DataFrame or None
        :func:`casekit.models.rep_choices.rep_game` for the ticked objectives
        (``choice``, ``objectives``, ``bonus``, ``revenue``, ``contribution``,
        ``company_profit``).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> g = rep_game_widget(plan, co, pnl)
    >>> isinstance(g, RepGame), g.table is None, g.picks
    (True, True, [])
    >>> g.pick(["O01", "O02", "O03"])
    >>> g.table["choice"].tolist()
    ['your picks', 'best for your bonus', 'best for the company']
    """

    plan: pd.DataFrame
    company: object
    pnl: pd.DataFrame
    k: int = 3
    seed: int = SIM_SEED
    widget: widgets.VBox = None
    rep: widgets.Dropdown = None
    boxes: dict = field(default_factory=dict)
    result: widgets.HTML = None
    table: pd.DataFrame = None

    @property
    def picks(self) -> list:
        return [oid for oid, box in self.boxes.items() if box.value]

    def pick(self, ids) -> None:
        """Tick exactly the objectives in ``ids`` (one update at the end)."""
        ids = set(ids)
        for oid, box in self.boxes.items():
            box.unobserve(self.update, names="value")
            box.value = oid in ids
            box.observe(self.update, names="value")
        self.update()

    def update(self, *_):
        """Score the ticked objectives (the callbacks)."""
        picks = self.picks
        if len(picks) != self.k:
            self.table = None
            self.result.value = (f"<div class='ck-game-status' style='font-size:15px'>Tick exactly {self.k} "
                                 f"objectives ({len(picks)} ticked).</div>")
            return
        self.table = rep_game(self.plan, self.company, self.pnl, rep_id=self.rep.value, picks=picks,
                              seed=self.seed)
        rows = ""
        for i, r in enumerate(self.table.itertuples()):
            rows += (f"<tr><td><b>{html.escape(r.choice)}</b></td><td>{html.escape(r.objectives)}</td>"
                     f"<td class='ck-bonus-{i}' align='right'>{_money(r.bonus)}</td>"
                     f"<td align='right'>{_money(r.revenue)}</td>"
                     f"<td class='ck-contribution-{i}' align='right'>{_money(r.contribution)}</td>"
                     f"<td class='ck-company-{i}' align='right'>{_money(r.company_profit)}</td></tr>")
        mine, best_bonus = self.table.iloc[0], self.table.iloc[1]
        self.result.value = (
            f"<div class='ck-game-status' style='font-size:15px'>Your bonus: <b class='ck-your-bonus'>"
            f"{_money(mine['bonus'])}</b> ({100 * mine['bonus'] / max(best_bonus['bonus'], 1e-9):.0f}% of the "
            f"best you could earn) · what your accounts earned the company: "
            f"<b class='ck-your-contribution'>{_money(mine['contribution'])}</b></div>"
            f"<table style='font-size:14px;border-spacing:10px 2px'><tr><th>choice</th><th>objectives</th>"
            f"<th>your bonus</th><th>revenue</th><th>contribution of your adoptions</th>"
            f"<th>company profit on the plan</th></tr>{rows}</table>")


def rep_game_widget(plan, company, pnl, *, rep_id=None, k: int = 3, seed: int = SIM_SEED,
                    picks=None) -> RepGame:
    """Build the rep game: the student plays one rep and ticks ``k`` objectives.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`casekit.models.objectives.bonus_plan` (e.g. :func:`classroom_plan`).
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    rep_id : str, optional
        The rep played at first (the first rep by default); a dropdown changes it.
    k : int, default=3
        How many objectives the rep works.
    seed : int, default=SIM_SEED
        Seed of the other reps' choices and the customers' answers.
    picks : list of str, optional
        Objectives ticked at first (none by default).

    Returns
    -------
    RepGame
        Tick ``.boxes[objective_id].value`` and read ``.table`` (columns
        ``choice``, ``objectives``, ``bonus``, ``revenue``, ``contribution``,
        ``company_profit``; None until exactly ``k`` are ticked).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> g = rep_game_widget(plan, co, pnl, rep_id="R01", picks=["O01", "O02"])
    >>> g.table is None
    True
    >>> g.boxes["O03"].value = True
    >>> g.table is not None, list(g.table.columns)
    (True, ['choice', 'objectives', 'bonus', 'revenue', 'contribution', 'company_profit'])
    """
    reps = company.reps
    options = [(f"{r.rep_id} {r.rep_name} ({r.region})", str(r.rep_id)) for r in reps.itertuples()]
    rep_id = options[0][1] if rep_id is None else rep_id
    if rep_id not in [v for _, v in options]:
        raise ValueError(f"rep_game_widget: rep_id={rep_id!r} is not a rep of this company.")
    ids = plan["objective_id"].astype(str).tolist()
    if not 1 <= k <= len(ids):
        raise ValueError(f"rep_game_widget: k={k} must be between 1 and the plan's {len(ids)} objectives.")
    g = RepGame(plan=plan, company=company, pnl=pnl, k=k, seed=seed)
    g.rep = widgets.Dropdown(options=options, value=rep_id, description="You are", style={"description_width": "initial"},
                             layout=widgets.Layout(width="420px"))
    for oid, name, w in zip(ids, plan["objective"], plan["weight"]):
        g.boxes[oid] = widgets.Checkbox(value=False, description=f"{oid} ({w:.0%}) {name}", indent=False,
                                        layout=widgets.Layout(width="560px"))
    half = (len(ids) + 1) // 2
    col = list(g.boxes.values())
    g.result = widgets.HTML()
    g.widget = widgets.VBox([g.rep, widgets.HTML(f"<b>Tick the {k} objectives you will work this quarter</b> "
                                                 "(weight in your bonus in brackets):"),
                             widgets.HBox([widgets.VBox(col[:half]), widgets.VBox(col[half:])]), g.result])
    g.rep.observe(g.update, names="value")
    for box in col:
        box.observe(g.update, names="value")
    if picks:
        g.pick(picks)
    else:
        g.update()
    return g


def bench_hooks():
    """Return the update paths timed by benchmarks/bench_widgets.py.

    Internal plumbing for the benchmarks (builds the rep game on the
    ``"precision"`` case).

    Returns
    -------
    list of (str, callable, list)
        ``(label, function, values)``: calling ``function(v)`` for each ``v``
        changes the rep game's picks or rep.

    Examples
    --------
    >>> hooks = bench_hooks()
    >>> [label for label, _, _ in hooks]
    ['06 rep game: swap one ticked objective (2 clicks)', '06 rep game: play another rep']
    >>> _, change_rep, reps = hooks[1]
    >>> change_rep(reps[1]) is None
    True
    """
    from casekit.case.datasets import load_case
    from casekit.costing.engine import cost_to_serve

    co = load_case("precision")
    pnl = cost_to_serve(co)
    plan = classroom_plan(co)
    g = rep_game_widget(plan, co, pnl, picks=["O01", "O02", "O03"])
    ids = list(g.boxes)

    def swap(j):
        # untick one pick, tick another: the second click scores a new set of three
        current = g.picks
        g.boxes[current[-1]].value = False
        g.boxes[ids[j]].value = True

    def change_rep(r):
        g.rep.value = r

    free = [j for j in range(3, len(ids))]
    return [("06 rep game: swap one ticked objective (2 clicks)", swap, free),
            ("06 rep game: play another rep", change_rep, [v for _, v in g.rep.options])]
