"""The landing page of the executive views: what each view shows, in plain words, and its session.

``make exec`` opens on ``exec/index.ipynb``, which shows :func:`landing_page`;
:data:`VIEWS` lists every view of ``exec/`` once (a test checks that the
table and the folder agree).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from casekit.widgets.view import WidgetView

__all__ = ["VIEWS", "Landing", "views_table", "landing_html", "landing_page"]

VIEWS = (
    ("era_dial", "When did selling more stop meaning earning more?", "Session 01 · Two eras",
     "Turn one dial from one-price-fits-all to account-by-account selling and watch big customers stop being "
     "the profitable ones."),
    ("profit_map_explorer", "Which customers make money, and which lose it?", "Session 02 · Islands of profit",
     "Filter Beacon's customers by group, channel and region; open any account's profit and loss."),
    ("rate_accuracy", "How exact must the cost figures be?", "Session 03 · Cost to serve",
     "Make every cost rate up to 60 % wrong and see whether the same customers still lose money."),
    ("levers", "Fix a money-losing account, or drop it?", "Session 04 · Revenue that fits",
     "Change how one account orders, is delivered to and is priced; see its profit move."),
    ("launches", "Who pays for the new products?", "Session 05 · The innovation stream",
     "Drop the weakest products or launch fewer; compare the product managers' margin with the company's "
     "profit."),
    ("rep_game", "You are the sales rep: which objectives do you push?", "Session 06 · Fifteen objectives",
     "Pick three of the quarter's objectives and compare your bonus with what your choice earns the company."),
    ("ops_timing", "Sales first, or operations early?", "Session 07 · The natural alliance",
     "Choose when operations first meets a growing customer, and follow the account over three years."),
    ("incentive_designer", "Design the sales bonus", "Session 08 · Driving the boat",
     "Weigh what the reps are paid for and see what they then push, and what it does to profit."),
    ("essay_class", "Unlikely Operations Heroes: the class on one page", "Essay class · 75 minutes",
     "The launches, the rep's choice, operations early and the bonus plan, one after the other."),
)
"""Every executive view: (file stem in ``exec/``, plain title, session, one-line description)."""


def views_table() -> pd.DataFrame:
    """Return :data:`VIEWS` as a frame: ``file``, ``title``, ``session``, ``description``.

    Examples
    --------
    >>> t = views_table()
    >>> t.columns.tolist(), t["file"].iloc[0]
    (['file', 'title', 'session', 'description'], 'era_dial.ipynb')
    """
    t = pd.DataFrame(VIEWS, columns=["file", "title", "session", "description"])
    return t.assign(file=t["file"] + ".ipynb")


def landing_html(table: pd.DataFrame | None = None) -> str:
    """Write the landing page: one row per view, its title a link, its session and a line on what it shows.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        :func:`views_table` by default.

    Returns
    -------
    str
        A ``<table class='ck-landing'>``; each link is relative, so it opens the
        view beside the landing page.

    Examples
    --------
    >>> h = landing_html()
    >>> h.startswith("<table class='ck-landing'"), "href='era_dial.ipynb'" in h, h.count("<tr")
    (True, True, 10)
    """
    table = views_table() if table is None else table
    td = "style='padding:8px 14px;vertical-align:top;border-bottom:1px solid #e5e5e5'"
    rows = "".join(
        f"<tr><td {td}><a class='ck-view-link' href='{html.escape(r.file)}' style='font-size:17px;"
        f"font-weight:bold;color:#1f4e79'>{html.escape(r.title)}</a><br>"
        f"<span style='color:#444'>{html.escape(r.description)}</span></td>"
        f"<td {td}><span style='color:#666;white-space:nowrap'>{html.escape(r.session)}</span></td></tr>"
        for r in table.itertuples())
    head = ("<tr><th style='text-align:left;padding:8px 14px'>View</th>"
            "<th style='text-align:left;padding:8px 14px'>Belongs to</th></tr>")
    return (f"<table class='ck-landing' style='font-size:15px;border-collapse:collapse;max-width:1000px'>"
            f"{head}{rows}</table>")


@dataclass
class Landing(WidgetView):
    """The landing page: ``widget`` to display and the ``table`` of views it lists."""

    widget: widgets.Widget
    table: pd.DataFrame


def landing_page() -> Landing:
    """Build the landing page widget (``exec/index.ipynb`` shows it).

    Examples
    --------
    >>> page = landing_page()
    >>> "ck-landing" in page.widget.children[0].value, len(page.table) == len(VIEWS)
    (True, True)
    """
    table = views_table()
    return Landing(widgets.VBox([widgets.HTML(landing_html(table))]), table)
