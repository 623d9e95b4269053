"""Student copies of the master notebooks.

There is one master notebook per session. The instructor writes worked
answers inside nbgrader-style regions, and :func:`write_student_copies`
derives the copy handed to students:

* in code cells, every region from a ``### BEGIN SOLUTION`` line to its
  ``### END SOLUTION`` line (markers included) becomes the stub
  ``# YOUR CODE HERE`` / ``raise NotImplementedError()``, indented like the
  ``BEGIN`` line;
* in markdown cells, every ``### BEGIN SOLUTION`` / ``### END SOLUTION`` and
  ``=== BEGIN MARK SCHEME ===`` / ``=== END MARK SCHEME ===`` region
  (markers included) becomes ``YOUR ANSWER HERE``;
* ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` regions are removed;
* cells tagged ``solution-only`` or ``hidden-check`` are deleted;
* outputs and execution counts are cleared.

Everything else (cell ids, metadata, the notebook format version) is kept,
so the master notebooks can also be imported into nbgrader unchanged.

A master is read from its reviewed text source, the MyST Markdown file
``X.md`` that jupytext pairs with ``X.ipynb`` (:func:`read_master`); the
``.ipynb`` lends it its cell ids. A folder of plain ``.ipynb`` files works
too.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

__all__ = [
    "CODE_STUB",
    "TEXT_STUB",
    "REMOVED_TAGS",
    "make_student_copy",
    "read_master",
    "write_student_copies",
]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_MARK_SCHEME = "=== BEGIN MARK SCHEME ==="
END_MARK_SCHEME = "=== END MARK SCHEME ==="
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"

CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
TEXT_STUB = ("YOUR ANSWER HERE",)
REMOVED_TAGS = frozenset({"solution-only", "hidden-check"})


def _replace_regions(source, pairs, stub, where):
    """Replace each marked region of ``source`` by ``stub`` lines.

    ``pairs`` maps a BEGIN marker to its END marker; a marker matches a line
    whose stripped text equals it. ``stub`` is a tuple of lines (an empty
    tuple deletes the region). ``where`` names the cell in error messages.
    """
    ends = {end: begin for begin, end in pairs.items()}
    lines = source.splitlines(keepends=True)
    out = []
    open_begin = None  # (marker, indent) while inside a region
    for line in lines:
        text = line.strip()
        if text in pairs:
            if open_begin is not None:
                raise ValueError(f"{where}: {text!r} inside an unclosed {open_begin[0]!r} region")
            open_begin = (text, line[: len(line) - len(line.lstrip())])
            continue
        if text in ends:
            if open_begin is None or pairs[open_begin[0]] != text:
                raise ValueError(f"{where}: {text!r} without a matching {ends[text]!r}")
            indent = open_begin[1]
            newline = line[len(line.rstrip("\r\n")) :]
            stub_lines = [indent + s for s in stub]
            if stub_lines:
                out.append("\n".join(stub_lines) + newline)
            open_begin = None
            continue
        if open_begin is None:
            out.append(line)
    if open_begin is not None:
        raise ValueError(f"{where}: {open_begin[0]!r} without a matching {pairs[open_begin[0]]!r}")
    text = "".join(out)
    # A region that ended the cell must not leave a dangling newline behind.
    if not source.endswith("\n") and text.endswith("\n") and not stub:
        text = text[:-1]
    return text


def make_student_copy(nb, name="notebook"):
    """Return the student copy of a master notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The master notebook; it is not modified.
    name : str, optional
        How the notebook is named in error messages (usually its file name).

    Returns
    -------
    nbformat.NotebookNode
        A new notebook with solutions stubbed out, mark schemes replaced,
        hidden tests and ``solution-only``/``hidden-check`` cells removed,
        and all outputs and execution counts cleared.

    Raises
    ------
    ValueError
        If a ``BEGIN``/``END`` marker has no partner; the message names the
        notebook and the cell index (in the master notebook).

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell
    >>> master = new_notebook(cells=[
    ...     new_markdown_cell("Why?\\n=== BEGIN MARK SCHEME ===\\nBecause.\\n=== END MARK SCHEME ==="),
    ...     new_code_cell("def f(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION"),
    ...     new_code_cell("assert f(2) == 4", metadata={"tags": ["hidden-check"]}),
    ... ])
    >>> student = make_student_copy(master)
    >>> len(student.cells)
    2
    >>> print(student.cells[0].source)
    Why?
    YOUR ANSWER HERE
    >>> print(student.cells[1].source)
    def f(x):
        # YOUR CODE HERE
        raise NotImplementedError()
    >>> make_student_copy(new_notebook(cells=[new_code_cell("### BEGIN SOLUTION")]), name="x.ipynb")
    Traceback (most recent call last):
    ...
    ValueError: x.ipynb, cell 0: '### BEGIN SOLUTION' without a matching '### END SOLUTION'
    """
    student = copy.deepcopy(nb)
    kept = []
    for index, cell in enumerate(student.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & REMOVED_TAGS:
            continue
        where = f"{name}, cell {index}"
        if cell.cell_type == "code":
            source = _replace_regions(cell.source, {BEGIN_SOLUTION: END_SOLUTION}, CODE_STUB, where)
            cell.source = _replace_regions(source, {BEGIN_HIDDEN: END_HIDDEN}, (), where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = _replace_regions(
                cell.source,
                {BEGIN_SOLUTION: END_SOLUTION, BEGIN_MARK_SCHEME: END_MARK_SCHEME},
                TEXT_STUB,
                where,
            )
        kept.append(cell)
    student.cells = kept
    return student


def _jupytext():
    try:
        import jupytext
    except ImportError as err:  # jupytext comes with the lab and test extras, not the core
        raise ImportError("reading notebooks from their .md sources needs jupytext: "
                          "pip install 'casekit[lab]'") from err
    return jupytext


def _is_notebook_source(path):
    """Whether a .md file is a jupytext notebook (its header names a kernel), not a plain document."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    header = text.split("\n---", 1)[0]
    return "kernelspec:" in header


