"""How the engine asks for the memory its results fill.

NumPy asks the kernel for transparent huge pages for every large array
(``madvise(MADV_HUGEPAGE)``).  Where the kernel defragments on demand for
such requests, the usual setting, the first write to a fresh array can wait
while the kernel compacts memory to find 2 MB pages.  A roll-up's results
are millions of rows written once into fresh arrays: measured on a 2-core
machine with 23 GB, filling a 10 M-line customer x product P&L (4.7 M rows,
21 columns) took 2.4 s with huge pages and 0.95 s with ordinary ones.
:func:`small_pages` turns the request off for the duration of a block.

Ordinary pages still arrive one fault at a time, on first write.  When that
write is a scatter (a dense roll-up adding each line into its group's row)
while DuckDB's threads stream the next batch, the faults queue behind the
engine's own allocations: measured on 28.8 M lines (14.6 M groups, 12 sums),
the pass that adds them up took 6.3 s, 5.9 s of it in the kernel.
:func:`populated_zeros` asks the kernel to map an array's pages when it is
made (``MAP_POPULATE``), before the stream starts: the same pass took 3.8 s.
"""

from __future__ import annotations

import contextlib
import mmap

import numpy as np

__all__ = ["populated_zeros", "small_pages"]

POPULATE_FROM = 1 << 20
"""Arrays of at least this many bytes are mapped up front; smaller ones are plain ``numpy.zeros``."""


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


def populated_zeros(n: int, dtype=np.float64) -> np.ndarray:
    """``n`` zeros of ``dtype`` whose memory the kernel maps when the array is made, not on first write.

    The array is writable and lives in its own anonymous mapping, which is
    returned to the system when the array (and every view of it) is gone.
    Where ``MAP_POPULATE`` does not exist (not Linux), or for fewer than
    :data:`POPULATE_FROM` bytes, it is ``numpy.zeros``.

    Examples
    --------
    >>> a = populated_zeros(1_000_000)
    >>> a.dtype, a.shape, float(a.sum()), a.flags.writeable
    (dtype('float64'), (1000000,), 0.0, True)
    >>> populated_zeros(3, np.int64)
    array([0, 0, 0])
    """
    n = int(n)
    dtype = np.dtype(dtype)
    populate = getattr(mmap, "MAP_POPULATE", None)
    if populate is None or n * dtype.itemsize < POPULATE_FROM:
        return np.zeros(n, dtype)
    try:
        mapping = mmap.mmap(-1, n * dtype.itemsize, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | populate)
    except (OSError, ValueError):  # no room for the mapping: let NumPy ask and fail in its own words
        return np.zeros(n, dtype)
    return np.frombuffer(mapping, dtype=dtype, count=n)
