"""Regenerate ``docs/``: the slide figures and the rendered instructor documents.

Run ``python -m casekit.teaching.slides`` after changing the case or a
template in ``docs/src/``; it writes ``docs/figures/*.png``
(:mod:`casekit.teaching.slide_figures`), ``docs/*.md`` and
``docs/numbers.json`` (:mod:`casekit.teaching.docs`).  A test fails when the
committed files are stale.
"""

from __future__ import annotations

from casekit.teaching.docs import ROOT, write_docs
from casekit.teaching.slide_figures import write_slide_figures

__all__ = ["main"]


def main(argv=None) -> int:
    """Regenerate ``docs/figures/*.png`` and ``docs/*.md`` from the case (``python -m casekit.teaching.slides``).

    Writes into the repository's ``docs/`` folder and prints each path
    written; to write elsewhere, call :func:`casekit.teaching.slide_figures.write_slide_figures` and
    :func:`casekit.teaching.docs.write_docs` with a folder.

    Parameters
    ----------
    argv : list of str, optional
        Unused (the command takes no options).

    Returns
    -------
    int
        The exit code, 0.

    Examples
    --------
    Running it rewrites ``docs/``, so here only the entry point is shown:

    >>> import inspect
    >>> list(inspect.signature(main).parameters), callable(main)
    (['argv'], True)
    """
    import matplotlib
    matplotlib.use("Agg")
    figs = write_slide_figures(ROOT / "docs" / "figures")
    docs = write_docs()
    for p in [*figs, *docs]:
        print(p.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
