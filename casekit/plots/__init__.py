"""Exhibits for the classroom: every ``plot_*`` of casekit, drawn in one style.

Each plot takes the tidy frame a casekit function returns, draws on ``ax`` (or
``axes``/``fig``; a new figure when omitted) and returns what it drew on;
none calls ``plt.show()``.  Titles state the finding, computed from the data.

Modules, one per topic: :mod:`~casekit.plots.profitability` (whale curve,
profit map, segments, pocket price), :mod:`~casekit.plots.innovation`
(launch stream, the two lenses, the launches' bill),
:mod:`~casekit.plots.objectives` (objectives, reps' choices, delivered cases),
:mod:`~casekit.plots.incentives` (plan scoreboard, pushes),
:mod:`~casekit.plots.alliance` (account moves, development paths,
alignment).  :mod:`~casekit.plots.style` holds the colours, the axes style
and the one money / percent formatter every exhibit and widget uses.
"""

from casekit.plots.alliance import plot_account_moves, plot_account_paths, plot_alignment
from casekit.plots.incentives import plot_pushes, plot_scoreboard
from casekit.plots.innovation import plot_launch_bill, plot_launch_lenses, plot_launch_stream
from casekit.plots.objectives import plot_delivered, plot_objective_count, plot_rep_choices
from casekit.plots.profitability import (
    plot_pocket_price_band,
    plot_price_waterfall,
    plot_profit_map,
    plot_segments,
    plot_whale_curve,
)
from casekit.plots.style import GREEN, RED, money, percent

__all__ = [
    "plot_whale_curve",
    "plot_profit_map",
    "plot_segments",
    "plot_price_waterfall",
    "plot_pocket_price_band",
    "plot_launch_stream",
    "plot_launch_lenses",
    "plot_launch_bill",
    "plot_objective_count",
    "plot_rep_choices",
    "plot_delivered",
    "plot_scoreboard",
    "plot_pushes",
    "plot_account_moves",
    "plot_account_paths",
    "plot_alignment",
    "money",
    "percent",
    "RED",
    "GREEN",
]
