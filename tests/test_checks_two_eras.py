import pytest

import casekit as ck
from casekit.models.eras import era_case
from casekit.teaching.checks import as_percent, compare_number
from casekit.teaching.checks.two_eras import check_hidden_losers, check_rank_agreement


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
