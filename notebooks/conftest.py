"""Key numbers: what each notebook prints must be what casekit computes.

nbval runs every notebook cell by cell in one kernel (``--nbval-lax``: it
fails on errors and compares no stored outputs, since none are committed).
This file adds one more test after the last cell of each notebook listed in
:data:`KEY_NUMBERS`, in the same pytest node, so it reuses nbval's run: it
reads the text the cells printed and checks that the numbers a class
discusses appear there exactly as this process computes them by calling
casekit directly. A change in the case, the engine or a model that moves a
number fails here, named by notebook, with the expected text and the nearest
output side by side.
"""

from __future__ import annotations

import difflib
import functools

import pandas as pd
import pytest
from nbval.plugin import IPyNbCell

import casekit as ck
from casekit.models.draws import OTHER_DRAWS, seed_span


@functools.cache
def _precision():
    company = ck.load_case("precision")
    return company, ck.cost_to_serve(company)


def _segment_count(pnl, segment):
    return int((ck.segment_customers(pnl)["segment"] == segment).sum())


def _table(frame, columns, digits, **to_string):
    return frame[columns].round(digits).to_string(**to_string)


# --------------------------------------------------------------------------- one function per notebook
# Each returns the snippets of text the notebook must print, computed here.


def _start_here():
    _, pnl = _precision()
    return [ck.headline_table(ck.headline(ck.charge_overheads(pnl))).to_string()]


def _two_eras():
    from casekit.models import eras

    table = eras.era_table()
    columns = ["rank_agreement", "pocket_price_spread_pts", "cts_per_case_ratio", "skus_sold", "niche_skus_sold",
               "customers_losing_pct"]
    return [_table(table, columns, 2)]


def _islands_of_profit():
    _, pnl = _precision()
    allin = ck.charge_overheads(pnl)
    accounts = ck.profit_by(allin)
    losing = (accounts["net_profit"] < 0).mean() * 100
    profits = accounts["net_profit"].sort_values(ascending=False)
    peak = profits.cumsum().max() / profits.sum() * 100
    grains = ck.loss_shares(allin).set_index("grain")
    return [f"customers losing money: {losing:.1f}%   whale-curve peak: {peak:.0f}% of profit",
            f"customers losing money before overheads: {(accounts['contribution'] < 0).mean() * 100:.1f}%",
            _table(grains, ["units", "losing", "losing_pct", "losing_revenue_pct", "losses_pct_of_profit"], 1)]


def _cost_to_serve():
    from casekit.analysis.costing_comparison import compare_costings

    company, pnl = _precision()
    comparison = compare_costings(company, ck.TimeDrivenCard.default(), rates=ck.RateCard.default()).comparison
    product_id = pnl.groupby("product_id", observed=True)["customer_id"].nunique().idxmax()
    band = ck.pocket_price_band(pnl, product_id=product_id)
    accounts = pnl.loc[pnl["product_id"] == product_id, "customer_id"].nunique()
    return [
        "same on every line: True",
        comparison.to_string(na_rep="—"),
        f"{product_id}: {accounts} accounts, pocket price ${band.attrs['min']:.2f} to ${band.attrs['max']:.2f} a case",
    ]


def _revenue_that_fits():
    from casekit.models import dropping
    from casekit.models import levers as lv
    from casekit.models import revenue_fit as rf

    company, pnl = _precision()
    fit = rf.revenue_fit(pnl, company)
    options = dropping.fix_or_drop(dropping.lever_candidates(company, pnl))
    drains = _segment_count(pnl, "Profit Drain")
    package = lv.what_if(company, options.attrs["chosen"], **dropping.SERVICE_PACKAGE)
    books = rf.same_revenue_comparison(fit)
    return [
        _table(rf.fit_summary(fit), ["fit", "customers", "share_of_revenue_pct", "share_of_profit_pct",
                                     "ops_cost_per_case"], 1, index=False),
        f"Fixing beats dropping for {options.attrs['fix_beats_drop']} of {drains} Profit Drains.",
        options.head(8).round(0).to_string(index=False),
        package.loc[["revenue", "cases", "orders", "deliveries", "cost_to_serve", "net_profit"]].round(0).to_string(),
        _table(books, ["book", "accounts", "revenue", "cases", "ops_cost_per_case", "net_profit"], 2, index=False),
    ]


