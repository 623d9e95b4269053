"""Latency of the notebook 07/08 widgets' update paths (recompute + redraw).

Run: .venv/bin/python benchmarks/bench_widgets_part2b.py [--n 40]
Budget: 150 ms median per slider move on the classroom ("precision") case.
"""

import argparse
import time

import numpy as np

import casekit as ck
from casekit.widgets.alliance import ops_timing_widget, story_account
from casekit.widgets.incentives import incentive_designer


def _time(label, moves, n):
    ts = []
    for i in range(n):
        t = time.perf_counter()
        moves[i % len(moves)]()
        ts.append((time.perf_counter() - t) * 1000)
    ts = np.array(ts)
    print(f"{label:<48} median {np.median(ts):6.1f} ms   p90 {np.percentile(ts, 90):6.1f} ms   (n={n})")
    return float(np.median(ts))


def main(n: int = 40) -> None:
    company = ck.load_case("precision")
    pnl = ck.cost_to_serve(company)
    account = story_account(company, pnl)
    t = time.perf_counter()
    _, timing = ops_timing_widget(company, pnl, customer_id=account)
    print(f"07 ops timing: build ({account})                  {1000 * (time.perf_counter() - t):6.1f} ms")
    _time(f"07 ops timing: quarter slider on {account}",
          [lambda v=v: setattr(timing.slider, "value", v) for v in (2, 5, 9, 12, 7, 1)], n)
    t = time.perf_counter()
    _, designer = incentive_designer(company, pnl, seed=0)
    print(f"08 incentive designer: build                        {1000 * (time.perf_counter() - t):6.1f} ms")
    w = designer.weights
    moves = [lambda v=v: setattr(w["net_profit"], "value", v) for v in (3, 6, 10, 0)]
    moves += [lambda v=v: setattr(w["revenue"], "value", v) for v in (2, 8, 5)]
    moves += [lambda v=v: setattr(designer.cap, "value", v) for v in (3, 8, 0, designer.cap.max)]
    _time("08 incentive designer: weight and cap sliders", moves, n)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    main(ap.parse_args().n)
