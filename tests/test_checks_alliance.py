import pytest

import casekit.models.account_development as ad
import casekit.models.alignment as al
from casekit.teaching.checks.alliance import check_ops_early_gain, check_silo_profit_change, check_win_win_move

CID = "C0184"


@pytest.fixture(scope="module")
def paths(precision_case, precision_pnl):
    return ad.account_paths(precision_case, precision_pnl, customer_id=CID)


@pytest.fixture(scope="module")
def board(precision_case, precision_pnl):
    return al.compare_alignment(precision_case, precision_pnl)


def test_win_win_move(precision_case, precision_pnl):
    moves = al.account_moves(precision_case, precision_pnl, customer_id=CID)
    win = moves.loc[moves["helps_sales"] & moves["helps_operations"] & moves["helps_company"], "move"].iloc[0]
    assert check_win_win_move(win, company=precision_case, pnl=precision_pnl, customer_id=CID)
    assert check_win_win_move(win.replace("_", " ").upper(), company=precision_case, pnl=precision_pnl,
                              customer_id=CID)
    for other in set(al.MOVES) - {win}:
        fb = check_win_win_move(other, company=precision_case, pnl=precision_pnl, customer_id=CID)
        assert not fb and fb.expected == win
    fb = check_win_win_move("extra_service", company=precision_case, pnl=precision_pnl, customer_id=CID)
    assert "operations would fight it" in fb.message
    fb = check_win_win_move("minimum_order", company=precision_case, pnl=precision_pnl, customer_id=CID)
    assert "sales would fight it" in fb.message
    assert "not a move" in check_win_win_move("price", company=precision_case, pnl=precision_pnl,
                                              customer_id=CID).message
    assert "string" in check_win_win_move(3, company=precision_case, pnl=precision_pnl, customer_id=CID).message


def test_ops_early_gain(paths):
    t = ad.path_totals(paths)
    right = t.loc[ad.PATHS[1], "your_profit"] - t.loc[ad.PATHS[0], "your_profit"]
    assert check_ops_early_gain(right, paths=paths)
    assert not check_ops_early_gain(right * 1.2, paths=paths)
    cust = t.loc[ad.PATHS[1], "customer_profit"] - t.loc[ad.PATHS[0], "customer_profit"]
    assert "customer's profit" in check_ops_early_gain(cust, paths=paths).message
    by = paths.sort_values("quarter").groupby("path", observed=True)
    last = by["your_profit"].last()
    assert "last quarter" in check_ops_early_gain(last[ad.PATHS[1]] - last[ad.PATHS[0]], paths=paths).message
    gm = by["your_gross_margin"].sum() - by["your_cost_to_serve"].sum()
    assert "project cost" in check_ops_early_gain(gm[ad.PATHS[1]] - gm[ad.PATHS[0]], paths=paths).message
    assert "sign" in check_ops_early_gain(-right, paths=paths).message.lower()
    assert "number" in check_ops_early_gain("lots", paths=paths).message


def test_silo_profit_change(board):
    b = board.set_index("scenario")
    s, t, sh = b.loc["each function on its own metric"], b.loc["today"], b.loc["shared account P&L"]
    right = s["profit"] - t["profit"]
    assert right < 0
    assert check_silo_profit_change(right, board=board)
    assert not check_silo_profit_change(right * 0.9, board=board)
    assert "shared account P&L" in check_silo_profit_change(s["profit"] - sh["profit"], board=board).message
    assert "revenue" in check_silo_profit_change(s["revenue"] - t["revenue"], board=board).message
    before = (s["gross_margin"] - s["cost_to_serve"]) - (t["gross_margin"] - t["cost_to_serve"])
    assert "complexity" in check_silo_profit_change(before, board=board).message
    assert "sign" in check_silo_profit_change(-right, board=board).message.lower()