def _innovation_stream():
    from casekit.models.innovation import launch_calendar, product_scorecard
    from casekit.models.launches import launch_life

    company, pnl = _precision()
    card = product_scorecard(company, pnl)
    life = launch_life(card)
    calendar = launch_calendar(company)
    return [
        f"launches: {calendar['launches'].sum()} ({calendar['major_launches'].sum()} major)   "
        f"SKUs: {calendar['active_skus'].iloc[0] - calendar['new_skus'].iloc[0]} -> {calendar['active_skus'].iloc[-1]}",
        f"complexity cost: ${card['complexity_cost'].sum():,.0f}   company profit after it: "
        f"${card['company_profit'].sum():,.0f}",
        # The launch count and the pruning saving are no longer printed: the class predicts the first and
        # computes the second (Exercise 2). The title of the two-lens chart and the checks carry them.
        f"launches losing money over their life: {(life['life_value'] < 0).sum()} of {len(life)}",
        _break_even_line("I4/I14"),
    ]


def _break_even_line(claim, seed=0):
    from casekit.models.break_even import break_even

    company, pnl = _precision()
    found = break_even(claim, company, pnl, seed=seed)
    return f"break-even: {found['parameter']} = {found['break_even']:.3g} (calibrated {found['calibrated']:g})"


def _fifteen_objectives():
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS, objective_count
    from casekit.models.rep_choices import simulate_reps

    company, pnl = _precision()
    plan = classroom_plan(company)
    sim = simulate_reps(plan, company, pnl, seed=SIM_SEED)
    s = sim.summary.iloc[0]
    worked = int((sim.objectives["n_reps"] > 0).sum())
    live = objective_count(company)["live_objectives"]
    return [
        f"each objective stays {OBJECTIVE_ASSUMPTIONS.loc['objective_life_months', 'value']:g} months; "
        f"live at month end: {live.min()} to {live.max()}; 15 or more in {(live >= 15).sum()} of {len(live)} months",
        f"objectives: {len(plan)}   worked by at least one rep: {worked}   "
        f"different combinations: {s['distinct_combinations']:.0f} among {len(company.reps)} reps",
        f"cases delivered: {s['delivered_pct']:.1f}% of intended   bonus paid: ${s['bonus_paid']:,.0f}",
        f"profit on the plan: ${s['profit']:,.0f}   (intended: ${s['intended_profit']:,.0f})",
        f"objectives per rep: {s['objectives_per_rep_min']} to {s['objectives_per_rep_max']} "
        f"(median {s['k']:g}), chosen by the reps",
        _break_even_line("I2/I3", SIM_SEED),
    ]


def _natural_alliance():
    from casekit.models import account_development as ad
    from casekit.models import alignment as al
    from casekit.models.account_development import story_account
    from casekit.models.account_distribution import path_distribution

    company, pnl = _precision()
    totals = ad.path_totals(ad.account_paths(company, pnl, customer_id=story_account(company, pnl)))
    board = al.compare_alignment(company, pnl).set_index("scenario")
    dist = path_distribution(company, pnl, seeds=OTHER_DRAWS)
    return [
        totals[["customer_profit", "your_revenue", "sales_growth_pct", "final_cost_to_serve_per_case",
                "ops_project_cost", "your_profit"]].round(1).T.to_string(),
        board[["revenue", "operations_cost", "operations_cost_per_case", "complexity_cost", "profit",
               "accounts_joint_redesign"]].round(2).T.to_string(),
        f"operations early is better in {dist['ops_early_wins'].mean():.0%} of "
        f"{dist['customer_id'].nunique()} key accounts x {len(OTHER_DRAWS)} draws ({seed_span(OTHER_DRAWS)})",
        _break_even_line("I9"),
        _break_even_line("I13"),
    ]


