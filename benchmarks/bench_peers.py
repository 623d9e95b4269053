"""casekit's engine against a hand-written DuckDB query and a Polars lazy query.

All three compute the same thing from the same Parquet files (casekit's
generated data, casekit's default rate card): the customer x product P&L with
every activity's cost to serve, the customer P&L, and the whale curve.

* **casekit**: ``cost_to_serve(paths, by=["customer_id", "product_id"])``,
  then ``profit_by(..., "customer_id")`` and ``whale_curve``.
* **duckdb**: one hand-written SQL query for the customer x product P&L (the
  rate card written into it), a second small one for the customer P&L and
  the whale curve.
* **polars**: the same computation as one lazy query, collected once, then
  the customer P&L and whale curve.

Each run is a fresh process (its peak memory is its own high-water resident
set, VmHWM, see ``_memory.py``; it includes importing the library), and its
CPU time (user and system, all threads) is reported beside the wall time,
since other work on a shared machine moves wall time far more.  The runs
are interleaved (casekit, duckdb, polars, then again in a rotated order) so
that load from other work on the machine falls on all three alike; the table
gives medians.  Every run's results are checked against casekit's to the cent
(each customer x product row, each customer) and the whale curve's peak.

Usage::

    python benchmarks/bench_peers.py                  # 10 M and 30 M lines, 3 rounds
    python benchmarks/bench_peers.py --sizes 1 --rounds 1
    python benchmarks/bench_peers.py --data DIR       # reuse DIR/<size>M/*.parquet (kept)
    python benchmarks/bench_peers.py --baseline /work/main  # add that checkout's casekit as "baseline"
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _memory import peak_memory_gb  # the module beside this script

TABLES = ("customers", "products", "orders", "lines")
TOOLS = ("casekit", "duckdb", "polars")
BASELINE = "baseline"  # casekit from another checkout (--baseline), e.g. main's engine

# The default rate card, written by hand as a peer would (checked against
# casekit's RateCard.default() when the script starts).
ORDER_RATE = {"EDI": 4.0, "portal": 4.5, "phone/fax": 26.0, "rep-taken": 34.0}
MANUAL_LINE_RATE = 2.63  # phone/fax and rep-taken orders, per line
PICK_LINE = {"full_pallet": 0.50, "full_case": 1.00, "split_case": 3.00}
PICK_CASE = {"full_pallet": 0.05, "full_case": 0.30, "split_case": 1.20}
DROP, KM, DELIVERY_CASE, RUSH, CALL, RETURN_CASE = 112.0, 1.40, 0.55, 90.0, 180.0, 4.0
RECEIVABLES, INVENTORY = 0.08 / 365, 0.25 / 365

COST_COLUMNS = ["cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling", "cost_sales_calls",
                "cost_trade_promotion", "cost_returns", "cost_receivables", "cost_inventory_carrying"]


def _check_rate_card() -> None:
    import casekit as ck

    card = ck.RateCard.default()
    expected = {("order_handling", "orders", v): r for v, r in ORDER_RATE.items()}
    expected |= {("order_handling", "order_lines", v): MANUAL_LINE_RATE for v in ("phone/fax", "rep-taken")}
    expected |= {("picking", "order_lines", v): r for v, r in PICK_LINE.items()}
    expected |= {("picking", "cases", v): r for v, r in PICK_CASE.items()}
    expected |= {("delivery", "deliveries", ""): DROP, ("delivery", "delivery_km", ""): KM,
                 ("delivery", "cases", ""): DELIVERY_CASE, ("rush_handling", "rush_orders", ""): RUSH,
                 ("sales_calls", "sales_calls", ""): CALL, ("trade_promotion", "allowance_dollars", ""): 1.0,
                 ("returns", "returned_value", ""): 1.0, ("returns", "returned_cases", ""): RETURN_CASE,
                 ("receivables", "receivable_dollar_days", ""): RECEIVABLES,
                 ("inventory_carrying", "inventory_dollar_days", ""): INVENTORY}
    got = {(r.activity, r.driver, r.applies_value): r.rate for r in card.table.itertuples()}
    if got != expected:
        raise SystemExit("bench_peers: the peers' rate card no longer matches RateCard.default(); update it.")


# --------------------------------------------------------------------- runs

def _casekit(folder: Path) -> dict:
    import casekit as ck

    paths = {t: str(folder / f"{t}.parquet") for t in TABLES}
    cp = ck.cost_to_serve(paths, by=["customer_id", "product_id"])
    customers = ck.profit_by(cp, "customer_id")
    curve = ck.whale_curve(customers, allow_nonpositive=True)
    return {"cp": cp, "customers": customers, "peak_pct": curve.attrs["peak_pct"]}


DUCKDB_SQL = """
WITH ot AS (
    SELECT order_id, count(*) AS n_lines, sum(cases) AS o_cases, sum(cases * invoice_price) AS o_rev
    FROM read_parquet('{d}/lines.parquet') GROUP BY order_id),
