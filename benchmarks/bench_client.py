"""Benchmark the consultant's path on client-sized exports.

For each size (1 M and 10 M invoice lines by default) and format (Parquet,
CSV) this script

1. writes a flat client export (customer, product, date, invoice number,
   quantity, net/gross amounts, allowance, cost, order type, rush flag, return
   flag, currency) with DuckDB, seeded;
2. measures the **floor**: read the same columns with pyarrow and sum each
   numeric column once with numpy;
3. times the **run**: ``casekit.client.analyze`` end to end (read, check every
   row, build the tables, engine with the customer x product roll-up,
   reconcile, exhibits, workbook, HTML report).

Floor and run are measured three times each, alternating (floor, run,
floor, run, ...), and compared by their medians: on a shared machine one
read of the same file moves by a second or more within minutes, so a
floor measured apart from the runs would divide them by another machine's
speed.  The peak memory reported is the highest of the three runs.

With ``--spark`` the Parquet export is also run with ``engine="spark"``
(Spark in local mode on this machine's cores, ``local[2]`` here): the same
path with the roll-up on Spark instead of DuckDB, beside DuckDB's run of the
same file.  Its peak memory is the Python process's and, separately, Spark's
JVM's.

Floor and run each execute in a fresh subprocess so that peak memory (the
process's high-water resident set, VmHWM) belongs to that step alone; both are measured in the same invocation, so
the ratio run / floor is what to compare across machines.  ``--record PATH``
writes the rows as JSON; ``benchmarks/readme_tables.py`` renders the README's
table from it.

Usage::

    python benchmarks/bench_client.py                 # 1 M and 10 M lines, Parquet and CSV
    python benchmarks/bench_client.py --sizes 10 --spark --record benchmarks/results/bench_client.json
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

COLUMNS = ["customer", "product", "inv_date", "invoice", "qty", "net_value", "gross_value", "allowance",
           "std_cost", "order_type", "express", "doc_type", "currency"]
NUMERIC = ["qty", "net_value", "gross_value", "allowance", "std_cost"]
N_CUSTOMERS, N_PRODUCTS, LINES_PER_INVOICE = 20_000, 2_000, 4
ROUNDS = 3
"""Floor and run are each measured this many times, alternating."""


def write_export(millions: float, folder: Path, fmt: str) -> Path:
    """Write a seeded flat export of ``millions`` million lines; return its path."""
    import duckdb

    n = int(millions * 1_000_000)
    path = folder / f"lines_{millions:g}M.{fmt}"
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    sql = f"""
        SELECT 'C' || lpad(CAST(hash(i // {LINES_PER_INVOICE}) % {N_CUSTOMERS} AS VARCHAR), 5, '0') AS customer,
               'P' || lpad(CAST(hash(i * 7 + 1) % {N_PRODUCTS} AS VARCHAR), 4, '0') AS product,
               DATE '2025-01-01' + CAST((i // {LINES_PER_INVOICE}) % 180 AS INTEGER) AS inv_date,
               'INV' || CAST(i // {LINES_PER_INVOICE} AS VARCHAR) AS invoice,
               q AS qty,
               round(q * p, 2) AS net_value, round(q * p * 1.06, 2) AS gross_value,
               round(q * p * 0.03, 2) AS allowance, round(q * p * 0.62, 2) AS std_cost,
               ['EDI', 'Web', 'Phone', 'Rep'][1 + CAST(hash(i // {LINES_PER_INVOICE} + 3) % 4 AS INTEGER)]
                   AS order_type,
               CASE WHEN hash(i // {LINES_PER_INVOICE} + 5) % 20 = 0 THEN 'Y' ELSE 'N' END AS express,
               CASE WHEN q < 0 THEN 'CRN' ELSE 'INV' END AS doc_type, 'EUR' AS currency
        FROM (SELECT i, CASE WHEN hash(i + 11) % 100 = 0 THEN -1 - CAST(hash(i) % 3 AS INTEGER)
                             ELSE 1 + CAST(hash(i * 3) % 40 AS INTEGER) END AS q,
                     5 + CAST(hash(i * 13 + 2) % 5000 AS DOUBLE) / 100 AS p
              FROM range({n}) t(i))"""
    opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
    con.execute(f"COPY ({sql}) TO '{path}' {opts}")
    con.close()
    return path


def _floor(path: str) -> dict:
    import numpy as np
    import pyarrow.compute as pc

    t0 = time.perf_counter()
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(path, columns=COLUMNS)
    else:
        import pyarrow.csv as pcsv

        table = pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(include_columns=COLUMNS))
    check = 0.0
    for col in COLUMNS:
        arr = table.column(col)
        if col in NUMERIC:
            check += float(np.asarray(arr.to_numpy(), dtype=float).sum())
        else:  # touch every key once
            check += float(pc.sum(pc.binary_length(pc.cast(arr, "string"))).as_py() or 0)
    return {"seconds": time.perf_counter() - t0, "checksum": check, "rows": table.num_rows}


def _spark_session():
    """Spark in local mode on every core, with room on the driver for millions of pairs coming back."""
    import os

    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(f"local[{os.cpu_count() or 2}]").appName("casekit-bench")
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8").config("spark.driver.memory", "8g")
            .config("spark.driver.maxResultSize", "0").config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


def _jvm_peak_gb(spark) -> float:
    pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / 1e9
    return float("nan")


def _run(path: str, out: str, engine: str = "duckdb") -> dict:
    from casekit.client import analyze

    mapping = {"customer_id": "customer", "product_id": "product", "date": "inv_date", "order_id": "invoice",
               "quantity": "qty", "net_amount": "net_value", "gross_amount": "gross_value",
               "allowance_amount": "allowance", "cost_amount": "std_cost", "order_channel": "order_type",
               "rush": "express", "is_return": "doc_type", "currency": "currency"}
    spark = _spark_session() if engine == "spark" else None
    t0 = time.perf_counter()
    res = analyze(path, mapping=mapping, out=out, progress=False, echo=None, engine=engine, spark=spark)
    seconds = time.perf_counter() - t0
    import pyarrow.parquet as pq

    got = {"seconds": seconds, "steps": {k: round(v, 2) for k, v in res.timings.items()},
           "groups": pq.ParquetFile(res.pairs).metadata.num_rows, "ok": res.reconciled}
    if spark is not None:
        got["jvm_rss_gb"] = _jvm_peak_gb(spark)
    return got


def _child(step: str, path: str, out: str) -> None:
    res = _floor(path) if step == "floor" else _run(path, out, engine="spark" if step == "spark" else "duckdb")
    res["max_rss_gb"] = peak_memory_gb()
    print(json.dumps(res))


def _median(results: list) -> dict:
    """The result of median time (the middle one of an odd number)."""
    return sorted(results, key=lambda r: r["seconds"])[len(results) // 2]


def _measure(step: str, path: Path, out: Path) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", step, str(path), str(out)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10], help="millions of lines")
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"], choices=["parquet", "csv"])
    parser.add_argument("--spark", action="store_true", help="also run the Parquet export with engine='spark'")
    parser.add_argument("--record", help="write the rows as JSON to this file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for m in args.sizes:
            for fmt in args.formats:
                t0 = time.perf_counter()
                path = write_export(m, Path(tmp), fmt)
                write_s = time.perf_counter() - t0
                # One read of a file moves by a second or more with the page cache and the memory the
                # machine has free: floors and runs alternate, and their medians are compared.
                floors, duck = [], []
                for _ in range(ROUNDS):
                    floors.append(_measure("floor", path, Path(tmp) / "out"))
                    duck.append(_measure("run", path, Path(tmp) / "out"))
                floor = _median(floors)
                runs = {"duckdb": (_median(duck), duck)}
                if args.spark and fmt == "parquet":  # minutes a run: once
                    spark = _measure("spark", path, Path(tmp) / "out_spark")
                    runs["spark"] = (spark, [spark])
                for engine, (run, every) in runs.items():
                    rows.append({"lines": floor["rows"], "format": fmt, "engine": engine,
                                 "size_mb": path.stat().st_size / 1e6, "write_s": write_s,
                                 "floor_s": floor["seconds"], "floor_rss_gb": max(f["max_rss_gb"] for f in floors),
                                 "floor_runs_s": [round(f["seconds"], 2) for f in floors],
                                 "run_s": run["seconds"], "run_rss_gb": max(r["max_rss_gb"] for r in every),
                                 "run_runs_s": [round(r["seconds"], 2) for r in every],
                                 "jvm_rss_gb": run.get("jvm_rss_gb"),
                                 "ratio": run["seconds"] / floor["seconds"], "groups": run["groups"],
                                 "reconciled": all(r["ok"] for r in every), "steps": run["steps"]})
                    print(json.dumps(rows[-1]), flush=True)
                    _record(args.record, rows)  # as it goes: a long run leaves what it measured
                path.unlink()
                print(json.dumps(rows[-1]), flush=True)
    print(f"{'lines':>11} {'format':>8} {'engine':>7} {'MB':>7} {'floor':>8} {'run':>8} {'run/floor':>9} "
          f"{'run RSS':>8} {'floor RSS':>9} {'reconciled':>10}")
    for r in rows:
        print(f"{r['lines']:>11,} {r['format']:>8} {r['engine']:>7} {r['size_mb']:>7.0f} {r['floor_s']:>7.2f}s "
              f"{r['run_s']:>7.2f}s {r['ratio']:>8.1f}x {r['run_rss_gb']:>6.2f}GB {r['floor_rss_gb']:>7.2f}GB "
              f"{r['reconciled']!s:>10}")
    return 0


def _record(path, rows: list) -> None:
    if path:
        import datetime as dt

        Path(path).write_text(json.dumps({"date": dt.date.today().isoformat(), "rows": rows}, indent=1) + "\n",
                              encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
