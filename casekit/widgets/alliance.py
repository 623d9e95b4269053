"""The natural alliance of sales and operations (notebook 07; ideas I8, I9, I11, I13).

Figures for the account moves that help both functions, the two
account-development paths and the aligned vs unaligned company, and the
operations-timing widget: a slider picks the quarter operations joins the
key-account team and the account's quarters are redrawn against "sales
first, supply chain last".  Every path is computed once when the widget is
built (a few ms each), so a slider move only redraws the moving lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

import casekit.models.account_development as ad
from casekit.plots import DARK, GREEN, GREY, LABEL_SIZE, RED, TICK_SIZE, TITLE_SIZE, _dollars, _money, _price
from casekit.plots import _style as _plot_style
from casekit.widgets.levers import BlitFigure

__all__ = ["story_account", "plot_account_moves", "plot_account_paths", "plot_alignment", "paths_finding", "paths_table_html", "OpsTiming",
           "ops_timing_widget"]

MOVE_LABELS = {"as is": "as is", "extra_service": "extra service\n(sales says yes)",
               "minimum_order": "minimum order\n(operations says no)",
               "joint_redesign": "joint redesign\n(both together)"}

# (column, panel title, y label, formatter)
_PANELS = [
    ("customer_profit", "Customer's profit from your products", "$ per quarter", _money),
    ("your_revenue", "Your sales to the account", "$ per quarter", _money),
    ("your_cost_to_serve_per_case", "Your cost to serve per case", "$ per case", _price),
    ("your_profit", "Your profit after cost to serve and project", "$ per quarter", _money),
]


def _style(ax, title, xlabel, ylabel, size=TITLE_SIZE - 2):
    _plot_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, label_size=LABEL_SIZE - 1,
                wrap=False)


def _check(frame, columns, func, source):
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func} takes the DataFrame returned by {source}; got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{func}: the frame has no column(s) {missing}; pass the frame returned by {source}.")


# --------------------------------------------------------------------------- the account
def story_account(company, pnl) -> str:
    """Pick the account notebook 07 follows: a Profit Drain that sales and operations can fix together.

    Among the Profit Drains (:func:`casekit.analysis.profitability.segment_customers`),
    the largest by revenue that loses money over the horizon on "sales first,
    supply chain last" and earns money with operations early; if no Drain
    turns, the Drain whose profit rises most with operations early.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.

    Returns
    -------
    str
        A ``customer_id``.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> cid = story_account(company, cost_to_serve(company))
    >>> isinstance(cid, str), cid in set(company.customers["customer_id"].astype(str))
    (True, True)
    """
    from casekit.analysis.profitability import segment_customers

    seg = segment_customers(pnl)
    drains = seg[seg["segment"] == "Profit Drain"].sort_values("revenue", ascending=False)
    if drains.empty:
        return ad.key_account(company, pnl)
    best, best_gain = None, -np.inf
    for cid in drains["customer_id"].astype(str):
        t = ad.path_totals(ad.account_paths(company, pnl, customer_id=cid))
        late, early = t.loc[ad.PATHS[0], "your_profit"], t.loc[ad.PATHS[1], "your_profit"]
        if late < 0 < early:
            return cid
        if early - late > best_gain:
            best, best_gain = cid, early - late
    return best


# --------------------------------------------------------------------------- I8
def plot_account_moves(moves: pd.DataFrame, *, axes=None):
    """Draw what each move does to sales' number, operations' number and the account's profit.

    Parameters
    ----------
    moves : pandas.DataFrame
        :func:`casekit.models.alignment.account_moves`.
    axes : sequence of 3 matplotlib Axes, optional
        Where to draw; a new 1 x 3 figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The three panels: revenue, operations cost per case, net profit.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> from casekit.models.alignment import account_moves
    >>> axes = plot_account_moves(account_moves(company, pnl, customer_id=story_account(company, pnl)))
    >>> axes.shape, type(axes[0]).__name__
    ((3,), 'Axes')
    >>> plt.close(axes[0].figure)
    """
    _check(moves, ["move", "d_revenue", "d_operations_cost_per_case", "d_net_profit", "helps_sales",
                   "helps_operations", "helps_company"], "plot_account_moves", "account_moves(company, pnl, ...)")
    m = moves[moves["move"] != "as is"].iloc[::-1]
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(14, 4.2), sharey=True, layout="constrained")
    else:
        fig = axes[0].figure
    labels = [MOVE_LABELS.get(x, x) for x in m["move"]]
    panels = [("d_revenue", "helps_sales", "Sales' number: revenue", "change in revenue, $", _money),
              ("d_operations_cost_per_case", "helps_operations", "Operations' number: cost per case",
               "change in operations cost, $ per case", _price),
              ("d_net_profit", "helps_company", "The account's net profit", "change in net profit, $", _money)]
    for ax, (col, helps, title, xlabel, fmt) in zip(axes, panels):
        colors = [GREEN if h else RED for h in m[helps]]
        ax.barh(labels, m[col], color=colors)
        ax.axvline(0, color=DARK, lw=1)
        ax.xaxis.set_major_formatter(FuncFormatter(fmt))
        ax.xaxis.set_major_locator(MaxNLocator(4))
        for y, v in enumerate(m[col]):
            ax.annotate(fmt(v), (v, y), xytext=(4 if v >= 0 else -4, 0), textcoords="offset points",
                        ha="left" if v >= 0 else "right", va="center", fontsize=TICK_SIZE, parse_math=False)
        lo, hi = min(0.0, m[col].min()), max(0.0, m[col].max())
        pad = 0.35 * (hi - lo or 1.0)
        ax.set_xlim(lo - pad, hi + pad)
        _style(ax, title, xlabel, "")
    both = m.loc[m["helps_sales"] & m["helps_operations"] & m["helps_company"], "move"].tolist()
    cid = moves.attrs.get("customer_id", "the account")
    finding = (f"{cid}: only {' and '.join(both).replace('_', ' ')} helps sales, operations and profit at once"
               if both else f"{cid}: no single move helps sales, operations and profit at once")
    fig.suptitle(finding + " (green helps, red hurts)", fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)


# --------------------------------------------------------------------------- I9
def _two_lines(text: str) -> str:
    """Break a long title at the space nearest its middle."""
    if len(text) <= 80:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _fmt_axis(ax, fmt):
    ax.yaxis.set_major_formatter(FuncFormatter(fmt))


def _losses(ax, ymin):
    """Shade the region below zero red (where a quarter loses money), keeping the axis limits."""
    if ymin < 0:
        lo, hi = ax.get_ylim()
        ax.axhspan(min(lo, ymin) * 1.5, 0, color=RED, alpha=0.08, lw=0)
        ax.axhline(0, color=RED, lw=1)
        ax.set_ylim(lo, hi)


def paths_finding(totals: pd.DataFrame) -> str:
    """Return one sentence stating what operations early does to the account.

    Parameters
    ----------
    totals : pandas.DataFrame
        :func:`casekit.models.account_development.path_totals`, indexed by path
        ("sales first, supply chain last" first, "operations early" second).

    Returns
    -------
    str
        The customer's and your change, and your profit on each path.

    Examples
    --------
    >>> import casekit.models.account_development as ad
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> totals = ad.path_totals(ad.account_paths(company, cost_to_serve(company)))
    >>> paths_finding(totals).startswith("Operations early: the customer earns")
    True
    """
    late, early = totals.loc[ad.PATHS[0]], totals.loc[ad.PATHS[1]]
    cust = 100 * (early["customer_profit"] / late["customer_profit"] - 1)
    sales = 100 * (early["your_revenue"] / late["your_revenue"] - 1)
    return (f"Operations early: the customer earns {cust:+.0f}% on your products, your sales {sales:+.0f}%, "
            f""
            f"and your profit goes from {_money(late['your_profit'])} to {_money(early['your_profit'])} "
            f"over {int(totals.attrs.get('n_quarters', 12))} quarters")


def plot_account_paths(paths: pd.DataFrame, *, axes=None):
    """Draw the two account-development paths quarter by quarter (I9).

    Four panels: the customer's profit from your products, your sales, your
    cost to serve per case and your profit; "sales first, supply chain last"
    in grey, "operations early" in green; quarters that lose money on red.

    Parameters
    ----------
    paths : pandas.DataFrame
        :func:`casekit.models.account_development.account_paths`.
    axes : 2 x 2 array of matplotlib Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The 2 x 2 panels.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> import casekit.models.account_development as ad
    >>> axes = plot_account_paths(ad.account_paths(company, pnl))
    >>> axes.shape, type(axes[0, 0]).__name__
    ((2, 2), 'Axes')
    >>> plt.close(axes[0, 0].figure)
    """
    _check(paths, ["path", "quarter", *[c for c, *_ in _PANELS]], "plot_account_paths",
           "account_paths(company, pnl)")
    if axes is None:
        fig, axes = plt.subplots(2, 2, figsize=(13, 8), sharex=True, layout="constrained")
    else:
        fig = np.asarray(axes).flat[0].figure
    totals = ad.path_totals(paths)
    totals.attrs["n_quarters"] = int(paths["quarter"].max())
    styles = {ad.PATHS[0]: dict(color=GREY, ls="--", marker="o"), ad.PATHS[1]: dict(color=GREEN, marker="o")}
    for ax, (col, title, ylabel, fmt) in zip(np.asarray(axes).flat, _PANELS):
        for label, g in paths.groupby("path", observed=True, sort=False):
            g = g.sort_values("quarter")
            ax.plot(g["quarter"], g[col], label=str(label), lw=2.2, **styles.get(str(label), {}))
            if col == "your_profit":
                neg = g[g[col] < 0]
                ax.scatter(neg["quarter"], neg[col], color=RED, zorder=3, s=40)
            joins = g.loc[g["ops_engaged"], "quarter"]
            if len(joins):
                ax.axvline(joins.min(), color=styles.get(str(label), {}).get("color", DARK), lw=0.8, ls=":")
        _losses(ax, min(paths[col].min(), 0))
        _fmt_axis(ax, fmt)
        _style(ax, title, "quarter", ylabel)
    np.asarray(axes).flat[0].legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")
    fig.suptitle(_two_lines(paths_finding(totals)), fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)


def paths_table_html(path: pd.DataFrame, reference: pd.DataFrame) -> str:
    """Return an HTML table of one path's totals against the reference path (sales first).

    Parameters
    ----------
    path : pandas.DataFrame
        One path of :func:`casekit.models.account_development.account_paths` or
        :func:`casekit.models.account_development.develop_account` (quarters as rows).
    reference : pandas.DataFrame
        The "sales first, supply chain last" path, same columns.

    Returns
    -------
    str
        A ``<table>``: customer's profit, your sales, sales growth, cost to
        serve per case, project cost and your profit on the reference, on
        ``path`` and the change.

    Examples
    --------
    >>> import casekit.models.account_development as ad
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> paths = ad.account_paths(company, cost_to_serve(company))
    >>> late, early = (paths[paths["path"] == p] for p in ad.PATHS[:2])
    >>> html = paths_table_html(early, late)
    >>> html.startswith("<table"), "ck-ops-your_profit" in html
    (True, True)
    """
    both = pd.concat([reference.assign(path="ref"), path.assign(path="now")], ignore_index=True)
    t = ad.path_totals(both)
    ref, now = t.loc["ref"], t.loc["now"]
    rows = [("Customer's profit from your products", "customer_profit", _dollars),
            ("Your sales", "your_revenue", _dollars),
            ("Your sales growth, first to last quarter", "sales_growth_pct", lambda v: f"{v:+.1f}%"),
            ("Your cost to serve per case, last quarter", "final_cost_to_serve_per_case", _price),
            ("Operations project cost", "ops_project_cost", _dollars),
            ("Your profit", "your_profit", _dollars)]
    joins = path.loc[path["ops_engaged"], "quarter"]
    head = (f"operations joins in quarter {int(joins.min())}" if len(joins) else "operations never joins")
    out = ["<table style='font-size:15px;border-collapse:collapse'>",
           f"<tr><th style='text-align:left;padding:2px 10px'>over {len(path)} quarters</th>"
           f"<th style='padding:2px 10px'>sales first, supply chain last</th>"
           f"<th style='padding:2px 10px'>{head}</th><th style='padding:2px 10px'>change</th></tr>"]
    for label, key, fmt in rows:
        a, b = float(ref[key]), float(now[key])
        color = RED if (key == "your_profit" and b < 0) else "inherit"
        out.append(f"<tr><td style='padding:2px 10px'>{label}</td>"
                   f"<td style='text-align:right;padding:2px 10px'>{fmt(a)}</td>"
                   f"<td class='ck-ops-{key}' style='text-align:right;padding:2px 10px;color:{color}'>"
                   f"<b>{fmt(b)}</b></td><td style='text-align:right;padding:2px 10px'>{fmt(b - a)}</td></tr>")
    out.append("</table>")
    return "".join(out)


@dataclass
class OpsTiming:
    """Hold the state of the operations-timing widget (I9), built by :func:`ops_timing_widget`.

    Attributes
    ----------
    slider : ipywidgets.IntSlider
        The quarter operations joins; set ``.value`` to move it.
    path : pandas.DataFrame
        :func:`casekit.models.account_development.develop_account` for the slider's quarter.
    reference : pandas.DataFrame
        The "sales first, supply chain last" path.
    totals : pandas.Series
        ``path_totals`` of ``path``.
    table : ipywidgets.HTML
        :func:`paths_table_html` of ``path``.
    image : ipywidgets.Image
        The four panels, the slider's path in green.
    history : list of float
        ``your_profit`` after each update.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> box, state = ops_timing_widget(company, pnl)
    >>> isinstance(state, OpsTiming), int(state.path["quarter"].max()) == state.slider.max
    (True, True)
    """

    customer_id: str
    slider: W.IntSlider
    table: W.HTML
    image: W.Image
    canvas: BlitFigure
    paths: dict
    reference: pd.DataFrame
    path: pd.DataFrame = None
    totals: pd.Series = None
    history: list = field(default_factory=list)

    def update(self, *_):
        """Show the path for the slider's quarter (the slider callback)."""
        self.path = self.paths[self.slider.value]
        self.totals = ad.path_totals(self.path).iloc[0]
        self.table.value = paths_table_html(self.path, self.reference)
        self.image.value = self.canvas.png(self._artists())
        self.history.append(float(self.totals["your_profit"]))

    def _artists(self):
        out = []
        q = self.path["quarter"].to_numpy()
        for ax, (col, *_rest) in zip(self.canvas.figure.axes, _PANELS):
            y = self.path[col].to_numpy()
            out.append(Line2D(q, y, color=GREEN, lw=2.4, marker="o", animated=True))
            ax.add_line(out[-1])
            out.append(ax.axvline(self.slider.value, color=GREEN, lw=1, ls=":", animated=True))
            if col == "your_profit" and (y < 0).any():
                out.append(Line2D(q[y < 0], y[y < 0], color=RED, lw=0, marker="o", ms=7, animated=True))
                ax.add_line(out[-1])
        return out


