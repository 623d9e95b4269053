"""Benchmark ``casekit analyze`` on a folder of monthly Parquet exports totalling 100 M invoice lines.

The data is generated with DuckDB (seeded by its hash function over the line
number, so every run writes the same rows) into a temporary folder of twelve
monthly files, and deleted afterwards.  Unlike ``bench_client.py``'s export,
where every customer buys from the whole range, each customer here buys from
an assortment of its own (150 of the 2,000 products), as real customers do;
that keeps the customer x product table at a few million pairs.

Each step runs in its own process, so its peak memory (``VmHWM``) is its own:

1. the **floor**: read the same columns with pyarrow, file by file, and sum
   each numeric column once (streaming: 100 M lines do not fit in memory at
   once);
2. the **run**: ``casekit.client.analyze`` on the folder, end to end.

The result is printed and written as JSON (``--record PATH``), from which the
README's figures are rendered (see ``tests/client/test_client_benchmarks.py``).

Usage::

    python benchmarks/bench_100m.py                       # 100 M lines
    python benchmarks/bench_100m.py --millions 2 --record /tmp/r.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _memory import peak_memory_gb  # the module beside this script
from bench_client import COLUMNS, NUMERIC

N_CUSTOMERS, N_PRODUCTS, ASSORTMENT, LINES_PER_INVOICE, MONTHS = 20_000, 2_000, 150, 4, 12
MAPPING = {"customer_id": "customer", "product_id": "product", "date": "inv_date", "order_id": "invoice",
           "quantity": "qty", "net_amount": "net_value", "gross_amount": "gross_value",
           "allowance_amount": "allowance", "cost_amount": "std_cost", "order_channel": "order_type",
           "rush": "express", "is_return": "doc_type", "currency": "currency"}


def write_exports(millions: float, folder: Path) -> list[Path]:
    """Write ``millions`` million lines as twelve monthly Parquet files in ``folder``; return their paths."""
    import duckdb

    n = int(millions * 1_000_000)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    paths = []
    for m in range(MONTHS):
        lo, hi = n * m // MONTHS, n * (m + 1) // MONTHS
        inv = f"(i // {LINES_PER_INVOICE})"
        cust = f"(hash({inv}) % {N_CUSTOMERS})"
        sql = f"""
            SELECT 'C' || lpad(CAST({cust} AS VARCHAR), 5, '0') AS customer,
                   'P' || lpad(CAST((hash({cust} + 17) % {N_PRODUCTS} + hash(i * 7 + 1) % {ASSORTMENT})
                                    % {N_PRODUCTS} AS VARCHAR), 4, '0') AS product,
                   DATE '2025-{m + 1:02d}-01' + CAST(hash({inv} + 9) % 28 AS INTEGER) AS inv_date,
                   'INV' || CAST({inv} AS VARCHAR) AS invoice,
                   q AS qty,
                   round(q * p, 2) AS net_value, round(q * p * 1.06, 2) AS gross_value,
                   round(q * p * 0.03, 2) AS allowance, round(q * p * 0.62, 2) AS std_cost,
                   ['EDI', 'Web', 'Phone', 'Rep'][1 + CAST(hash({inv} + 3) % 4 AS INTEGER)] AS order_type,
                   CASE WHEN hash({inv} + 5) % 20 = 0 THEN 'Y' ELSE 'N' END AS express,
                   CASE WHEN q < 0 THEN 'CRN' ELSE 'INV' END AS doc_type, 'EUR' AS currency
            FROM (SELECT i, CASE WHEN hash(i + 11) % 100 = 0 THEN -1 - CAST(hash(i) % 3 AS INTEGER)
                                 ELSE 1 + CAST(hash(i * 3) % 40 AS INTEGER) END AS q,
                         5 + CAST(hash(i * 13 + 2) % 5000 AS DOUBLE) / 100 AS p
                  FROM range({lo}, {hi}) t(i))"""
        path = folder / f"invoices_2025-{m + 1:02d}.parquet"
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet)")
        paths.append(path)
    con.close()
    return paths


def _floor(folder: str) -> dict:
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    check, rows = 0.0, 0
    for path in sorted(Path(folder).glob("*.parquet")):
        table = pq.read_table(path, columns=COLUMNS)
        rows += table.num_rows
        for col in COLUMNS:
            arr = table.column(col)
            if col in NUMERIC:
                check += float(np.asarray(arr.to_numpy(), dtype=float).sum())
            else:
                check += float(pc.sum(pc.binary_length(pc.cast(arr, "string"))).as_py() or 0)
        del table
    return {"seconds": time.perf_counter() - t0, "checksum": check, "rows": rows}


def _run(folder: str, out: str) -> dict:
    from casekit.client import analyze

    t0 = time.perf_counter()
    # --skip-bad-rows: at this size the generator repeats a few lines exactly, which the checks set aside
    res = analyze(folder, mapping=MAPPING, out=out, progress=False, echo=None, workdir=Path(out).parent / "work",
                  bad_rows="report")
    seconds = time.perf_counter() - t0
    rec = res.reconciliation
    return {"seconds": seconds, "steps": {k: round(v, 1) for k, v in res.timings.items()},
            "reconciled": res.reconciled, "rows_read": int(rec.iloc[0]["read"]),
            "rows_set_aside": int(rec.iloc[0]["rejected"]),
            "largest_difference": str(max(abs(d) for d in rec["difference"])),
            "pairs": _rows(res.pairs)}


def _rows(path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _child(step: str, folder: str, out: str) -> None:
    res = _floor(folder) if step == "floor" else _run(folder, out)
    res["max_rss_gb"] = peak_memory_gb()
    print(json.dumps(res))


def _measure(step: str, folder: Path, out: Path) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", step, str(folder), str(out)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--millions", type=float, default=100, help="millions of lines (default 100)")
    parser.add_argument("--record", help="write the result as JSON to this file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="casekit_100m_"))
    try:
        folder = tmp / "invoices"
        folder.mkdir()
        t0 = time.perf_counter()
        paths = write_exports(args.millions, folder)
        write_s = time.perf_counter() - t0
        size_gb = sum(p.stat().st_size for p in paths) / 1e9
        floor = _measure("floor", folder, tmp / "out")
        run = _measure("run", folder, tmp / "out")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the data goes, whatever happened
    result = {"date": dt.date.today().isoformat(), "lines": floor["rows"], "files": len(paths),
              "size_gb": round(size_gb, 2), "write_s": round(write_s, 1), "floor_s": round(floor["seconds"], 1),
              "floor_rss_gb": round(floor["max_rss_gb"], 2), "run_s": round(run["seconds"], 1),
              "run_rss_gb": round(run["max_rss_gb"], 2), "ratio": round(run["seconds"] / floor["seconds"], 1),
              "reconciled": run["reconciled"], "rows_read": run["rows_read"], "rows_set_aside": run["rows_set_aside"],
              "largest_difference": run["largest_difference"], "pairs": run["pairs"], "steps": run["steps"]}
    print(json.dumps(result, indent=1))
    if args.record:
        Path(args.record).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["reconciled"] else 1


if __name__ == "__main__":
    sys.exit(main())