o AS (SELECT o.order_id, o.customer_id, o.delivery_id, o.order_channel, o.rush, ot.n_lines, ot.o_cases, ot.o_rev
      FROM read_parquet('{d}/orders.parquet') o JOIN ot USING (order_id)),
dt AS (SELECT delivery_id, sum(o_cases) AS d_cases, sum(n_lines) AS d_lines FROM o GROUP BY delivery_id),
ct AS (SELECT customer_id, sum(o_rev) AS c_rev, sum(o_cases) AS c_cases, sum(n_lines) AS c_lines
       FROM o GROUP BY customer_id),
span AS (SELECT (date_diff('day', min(order_date), max(order_date)) + 1) / (365.25 / 12) AS months
         FROM read_parquet('{d}/orders.parquet')),
x AS (
    SELECT o.customer_id, l.product_id, l.cases, l.returned_cases,
           l.cases * l.list_price AS gross_sales, l.cases * l.on_invoice_discount AS discounts,
           l.cases * l.invoice_price AS revenue, l.cases * p.cogs_per_case AS cogs,
           o.order_channel AS ch, p.pick_type AS pick, o.rush, 1.0 / o.n_lines AS order_share,
           CASE WHEN dt.d_cases > 0 THEN l.cases / dt.d_cases ELSE 1.0 / dt.d_lines END AS drop_share,
           CASE WHEN ct.c_rev > 0 THEN l.cases * l.invoice_price / ct.c_rev
                WHEN ct.c_cases > 0 THEN l.cases / ct.c_cases ELSE 1.0 / ct.c_lines END AS cust_share,
           c.distance_km, c.payment_terms_days, c.sales_calls_per_year, p.days_of_supply,
           l.cases * l.off_invoice_allowance AS allowances, l.returned_cases * l.invoice_price AS returned_value
    FROM read_parquet('{d}/lines.parquet') l
    JOIN o USING (order_id)
    JOIN read_parquet('{d}/products.parquet') p USING (product_id)
    JOIN read_parquet('{d}/customers.parquet') c ON c.customer_id = o.customer_id
    JOIN dt ON dt.delivery_id = o.delivery_id
    JOIN ct ON ct.customer_id = o.customer_id),
y AS (
    SELECT customer_id, product_id, cases, returned_cases, gross_sales, discounts, revenue, cogs,
           (CASE ch WHEN 'EDI' THEN {edi} WHEN 'portal' THEN {portal} WHEN 'phone/fax' THEN {phone}
                    WHEN 'rep-taken' THEN {rep} ELSE 0 END) * order_share
             + (CASE WHEN ch IN ('phone/fax', 'rep-taken') THEN {manual} ELSE 0 END) AS c_order,
           CASE pick WHEN 'full_pallet' THEN {pl_line} + {pl_case} * cases
                     WHEN 'full_case' THEN {fc_line} + {fc_case} * cases
                     WHEN 'split_case' THEN {sc_line} + {sc_case} * cases ELSE 0 END AS c_pick,
           {drop} * drop_share + {km} * distance_km * drop_share + {dcase} * cases AS c_delivery,
           CASE WHEN rush THEN {rush} * order_share ELSE 0 END AS c_rush,
           {call} * sales_calls_per_year * (SELECT months FROM span) / 12.0 * cust_share AS c_calls,
           allowances AS c_trade, returned_value + {ret} * returned_cases AS c_returns,
           revenue * payment_terms_days * {recv} AS c_recv, cogs * days_of_supply * {inv} AS c_inv
    FROM x)
SELECT customer_id, product_id, count(*) AS lines, sum(cases) AS cases, sum(revenue) AS revenue,
       sum(revenue) - sum(cogs) AS gross_margin,
       sum(c_order) AS cost_order_handling, sum(c_pick) AS cost_picking, sum(c_delivery) AS cost_delivery,
       sum(c_rush) AS cost_rush_handling, sum(c_calls) AS cost_sales_calls, sum(c_trade) AS cost_trade_promotion,
       sum(c_returns) AS cost_returns, sum(c_recv) AS cost_receivables, sum(c_inv) AS cost_inventory_carrying,
       sum(c_order + c_pick + c_delivery + c_rush + c_calls + c_trade + c_returns + c_recv + c_inv) AS cost_to_serve,
       sum(revenue - cogs - (c_order + c_pick + c_delivery + c_rush + c_calls + c_trade + c_returns + c_recv
                             + c_inv)) AS net_profit
