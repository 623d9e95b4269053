"""Latency of every notebook widget's update path (recompute + redraw), beside a floor.

Each widget is driven the way a class drives it: a slider moves, the widget
recomputes from casekit and redraws.  The **floor**, measured in the same
run, is what any figure-based widget must pay per move: redraw one
10 x 6 inch matplotlib figure holding a line of 250 points and encode it as
the PNG the notebook shows.  Each row reports the median and p90 in ms and
the median as a multiple of the floor; the budget is 150 ms per move on the
classroom ("precision") case.

Usage::

    python benchmarks/bench_widgets.py            # every notebook
    python benchmarks/bench_widgets.py --only 03 04 --n 50
"""

from __future__ import annotations

import argparse
import io
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np

BUDGET_MS = 150.0


def _time(label: str, moves: list, n: int, floor_ms: float | None) -> float:
    """Call ``moves`` round-robin ``n`` times; print median, p90 and median / floor."""
    ts = []
    for i in range(n):
        t = time.perf_counter()
        moves[i % len(moves)]()
        ts.append((time.perf_counter() - t) * 1000)
    med, p90 = float(np.median(ts)), float(np.percentile(ts, 90))
    ratio = f"{med / floor_ms:5.1f}x floor" if floor_ms else ""
    flag = "" if med <= BUDGET_MS else "  OVER BUDGET"
    print(f"{label:<58} median {med:6.1f} ms   p90 {p90:6.1f} ms   {ratio}   (n={n}){flag}")
    return med


def islands_hooks(case) -> list:
    """Update paths of notebook 02's widgets: (label, function, values); ``function(v)`` moves one control."""
    from casekit.widgets.islands import ALL, profit_map_explorer, segment_sliders

    company, pnl = case
    s = segment_sliders(pnl)
    e = profit_map_explorer(pnl, company)
    revs = [v for _, v in s.revenue_cut.options]

    def move_rev(v):
        s.revenue_cut.value = v

    def pick_channel(v):
        e.filters["channel_of_trade"].value = v

    def pick_customer(v):
        e.customer.value = v

    return [("segments: move revenue cut (first visits)", move_rev, revs[1:]),
            ("segments: move revenue cut (revisits)", move_rev, revs),
            ("explorer: filter channel of trade", pick_channel,
             list(e.filters["channel_of_trade"].options)[1:] + [ALL]),
            ("explorer: pick a customer", pick_customer, [v for _, v in e.customer.options][:10])]


def portfolio_hooks(case) -> list:
    """Update paths of notebook 05's what-if widget: (label, function, values)."""
    from casekit.models.innovation import product_scorecard
    from casekit.widgets.innovation import portfolio_widget

    company, pnl = case
    w = portfolio_widget(product_scorecard(company, pnl))

    def move_prune(v):
        w.prune.value = v

    def move_rate(v):
        w.rate.value = v

    prunes = [0, 5, 10, 20, 25, 30, 35, 40, 15]
    rates = [0.0, 0.25, 0.5, 0.75, 1.25, 1.5, 1.75, 2.0, 1.0]
    return [("05 portfolio: prune slider (first visits)", move_prune, prunes),
            ("05 portfolio: launch-rate slider (first visits)", move_rate, rates),
            ("05 portfolio: prune slider (revisits)", move_prune, prunes)]


def rep_game_hooks(case) -> list:
    """Update paths of notebook 06's rep game: (label, function, values)."""
    from casekit.models.bonus_plan import classroom_plan
    from casekit.widgets.objectives import rep_game_widget

    company, pnl = case
    g = rep_game_widget(classroom_plan(company), company, pnl, picks=["O01", "O02", "O03"])
    ids = list(g.boxes)

    def swap(j):
        # untick one pick, tick another: the second click scores a new set of three
        current = g.picks
        g.boxes[current[-1]].value = False
        g.boxes[ids[j]].value = True

    def change_rep(r):
        g.rep.value = r

    return [("06 rep game: swap one ticked objective (2 clicks)", swap, list(range(3, len(ids)))),
            ("06 rep game: play another rep", change_rep, [v for _, v in g.rep.options])]