def ops_timing_widget(company, pnl, *, customer_id=None, ops_joins=1, n_quarters=None):
    """Build the widget that moves the quarter operations joins the key-account team (I9).

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    customer_id : str, optional
        The account; :func:`casekit.models.account_development.key_account` by default.
    ops_joins : int, default=1
        The slider's first position.
    n_quarters : int, optional
        The horizon (the assumptions' ``n_quarters`` by default).

    Returns
    -------
    (ipywidgets.VBox, OpsTiming)
        The widget tree and its state; set ``state.slider.value`` and read
        ``state.totals`` or ``state.table.value``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> box, state = ops_timing_widget(company, pnl, ops_joins=1)
    >>> type(box).__name__, state.slider.value
    ('VBox', 1)
    >>> before = state.table.value
    >>> state.slider.value = 6
    >>> state.table.value != before, len(state.history)
    (True, 2)
    """
    customer_id = ad.key_account(company, pnl) if customer_id is None else str(customer_id)
    ref = ad.account_paths(company, pnl, customer_id=customer_id, n_quarters=n_quarters)
    reference = ref[ref["path"] == ad.PATHS[0]].drop(columns="customer_id").reset_index(drop=True)
    reference["path"] = reference["path"].astype(str)
    n = int(reference["quarter"].max())
    if not 1 <= ops_joins <= n:
        raise ValueError(f"ops_timing_widget: ops_joins={ops_joins!r} must be between 1 and {n}.")
    paths = {q: ad.develop_account(company, pnl, ops_joins=q, customer_id=customer_id, n_quarters=n)
             for q in range(1, n + 1)}
    canvas = _background(reference, paths, customer_id)
    slider = W.IntSlider(value=ops_joins, min=1, max=n, step=1, description="Operations joins in quarter",
                         style={"description_width": "200px"}, layout=W.Layout(width="520px"),
                         continuous_update=False)
    state = OpsTiming(customer_id=customer_id, slider=slider, table=W.HTML(),
                      image=W.Image(format="png", layout=W.Layout(width="760px")), canvas=canvas, paths=paths,
                      reference=reference)
    slider.observe(state.update, names="value")
    state.update()
    return W.VBox([slider, state.table, state.image]), state