FROM y GROUP BY customer_id, product_id
"""

DUCKDB_CUSTOMERS = """
WITH c AS (SELECT customer_id, sum(revenue) AS revenue, sum(net_profit) AS net_profit FROM cp GROUP BY customer_id)
SELECT customer_id, revenue, net_profit,
       sum(net_profit) OVER (ORDER BY net_profit DESC, customer_id ROWS UNBOUNDED PRECEDING) AS cumulative_profit
FROM c ORDER BY net_profit DESC, customer_id
"""


def _duckdb(folder: Path) -> dict:
    import duckdb

    sql = DUCKDB_SQL.format(
        d=folder, edi=ORDER_RATE["EDI"], portal=ORDER_RATE["portal"], phone=ORDER_RATE["phone/fax"],
        rep=ORDER_RATE["rep-taken"], manual=MANUAL_LINE_RATE,
        pl_line=PICK_LINE["full_pallet"], pl_case=PICK_CASE["full_pallet"], fc_line=PICK_LINE["full_case"],
        fc_case=PICK_CASE["full_case"], sc_line=PICK_LINE["split_case"], sc_case=PICK_CASE["split_case"],
        drop=DROP, km=KM, dcase=DELIVERY_CASE, rush=RUSH, call=CALL, ret=RETURN_CASE, recv=RECEIVABLES, inv=INVENTORY)
    con = duckdb.connect()
    cp = con.sql(sql).to_arrow_table()
    customers = con.sql(DUCKDB_CUSTOMERS).to_arrow_table()
    total = float(customers.column("net_profit").to_numpy().sum())
    peak = float(customers.column("cumulative_profit").to_numpy().max()) / total * 100
    return {"cp": cp, "customers": customers, "peak_pct": peak}


def _polars(folder: Path) -> dict:
    import polars as pl

    c = pl.col
    lines = pl.scan_parquet(folder / "lines.parquet")
    orders = pl.scan_parquet(folder / "orders.parquet")
    products = pl.scan_parquet(folder / "products.parquet")
    customers = pl.scan_parquet(folder / "customers.parquet")
    span = orders.select(((c.order_date.max() - c.order_date.min()).dt.total_days() + 1) / (365.25 / 12))
    months = span.collect().item()
    ot = lines.group_by("order_id").agg(n_lines=pl.len(), o_cases=c.cases.sum(),
                                        o_rev=(c.cases * c.invoice_price).sum())
    o = orders.select("order_id", "customer_id", "delivery_id", "order_channel", "rush").join(ot, on="order_id")
    dt = o.group_by("delivery_id").agg(d_cases=c.o_cases.sum(), d_lines=c.n_lines.sum())
    ct = o.group_by("customer_id").agg(c_rev=c.o_rev.sum(), c_cases=c.o_cases.sum(), c_lines=c.n_lines.sum())
    x = (lines.join(o, on="order_id").join(products, on="product_id").join(customers, on="customer_id")
         .join(dt, on="delivery_id").join(ct, on="customer_id"))
    revenue = c.cases * c.invoice_price
    cogs = c.cases * c.cogs_per_case
    order_share = 1.0 / c.n_lines
    drop_share = pl.when(c.d_cases > 0).then(c.cases / c.d_cases).otherwise(1.0 / c.d_lines)
    cust_share = (pl.when(c.c_rev > 0).then(revenue / c.c_rev)
                  .when(c.c_cases > 0).then(c.cases / c.c_cases).otherwise(1.0 / c.c_lines))
    ch = c.order_channel.cast(pl.String)
    pick = c.pick_type.cast(pl.String)
    costs = {
        "cost_order_handling": ch.replace_strict(ORDER_RATE, default=0.0, return_dtype=pl.Float64) * order_share
        + pl.when(ch.is_in(["phone/fax", "rep-taken"])).then(MANUAL_LINE_RATE).otherwise(0.0),
        "cost_picking": pick.replace_strict(PICK_LINE, default=0.0, return_dtype=pl.Float64)
        + pick.replace_strict(PICK_CASE, default=0.0, return_dtype=pl.Float64) * c.cases,
        "cost_delivery": DROP * drop_share + KM * c.distance_km * drop_share + DELIVERY_CASE * c.cases,
        "cost_rush_handling": pl.when(c.rush).then(RUSH * order_share).otherwise(0.0),
        "cost_sales_calls": CALL * c.sales_calls_per_year * months / 12.0 * cust_share,
        "cost_trade_promotion": c.cases * c.off_invoice_allowance,
        "cost_returns": c.returned_cases * c.invoice_price + RETURN_CASE * c.returned_cases,
        "cost_receivables": revenue * c.payment_terms_days * RECEIVABLES,
        "cost_inventory_carrying": cogs * c.days_of_supply * INVENTORY,
    }
    y = x.select("customer_id", "product_id", "cases", revenue.alias("revenue"), cogs.alias("cogs"),
                 **costs).with_columns(cost_to_serve=pl.sum_horizontal(*COST_COLUMNS))
    cp = (y.group_by("customer_id", "product_id")
          .agg(*[pl.col(k).sum() for k in COST_COLUMNS], lines=pl.len(), cases=c.cases.sum(),
               revenue=c.revenue.sum(), gross_margin=c.revenue.sum() - c.cogs.sum(),
               cost_to_serve=c.cost_to_serve.sum(), net_profit=(c.revenue - c.cogs - c.cost_to_serve).sum())
          .collect())
    cust = (cp.group_by("customer_id").agg(c.revenue.sum(), c.net_profit.sum())
            .sort("net_profit", descending=True).with_columns(cumulative_profit=c.net_profit.cum_sum()))
    peak = cust["cumulative_profit"].max() / cust["net_profit"].sum() * 100
    return {"cp": cp.to_arrow(), "customers": cust.to_arrow(), "peak_pct": peak}


def _child(tool: str, folder: str, out: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    c0 = _cpu_seconds()
    res = {"casekit": _casekit, BASELINE: _casekit, "duckdb": _duckdb, "polars": _polars}[tool](Path(folder))
    seconds = time.perf_counter() - t0
    cpu = _cpu_seconds() - c0
    peak = peak_memory_gb()
    # The results go to disk for the check, after the clock and the memory are read.
    for name in ("cp", "customers"):
        table = res[name]
        if not isinstance(table, pa.Table):
            table = pa.Table.from_pandas(table, preserve_index=False)
        keep = [k for k in ("customer_id", "product_id", "revenue", "cost_to_serve", "net_profit")
                if k in table.column_names]
        table = table.select(keep)
        for key in ("customer_id", "product_id"):
            if key in keep:
                table = table.set_column(keep.index(key), key, table.column(key).cast(pa.string()))
        pq.write_table(table, Path(out) / f"{tool}_{name}.parquet")
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_gb": peak, "peak_pct": float(res["peak_pct"]),
                      "groups": res["cp"].shape[0] if hasattr(res["cp"], "shape") else res["cp"].num_rows}))


def _cpu_seconds() -> float:
    # All threads of this process, user and system: on a machine shared with
    # other work, CPU time moves far less than wall time does.
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run(tool: str, folder: Path, out: Path, baseline: str | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=baseline) if tool == BASELINE else None
    res = subprocess.run([sys.executable, __file__, "--child", tool, str(folder), str(out)],
                         capture_output=True, text=True, env=env)
    if res.returncode:
        # Recorded, not fatal: a contender that runs out of memory is a result.
        reason = (res.stderr.strip().splitlines() or ["no message"])[-1][:200]
        print(f"bench_peers: the {tool} run failed: {reason}", file=sys.stderr)
        return {"seconds": float("nan"), "cpu_seconds": float("nan"), "peak_gb": float("nan"), "failed": reason}
    return json.loads(res.stdout.strip().splitlines()[-1])


def _check(out: Path, tool: str, ref: dict, got: dict) -> float:
    """The largest difference from casekit's results, in $; fails past half a cent."""
    import pandas as pd

    worst = 0.0
    for name, keys in (("cp", ["customer_id", "product_id"]), ("customers", ["customer_id"])):
        a = pd.read_parquet(out / f"casekit_{name}.parquet")
        b = pd.read_parquet(out / f"{tool}_{name}.parquet")
        m = a.merge(b, on=keys, how="outer", suffixes=("_a", "_b"), indicator=True)
        if (m["_merge"] != "both").any():
            raise SystemExit(f"bench_peers: {tool} and casekit have different {name} rows.")
        for col in ("revenue", "cost_to_serve", "net_profit"):
            if f"{col}_a" in m:
                worst = max(worst, float((m[f"{col}_a"] - m[f"{col}_b"]).abs().max()))
    if worst >= 0.005 or abs(ref["peak_pct"] - got["peak_pct"]) > 1e-6:
        raise SystemExit(f"bench_peers: {tool} differs from casekit by ${worst:.4f} "
                         f"(whale peak {got['peak_pct']:.6f} against {ref['peak_pct']:.6f}).")
    return worst


