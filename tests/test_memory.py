"""The engine's big arrays: mapped up front where the system can, plain zeros otherwise."""

import mmap
from pathlib import Path

import numpy as np
import pytest

from casekit.costing import memory
from casekit.costing.memory import POPULATE_FROM, populated_zeros


def _resident_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not hasattr(mmap, "MAP_POPULATE"), reason="MAP_POPULATE is Linux's")
def test_pages_are_resident_before_the_first_write():
    n = 64 << 20  # 64 MB of bytes
    before = _resident_kb()
    mapped = populated_zeros(n, np.uint8)
    after_mapped = _resident_kb()
    plain = np.zeros(n, np.uint8)
    after_plain = _resident_kb()
    # Mapped up front: resident at once.  numpy.zeros (the control): nothing until written.
    assert after_mapped - before > 60 << 10
    assert after_plain - after_mapped < 8 << 10
    assert isinstance(memoryview(mapped.base).obj, mmap.mmap) and plain.base is None
    mapped[::4096] = 1
    assert int(mapped.sum()) == n // 4096 and mapped.flags.writeable


def test_small_arrays_and_systems_without_populate_get_numpy_zeros(monkeypatch):
    small = populated_zeros(POPULATE_FROM // 8 - 1)
    assert small.base is None and small.dtype == np.float64 and not small.any()
    monkeypatch.delattr(mmap, "MAP_POPULATE", raising=False)
    big = populated_zeros(POPULATE_FROM, np.int64)
    assert big.base is None and big.shape == (POPULATE_FROM,) and big.dtype == np.int64 and not big.any()


def test_a_mapping_that_fails_falls_back_to_numpy(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(memory.mmap, "mmap", refuse)
    a = populated_zeros(POPULATE_FROM, np.float64)
    assert a.base is None and not a.any()
