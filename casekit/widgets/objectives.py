"""The rep game of notebook 06 (ideas I2, I3): play one rep, tick 3 objectives, see the bonus and the company.

:func:`rep_game_widget` takes any plan, company and P&L (usually
:func:`casekit.models.bonus_plan.classroom_plan`), so an executive view can
reuse it unchanged.  The exhibits are in :mod:`casekit.plots.objectives`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd

from casekit.models.bonus_plan import SIM_SEED
from casekit.models.rep_choices import rep_game
from casekit.validation import check_int
from casekit.widgets.markup import money_html
from casekit.widgets.view import WidgetView

__all__ = ["RepGame", "rep_game_widget"]


@dataclass
class RepGame(WidgetView):
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
        :func:`casekit.models.objectives.rep_game` for the ticked objectives
        (``choice``, ``objectives``, ``bonus``, ``revenue``, ``contribution``,
        ``company_profit``).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.bonus_plan import classroom_plan
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
                     f"<td class='ck-bonus-{i}' align='right'>{money_html(r.bonus)}</td>"
                     f"<td align='right'>{money_html(r.revenue)}</td>"
                     f"<td class='ck-contribution-{i}' align='right'>{money_html(r.contribution)}</td>"
                     f"<td class='ck-company-{i}' align='right'>{money_html(r.company_profit)}</td></tr>")
        mine, best_bonus = self.table.iloc[0], self.table.iloc[1]
        self.result.value = (
            f"<div class='ck-game-status' style='font-size:15px'>Your bonus: <b class='ck-your-bonus'>"
            f"{money_html(mine['bonus'])}</b> ({100 * mine['bonus'] / max(best_bonus['bonus'], 1e-9):.0f}% of the "
            f"best you could earn) · what your accounts earned the company: "
            f"<b class='ck-your-contribution'>{money_html(mine['contribution'])}</b></div>"
            f"<table style='font-size:14px;border-spacing:10px 2px'><tr><th>choice</th><th>objectives</th>"
            f"<th>your bonus</th><th>revenue</th><th>contribution of your adoptions</th>"
            f"<th>company profit on the plan</th></tr>{rows}</table>")


def rep_game_widget(plan, company, pnl, *, rep_id=None, k: int = 3, seed: int = SIM_SEED,
                    picks=None) -> RepGame:
    """Build the rep game: the student plays one rep and ticks ``k`` objectives.

    Parameters
    ----------
    plan : pandas.DataFrame
        From :func:`casekit.models.objectives.bonus_plan` (e.g. :func:`casekit.models.bonus_plan.classroom_plan`).
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
    >>> from casekit.models.bonus_plan import classroom_plan
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
    check_int(k, "k", low=1, high=len(ids), what=f"an integer between 1 and the plan's {len(ids)} objectives",
              func="rep_game_widget")
    g = RepGame(plan=plan, company=company, pnl=pnl, k=k, seed=seed)
    g.rep = widgets.Dropdown(options=options, value=rep_id, description="You are",
                             style={"description_width": "initial"},
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