def _generate(millions: float, folder: str) -> None:
    from bench_engine import customers_for  # the script beside this one

    import casekit as ck

    company = ck.make_company(era="precision", seed=2026, n_customers=customers_for(millions),
                              n_products=2000)
    for table in TABLES:
        getattr(company, table).to_parquet(Path(folder) / f"{table}.parquet", index=False)
    print(json.dumps({"lines": len(company.lines)}))


def bench(millions: float, root: Path, rounds: int, tools: list[str], baseline: str | None = None) -> dict:
    import pyarrow.parquet as pq

    folder = root / f"{millions:g}M"
    if not (folder / "lines.parquet").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, __file__, "--generate", f"{millions:g}", str(folder)], check=True,
                       capture_output=True)
    lines = pq.ParquetFile(folder / "lines.parquet").metadata.num_rows
    # Read the files once first, so that every tool reads them from the page cache: otherwise the
    # first tool of round 1 also pays for the disk (seen: 10.0 s against 3.6-3.7 s, with 6.1 s of CPU).
    for table in TABLES:
        with open(folder / f"{table}.parquet", "rb") as f:
            while f.read(16 << 20):
                pass
    runs = {t: [] for t in tools}
    worst = {t: 0.0 for t in tools}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for r in range(rounds):
            for tool in tools[r % len(tools):] + tools[:r % len(tools)]:
                runs[tool].append(_run(tool, folder, out, baseline))
                print(f"  {lines:,} lines, round {r + 1}: {tool:8} {runs[tool][-1]['seconds']:6.2f} s "
                      f"(cpu {runs[tool][-1]['cpu_seconds']:6.2f} s) {runs[tool][-1]['peak_gb']:5.2f} GB", flush=True)
            for tool in tools:
                if tool != "casekit" and "casekit" in tools and not any(
                        "failed" in runs[t][-1] for t in ("casekit", tool)):
                    worst[tool] = max(worst[tool], _check(out, tool, runs["casekit"][-1], runs[tool][-1]))
    result = {}
    for t, v in runs.items():
        ok = [x for x in v if "failed" not in x]
        result[t] = {"seconds": statistics.median(x["seconds"] for x in ok) if ok else float("nan"),
                     "cpu_seconds": statistics.median(x["cpu_seconds"] for x in ok) if ok else float("nan"),
                     "all_seconds": [round(x["seconds"], 2) if "failed" not in x else "failed" for x in v],
                     "peak_gb": max((x["peak_gb"] for x in ok), default=float("nan")), "max_diff": worst[t]}
    return {"lines": lines, "tools": result}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 30], help="millions of lines")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    parser.add_argument("--data", help="folder for the generated Parquet files, kept between runs")
    parser.add_argument("--baseline", help="a checkout whose casekit runs as one more contender, 'baseline'")
    parser.add_argument("--record", help="write the medians as JSON to this file (README figures are rendered from it)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    if args.generate:
        _generate(float(args.generate[0]), args.generate[1])
        return 0
    _check_rate_card()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.data) if args.data else Path(tmp)
        tools = args.tools + ([BASELINE] if args.baseline else [])
        rows = [bench(m, root, args.rounds, tools, args.baseline) for m in args.sizes]
    print(f"\n{'lines':>11} {'tool':>8} {'median':>8} {'cpu':>8} {'peak':>7} {'vs faster peer':>14} "
          f"{'cpu vs peer':>11} {'max diff':>9}  runs")
    for row in rows:
        t = row["tools"]
        ok = [k for k in t if k not in ("casekit", BASELINE) and t[k]["seconds"] == t[k]["seconds"]]
        peers = [t[k]["seconds"] for k in ok]
        peers_cpu = [t[k]["cpu_seconds"] for k in ok]
        for name, v in t.items():
            mine = name in ("casekit", BASELINE) and peers
            ratio = f"{v['seconds'] / min(peers):.2f}x" if mine else ""
            ratio_cpu = f"{v['cpu_seconds'] / min(peers_cpu):.2f}x" if mine else ""
            print(f"{row['lines']:>11,} {name:>8} {v['seconds']:>7.2f}s {v['cpu_seconds']:>7.2f}s "
                  f"{v['peak_gb']:>5.2f}GB {ratio:>14} {ratio_cpu:>11} ${v['max_diff']:>8.4f}  {v['all_seconds']}")
    if args.record:
        import datetime

        Path(args.record).write_text(json.dumps({"date": datetime.date.today().isoformat(), "rounds": args.rounds,
                                                 "rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