def _background(reference, paths, customer_id) -> BlitFigure:
    """The widget's static figure: axes fixed to every path's range, sales first drawn in grey."""
    canvas = BlitFigure(figsize=(10.5, 6.6))
    fig = canvas.figure
    fig.clf()
    fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.09, hspace=0.4, wspace=0.28)
    allp = pd.concat([reference, *paths.values()], ignore_index=True)
    for i, (col, title, ylabel, fmt) in enumerate(_PANELS):
        ax = fig.add_subplot(2, 2, i + 1)
        ax.plot(reference["quarter"], reference[col], color=GREY, ls="--", marker="o", lw=2,
                label="sales first, supply chain last")
        lo, hi = float(allp[col].min()), float(allp[col].max())
        pad = 0.08 * (hi - lo or abs(hi) or 1.0)
        ax.set_ylim(min(lo - pad, 0) if col == "your_profit" else lo - pad, hi + pad)
        ax.set_xlim(0.5, reference["quarter"].max() + 0.5)
        _losses(ax, lo - pad)
        _fmt_axis(ax, fmt)
        _style(ax, title, "quarter", ylabel, size=TITLE_SIZE - 3)
    fig.axes[0].legend(handles=[Line2D([], [], color=GREY, ls="--", marker="o", label="sales first, supply chain last"),
                                Line2D([], [], color=GREEN, marker="o", label="operations joins at the slider")],
                       fontsize=TICK_SIZE - 1, frameon=False, loc="upper left")
    fig.suptitle(f"{customer_id}: the earlier operations joins, the more both companies earn",
                 fontsize=TITLE_SIZE - 1, fontweight="bold", parse_math=False)
    canvas.freeze()
    return canvas


