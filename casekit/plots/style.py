"""One look for every exhibit: colours, text sizes, the money and percent formatters, the axes style.

Every plot module draws with these, so a chart projected in class reads the
same whichever notebook made it: losses red, profit green, bold titles that
state the finding, no top/right spines, and money written one way
(:func:`money`).  Widgets and reports use :func:`money` and :func:`percent`
for the numbers they print next to a chart, so the table and the chart agree.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import FuncFormatter

from casekit.analysis.profitability import SEGMENTS

__all__ = ["RED", "GREEN", "DARK", "SAND", "GREY", "NAN_GREY", "SEGMENT_COLORS", "PROFIT_CMAP",
           "TITLE_SIZE", "LABEL_SIZE", "TICK_SIZE", "money", "money_ticks", "percent", "apply_style",
           "new_axes", "annotate"]

RED = "#c0392b"       # the sea of red ink
GREEN = "#1e8449"     # islands of profit
DARK = "#2c3e50"      # prices, neutral ink
SAND = "#c9a227"      # Profit Deserts
GREY = "#7f8c8d"
NAN_GREY = "#e5e5e5"  # profit map: customer never bought the product
SEGMENT_COLORS = dict(zip(SEGMENTS, (GREEN, RED, SAND)))

TITLE_SIZE = 15
LABEL_SIZE = 13
TICK_SIZE = 11

PROFIT_CMAP = LinearSegmentedColormap.from_list("casekit_profit", [RED, "#f5b7b1", "#ffffff", "#a9dfbf", GREEN])

_SCALES = {"dollar": (1.0, ""), "K": (1e3, "K"), "M": (1e6, "M")}


def money(x, pos=None, *, unit: str = "auto", decimals: int | None = None) -> str:
    """Write an amount of dollars the casekit way: the sign before the dollar sign.

    Parameters
    ----------
    x : float
        Dollars.  None, NaN and infinities give an empty string (an empty
        tick label or table cell).
    pos : object, optional
        Ignored: it lets ``matplotlib.ticker.FuncFormatter(money)`` call
        money for each tick.
    unit : {"auto", "dollar", "K", "M"}, default="auto"
        ``"auto"``: thousands, millions or billions chosen by size, one
        decimal below 10 of the unit, none above (or ``decimals``; zeros
        after the point are dropped), for axes and titles.  ``"dollar"``: dollars with thousands separators,
        for tables.  ``"K"``/``"M"``: always thousands / millions.
    decimals : int, optional
        Digits after the point; by default 0 for ``"dollar"`` and ``"K"``,
        1 for ``"M"`` (``"auto"`` as described above).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``unit`` is not one of the four above.

    Examples
    --------
    >>> money(1_234_567), money(-3_400), money(12_000), money(850)
    ('$1.2M', '-$3.4K', '$12K', '$850')
    >>> money(-1_234_567, unit="dollar"), money(12.3, unit="dollar", decimals=2)
    ('-$1,234,567', '$12.30')
    >>> money(-12_345, unit="K"), money(-1_250, unit="K", decimals=1), money(4_560_000, unit="M")
    ('-$12K', '-$1.2K', '$4.6M')
    >>> money(12_500, decimals=1), money(12_000, decimals=1)
    ('$12.5K', '$12K')
    >>> money(float("nan"))
    ''
    """
    if unit != "auto" and unit not in _SCALES:
        raise ValueError(f"money: unit={unit!r}; use 'auto', 'dollar', 'K' or 'M'.")
    if x is None or not np.isfinite(x):
        return ""
    sign = "-" if x < 0 else ""
    a = abs(float(x))
    if unit == "auto":
        for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if a >= div:
                v = a / div
                if decimals is None:
                    text = (f"{v:.1f}" if v < 10 else f"{v:.0f}").removesuffix(".0")
                else:
                    text = f"{v:,.{decimals}f}".removesuffix("." + "0" * decimals)
                return f"{sign}${text}{suffix}"
        return f"{sign}${a:.{decimals or 0}f}"
    scale, suffix = _SCALES[unit]
    if decimals is None:
        decimals = 1 if unit == "M" else 0
    return f"{sign}${a / scale:,.{decimals}f}{suffix}"


def money_ticks(*, unit: str = "auto", decimals: int | None = None) -> FuncFormatter:
    """Return a tick formatter that writes each tick with :func:`money`.

    Parameters
    ----------
    unit, decimals
        As in :func:`money`.

    Returns
    -------
    matplotlib.ticker.FuncFormatter

    Examples
    --------
    >>> money_ticks()(2_500_000, 0), money_ticks(unit="dollar", decimals=2)(3.5, 0)
    ('$2.5M', '$3.50')
    """
    money(0.0, unit=unit, decimals=decimals)  # fail here, not at draw time
    return FuncFormatter(lambda v, pos=None: money(v, unit=unit, decimals=decimals))


def percent(x, *, decimals: int = 0, signed: bool = False) -> str:
    """Write a number of percentage points: 12.34 -> '12%'.

    Parameters
    ----------
    x : float
        Percentage points (already multiplied by 100).  None, NaN and
        infinities give an empty string.
    decimals : int, default=0
        Digits after the point.
    signed : bool, default=False
        Write a '+' before positive numbers (for changes).

    Returns
    -------
    str

    Examples
    --------
    >>> percent(12.34), percent(12.34, decimals=1), percent(3.0, decimals=1, signed=True), percent(-2)
    ('12%', '12.3%', '+3.0%', '-2%')
    """
    if x is None or not np.isfinite(x):
        return ""
    return f"{x:{'+' if signed else ''}.{decimals}f}%"


def apply_style(ax, *, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None,
                title_size: float = TITLE_SIZE, label_size: float = LABEL_SIZE, wrap: bool = True) -> None:
    """Apply casekit's projected-readable style: bold title, large labels, no top/right spines.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to style.
    title, xlabel, ylabel : str, optional
        Set when given (plain text: '$' is a dollar sign, not mathtext).
    title_size, label_size : float, default=TITLE_SIZE, LABEL_SIZE
        Font sizes in points.
    wrap : bool, default=True
        Break a title longer than 72 characters into two balanced lines.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = new_axes(None)
    >>> apply_style(ax, title="Costs $3M", xlabel="x", ylabel="y")
    >>> ax.get_title(), ax.spines["top"].get_visible()
    ('Costs $3M', False)
    >>> plt.close("all")
    """
    if title is not None:
        if wrap and len(title) > 72:  # two balanced lines rather than one clipped one
            spaces = [i for i, ch in enumerate(title) if ch == " "]
            if spaces:
                cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
                title = title[:cut] + "\n" + title[cut + 1:]
        ax.set_title(title, parse_math=False, fontsize=title_size, fontweight="bold")
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontsize=label_size, parse_math=False)
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontsize=label_size, parse_math=False)
    ax.tick_params(labelsize=TICK_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def new_axes(ax=None, *, figsize=(10, 6)):
    """Return ``ax``, or the Axes of a new figure (10 x 6 in, constrained layout) when it is None.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = new_axes(None)
    >>> new_axes(ax) is ax, ax.figure.get_size_inches().tolist()
    (True, [10.0, 6.0])
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def annotate(ax, text: str, **kwargs):
    """Annotate with plain text ('$' is a dollar sign, not mathtext); keyword arguments of ``ax.annotate``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = new_axes(None)
    >>> annotate(ax, "$5 a case", xy=(0.5, 0.5)).get_text()
    '$5 a case'
    >>> plt.close("all")
    """
    return ax.annotate(text, parse_math=False, **kwargs)