def _hooks(hooks, n: int, floor_ms: float) -> None:
    # A list of (label, function, values) from the *_hooks above; "first visit"
    # hooks time each value once, before anything is cached.  Whole rounds
    # only, so each hook leaves its control where it started (the next hook
    # may depend on it: a filter narrows the customers one can pick).
    for label, fn, values in hooks:
        moves = [lambda v=v, fn=fn: fn(v) for v in values]
        rounds = 1 if "first" in label else -(-n // len(values))
        _time(label, moves, rounds * len(values), floor_ms)


def floor(n: int) -> float:
    """The same-run floor: redraw and PNG-encode one notebook-sized figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 6))
    line, = ax.plot(np.arange(250), np.zeros(250))
    rng = np.random.default_rng(0)

    def redraw():
        line.set_ydata(rng.random(250))
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)

    med = _time("floor: redraw + PNG of one 10x6 in figure", [redraw], n, None)
    plt.close(fig)
    return med


def eras_and_islands(case, n: int, floor_ms: float) -> None:
    from casekit.models.eras import ERA_STEPS, _cached_case
    from casekit.widgets.two_eras import era_dial

    t = time.perf_counter()
    dial = era_dial(precompute=True)
    print(f"01 era dial: build, all positions precomputed: {(time.perf_counter() - t) * 1000:.0f} ms")
    order = list(ERA_STEPS[1:]) + list(ERA_STEPS[::-1])
    _time("01 era dial: move the slider (cached positions)",
          [lambda v=v: setattr(dial.slider, "value", v) for v in order], n, floor_ms)
    _cached_case.cache_clear()
    cold = era_dial(precompute=False)
    _time("01 era dial, precompute=False (not the default): 1st visit",
          [lambda v=v: setattr(cold.slider, "value", v) for v in ERA_STEPS[1:]], len(ERA_STEPS) - 1, floor_ms)
    _hooks(islands_hooks(case), n, floor_ms)


def rates_and_levers(case, n: int, floor_ms: float) -> None:
    from casekit.widgets.glass_box import sensitivity_widget
    from casekit.widgets.levers import lever_widget

    company, pnl = case
    sens = sensitivity_widget(company)
    _time("03 sensitivity: noise slider (50 rate cards)",
          [lambda v=v: setattr(sens.noise, "value", v) for v in (5, 10, 20, 30, 40, 50, 60, 0)], n, floor_ms)
    lev = lever_widget(company, pnl)
    c = lev.controls
    moves = [lambda v=v: setattr(c["min_order_cases"], "value", v) for v in (0, 50, 100, 150, 200)]
    moves += [lambda v=v: setattr(c["deliveries_per_week"], "value", v) for v in (0.25, 0.5, 0.0)]
    moves += [lambda v=v: setattr(c["move_to_edi"], "value", v) for v in (50, 100, 0)]
    _time(f"04 levers: sliders on {lev.customer.value} ({len(lev.model.frame)} lines)", moves, n, floor_ms)
    big = max(lev.customer.options, key=lambda o: int((pnl["customer_id"].astype(str) == o[1]).sum()))[1]
    lev.customer.value = big
    _time(f"04 levers: sliders on the largest Drain {big} ({len(lev.model.frame)} lines)", moves, n, floor_ms)


def innovation_and_objectives(case, n: int, floor_ms: float) -> None:
    _hooks(portfolio_hooks(case), n, floor_ms)
    _hooks(rep_game_hooks(case), n, floor_ms)


def alliance_and_incentives(case, n: int, floor_ms: float) -> None:
    from casekit.models.account_development import story_account
    from casekit.widgets.alliance import ops_timing_widget
    from casekit.widgets.incentives import incentive_designer

    company, pnl = case
    account = story_account(company, pnl)
    timing = ops_timing_widget(company, pnl, customer_id=account)
    _time(f"07 ops timing: quarter slider on {account}",
          [lambda v=v: setattr(timing.slider, "value", v) for v in (2, 5, 9, 12, 7, 1)], n, floor_ms)
    designer = incentive_designer(company, pnl, seed=0)
    w = designer.weights
    moves = [lambda v=v: setattr(w["net_profit"], "value", v) for v in (3, 6, 10, 0)]
    moves += [lambda v=v: setattr(w["revenue"], "value", v) for v in (2, 8, 5)]
    moves += [lambda v=v: setattr(designer.cap, "value", v) for v in (3, 8, 0, designer.cap.max)]
    _time("08 incentive designer: weight and cap sliders", moves, n, floor_ms)


SECTIONS = {("01", "02"): eras_and_islands, ("03", "04"): rates_and_levers,
            ("05", "06"): innovation_and_objectives, ("07", "08"): alliance_and_incentives}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="moves per widget (default 30)")
    parser.add_argument("--only", nargs="+", default=None, help="notebook numbers, e.g. 03 04")
    args = parser.parse_args(argv)
    import casekit as ck

    company = ck.load_case("precision")
    case = (company, ck.cost_to_serve(company))
    floor_ms = floor(args.n)
    for notebooks, run in SECTIONS.items():
        if args.only is None or set(args.only) & set(notebooks):
            run(case, args.n, floor_ms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