def _driving_the_boat():
    from casekit.models import incentives as inc
    from casekit.models.break_even import CLAIMS, claim_margin

    company, pnl = _precision()
    plans = [inc.TODAYS_PLAN, inc.ALIGNED_PLAN]
    board = inc.compare_plans(plans, company, pnl, seed=0).set_index("plan")
    by_seed = {seed: inc.compare_plans(plans, company, pnl, seed=seed).set_index("plan")["profit"] for seed in range(5)}
    return [
        board[["n_objectives", "revenue", "cost_to_serve", "cost_to_serve_per_case", "skus", "complexity_cost",
               "profit", "bonus_paid"]].round(2).T.to_string(),
        pd.DataFrame(by_seed).round(0).to_string(),
        inc.compare_plans([inc.ALIGNED_PLAN, inc.COST_PER_CASE_PLAN], company, pnl, seed=0).set_index("plan")[
            ["revenue", "cost_to_serve_per_case", "profit", "reps_cut_service"]].round(2).T.to_string(),
        _break_even_line("I15"),
        _simpler_plan_wins(inc, CLAIMS, claim_margin, company, pnl),
    ]


def _simpler_plan_wins(inc, claims, claim_margin, company, pnl):
    """Notebook 08's prose says how often the cost-per-case plan wins at the noisiest end: the count it prints."""
    row = claims.loc["I15"]
    draws = [claim_margin("I15", company, pnl, value=row["high"], seed=seed) for seed in OTHER_DRAWS]
    return (f"at {row['parameter']} = {row['high']:g}, the simpler plan earns more in "
            f"{sum(margin < 0 for margin in draws)} of {len(draws)} draws ({seed_span(OTHER_DRAWS)})")


def _boardroom_debrief():
    from casekit.game import debrief as db

    game = db.load_game(db.recorded_game())
    traj, kpis, whales = db.trajectories(game), db.kpi_vs_profit(game), db.team_whale_curves(game)
    # The notebook shows these frames as cell results: compare their repr as a kernel writes it (every column,
    # wrapped at 80 characters), whatever terminal pytest runs in.
    with pd.option_context("display.max_columns", 20, "display.width", 80):
        return _debrief_lines(traj, kpis, whales)


def _debrief_lines(traj, kpis, whales):
    return [
        repr((traj.pivot(index="round", columns="label", values="profit") / 1e3).round(0)),
        repr(kpis.pivot_table(index=["role", "kpi"], columns="label", values="kpi_rank").astype(int)),
        repr(kpis.groupby("label")[["team_profit", "profit_rank"]].first().sort_values("profit_rank").round(0)),
        repr(whales[whales["developed"]][["label", "customer_id", "rank", "net_profit"]].round(0)),
        f"accounts on each team's curve: {whales.groupby('label')['customer_id'].nunique().to_dict()}",
    ]


KEY_NUMBERS = {
    "00_start_here": _start_here,
    "01_two_eras": _two_eras,
    "02_islands_of_profit": _islands_of_profit,
    "03_cost_to_serve": _cost_to_serve,
    "04_revenue_that_fits": _revenue_that_fits,
    "05_innovation_stream": _innovation_stream,
    "06_fifteen_objectives": _fifteen_objectives,
    "07_natural_alliance": _natural_alliance,
    "08_driving_the_boat": _driving_the_boat,
    "10_boardroom_debrief": _boardroom_debrief,
}
"""Notebook name -> function returning the texts it must print."""


# --------------------------------------------------------------------------- words in the prose
# A markdown cell cannot compute, so where the prose puts a figure into words ("close to half", "about four
# times") the words are checked here against what casekit computes: each function returns
# (the phrase as the notebook writes it, whether the computed value fits the words, the computed value).


def _between(x, low, high):
    return low <= x <= high


def _two_eras_prose():
    from casekit.models import eras

    table = eras.era_table()
    mass, precision = table.iloc[0], table.iloc[-1]
    losing = precision["customers_losing_pct"] / mass["customers_losing_pct"]
    skus = precision["skus_sold"] / mass["skus_sold"]
    niche = precision["niche_revenue_pct"]
    return [
        ("handful of losing accounts grows several-fold", losing >= 3, f"{losing:.1f} times"),
        ("The catalogue grows two and a half times", _between(skus, 2.25, 2.75), f"{skus:.2f} times"),
        ("the niche SKUs earn about a quarter of revenue", _between(niche, 20, 30), f"{niche:.0f}%"),
    ]


def _islands_prose():
    _, pnl = _precision()
    lines = ck.loss_shares(ck.charge_overheads(pnl)).set_index("grain").loc["invoice lines", "losing_revenue_pct"]
    return [("the losing lines hold only about a third of revenue", _between(lines, 28, 38), f"{lines:.0f}%")]


