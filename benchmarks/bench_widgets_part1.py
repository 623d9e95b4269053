"""Time the update path of the notebook 01/02 widgets (median and p90, ms).

Run: .venv/bin/python benchmarks/bench_widgets_part1.py
"""

import statistics
import time

import matplotlib

matplotlib.use("Agg")


def _time(label, fn, values, repeat=3):
    times = []
    for _ in range(repeat):
        for v in values:
            t = time.perf_counter()
            fn(v)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{label:45s} n={len(times):3d} median={statistics.median(times):7.1f} ms  p90={p90:7.1f} ms")


def bench_era_dial():
    from casekit.eras import ERA_STEPS
    from casekit.widgets.two_eras import era_dial

    t = time.perf_counter()
    dial = era_dial(precompute=True)
    print(f"era dial build (all 5 positions precomputed): {(time.perf_counter() - t) * 1000:.0f} ms")
    order = list(ERA_STEPS[1:]) + list(ERA_STEPS[::-1])

    def move(v):
        dial.slider.value = v

    _time("era dial: move slider (cached positions)", move, order)
    from casekit.eras import _cached_case
    _cached_case.cache_clear()
    cold = era_dial(precompute=False)

    def first_visit(v):
        cold.slider.value = v

    _time("era dial: first visit, nothing cached", first_visit, list(ERA_STEPS[1:]), repeat=1)


def bench_islands():
    try:
        from casekit.widgets import islands
    except ImportError:
        return
    if hasattr(islands, "bench_hooks"):
        for label, fn, values in islands.bench_hooks():
            _time(label, fn, values, repeat=1 if "first" in label else 3)


if __name__ == "__main__":
    bench_era_dial()
    bench_islands()
