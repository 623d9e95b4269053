"""Latency of the notebook 05/06 widgets' update paths (recompute + redraw).

Run: .venv/bin/python benchmarks/bench_widgets_part2a.py [--n 30]
Budget: 150 ms median per move on the classroom ("precision") case.
Each hook is a (label, function, values) triple from the widget module's
``bench_hooks()``; the function is called in a loop over the values.
"""

import argparse
import time

import numpy as np

from casekit.widgets import innovation


def _time(label, fn, values, n):
    ts = []
    for i in range(n):
        t = time.perf_counter()
        fn(values[i % len(values)])
        ts.append((time.perf_counter() - t) * 1000)
    ts = np.array(ts)
    print(f"{label:<52} median {np.median(ts):6.1f} ms   p90 {np.percentile(ts, 90):6.1f} ms   (n={n})")
    return float(np.median(ts))


def main(n: int = 30) -> None:
    modules = [innovation]
    try:
        from casekit.widgets import objectives
        modules.append(objectives)
    except ImportError:
        pass
    for module in modules:
        for label, fn, values in module.bench_hooks():
            # "first visits" time each value once (nothing cached yet); the rest loop n times.
            _time(label, fn, values, len(values) if "first" in label else n)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    main(ap.parse_args().n)
