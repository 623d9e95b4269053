import pytest

import casekit as ck
from casekit.models.eras import dock_vs_account, era_case, hidden_losers, rank_agreement
from casekit.teaching.checks import as_percent, compare_number
from casekit.teaching.checks.two_eras import (
    HALFWAY_ERA,
    check_dock_rank_agreement,
    check_hidden_losers,
    check_rank_agreement,
)


@pytest.fixture(scope="module")
def customers():
    return ck.profit_by(era_case(1.0)[1])


def test_rank_agreement_right_and_wrong(customers):
    right = customers["revenue"].rank().corr(customers["net_profit"].rank())
    assert check_rank_agreement(right).correct
    fb = check_rank_agreement(right - 0.2)
    assert not fb.correct and "too low" in fb.message and "Hint" in fb.message


def test_rank_agreement_spots_pearson(customers):
    pearson = customers["revenue"].corr(customers["net_profit"])
    fb = check_rank_agreement(pearson)
    assert fb.correct or "Pearson" in fb.message


def test_hidden_losers(customers):
    rate = customers["cost_to_serve"].sum() / customers["cases"].sum()
    dock = customers["gross_margin"] - rate * customers["cases"]
    right = int(((dock > 0) & (customers["net_profit"] < 0)).sum())
    assert check_hidden_losers(right).correct
    all_losers = int((customers["net_profit"] < 0).sum())
    fb = check_hidden_losers(all_losers)
    if all_losers == right:
        # In the recalibrated case the dock rate hides every loss-maker, so both counts are right.
        assert fb.correct
    else:
        assert not fb.correct and "every customer losing money" in fb.message


def test_dock_rank_agreement_is_not_on_screen():
    pnl = era_case(1.0)[1]
    d = dock_vs_account(pnl)
    right = d["revenue"].rank().corr(d["profit_dock"].rank())
    on_screen = rank_agreement(pnl)
    mass = rank_agreement(era_case(0.0)[1])
    assert abs(right - mass) < abs(right - on_screen), "the guide says the dock average puts it near the mass era's"
    assert check_dock_rank_agreement(right).correct
    fb = check_dock_rank_agreement(on_screen)
    assert not fb.correct and "traced" in fb.message and "Hint:" in fb.message and f"{right:.2f}" not in fb.message
    pearson = d["revenue"].corr(d["profit_dock"])
    fb = check_dock_rank_agreement(pearson)
    assert fb.correct or "Pearson" in fb.message
    assert "number" in check_dock_rank_agreement("high").message


def test_hidden_losers_halfway_along_the_dial():
    halfway, precision = hidden_losers(era_case(HALFWAY_ERA)[1]), hidden_losers(era_case(1.0)[1])
    assert halfway != precision, "the what-if must move the answer off the chart title"
    assert check_hidden_losers(halfway, era=HALFWAY_ERA).correct
    fb = check_hidden_losers(precision, era=HALFWAY_ERA)
    assert not fb.correct and "precision end" in fb.message and "Hint:" in fb.message
    assert f" {halfway} " not in fb.message


def test_hidden_losers_names_the_every_loser_slip(monkeypatch):
    import casekit.teaching.checks.two_eras as te

    monkeypatch.setattr(te, "hidden_losers", lambda pnl: 10)
    monkeypatch.setattr(te, "_losers", lambda pnl: 14)
    fb = te.check_hidden_losers(14)
    assert not fb.correct and "every customer losing money" in fb.message


def test_non_number_answer():
    fb = check_rank_agreement("0.4")
    assert not fb.correct and "expected a number" in fb.message


def test_percent_tolerance():
    assert as_percent(0.35, 35.0) == (35.0, True)
    assert as_percent(35, 35.0) == (35.0, False)
    assert compare_number(0.35, 35.0, what="x", percent=True, abs_tol=0.5).correct
    fb = compare_number(65, 35.0, what="x", percent=True, abs_tol=0.5)
    assert not fb.correct and "complement" in fb.message
