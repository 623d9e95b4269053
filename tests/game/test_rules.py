"""Game state, rules and bots: a seeded bot game replays, silent seats keep their decision, round 4 unlocks."""

import pytest

from casekit.game.bots import STRATEGIES, bot_decision
from casekit.game.roles import (
    N_ROUNDS,
    ROLES,
    Context,
    DecisionError,
    check_decision,
    default_decision,
)
from casekit.game.room import GameError, Room, play_bot_game
from casekit.game.rules import KPIS, TEAM_METRICS, market, score_quarter


@pytest.fixture(scope="module")
def bot_game(tmp_path_factory):
    return play_bot_game(tmp_path_factory.mktemp("a"), seed=5, n_teams=3)


def test_bot_game_replays_from_its_seed(bot_game, tmp_path):
    again = play_bot_game(tmp_path / "b", seed=5, n_teams=3)
    assert again.store.dump() == bot_game.store.dump()
    assert again.leaderboard() == bot_game.leaderboard()
    other = play_bot_game(tmp_path / "c", seed=6, n_teams=3)
    assert other.store.dump() != bot_game.store.dump()


def test_bot_game_has_six_rounds_of_every_metric(bot_game):
    m = bot_game.meta()
    assert m["phase"] == "finished" and m["round"] == N_ROUNDS and m["unlocked"] == 1
    rows = bot_game.store.results()
    metrics = set(TEAM_METRICS) | {k for v in KPIS.values() for k in v}
    assert {r[2] for r in rows} == metrics
    assert len(rows) == 3 * N_ROUNDS * len(metrics)
    assert len(bot_game.store.decisions()) == 3 * N_ROUNDS * len(ROLES)


def test_team_score_is_profit_after_cost_to_serve_and_complexity(bot_game):
    board = bot_game.leaderboard()
    total = {t: sum(q["profit"] for q in bot_game.kpis(t).values()) for t in (1, 2, 3)}
    assert [b["team"] for b in board] == sorted(total, key=lambda t: -total[t])
    # aligned (team 2) beats silo (team 1): the game's point, from the models
    assert total[2] > total[1]


def test_silo_sales_earns_more_revenue_than_aligned_with_less_profit(bot_game):
    silo, aligned = bot_game.kpis(1)[3], bot_game.kpis(2)[3]
    assert silo["revenue"] > aligned["revenue"]
    assert silo["profit"] < aligned["profit"]


def test_a_silent_seat_keeps_its_last_decision(tmp_path):
    room = Room.create(tmp_path, seed=2, n_teams=1, clock=None)
    token = room.join(1, "product", "Ana")
    room.fill_bots("aligned")
    room.start_round()
    room.submit(token, {"launches": "6", "prune_pct": "10"}, round_no=1)
    room.close_round()
    room.start_round()
    room.close_round()
    d2 = room.store.decision(1, "product", 2)
    assert d2["decision"] == {"launches": 6, "prune_pct": "10"} and d2["source"] == "carried"
    assert room.store.decision(1, "sales", 2)["source"] == "bot"


def test_a_seat_that_never_submits_plays_todays_way(tmp_path):
    room = Room.create(tmp_path, seed=2, n_teams=1, clock=None)
    room.join(1, "operations")
    room.fill_bots("silo")
    room.start_round()
    room.close_round()
    assert room.store.decision(1, "operations", 1)["decision"] == default_decision("operations", room.context())


def test_bonus_plan_rewrite_opens_only_at_round_4(tmp_path):
    room = Room.create(tmp_path, seed=2, n_teams=1, clock=None)
    token = room.join(1, "sales")
    room.fill_bots("silo")
    plan = {"w_revenue": "0", "w_gross_margin": "0", "w_objectives": "0", "w_net_profit": "10",
            "w_cost_to_serve_per_case": "0", "w_fit": "0", "focus": "3", "account": room.market.accounts[0]}
    room.start_round()
    with pytest.raises(DecisionError, match="opens with the bonus-plan rewrite in round 4"):
        room.submit(token, plan, round_no=1)
    with pytest.raises(GameError, match="round 4"):
        room.unlock()
    room.close_round()
    for _ in range(2):
        room.start_round()
        room.close_round()
    room.unlock()
    room.start_round()
    assert "recorded" in room.submit(token, plan, round_no=4)
    assert room.store.decision(1, "sales", 4)["decision"]["w_net_profit"] == 10


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unlocked", [False, True])
def test_bots_make_valid_decisions(strategy, role, unlocked):
    ctx = Context(n_launches=22, accounts=("C1", "C2", "C3"), unlocked=unlocked)
    for r in range(1, 7):
        d = bot_decision(strategy, role, ctx, seed=9, team=4, round_no=r)
        assert check_decision(role, d, ctx) == d


def test_operations_capacity_is_enforced():
    ctx = Context(n_launches=22, accounts=("C1",))
    with pytest.raises(DecisionError, match="3 projects a quarter"):
        check_decision("operations", {"min_order": "10", "deliveries": "2", "edi_pct": "50",
                                      "tier": "standard only", "engage": "no"}, ctx)


def test_operations_early_raises_the_account_and_the_buyer_can_refuse():
    m = market("precision", 7)
    ctx = m.context()
    base = {r: default_decision(r, ctx) for r in ROLES}
    early = {**base, "operations": {**base["operations"], "engage": "yes"}}
    closed = {**early, "buyer": {"open_door": "no", "accept_terms": "yes"}}
    h = lambda d: {r: d for r in range(1, 4)}
    q_base, q_early, q_closed = (score_quarter(m, h(d), 3) for d in (base, early, closed))
    assert q_early["customer_profit"] > q_base["customer_profit"]
    assert q_early["account_profit"] > q_base["account_profit"]
    assert q_closed["customer_profit"] == q_base["customer_profit"]
