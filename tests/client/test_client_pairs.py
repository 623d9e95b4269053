"""Customer x product pairs at client scale: the biggest losses without a sort of every pair, the Parquet file whole."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from casekit import cost_to_serve, make_company
from casekit.client.pairs import _smallest, pair_totals, write_pairs, write_pairs_parquet


@pytest.mark.parametrize("seed", range(5))
def test_smallest_is_a_stable_sorts_first_k(seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(-20, 20, size=5_000).astype(float)  # many ties, across chunk borders
    for k in (1, 7, 300, 5_000, 6_000):
        got = _smallest(values, k, chunk=64)
        assert got.tolist() == np.argsort(values, kind="stable")[:k].tolist(), k


@pytest.fixture(scope="module")
def pairs():
    co = make_company(seed=3, n_customers=40, n_products=60)
    pnl = cost_to_serve(co, by=["customer_id", "product_id"])
    return pnl, co.customers, co.products


def test_more_pairs_than_a_sheet_holds_give_parquet_and_the_biggest_losses(pairs, tmp_path):
    pnl, customers, products = pairs
    k = 25
    top, n, paths = write_pairs(pnl, pair_totals(pnl), customers, products, tmp_path, sheet_rows=k, csv_rows=10)
    assert n == len(pnl) > 10 and sorted(paths) == ["parquet"] and not (tmp_path / "customer_x_product.csv").exists()
    want = pnl.reset_index(drop=True).sort_values("net_profit", kind="stable").head(k)
    assert top["net_profit"].tolist() == want["net_profit"].tolist()
    assert top["customer_id"].tolist() == want["customer_id"].astype(str).tolist()
    assert top["product_id"].tolist() == want["product_id"].astype(str).tolist()
    names = customers.set_index("customer_id")["customer_name"]
    assert top["customer_name"].tolist() == names.loc[top["customer_id"]].tolist()


def test_parquet_holds_every_pair_in_the_engines_order_with_exact_amounts(pairs, tmp_path):
    pnl, customers, products = pairs
    back = pd.read_parquet(write_pairs_parquet(pnl, customers, products, tmp_path))
    assert back["customer_id"].astype(str).tolist() == pnl["customer_id"].astype(str).tolist()
    assert back["product_id"].astype(str).tolist() == pnl["product_id"].astype(str).tolist()
    for col in ("revenue", "cost_to_serve", "net_profit"):
        assert back[col].to_numpy().tobytes() == pnl[col].to_numpy().tobytes(), col
    names = products.set_index("product_id")["product_name"]
    assert back["product_name"].tolist() == names.loc[back["product_id"].astype(str)].tolist()


def test_a_reader_of_one_customer_skips_the_other_row_groups(pairs, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from casekit.client import pairs as pairs_module

    pnl, customers, products = pairs
    monkeypatch.setattr(pairs_module, "PAIRS_ROW_GROUP", 200)
    meta = pq.ParquetFile(write_pairs_parquet(pnl, customers, products, tmp_path)).metadata
    assert meta.num_row_groups == -(-len(pnl) // 200)
    col = meta.schema.names.index("customer_id")
    runs = [(meta.row_group(g).column(col).statistics.min, meta.row_group(g).column(col).statistics.max)
            for g in range(meta.num_row_groups)]
    # each row group holds a run of customers, in order: one customer's pairs lie in one or two of them
    assert all(lo <= hi for lo, hi in runs) and all(a[1] <= b[0] for a, b in itertools.pairwise(runs))
    one = str(pnl["customer_id"].iloc[len(pnl) // 2])
    assert 1 <= sum(lo <= one <= hi for lo, hi in runs) <= 2


def test_a_failing_run_leaves_no_thread_writing_the_pairs(tmp_path, monkeypatch):
    """An error after the pairs' writer has started waits for it: nothing is written into out afterwards."""
    import time
    from pathlib import Path

    import casekit.client.pairs as pairs_module
    import casekit.client.pipeline as pipeline
    from casekit import client

    sample = Path(__file__).resolve().parents[2] / "datasets" / "client_sample"
    real = pairs_module.write_pairs_parquet

    def slow(*args):
        time.sleep(1.0)
        return real(*args)

    def broken(*args, **kwargs):
        raise RuntimeError("figures failed")

    monkeypatch.setattr(pairs_module, "write_pairs_parquet", slow)
    monkeypatch.setattr(pipeline, "draw_figures", broken)
    with pytest.raises(RuntimeError, match="figures failed"):
        client.analyze(sample / "invoices", mapping=sample / "mapping.yaml", out=tmp_path / "out", bad_rows="report",
                       progress=False, echo=None)
    assert (tmp_path / "out" / "customer_x_product.parquet").exists()
