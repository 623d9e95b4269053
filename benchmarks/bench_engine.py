"""Benchmark the generator and the engine on client-sized data.

For each size (1 M and 10 M invoice lines by default) this script

1. generates a seeded company and times the generator;
2. writes its tables to Parquet;
3. measures the **floor**: read, with pyarrow, the same columns the engine
   reads from the same Parquet files, and sum each once with numpy;
4. times the **run**: ``cost_to_serve`` over the Parquet files with the
   customer x product roll-up done inside the engine, then the whale curve.

Steps 3 and 4 each run in a fresh subprocess so that peak memory (the
process's high-water resident set, VmHWM) belongs to that step alone.  Everything is measured in the same run, so the
ratio run / floor is what to compare across machines.

Usage::

    python benchmarks/bench_engine.py            # 1 M and 10 M lines
    python benchmarks/bench_engine.py --sizes 1  # 1 M only (quick)
    python benchmarks/bench_engine.py --record benchmarks/results/bench_engine.json
                                                 # the README's engine table is rendered from it
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _memory import peak_memory_gb  # the module beside this script

# Columns the engine reads, table by table (the floor reads exactly these).
ENGINE_COLUMNS = {
    "lines": ["line_id", "order_id", "product_id", "cases", "returned_cases", "list_price",
              "on_invoice_discount", "invoice_price", "off_invoice_allowance"],
    "orders": ["order_id", "customer_id", "delivery_id", "order_channel", "rush", "order_date"],
    "products": ["product_id", "pick_type", "brand", "category", "days_of_supply", "cogs_per_case"],
    "customers": ["customer_id", "rep_id", "channel_of_trade", "region", "distance_km",
                  "payment_terms_days", "sales_calls_per_year"],
}
SAMPLE_CUSTOMERS = 3_000  # a small company of the same seed measures lines per account


def customers_for(millions: float) -> int:
    """How many customers make about ``millions`` million lines (the generator's lines per account, measured).

    Examples
    --------
    >>> 100 < customers_for(0.05) < 400
    True
    """
    import casekit as ck

    sample = ck.make_company(era="precision", seed=2026, n_customers=SAMPLE_CUSTOMERS, n_products=2000)
    return max(1, round(millions * 1_000_000 * SAMPLE_CUSTOMERS / len(sample.lines)))


def _floor(folder: str) -> dict:
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    checks = 0.0
    for table, cols in ENGINE_COLUMNS.items():
        t = pq.read_table(Path(folder) / f"{table}.parquet", columns=cols)
        for col in cols:
            arr = t.column(col)
            if str(arr.type).startswith(("string", "large_string", "dictionary")):
                # A key column: "summing" it means touching every value once.
                checks += float(np.asarray(pc.binary_length(pc.cast(arr, "string")).to_numpy()).sum())
            elif str(arr.type).startswith(("timestamp", "date")):
                checks += float(arr.cast("int64").to_numpy().sum()) if str(arr.type).startswith("timestamp") else 0.0
            else:
                checks += float(np.asarray(arr.to_numpy(zero_copy_only=False), dtype=float).sum())
    return {"seconds": time.perf_counter() - t0, "checksum": checks}


def _run(folder: str) -> dict:
    import casekit as ck
    from casekit.analysis.profitability import whale_curve

    paths = {t: str(Path(folder) / f"{t}.parquet") for t in ENGINE_COLUMNS}
    t0 = time.perf_counter()
    by = ck.cost_to_serve(paths, by=["customer_id", "product_id"])
    t1 = time.perf_counter()
    per_customer = by.groupby("customer_id", observed=True)[["revenue", "net_profit"]].sum().reset_index()
    curve = whale_curve(per_customer, allow_nonpositive=True)
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "engine_seconds": t1 - t0, "whale_seconds": t2 - t1,
            "groups": len(by), "revenue": float(by["revenue"].sum()),
            "peak_pct": float(curve.attrs.get("peak_pct", float("nan")))}


def _child(step: str, folder: str) -> None:
    out = _floor(folder) if step == "floor" else _run(folder)
    out["max_rss_gb"] = peak_memory_gb()
    print(json.dumps(out))


def _measure(step: str, folder: str) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", step, folder],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def bench(millions: float, workdir: Path) -> dict:
    import casekit as ck

    n_customers = customers_for(millions)
    t0 = time.perf_counter()
    company = ck.make_company(era="precision", seed=2026, n_customers=n_customers, n_products=2000)
    gen = time.perf_counter() - t0
    folder = workdir / f"{millions:g}M"
    folder.mkdir(parents=True, exist_ok=True)
    for table in ENGINE_COLUMNS:
        getattr(company, table).to_parquet(folder / f"{table}.parquet", index=False)
    n_lines = len(company.lines)
    del company
    floor = _measure("floor", str(folder))
    run = _measure("run", str(folder))
    return {"lines": n_lines, "generator_s": gen, "floor_s": floor["seconds"],
            "floor_rss_gb": floor["max_rss_gb"], "run_s": run["seconds"],
            "engine_s": run["engine_seconds"], "run_rss_gb": run["max_rss_gb"],
            "ratio": run["seconds"] / floor["seconds"], "groups": run["groups"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10], help="millions of lines")
    parser.add_argument("--record", help="write the rows as JSON to this file (README figures are rendered from it)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench(m, Path(tmp)) for m in args.sizes]
    header = f"{'lines':>11} {'generator':>10} {'floor':>8} {'run':>8} {'run/floor':>9} {'run RSS':>8} {'floor RSS':>9}"
    print(header)
    for r in rows:
        print(f"{r['lines']:>11,} {r['generator_s']:>9.2f}s {r['floor_s']:>7.2f}s {r['run_s']:>7.2f}s "
              f"{r['ratio']:>8.2f}x {r['run_rss_gb']:>6.2f}GB {r['floor_rss_gb']:>7.2f}GB")
    if args.record:
        import datetime

        Path(args.record).write_text(json.dumps({"date": datetime.date.today().isoformat(), "rows": rows}, indent=1)
                                     + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
