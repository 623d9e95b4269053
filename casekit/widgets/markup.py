"""HTML pieces the widgets share: amounts of money that turn red when negative."""

from __future__ import annotations

from casekit.plots.style import RED, money

__all__ = ["money_html"]


def money_html(x: float, *, unit: str = "dollar", decimals: int | None = None) -> str:
    """Write dollars for an HTML table: :func:`casekit.plots.style.money`, in a red span when negative.

    Parameters
    ----------
    x : float
        Dollars.
    unit, decimals
        As in :func:`casekit.plots.style.money` (whole dollars by default).

    Returns
    -------
    str

    Examples
    --------
    >>> money_html(1234.4), money_html(-1234.4)
    ('$1,234', "<span style='color:#c0392b'>-$1,234</span>")
    """
    text = money(x, unit=unit, decimals=decimals)
    return f"<span style='color:{RED}'>{text}</span>" if x < 0 else text