def _revenue_fit_prose():
    from casekit.models import revenue_fit as rf

    company, pnl = _precision()
    s = rf.fit_summary(rf.revenue_fit(pnl, company)).set_index("fit")
    poor, well = s.loc["fits poorly"], s.loc["fits well"]
    ratio = poor["ops_cost_per_case"] / well["ops_cost_per_case"]
    return [
        ("bringing a large share of Beacon's revenue", poor["share_of_revenue_pct"] >= 30,
         f"{poor['share_of_revenue_pct']:.0f}% of revenue"),
        ("but a much smaller share of its profit", poor["share_of_profit_pct"] < 0.75 * poor["share_of_revenue_pct"],
         f"{poor['share_of_profit_pct']:.0f}% of profit"),
        ("earn a larger share of profit than of revenue", well["share_of_profit_pct"] > well["share_of_revenue_pct"],
         f"{well['share_of_profit_pct']:.0f}% of profit on {well['share_of_revenue_pct']:.0f}% of revenue"),
        ("cost several times as much per case", ratio >= 2.5, f"{ratio:.1f} times"),
    ]


def _innovation_prose():
    from casekit.models.complexity import COMPLEXITY_RATES
    from casekit.models.innovation import product_scorecard
    from casekit.models.launches import LIFE_ASSUMPTIONS, launch_scorecard

    company, pnl = _precision()
    launches = launch_scorecard(product_scorecard(company, pnl))
    split = ((launches["gross_margin"] > 0) & (launches["company_profit"] < 0)).mean() * 100
    life = LIFE_ASSUMPTIONS["value"]
    transfer = COMPLEXITY_RATES.loc["demand_transfer", "value"]
    return [
        ("The two lenses disagree on about half the launches", _between(split, 40, 60), f"{split:.0f}%"),
        ("over a three-year life", life["life_years"] == 3, f"life_years {life['life_years']:g}"),
        ("half of a new flavour's or pack's cases are taken", life["cannibalisation"] == 0.5,
         f"cannibalisation {life['cannibalisation']:g}"),
        ("Half of a removed SKU's volume is assumed", transfer == 0.5, f"demand_transfer {transfer:g}"),
        ("The widget assumes that half of a pruned SKU's volume moves", transfer == 0.5,
         f"demand_transfer {transfer:g}"),
    ]


def _objectives_prose():
    from casekit.models.bonus_plan import SIM_SEED, classroom_plan
    from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
    from casekit.models.rep_choices import simulate_reps

    company, pnl = _precision()
    s = simulate_reps(classroom_plan(company), company, pnl, seed=SIM_SEED).summary.iloc[0]
    appetite = OBJECTIVE_ASSUMPTIONS.loc["customer_appetite", "value"]
    return [
        ("the reps work two or three objectives each", _between(s["k"], 2, 3), f"median {s['k']:g}"),
        ("lists at most one new item from Beacon a quarter", appetite == 1, f"customer_appetite {appetite:g}"),
        ("buyers who list one new item a quarter", appetite == 1, f"customer_appetite {appetite:g}"),
        ("tick the 3 objectives you would work", _game_picks() == 3, f"the game asks for {_game_picks()}"),
    ]


def _game_picks():
    import inspect

    from casekit.widgets.objectives import rep_game_widget

    return inspect.signature(rep_game_widget).parameters["k"].default


def _alliance_prose():
    from casekit.models import account_development as ad

    a = ad.ACCOUNT_ASSUMPTIONS["value"]
    return [
        ("courtesy visit in quarter 10", a["ops_late_quarter"] == 10, f"ops_late_quarter {a['ops_late_quarter']:g}"),
        ("counterparts at the account in quarter 1", a["ops_early_quarter"] == 1,
         f"ops_early_quarter {a['ops_early_quarter']:g}"),
        ("Over three years", a["n_quarters"] == 12, f"n_quarters {a['n_quarters']:g}"),
        ("half of them cannot be withdrawn", a["lock_in"] == 0.5, f"lock_in {a['lock_in']:g}"),
        ("adds up the twelve quarters", a["n_quarters"] == 12, f"n_quarters {a['n_quarters']:g}"),
        ("every key account under seeds 11–30", seed_span(OTHER_DRAWS) == "seeds 11–30", seed_span(OTHER_DRAWS)),
    ]


