"""Render the README's client benchmark figures from the results the benchmarks recorded.

``bench_engine.py``, ``bench_peers.py``, ``bench_client.py`` and
``bench_100m.py``, each with ``--record benchmarks/results/<name>.json``,
write what they measured; this script writes those numbers into README.md, between the markers
``<!-- results:NAME -->`` and ``<!-- /results:NAME -->``, so no figure there is
typed by hand.  ``tests/client/test_client_benchmarks.py`` fails when the
README and the results disagree.

Usage::

    python benchmarks/readme_tables.py          # rewrite the blocks in README.md
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
README = Path(__file__).resolve().parents[1] / "README.md"


def _lines(n: int) -> str:
    return f"{n / 1e6:g} M"


def _client(res: dict) -> str:
    rows = res["rows"]
    out = ["| lines | format | roll-up on | floor | run | run / floor | peak memory, run | peak memory, floor |",
           "|---:|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        peak = f"{r['run_rss_gb']:.2f} GB"
        if r.get("jvm_rss_gb"):
            peak += f" (+ Spark's JVM {r['jvm_rss_gb']:.1f} GB)"
        out.append(f"| {_lines(r['lines'])} | {r['format'].replace('parquet', 'Parquet').replace('csv', 'CSV')} "
                   f"| {'Spark, local mode' if r['engine'] == 'spark' else 'DuckDB'} | {r['floor_s']:.2f} s "
                   f"| {r['run_s']:.1f} s | {r['ratio']:.1f}× | {peak} | {r['floor_rss_gb']:.2f} GB |")
    duck = {(r["lines"], r["format"]): r for r in rows if r["engine"] == "duckdb"}
    sizes = " ".join(sorted({format(r["lines"] / 1e6, "g") for r in rows}))
    notes = [f"Measured on {res['date']} with `benchmarks/bench_client.py --sizes {sizes} --spark` (2 cores); "
             f"every run reconciled "
             f"{'exactly' if all(r['reconciled'] for r in rows) else 'NOT exactly'}."]
    spread = [f"{_lines(r['lines'])} {r['format'].replace('parquet', 'Parquet').replace('csv', 'CSV')}: floor "
              f"{', '.join(f'{s:.2f}' for s in r['floor_runs_s'])} s, run "
              f"{', '.join(f'{s:.1f}' for s in r['run_runs_s'])} s" for r in duck.values() if r.get("run_runs_s")]
    if spread:
        notes.append(f"Floor and run are the medians of three measurements each, taken in turn ({'; '.join(spread)}): "
                     f"one read of the same file moves by a second or more on this machine, and the ratio with it.")
    for r in rows:
        if r["engine"] == "spark" and (r["lines"], r["format"]) in duck:
            d = duck[(r["lines"], r["format"])]
            engine_s, duck_s = r["steps"].get("cost to serve (spark)"), d["steps"].get("cost to serve (duckdb)")
            notes.append(f"At {_lines(r['lines'])} lines Spark in local mode took {r['run_s'] / d['run_s']:.1f}× "
                         f"DuckDB's time end to end ({r['run_s']:.0f} s against {d['run_s']:.0f} s); the roll-up "
                         f"alone took {engine_s:.0f} s on Spark against {duck_s:.0f} s on DuckDB.")
    return "\n".join(out) + "\n\n" + " ".join(notes)


def _hundred(res: dict) -> str:
    steps = ", ".join(f"{k} {v:.0f} s" for k, v in res["steps"].items())
    return (f"Measured on {res['date']} with `benchmarks/bench_100m.py`: {res['lines']:,} lines in {res['files']} "
            f"monthly Parquet files ({res['size_gb']:.1f} GB) took {res['run_s'] / 60:.1f} minutes end to end, "
            f"{res['ratio']:.0f}× the streaming read-and-sum floor of {res['floor_s']:.0f} s measured in the same run, "
            f"at a peak of {res['run_rss_gb']:.2f} GB (the floor: {res['floor_rss_gb']:.2f} GB), with "
            f"{res['pairs']:,} customer × product pairs; the checks set aside {res['rows_set_aside']:,} lines the "
            f"generator repeated exactly (`bad_rows=\"report\"`). "
            f"{'It reconciled to the cent' if res['reconciled'] else 'It did NOT reconcile'} "
            f"(largest difference {res['largest_difference']}). By stage: {steps}.")


def _engine(res: dict) -> str:
    out = ["| invoice lines | generator | floor | run (engine + roll-up + whale curve) | run / floor "
           "| peak memory, run | peak memory, floor |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in res["rows"]:
        out.append(f"| {r['lines']:,} | {r['generator_s']:.2f} s | {r['floor_s']:.2f} s | {r['run_s']:.2f} s "
                   f"| {r['ratio']:.1f}× | {r['run_rss_gb']:.2f} GB | {r['floor_rss_gb']:.2f} GB |")
    big = max(res["rows"], key=lambda r: r["lines"])
    targets = [("run ≤ 3.5× the floor", big["ratio"] <= 3.5), ("peak memory ≤ 2 GB", big["run_rss_gb"] <= 2.0),
               ("generator ≤ 10 s", big["generator_s"] <= 10.0)]
    missed = [t for t, ok in targets if not ok]
    verdict = "all three are met" if not missed else "missed: " + ", ".join(missed)
    return ("\n".join(out) + f"\n\nMeasured on {res['date']} with `benchmarks/bench_engine.py` (2 cores). Targets at "
            f"{big['lines'] / 1e6:.1f} M lines: " + ", ".join(t for t, _ in targets) + f"; {verdict}.")


def _peers(res: dict) -> str:
    # Each round's wall time is shown beside the median: on a shared 2-core machine one round can
    # run seconds slower than the others for any tool.
    out = ["| lines | tool | median wall | each round | median CPU | peak memory | wall / faster peer "
           "| largest difference |",
           "|---:|---|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for row in res["rows"]:
        t = row["tools"]
        peers = {k: v for k, v in t.items() if k in ("duckdb", "polars") and v["seconds"] == v["seconds"]}
        fastest = min(peers.values(), key=lambda v: v["seconds"]) if peers else None
        for name, v in t.items():
            label = {"casekit": "casekit", "duckdb": "hand-written DuckDB", "polars": "Polars lazy"}.get(name, name)
            ratio = f"{v['seconds'] / fastest['seconds']:.2f}×" if fastest and name not in peers else ""
            diff = f"${v['max_diff']:.4f}" if name != "casekit" else ""
            rounds = ", ".join(f"{x:.1f}" if isinstance(x, (int, float)) else str(x) for x in v["all_seconds"])
            out.append(f"| {row['lines'] / 1e6:.1f} M | {label} | {v['seconds']:.1f} s | {rounds} "
                       f"| {v['cpu_seconds']:.1f} s "
                       f"| {v['peak_gb']:.2f} GB | {ratio} | {diff} |")
        for name, v in t.items():
            failed = v["all_seconds"].count("failed")
            if failed:
                notes.append(f"{name} failed {failed} of {len(v['all_seconds'])} runs at {row['lines'] / 1e6:.1f} M "
                             "lines.")
    head = (f"Measured on {res['date']} with `benchmarks/bench_peers.py --rounds {res['rounds']}` (2 cores, "
            f"interleaved rounds, medians; peak = the process's high-water resident set).")
    return "\n".join(out) + "\n\n" + " ".join([head] + notes)


RENDERERS = {"engine": ("bench_engine.json", _engine), "client": ("bench_client.json", _client),
             "client-100m": ("bench_100m.json", _hundred), "peers": ("bench_peers.json", _peers)}


def render(name: str) -> str:
    """The README block ``name`` as the recorded results make it."""
    file, func = RENDERERS[name]
    if not (RESULTS / file).exists():
        return f"(not measured yet: `benchmarks/results/{file}` is missing)"
    return func(json.loads((RESULTS / file).read_text(encoding="utf-8")))


def blocks(text: str) -> dict:
    """The blocks between ``<!-- results:NAME -->`` and ``<!-- /results:NAME -->`` in ``text``, by name."""
    return {m.group(1): m.group(2).strip() for m in
            re.finditer(r"<!-- results:([\w-]+) -->\n(.*?)\n<!-- /results:\1 -->", text, flags=re.S)}


def update(path: Path = README) -> list[str]:
    """Rewrite every block of ``path`` whose results exist; return the names rewritten."""
    text = path.read_text(encoding="utf-8")
    done = []
    for name in blocks(text):
        if name in RENDERERS:
            text = re.sub(rf"(<!-- results:{name} -->\n).*?(\n<!-- /results:{name} -->)",
                          lambda m, n=name: m.group(1) + render(n) + m.group(2), text, flags=re.S)
            done.append(name)
    path.write_text(text, encoding="utf-8")
    return done


if __name__ == "__main__":
    print("rewrote", update())
    sys.exit(0)
