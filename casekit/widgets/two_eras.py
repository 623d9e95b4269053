"""The era dial of notebook 01 (ideas I5, I6).

One slider moves Beacon Brands from the Age of Mass Markets (0) to the Age of
Precision Markets (1).  Each dial position's company, P&L, profile and
rendered figure are computed once, when first visited, and cached, so moving
back and forth only swaps an image and a line of text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import ipywidgets as widgets

from casekit.models.eras import CLASSROOM_SEED, ERA_STEPS, era_label, era_profile
from casekit.plots.eras import plot_era_panel
from casekit.plots.style import RED, money, percent
from casekit.widgets.view import WidgetView

__all__ = ["EraDial", "era_dial", "era_summary_html"]


def era_summary_html(profile) -> str:
    """Write the dial's one-line summary of an :func:`casekit.models.eras.era_profile`.

    Parameters
    ----------
    profile : pandas.Series or dict
        An era profile (at least ``era``, ``rank_agreement``,
        ``pocket_price_spread_pts``, ``cts_per_case_p10``,
        ``cts_per_case_p90``, ``skus_sold``, ``niche_skus_sold``,
        ``niche_revenue_pct`` and ``customers_losing_pct``).

    Returns
    -------
    str
        An HTML ``<div>``; the rank agreement is in ``<b class='rho'>``.

    Examples
    --------
    >>> p = {"era": 1.0, "rank_agreement": 0.4, "pocket_price_spread_pts": 16.6,
    ...      "cts_per_case_p10": 3.81, "cts_per_case_p90": 22.63, "skus_sold": 300,
    ...      "niche_skus_sold": 180, "niche_revenue_pct": 23.7, "customers_losing_pct": 33.2}
    >>> text = era_summary_html(p)
    >>> text.startswith("<div"), "precision era" in text, "<b class='rho'>0.40</b>" in text
    (True, True, True)
    """
    p = profile
    return (
        f"<div style='font-size:15px'><b>{era_label(p['era'])}</b> · "
        f"rank agreement <b class='rho'>{p['rank_agreement']:.2f}</b> · "
        f"pocket-price spread <b>{p['pocket_price_spread_pts']:.1f}</b> pts · "
        f"cost to serve per case {money(p['cts_per_case_p10'], unit='dollar', decimals=2)}–"
        f"{money(p['cts_per_case_p90'], unit='dollar', decimals=2)} · "
        f"SKUs sold <b>{p['skus_sold']}</b> ({p['niche_skus_sold']} niche, "
        f"{percent(p['niche_revenue_pct'])} of revenue) · "
        f"customers losing money <b style='color:{RED}'>{percent(p['customers_losing_pct'])}</b></div>"
    )


def _png(era: float, seed: int) -> bytes:
    fig = plot_era_panel(era, seed=seed, pyplot=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    return buf.getvalue()


@dataclass
class EraDial(WidgetView):
    """Hold the era dial: widget tree plus the state it drives.

    Built by :func:`era_dial`; :meth:`update` is the slider's callback and
    :meth:`view` caches each position's profile, summary and figure.

    Parameters
    ----------
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    slider : ipywidgets.SelectionSlider
        Dial position, one of ``ERA_STEPS``; set ``.value`` to move it.
    summary : ipywidgets.HTML
        The numbers for the current position.
    image : ipywidgets.Image
        The rendered three-panel figure for the current position.
    profile : pandas.Series
        :func:`casekit.models.eras.era_profile` at the current position.

    Examples
    --------
    >>> dial = era_dial(start=1.0, steps=(1.0,), precompute=False)
    >>> isinstance(dial, EraDial), dial.profile["era"]
    (True, 1.0)
    >>> dial.view(1.0) is dial.view(1.0)
    True
    >>> dial.update(1.0)
    >>> "precision era" in dial.summary.value, len(dial.image.value) > 0
    (True, True)
    """

    seed: int = CLASSROOM_SEED
    widget: widgets.VBox = None
    slider: widgets.SelectionSlider = None
    summary: widgets.HTML = None
    image: widgets.Image = None
    profile: object = None
    _cache: dict = field(default_factory=dict)

    def view(self, era: float):
        """Return (profile, summary html, png bytes) for a dial position, computing it once."""
        if era not in self._cache:
            prof = era_profile(era, seed=self.seed)
            self._cache[era] = (prof, era_summary_html(prof), _png(era, self.seed))
        return self._cache[era]

    def update(self, era: float) -> None:
        """Show dial position ``era`` (the slider's callback)."""
        self.profile, self.summary.value, self.image.value = self.view(era)


def era_dial(*, seed: int = CLASSROOM_SEED, start: float = 0.0, steps=ERA_STEPS,
             precompute: bool = True) -> EraDial:
    """Build the era dial over ``make_company(era=..., seed=seed)``.

    Parameters
    ----------
    seed : int, default=CLASSROOM_SEED
        The company's seed; the default is the classroom case's.
    start : float, default=0.0
        Initial dial position; must be one of ``steps``.
    steps : sequence of float, default=(0, 0.25, 0.5, 0.75, 1)
        The dial's positions.
    precompute : bool, default=True
        Compute every position while building (about 1 s each), so that
        every move of the dial answers at once.  With False each position is
        computed on its first visit.

    Returns
    -------
    EraDial
        Showing ``start``; its ``profile`` follows the slider.

    Raises
    ------
    ValueError
        If ``start`` is not one of ``steps``.

    Examples
    --------
    >>> dial = era_dial(start=1.0, steps=(0.0, 1.0), precompute=False)
    >>> dial.profile["era"], "precision era" in dial.summary.value
    (1.0, True)
    >>> dial.slider.value = 0.0
    >>> dial.profile["era"], "mass era" in dial.summary.value
    (0.0, True)
    """
    steps = tuple(float(s) for s in steps)
    if float(start) not in steps:
        raise ValueError(f"era_dial: start={start!r} is not one of the dial's steps {steps}.")
    options = [(f"{s:.2f}" if s not in (0.0, 1.0) else ("0 mass" if s == 0 else "1 precision"), s)
               for s in steps]
    dial = EraDial(seed=seed)
    dial.slider = widgets.SelectionSlider(options=options, value=float(start), description="Era",
                                          continuous_update=False,
                                          layout=widgets.Layout(width="520px"))
    dial.summary = widgets.HTML()
    dial.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
    dial.widget = widgets.VBox([dial.slider, dial.summary, dial.image])
    dial.slider.observe(lambda change: dial.update(change["new"]), names="value")
    dial.update(float(start))
    if precompute:
        for s in steps:
            dial.view(s)
    return dial
