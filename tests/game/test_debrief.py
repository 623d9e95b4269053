"""The debrief of a finished game, on the recorded bot game shipped with casekit."""

import matplotlib
import pytest

from casekit.game import debrief as db
from casekit.game.room import play_bot_game
from casekit.plots.boardroom import plot_kpi_vs_profit, plot_team_whales, plot_trajectories

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def game():
    return db.load_game(db.recorded_game())


def test_the_recorded_game_is_the_seeded_bot_game(tmp_path):
    room = play_bot_game(tmp_path, seed=7, n_teams=3, buyer=True)
    assert room.store.dump() + "\n" == db.recorded_game().read_text(), (
        "the models changed the recorded game; rewrite casekit/data/games/boardroom_seed7.sql from "
        "play_bot_game(folder, seed=7, n_teams=3, buyer=True).store.dump()")


def test_trajectories_add_up_to_the_leaderboard(game, tmp_path):
    t = db.trajectories(game)
    assert len(t) == 3 * 6
    finals = t.groupby("team")["cumulative_profit"].last()
    totals = game.results.query("metric == 'profit'").groupby("team")["value"].sum()
    assert finals.round(4).to_dict() == totals.round(4).to_dict()
    assert set(t["label"]) == {"Team 1 (silo)", "Team 2 (aligned)", "Team 3 (random)"}


def test_the_best_functional_score_sits_beside_the_worst_profit(game):
    k = db.kpi_vs_profit(game)
    sales = k.query("kpi == 'revenue'").set_index("label")
    assert sales.loc["Team 1 (silo)", "kpi_rank"] == 1
    assert sales.loc["Team 1 (silo)", "profit_rank"] == 3
    assert sales.loc["Team 2 (aligned)", "profit_rank"] == 1


def test_whale_curves_end_at_100_and_carry_the_developed_account(game):
    w = db.team_whale_curves(game)
    assert set(w["team"]) == {1, 2, 3}
    assert (w.groupby("team")["cumulative_profit_pct"].last().round(6) == 100).all()
    dev = w[w["developed"]].set_index("team")["net_profit"]
    scored = game.results.query("round == 6 and metric == 'account_profit'").set_index("team")["value"]
    assert dev.round(4).to_dict() == scored.round(4).to_dict()
    # the aligned team's developed account loses less than the silo team's
    assert dev[2] > dev[1]


def test_decision_moves_find_the_bonus_plan_rewrite(game):
    mv = db.decision_moves(game).set_index(["team", "round"])
    assert "w_net_profit 0 → 6" in mv.loc[(2, 4), "changes"]
    assert mv.loc[(2, 4), "profit_change"] > 0
    assert (mv.loc[1, "changes"] == "no decision changed").all()


def test_plots_draw_every_team(game):
    ax = plot_trajectories(db.trajectories(game))
    assert len(ax.get_lines()) >= 3
    fig = plot_kpi_vs_profit(db.kpi_vs_profit(game))
    assert sum(ax.get_visible() for ax in fig.axes) == 7
    ax = plot_team_whales(db.team_whale_curves(game))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Team 1 (silo)", "Team 2 (aligned)",
                                                                   "Team 3 (random)"]
    with pytest.raises(ValueError, match="casekit.game.debrief"):
        plot_trajectories(db.trajectories(game).drop(columns="label"))