# --------------------------------------------------------------------------- I11, I13
def plot_alignment(board: pd.DataFrame, *, axes=None):
    """Draw revenue, operations cost and profit of the company run in silos vs on one account P&L.

    Parameters
    ----------
    board : pandas.DataFrame
        :func:`casekit.models.alignment.compare_alignment`.
    axes : sequence of 3 matplotlib Axes, optional
        Where to draw; a new 1 x 3 figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The three panels: revenue, operations cost per case, profit.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> from casekit.models.alignment import compare_alignment
    >>> axes = plot_alignment(compare_alignment(company, pnl))
    >>> axes.shape, type(axes[0]).__name__
    ((3,), 'Axes')
    >>> plt.close(axes[0].figure)
    """
    _check(board, ["scenario", "revenue", "operations_cost", "operations_cost_per_case", "profit"],
           "plot_alignment", "compare_alignment(company, pnl)")
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(14, 4.6), layout="constrained")
    else:
        fig = axes[0].figure
    labels = [s.replace("each function on its own metric", "each on its\nown metric")
              .replace("shared account P&L", "one account\nP&L") for s in board["scenario"]]
    colors = [GREY, "#e67e22", GREEN][: len(board)]
    panels = [("revenue", "Revenue (sales' metric)", "$ per year", _money),
              ("operations_cost_per_case", "Operations cost per case\n(operations' metric)", "$ per case", _price),
              ("profit", "Profit after cost to serve\nand complexity", "$ per year", _money)]
    for ax, (col, title, ylabel, fmt) in zip(axes, panels):
        vals = board[col].to_numpy(dtype=float)
        bar_colors = [RED if (col == "profit" and v < 0) else c for v, c in zip(vals, colors)]
        ax.bar(labels, vals, color=bar_colors)
        label = (lambda v: f"${v / 1e6:.1f}M") if col == "revenue" else fmt
        for x, v in enumerate(vals):
            ax.annotate(label(v), (x, v), xytext=(0, 3), textcoords="offset points", ha="center",
                        fontsize=TICK_SIZE + 1, fontweight="bold", parse_math=False)
        if col == "revenue":
            ax.set_ylim(0.9 * vals.min(), 1.03 * vals.max())
        ax.yaxis.set_major_formatter(FuncFormatter(fmt))
        _style(ax, title, "", ylabel)
    b = board.set_index("scenario")
    fig.suptitle(f"One account P&L: profit {_money(b['profit'].iloc[-1])} vs {_money(b['profit'].iloc[1])} "
                 f"with each function on its own metric", fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)
