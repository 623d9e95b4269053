"""How the engine asks for the memory its results fill.

NumPy asks the kernel for transparent huge pages for every large array
(``madvise(MADV_HUGEPAGE)``).  Where the kernel defragments on demand for
such requests, the usual setting, the first write to a fresh array can wait
while the kernel compacts memory to find 2 MB pages.  A roll-up's results
are millions of rows written once into fresh arrays: measured on a 2-core
machine with 23 GB, filling a 10 M-line customer x product P&L (4.7 M rows,
21 columns) took 2.4 s with huge pages and 0.95 s with ordinary ones.
:func:`small_pages` turns the request off for the duration of a block.
"""

from __future__ import annotations

import contextlib

import numpy as np

__all__ = ["small_pages"]


def _switch():
    # numpy >= 2 keeps it in numpy._core, numpy 1 in numpy.core; a build without it has nothing to switch.
    for name in ("_core", "core"):
        multiarray = getattr(getattr(np, name, None), "multiarray", None)
        switch = getattr(multiarray, "_set_madvise_hugepage", None)
        if switch is not None:
            return switch
    return None


@contextlib.contextmanager
def small_pages():
    """Allocate NumPy arrays in ordinary pages inside the block; restore NumPy's setting on leaving it.

    The setting is NumPy's, for the whole process: arrays allocated by other
    threads during the block get ordinary pages too, which costs them
    nothing but a little address-translation cache.

    Examples
    --------
    >>> import numpy as np
    >>> with small_pages():
    ...     a = np.zeros(1_000_000)
    >>> float(a.sum())
    0.0
    """
    switch = _switch()
    if switch is None:
        yield
        return
    before = switch(False)
    try:
        yield
    finally:
        switch(before)