def _incentives_prose():
    from casekit.models import incentives as inc

    noise = inc.INCENTIVE_ASSUMPTIONS.loc["perception_noise", "value"]
    today, aligned = inc.TODAYS_PLAN, inc.ALIGNED_PLAN
    return [
        ("misjudges each push by about ±30 %", noise == 0.3, f"perception_noise {noise:g}"),
        ("pays half on revenue and half on launch objectives", today.weights == {"revenue": 0.5, "objectives": 0.5},
         str(today.weights)),
        ("60 % on net profit after cost to serve, 20 % on cost to serve per case and 20 % on fit, and carries at "
         "most 3 launch objectives",
         aligned.weights == {"net_profit": 0.6, "cost_to_serve_per_case": 0.2, "fit": 0.2}
         and aligned.max_objectives == 3, f"{aligned.weights}, cap {aligned.max_objectives}"),
        ("over other draws (seeds 11–30)", seed_span(OTHER_DRAWS) == "seeds 11–30", seed_span(OTHER_DRAWS)),
    ]


PROSE_CLAIMS = {
    "01_two_eras": _two_eras_prose,
    "02_islands_of_profit": _islands_prose,
    "04_revenue_that_fits": _revenue_fit_prose,
    "05_innovation_stream": _innovation_prose,
    "06_fifteen_objectives": _objectives_prose,
    "07_natural_alliance": _alliance_prose,
    "08_driving_the_boat": _incentives_prose,
}
"""Notebook name -> function returning (phrase, the words fit, the computed value) for its prose."""


def _prose(path) -> str:
    """The notebook's markdown, with line breaks folded to spaces so a phrase may wrap."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return " ".join(" ".join("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")


# --------------------------------------------------------------------------- the test item


def _shown(outputs):
    """The text a cell showed: its streams and the plain-text form of its results."""
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        elif "text/plain" in out.get("data", {}):
            parts.append(out["data"]["text/plain"])
    return "\n".join(parts)


class KeyNumbersMismatch(AssertionError):
    pass


class KeyNumbers(pytest.Item):
    """Check the outputs of an nbval-run notebook against :data:`KEY_NUMBERS`."""

    def __init__(self, *, cells, expected, prose=None, **kwargs):
        super().__init__(**kwargs)
        self.cells = cells
        self.expected = expected
        self.prose = prose

    def runtest(self):
        unrun = [cell.name for cell in self.cells if cell.test_outputs is None]
        if unrun:
            raise KeyNumbersMismatch(f"{self.path.name}: cells not run in this session: {', '.join(unrun)}")
        shown = [_shown(cell.test_outputs) for cell in self.cells]
        for snippet in self.expected():
            if not any(snippet in text for text in shown):
                nearest = max(shown, key=lambda text: difflib.SequenceMatcher(None, snippet, text).ratio())
                diff = "\n".join(difflib.unified_diff(snippet.splitlines(), nearest.splitlines(),
                                                      "casekit computes", "the notebook printed", lineterm=""))
                raise KeyNumbersMismatch(f"{self.path.name} does not show what casekit computes:\n{diff}")
        text = _prose(self.path)
        for phrase, fits, computed in (self.prose() if self.prose else []):
            if phrase not in text:
                raise KeyNumbersMismatch(f"{self.path.name}: the prose no longer says {phrase!r}; update PROSE_CLAIMS")
            if not fits:
                raise KeyNumbersMismatch(f"{self.path.name} says {phrase!r}, but casekit computes {computed}")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, KeyNumbersMismatch):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"{self.path.name}::{self.name}"


def pytest_collection_modifyitems(items):
    """Put a key-numbers test right after the last cell of each notebook, under the same notebook node."""
    cells = {}
    for index, item in enumerate(items):
        if isinstance(item, IPyNbCell):
            cells.setdefault(item.parent, []).append(index)
    # Insert from the end so that earlier positions stay valid.
    for notebook, indices in sorted(cells.items(), key=lambda kv: kv[1][-1], reverse=True):
        expected = KEY_NUMBERS.get(notebook.path.stem)
        if expected is not None:
            item = KeyNumbers.from_parent(notebook, name="key numbers", cells=[items[i] for i in indices],
                                          expected=expected, prose=PROSE_CLAIMS.get(notebook.path.stem))
            items.insert(indices[-1] + 1, item)

