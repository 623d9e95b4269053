"""Tests for casekit.models.dropping: dropping an account vs fixing how it is served."""

import pandas as pd
import pytest

import casekit as ck
from casekit.models import dropping as dr


@pytest.fixture(scope="module")
def drain(precision_case, precision_pnl):
    seg = ck.segment_customers(precision_pnl)
    return str(seg.loc[seg["segment"] == "Profit Drain", "customer_id"].iloc[0])


def test_drop_account_splits_allocated_cost(precision_pnl, drain):
    d = dr.drop_account(precision_pnl, drain)
    sel = precision_pnl[precision_pnl["customer_id"].astype(str) == drain]
    assert d["allocated"].sum() == pytest.approx(sel["cost_to_serve"].sum())
    assert (d["avoidable"] <= d["allocated"] + 1e-9).all()
    assert d.attrs["profit_change_if_dropped"] == pytest.approx(d["avoidable"].sum() - sel["gross_margin"].sum())
    # if everything were avoidable, dropping would gain exactly the allocated loss
    full = dr.drop_account(precision_pnl, drain, avoidable={a: 1.0 for a in d["activity"]})
    assert full.attrs["profit_change_if_dropped"] == pytest.approx(-sel["net_profit"].sum())


def test_drop_account_validation(precision_pnl):
    with pytest.raises(ValueError, match="no lines"):
        dr.drop_account(precision_pnl, "C9999")
    with pytest.raises(ValueError, match="share between 0 and 1"):
        dr.drop_account(precision_pnl, "C0001", avoidable={"delivery": 70})


def test_drains_table_lists_every_drain(precision_pnl):
    d = dr.drains_table(precision_pnl)
    seg = ck.segment_customers(precision_pnl)
    assert set(d["customer_id"]) == set(seg.loc[seg["segment"] == "Profit Drain", "customer_id"].astype(str))
    assert (d["dropping_hurts"] == (d["profit_change_if_dropped"] < 0)).all()


def test_fix_or_drop_on_the_case():
    import casekit as ck
    from casekit.models import dropping as dr

    co = ck.load_case("precision")
    pnl = ck.cost_to_serve(co)
    cand = dr.lever_candidates(co, pnl)
    table = dr.fix_or_drop(cand)
    assert len(table) == len(cand)
    wins = (cand["gain_from_levers"] > cand["profit_change_if_dropped"]).sum()
    assert table.attrs["fix_beats_drop"] == wins
    chosen = table.attrs["chosen"]
    row = cand.set_index("customer_id").loc[chosen]
    assert row["gain_from_levers"] > row["profit_change_if_dropped"]


def test_fix_or_drop_rejects_other_frames():
    import pytest

    from casekit.models import dropping as dr

    with pytest.raises(ValueError, match="lever_candidates"):
        dr.fix_or_drop(pd.DataFrame({"customer_id": ["A"]}))
