"""Peak memory of the current process, for the benchmark scripts."""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_memory_gb() -> float:
    """This process's high-water resident set, in GB.

    On Linux this reads ``VmHWM``.  ``ru_maxrss`` would be wrong there for a
    benchmark step run in a child process: Linux carries the parent's peak
    over across fork + exec, so a child spawned by a parent that held a
    generated company reports the parent's peak, not its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e9
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e9
