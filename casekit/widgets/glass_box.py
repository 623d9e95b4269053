"""Glass-box widgets (notebook 03): how much does rate-card accuracy matter?"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import numpy as np

from casekit.analysis import sensitivity as se
from casekit.plots.sensitivity import plot_rank_stability
from casekit.plots.style import DARK, RED
from casekit.widgets.blit import BlitFigure
from casekit.widgets.view import WidgetView

__all__ = ["sensitivity_widget", "SensitivityState", "summary_html"]


def summary_html(summary) -> str:
    """Write the stability figures as a small HTML block, the finding first.

    Parameters
    ----------
    summary : pandas.Series
        :func:`casekit.analysis.sensitivity.summarize` output, optionally with
        ``n_draws``.

    Returns
    -------
    str
        An HTML ``<div>``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series({"noise_pct": 30, "drains_kept_median": 5, "base_drains": 6,
    ...                "drains_added_median": 1, "n_draws": 50, "spearman_median": 0.98,
    ...                "spearman_p5": 0.95, "jaccard_median": 0.8, "jaccard_p5": 0.6,
    ...                "top20_kept_pct_median": 90})
    >>> h = summary_html(s)
    >>> h.startswith("<div"), "5 of 6 Profit Drains stay Drains" in h
    (True, True)
    """
    s = summary
    return (f"<div style='font-size:16px;line-height:1.5'>"
            f"<div style='font-size:17px;font-weight:bold'>With every rate up to ±{s['noise_pct']:.0f}% off, "
            f"{s['drains_kept_median']:.0f} of {int(s['base_drains'])} Profit Drains stay Drains and "
            f"{s['drains_added_median']:.0f} join them (medians)</div>"
            f"rank correlation with today's ranking (median of {int(s.get('n_draws', 0))} rate cards): "
            f"<b class='ck-spearman'>{s['spearman_median']:.3f}</b> (worst 5%: {s['spearman_p5']:.3f})<br>"
            f"Profit Drain set overlap (Jaccard, median): <b class='ck-jaccard'>{s['jaccard_median']:.2f}</b>"
            f" (worst 5%: {s['jaccard_p5']:.2f})<br>"
            f"today's top 20% of accounts still in the top 20%: <b>{s['top20_kept_pct_median']:.0f}%</b></div>")


@dataclass
class SensitivityState(WidgetView):
    """Hold the cached sensitivity model, the slider and the latest run.

    Built by :func:`sensitivity_widget`; :meth:`update` is the slider's callback.

    Parameters
    ----------
    model : casekit.analysis.sensitivity.SensitivityModel
        The company's cached driver matrix.
    noise : ipywidgets.IntSlider
        Largest error per rate (%).
    draws : int
        Random rate cards per slider position.
    seed : int
        Seed of the rate cards.
    html : ipywidgets.HTML
        :func:`summary_html` of the latest run.
    image : ipywidgets.Image
        The baseline vs perturbed profit scatter (PNG).
    canvas : casekit.widgets.blit.BlitFigure
        Renders the scatter.
    runs : pandas.DataFrame, optional
        The latest :meth:`casekit.analysis.sensitivity.SensitivityModel.run` frame.
    summary : pandas.Series, optional
        :func:`casekit.analysis.sensitivity.summarize` of ``runs`` plus ``n_draws``.
    history : list of float
        Median rank correlation after each update.
    widget : ipywidgets.VBox
        Display this.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> state = sensitivity_widget(co, n_draws=5)
    >>> isinstance(state, SensitivityState), state.runs.shape[0]
    (True, 5)
    >>> state.noise.value = 0
    >>> float(state.summary["spearman_median"]), len(state.history)
    (1.0, 2)
    """

    model: se.SensitivityModel
    noise: W.IntSlider
    draws: int
    seed: int
    html: W.HTML
    image: W.Image
    canvas: BlitFigure
    runs: object = None
    summary: object = None
    history: list = field(default_factory=list)
    widget: W.VBox = None

    def _background(self):
        ax = self.canvas.reset()
        runs = self.model.run(0, n_draws=1, seed=self.seed)
        plot_rank_stability(runs, ax=ax)
        for loc in ("left", "center", "right"):
            ax.set_title("", loc=loc)
        ax.set_title("Each dot is an account: profit as costed today vs with a perturbed rate card",
                     fontsize=13, loc="left")
        base = self.model.base_profit
        span = np.abs(base).max() * 2.0
        ax.set_xlim(-span, span)
        ax.set_ylim(-span, span)
        for coll in list(ax.collections):
            coll.remove()
        self.canvas.freeze()
        self._neg = base <= 0
        self._colors = (DARK, RED)

    def update(self, *_):
        """Re-draw the perturbed rate cards and redraw (the slider callback)."""
        if self.canvas.background is None:
            self._background()
        self.runs = self.model.run(self.noise.value, n_draws=self.draws, seed=self.seed)
        self.summary = se.summarize(self.runs)
        self.summary["n_draws"] = self.draws
        self.html.value = summary_html(self.summary)
        ax = self.canvas.figure.axes[0]
        base, pert = self.model.base_profit, self.runs.attrs["profit"].to_numpy()
        arts = [ax.scatter(base[~self._neg], pert[~self._neg], s=22, color=self._colors[0], alpha=0.6,
                           animated=True, zorder=3),
                ax.scatter(base[self._neg], pert[self._neg], s=30, color=self._colors[1], alpha=0.8,
                           animated=True, zorder=3)]
        self.image.value = self.canvas.png(arts)
        self.history.append(float(self.summary["spearman_median"]))


def sensitivity_widget(company, *, rates=None, noise_pct: int = 30, n_draws: int = 50, seed: int = 2010,
                       model: se.SensitivityModel | None = None):
    """Build the rate-card accuracy widget: a noise slider, the stability numbers and a scatter.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    rates : RateCard, optional
        The default rate card when omitted.
    noise_pct : int, default=30
        Where the slider starts (largest error per rate, %).
    n_draws : int, default=50
        Random rate cards per slider position.
    seed : int, default=2010
        Pass an int for reproducible output across multiple function calls.
    model : SensitivityModel, optional
        Reuse a prepared model (saves one engine run).

    Returns
    -------
    SensitivityState
        Displays as its widget tree (``.widget``); set ``.noise.value`` and
        read ``.summary`` or ``.html.value``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> state = sensitivity_widget(co, noise_pct=30, n_draws=5)
    >>> type(state.widget).__name__, float(state.summary["noise_pct"])
    ('VBox', 30.0)
    >>> state.noise.value = 0
    >>> float(state.summary["noise_pct"]), float(state.summary["jaccard_median"])
    (0.0, 1.0)
    """
    model = se.sensitivity_model(company, rates) if model is None else model
    noise = W.IntSlider(value=noise_pct, min=0, max=60, step=5, description="Rate error ± (%)",
                        style={"description_width": "140px"}, layout=W.Layout(width="480px"),
                        continuous_update=False)
    state = SensitivityState(model=model, noise=noise, draws=n_draws, seed=seed, html=W.HTML(),
                             image=W.Image(format="png", layout=W.Layout(width="612px")), canvas=BlitFigure())
    noise.observe(state.update, names="value")
    state.update()
    state.widget = W.VBox([noise, state.html, state.image])
    return state