def read_master(path):
    """Read a master notebook from its MyST source or from an ``.ipynb``.

    Parameters
    ----------
    path : str or Path
        ``X.md`` (a jupytext MyST notebook) or ``X.ipynb``.

    Returns
    -------
    nbformat.NotebookNode
        The notebook. Read from ``X.md``, its cells take their ids from the
        paired ``X.ipynb`` where the two agree cell by cell (a text source
        has no ids), so copies keep the same ids from one build to the next.

    Examples
    --------
    >>> import tempfile, jupytext
    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> tmp = Path(tempfile.mkdtemp())
    >>> nb = new_notebook(cells=[new_code_cell("x = 1")], metadata={"kernelspec": {"name": "python3",
    ...                   "display_name": "Python 3", "language": "python"}})
    >>> jupytext.write(nb, tmp / "demo.md", fmt="md:myst")
    >>> nbformat.write(nb, tmp / "demo.ipynb")
    >>> master = read_master(tmp / "demo.md")
    >>> master.cells[0].source, master.cells[0].id == nb.cells[0].id
    ('x = 1', True)
    """
    path = Path(path)
    if path.suffix != ".md":
        return nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nb = _jupytext().read(path)
    paired = path.with_suffix(".ipynb")
    if paired.exists():
        twin = nbformat.read(paired, as_version=4)
        same = len(twin.cells) == len(nb.cells) and all(
            (a.cell_type, a.source) == (b.cell_type, b.source) for a, b in zip(nb.cells, twin.cells)
        )
        if same:
            for cell, twin_cell in zip(nb.cells, twin.cells):
                if "id" in twin_cell:
                    cell.id = twin_cell.id
    return nb


def _masters(src_dir):
    """One master per notebook name: the .md source where there is one, else the .ipynb."""
    masters = {p.stem: p for p in src_dir.glob("*.ipynb")}
    masters.update({p.stem: p for p in src_dir.glob("*.md") if _is_notebook_source(p)})
    return [masters[name] for name in sorted(masters)]


def write_student_copies(src_dir, out_dir, *, markdown=False):
    """Write the student copy of every notebook in ``src_dir`` to ``out_dir``.

    Parameters
    ----------
    src_dir : str or Path
        Folder of master notebooks: MyST sources (``X.md``, read with
        :func:`read_master`) and ``X.ipynb`` files without a source beside
        them; checkpoints and plain Markdown documents are ignored.
    out_dir : str or Path
        Destination folder, created if needed. Each copy is ``X.ipynb``.
    markdown : bool, default=False
        Also write each copy's MyST text ``X.md`` next to it.

    Returns
    -------
    list of Path
        The ``.ipynb`` files written, sorted by name.

    Examples
    --------
    >>> import tempfile
    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> tmp = Path(tempfile.mkdtemp())
    >>> (tmp / "masters").mkdir()
    >>> nbformat.write(new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION")]),
    ...                tmp / "masters" / "01_demo.ipynb")
    >>> [p.name for p in write_student_copies(tmp / "masters", tmp / "student")]
    ['01_demo.ipynb']
    >>> nbformat.read(tmp / "student" / "01_demo.ipynb", as_version=4).cells[0].source
    '# YOUR CODE HERE\\nraise NotImplementedError()'
    """
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    if not src_dir.is_dir():
        raise FileNotFoundError(f"{src_dir}: no such folder")
    written = []
    for path in _masters(src_dir):
        nb = read_master(path)
        student = make_student_copy(nb, name=path.name)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{path.stem}.ipynb"
        nbformat.write(student, target, version=nb.nbformat)
        if markdown:
            _jupytext().write(student, target.with_suffix(".md"), fmt="md:myst")
        written.append(target)
    return written
