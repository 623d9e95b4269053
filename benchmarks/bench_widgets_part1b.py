"""Latency of the notebook 03/04 widgets' update paths (recompute + redraw).

Run: .venv/bin/python benchmarks/bench_widgets_part1b.py [--n 30]
Budget: 150 ms median per slider move on the classroom ("precision") case.
"""

import argparse
import time

import numpy as np

import casekit as ck
from casekit.widgets.glass_box import sensitivity_widget
from casekit.widgets.levers import lever_widget


def _time(label, moves, n):
    ts = []
    for i in range(n):
        t = time.perf_counter()
        moves[i % len(moves)]()
        ts.append((time.perf_counter() - t) * 1000)
    ts = np.array(ts)
    print(f"{label:<42} median {np.median(ts):6.1f} ms   p90 {np.percentile(ts, 90):6.1f} ms   (n={n})")
    return float(np.median(ts))


def main(n: int = 30) -> None:
    company = ck.load_case("precision")
    pnl = ck.cost_to_serve(company)
    _, lev = lever_widget(company, pnl)
    c = lev.controls
    moves = []
    for v in (0, 50, 100, 150, 200):
        moves.append(lambda v=v: setattr(c["min_order_cases"], "value", v))
    for v in (0.25, 0.5, 0.0):
        moves.append(lambda v=v: setattr(c["deliveries_per_week"], "value", v))
    for v in (50, 100, 0):
        moves.append(lambda v=v: setattr(c["move_to_edi"], "value", v))
    _time(f"04 levers: slider on {lev.customer.value} ({len(lev.model.frame)} lines)", moves, n)
    big = max(lev.customer.options, key=lambda o: len(pnl[pnl["customer_id"].astype(str) == o[1]]))[1]
    lev.customer.value = big
    _time(f"04 levers: slider on largest Drain {big} ({len(lev.model.frame)} lines)", moves, n)
    _, sens = sensitivity_widget(company)
    values = [5, 10, 20, 30, 40, 50, 60, 0]
    _time("03 sensitivity: noise slider (50 rate cards)",
          [lambda v=v: setattr(sens.noise, "value", v) for v in values], n)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    main(ap.parse_args().n)
