import pytest

import casekit.models.account_development as ad
import casekit.models.alignment as al
from casekit.models.assumptions import with_values
from casekit.teaching.checks.alliance import (
    COORDINATION_FACTOR,
    REDESIGN_SAVING_FACTOR,
    WITHDRAWABLE_LOCK_IN,
    check_best_move,
    check_ops_early_gain,
    check_shared_pnl_change,
)

CID = "C0184"


@pytest.fixture(scope="module")
def paths(precision_case, precision_pnl):
    return ad.account_paths(precision_case, precision_pnl, customer_id=CID)


@pytest.fixture(scope="module")
def board(precision_case, precision_pnl):
    return al.compare_alignment(precision_case, precision_pnl)


def _what_if(table_row, factor):
    value = al.ALIGNMENT_ASSUMPTIONS.loc[table_row, "value"] * factor
    return with_values(al.ALIGNMENT_ASSUMPTIONS, **{table_row: value})


def test_best_move_when_the_redesign_saves_less(precision_case, precision_pnl):
    kw = dict(company=precision_case, pnl=precision_pnl)
    account = ad.story_account(precision_case, precision_pnl)
    moves = al.account_moves(precision_case, precision_pnl, customer_id=account,
                             assumptions=_what_if("redesign_saving", REDESIGN_SAVING_FACTOR)).set_index("move")
    best = moves["d_net_profit"].idxmax()
    assert check_best_move(best, customer_id=account, **kw)
    assert check_best_move(best.replace("_", " ").upper(), customer_id=account, **kw)
    calibrated = al.account_moves(precision_case, precision_pnl, customer_id=account).set_index("move")
    on_screen = calibrated["d_net_profit"].idxmax()
    for other in set(al.MOVES) - {best}:
        fb = check_best_move(other, customer_id=account, **kw)
        assert not fb and fb.expected is None and best not in fb.message and "Hint:" in fb.message
        if other == on_screen:
            assert "model's own assumption" in fb.message
    assert "sales' lens" in check_best_move("extra_service", customer_id=account, **kw).message or \
        best == "extra_service" or on_screen == "extra_service"
    assert "not a move" in check_best_move("price", customer_id=account, **kw).message
    assert "string" in check_best_move(3, customer_id=account, **kw).message


def test_ops_early_gain_if_promises_could_be_withdrawn(precision_case, precision_pnl):
    account = ad.story_account(precision_case, precision_pnl)
    kw = dict(company=precision_case, pnl=precision_pnl, customer_id=account)
    table = with_values(ad.ACCOUNT_ASSUMPTIONS, lock_in=WITHDRAWABLE_LOCK_IN)
    paths = ad.account_paths(precision_case, precision_pnl, customer_id=account, assumptions=table)
    t = ad.path_totals(paths)
    right = t.loc[ad.PATHS[1], "your_profit"] - t.loc[ad.PATHS[0], "your_profit"]
    shown = ad.path_totals(ad.account_paths(precision_case, precision_pnl, customer_id=account))["your_profit"]
    on_screen = shown[ad.PATHS[1]] - shown[ad.PATHS[0]]
    assert abs(right - on_screen) > 0.02 * abs(on_screen), "the what-if must move the answer off the screen"
    assert 0.5 * on_screen < right < on_screen, "the guide says the lead shrinks only a little"
    assert check_ops_early_gain(right, **kw)
    assert not check_ops_early_gain(right * 1.2, **kw)
    assert "model's own lock-in" in check_ops_early_gain(on_screen, **kw).message
    cust = t.loc[ad.PATHS[1], "customer_profit"] - t.loc[ad.PATHS[0], "customer_profit"]
    assert "customer's profit" in check_ops_early_gain(cust, **kw).message
    by = paths.sort_values("quarter").groupby("path", observed=True)
    last = by["your_profit"].last()
    assert "last quarter" in check_ops_early_gain(last[ad.PATHS[1]] - last[ad.PATHS[0]], **kw).message
    gm = by["your_gross_margin"].sum() - by["your_cost_to_serve"].sum()
    assert "project cost" in check_ops_early_gain(gm[ad.PATHS[1]] - gm[ad.PATHS[0]], **kw).message
    assert "sign" in check_ops_early_gain(-right, **kw).message.lower()
    assert "number" in check_ops_early_gain("lots", **kw).message
    for wrong in (on_screen, cust, 2 * right):  # (the student's own number is echoed, so not -right)
        fb = check_ops_early_gain(wrong, **kw)
        assert f"{abs(right):,.0f}" not in fb.message and "Hint:" in fb.message


def test_shared_pnl_change_when_alignment_costs_more(precision_case, precision_pnl):
    kw = dict(company=precision_case, pnl=precision_pnl)
    dearer = al.compare_alignment(precision_case, precision_pnl,
                                  assumptions=_what_if("coordination_cost", COORDINATION_FACTOR))
    p = dearer.set_index("scenario")["profit"]
    right = p["shared account P&L"] - p["today"]
    assert check_shared_pnl_change(right, **kw)
    assert not check_shared_pnl_change(right + 0.05 * abs(right) + 10, **kw)
    base = al.compare_alignment(precision_case, precision_pnl).set_index("scenario")["profit"]
    on_screen = base["shared account P&L"] - base["today"]
    assert abs(on_screen - right) > 1, "the what-if must change the answer"
    assert "model's own coordination cost" in check_shared_pnl_change(on_screen, **kw).message
    assert "silos" in check_shared_pnl_change(p["shared account P&L"] - p["each function on its own metric"],
                                              **kw).message
    assert "subtract today's" in check_shared_pnl_change(p["shared account P&L"], **kw).message
    assert "sign" in check_shared_pnl_change(-right, **kw).message.lower()
    assert f"{abs(right):,.0f}" not in check_shared_pnl_change(on_screen, **kw).message
