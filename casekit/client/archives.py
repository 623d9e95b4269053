"""Compressed client exports: which files casekit reads, the files a zip holds, one member extracted.

A ``.csv.gz`` is read as it is (DuckDB and Python both stream gzip); a
``.zip`` stands for the readable files it holds, each named
``archive.zip/member.csv`` so every message names the archive and the member,
and extracted to a temporary folder only when it is opened.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from casekit.client.validation import file_error as _err

__all__ = ["SUFFIXES", "readable", "zip_members", "zip_of", "extract"]

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet")
"""Suffixes of the files casekit reads (besides ``.csv.gz`` and ``.zip`` of them)."""
_TEXT = (".csv", ".txt", ".tsv")


def readable(p: Path) -> bool:
    """Whether casekit reads a file of this name (by its suffix).

    Examples
    --------
    >>> [readable(Path(n)) for n in ("jan.csv", "jan.csv.gz", "q1.zip", "jan.pdf", "db.gz")]
    [True, True, True, False, False]
    """
    suffix = p.suffix.lower()
    if suffix == ".gz":
        return Path(p.stem).suffix.lower() in _TEXT
    return suffix in SUFFIXES or suffix == ".zip"


def zip_members(path: Path, what: str) -> list[Path]:
    """The readable files a zip holds, as ``archive.zip/member`` paths (sorted)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
    except zipfile.BadZipFile:
        raise _err(path, "is not a zip archive (or it is damaged).", fix="zip the exported files again.") from None
    members = sorted(path / n for n in names if readable(Path(n)) and Path(n).suffix.lower() != ".zip"
                     and not n.startswith("__MACOSX/") and not Path(n).name.startswith(("~$", ".")))
    if not members:
        raise _err(path, f"the zip archive holds no {what} file ({', '.join(SUFFIXES)}); it holds "
                         f"{names[:5] or 'nothing'}.", fix="zip the exported CSV or Excel files themselves.")
    return members


def zip_of(path: Path) -> Path | None:
    """The zip archive ``path`` is a member of (``archive.zip/member.csv``), if any."""
    for parent in path.parents:
        if parent.suffix.lower() == ".zip" and parent.is_file():
            return parent
    return None


def extract(path: Path, archive: Path):
    """Extract one zip member to a temporary folder: (its path there, the folder to keep alive)."""
    member = path.relative_to(archive).as_posix()
    keep = tempfile.TemporaryDirectory(prefix="casekit_zip_")
    target = Path(keep.name) / Path(member).name
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(member) as fin, open(target, "wb") as fout:
            shutil.copyfileobj(fin, fout)
    except KeyError:
        keep.cleanup()
        raise _err(path, f"the zip archive {archive.name} holds no file {member!r}.",
                   fix="check the name of the file inside the archive.") from None
    except (zipfile.BadZipFile, RuntimeError) as exc:  # damaged, or encrypted (RuntimeError)
        keep.cleanup()
        raise _err(path, f"cannot be extracted from {archive.name} ({exc}).",
                   fix="zip the exported files again, without a password.") from None
    return target, keep


