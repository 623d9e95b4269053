"""The draws a model's claim is re-checked under, beyond the one the class sees.

A notebook shows one draw (seed 0) so that every laptop in the room shows the
same chart.  One draw proves little, so the notebooks and tests re-run each
claim under :data:`OTHER_DRAWS` and say how often it holds; :func:`seed_span`
writes that range the way the notebooks' prose names it, so the text and the
code cannot drift apart.
"""

from __future__ import annotations

__all__ = ["OTHER_DRAWS", "seed_span"]

OTHER_DRAWS = range(11, 31)
"""Seeds for the re-checks: twenty draws, none of them the seed 0 the class sees."""


def seed_span(seeds) -> str:
    """Name a run of consecutive seeds as prose does ("seeds 11–30").

    Parameters
    ----------
    seeds : iterable of int
        Consecutive seeds, in order.

    Returns
    -------
    str

    Examples
    --------
    >>> seed_span(OTHER_DRAWS)
    'seeds 11–30'
    >>> seed_span([4])
    'seed 4'
    >>> seed_span([1, 3])
    Traceback (most recent call last):
    ...
    ValueError: seed_span needs consecutive seeds in order; got [1, 3].
    """
    seeds = list(seeds)
    if not seeds or seeds != list(range(seeds[0], seeds[0] + len(seeds))):
        raise ValueError(f"seed_span needs consecutive seeds in order; got {seeds}.")
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    return f"seeds {seeds[0]}–{seeds[-1]}"
