"""Student copies: no solution text leaks, and each copy runs up to its first exercise."""

from __future__ import annotations

import time
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from casekit.cli import main
from casekit.teaching.student import (
    BEGIN_HIDDEN,
    BEGIN_MARK_SCHEME,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_MARK_SCHEME,
    END_SOLUTION,
    make_student_copy,
    read_master,
    write_student_copies,
)

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
STUB = "# YOUR CODE HERE"
TIMEOUT = 120  # seconds per notebook


# --------------------------------------------------------------------------- synthetic


def _master():
    return new_notebook(
        cells=[
            new_markdown_cell(
                "Explain the result.\n"
                f"{BEGIN_MARK_SCHEME}\nSECRET_SCHEME cost follows cases.\n{END_MARK_SCHEME}\n"
                "Then:\n"
                f"{BEGIN_SOLUTION}\nSECRET_PROSE answer\n{END_SOLUTION}"
            ),
            new_code_cell(
                "import math\n"
                "def f(x):\n"
                f"    {BEGIN_SOLUTION}\n"
                "    SECRET_CODE = 2 * x\n"
                "    return SECRET_CODE\n"
                f"    {END_SOLUTION}\n"
                "answer = f(2)\n",
                execution_count=3,
                outputs=[new_output("stream", name="stdout", text="SECRET_OUTPUT\n")],
            ),
            new_code_cell(
                f"assert answer == 4\n{BEGIN_HIDDEN}\nassert SECRET_HIDDEN_TEST\n{END_HIDDEN}",
                execution_count=4,
            ),
            new_code_cell("SECRET_TAGGED_CHECK", metadata={"tags": ["hidden-check"]}),
            new_markdown_cell("SECRET_SOLUTION_ONLY", metadata={"tags": ["solution-only", "other"]}),
            new_code_cell("print('kept')", metadata={"tags": ["nbval-ignore-output"]}),
        ]
    )


def test_synthetic_copy_strips_solutions_and_outputs():
    master = _master()
    before = nbformat.writes(master)
    student = make_student_copy(master, name="demo.ipynb")
    assert nbformat.writes(master) == before, "the master notebook must not be modified"
    text = nbformat.writes(student)
    assert "SECRET" not in text
    assert "BEGIN" not in text and "END " not in text

    assert [c.cell_type for c in student.cells] == ["markdown", "code", "code", "code"]
    assert student.cells[0].source == "Explain the result.\nYOUR ANSWER HERE\nThen:\nYOUR ANSWER HERE"
    assert student.cells[1].source == (
        "import math\ndef f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\nanswer = f(2)\n"
    )
    assert student.cells[2].source == "assert answer == 4"
    assert student.cells[3].source == "print('kept')"
    assert student.cells[3].metadata["tags"] == ["nbval-ignore-output"]
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    # cell ids of kept cells survive
    assert [c.id for c in student.cells] == [master.cells[i].id for i in (0, 1, 2, 5)]
    nbformat.validate(student)


@pytest.mark.parametrize(
    "source, cell_type",
    [
        (f"x = 1\n{BEGIN_SOLUTION}\nx = 2\n", "code"),
        (f"x = 1\n{END_SOLUTION}\n", "code"),
        (f"{BEGIN_SOLUTION}\n{BEGIN_SOLUTION}\n{END_SOLUTION}\n", "code"),
        (f"{BEGIN_SOLUTION}\nx\n{END_HIDDEN}\n", "code"),
        (f"{BEGIN_MARK_SCHEME}\ntext\n", "markdown"),
        (f"text\n{END_SOLUTION}", "markdown"),
    ],
)
def test_unmatched_markers_name_notebook_and_cell(source, cell_type):
    make = new_code_cell if cell_type == "code" else new_markdown_cell
    nb = new_notebook(cells=[new_markdown_cell("intro"), new_code_cell("x = 0"), make(source)])
    with pytest.raises(ValueError, match=r"broken\.ipynb, cell 2\b"):
        make_student_copy(nb, name="broken.ipynb")


def test_write_student_copies_ignores_checkpoints(tmp_path):
    src = tmp_path / "masters"
    (src / ".ipynb_checkpoints").mkdir(parents=True)
    nbformat.write(_master(), src / "02_demo.ipynb")
    nbformat.write(_master(), src / ".ipynb_checkpoints" / "02_demo-checkpoint.ipynb")
    written = write_student_copies(src, tmp_path / "out")
    assert written == [tmp_path / "out" / "02_demo.ipynb"]
    assert "SECRET" not in written[0].read_text(encoding="utf-8")


def _with_kernel(nb):
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_copies_come_from_the_myst_source(tmp_path):
    src = tmp_path / "masters"
    src.mkdir()
    jupytext.write(_with_kernel(_master()), src / "05_demo.md", fmt="md:myst")
    # A stale .ipynb beside the source: the copy must follow the .md, the reviewed source.
    stale = _master()
    stale.cells.insert(0, new_markdown_cell("STALE_IPYNB_ONLY"))
    nbformat.write(stale, src / "05_demo.ipynb")
    (src / "README.md").write_text("# Not a notebook\n", encoding="utf-8")
    nbformat.write(new_notebook(cells=[new_code_cell("1 + 1")]), src / "06_plain.ipynb")

    written = write_student_copies(src, tmp_path / "out", markdown=True)
    assert written == [tmp_path / "out" / "05_demo.ipynb", tmp_path / "out" / "06_plain.ipynb"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "05_demo.ipynb", "05_demo.md", "06_plain.ipynb", "06_plain.md"]
    text = written[0].read_text(encoding="utf-8")
    assert "SECRET" not in text and "STALE" not in text
    student = nbformat.read(written[0], as_version=4)
    nbformat.validate(student)
    assert [c.cell_type for c in student.cells] == ["markdown", "code", "code", "code"]
    assert student.cells[1].source.splitlines()[2:4] == ["    # YOUR CODE HERE", "    raise NotImplementedError()"]
    as_text = jupytext.read(tmp_path / "out" / "05_demo.md")
    assert [(c.cell_type, c.source) for c in as_text.cells] == [(c.cell_type, c.source) for c in student.cells]
    assert "SECRET" not in (tmp_path / "out" / "05_demo.md").read_text(encoding="utf-8")


def test_read_master_takes_cell_ids_from_the_paired_ipynb(tmp_path):
    jupytext.write(_with_kernel(_master()), tmp_path / "07_demo.md", fmt="md:myst")
    master = jupytext.read(tmp_path / "07_demo.md")  # what pairing writes to the .ipynb
    nbformat.write(master, tmp_path / "07_demo.ipynb")
    assert [c.id for c in read_master(tmp_path / "07_demo.md").cells] == [c.id for c in master.cells]
    # Once the two disagree, the source's own cells win and no id is borrowed.
    master.cells[0].source = "changed"
    nbformat.write(master, tmp_path / "07_demo.ipynb")
    ids = [c.id for c in read_master(tmp_path / "07_demo.md").cells]
    assert not set(ids) & {c.id for c in master.cells}


# --------------------------------------------------------------------------- real notebooks


def _master_notebooks():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _solution_lines(source, begin_end):
    """Lines strictly inside marked regions, and lines outside them."""
    inside, outside, current_end = [], [], None
    ends = dict(begin_end)
    for line in source.splitlines():
        text = line.strip()
        if current_end is None and text in ends:
            current_end = ends[text]
        elif current_end is not None and text == current_end:
            current_end = None
        elif current_end is not None:
            inside.append(text)
        else:
            outside.append(text)
    return inside, outside


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    write_student_copies(NOTEBOOKS, out)
    return out


def test_there_are_master_notebooks():
    assert _master_notebooks(), f"no notebooks found in {NOTEBOOKS}"


def test_real_copies_are_made_from_the_md_sources(student_dir):
    sources = sorted(NOTEBOOKS.glob("*.md"))
    assert [p.stem for p in sources] == [p.stem for p in _master_notebooks()]
    for md in sources:
        from_md = make_student_copy(read_master(md), name=md.name)
        from_ipynb = make_student_copy(nbformat.read(md.with_suffix(".ipynb"), as_version=4), name=md.name)
        written = nbformat.read(student_dir / f"{md.stem}.ipynb", as_version=4)
        assert [(c.id, c.cell_type, c.source) for c in written.cells] == \
            [(c.id, c.cell_type, c.source) for c in from_md.cells] == \
            [(c.id, c.cell_type, c.source) for c in from_ipynb.cells], md.name


@pytest.mark.parametrize("path", _master_notebooks(), ids=lambda p: p.name)
def test_real_student_copy_leaks_no_solution(path, student_dir):
    master = nbformat.read(path, as_version=4)
    student_text = (student_dir / path.name).read_text(encoding="utf-8")
    student = nbformat.reads(student_text, as_version=4)
    student_sources = "\n".join(c.source for c in student.cells)
    pairs = {
        "code": [(BEGIN_SOLUTION, END_SOLUTION), (BEGIN_HIDDEN, END_HIDDEN)],
        "markdown": [(BEGIN_SOLUTION, END_SOLUTION), (BEGIN_MARK_SCHEME, END_MARK_SCHEME)],
    }
    secret, public = [], set()
    for cell in master.cells:
        inside, outside = _solution_lines(cell.source, pairs.get(cell.cell_type, []))
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"solution-only", "hidden-check"}:
            secret.extend(inside + outside)
        else:
            secret.extend(inside)
            public.update(outside)
    # A solution line that also appears verbatim outside any region (say an
    # import) is public anyway; everything else must be gone.
    leaked = [line for line in secret if line and line not in public and line in student_sources]
    assert not leaked, f"{path.name}: solution text in the student copy: {leaked}"
    for marker in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_MARK_SCHEME, END_MARK_SCHEME, BEGIN_HIDDEN, END_HIDDEN):
        assert marker not in student_sources
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
@pytest.mark.parametrize("path", _master_notebooks(), ids=lambda p: p.name)
def test_real_student_copy_runs_up_to_first_exercise(path, student_dir):
    from nbclient import NotebookClient

    student = nbformat.read(student_dir / path.name, as_version=4)
    first = next(
        (i for i, c in enumerate(student.cells) if c.cell_type == "code" and STUB in c.source),
        None,
    )
    master_has_exercise = BEGIN_SOLUTION in "\n".join(
        c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
    )
    assert (first is not None) == master_has_exercise, f"{path.name}: stub/exercise mismatch"
    # No exercise: the whole student copy must run.
    student.cells = student.cells[: first if first is not None else len(student.cells)]

    client = NotebookClient(
        student,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    deadline = time.monotonic() + TIMEOUT
    with client.setup_kernel():
        for index, cell in enumerate(student.cells):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{path.name}: over {TIMEOUT} s before cell {index}"
            client.timeout = max(1, int(remaining))
            client.execute_cell(cell, index)


# --------------------------------------------------------------------------- CLI


def test_cli_writes_student_copies(tmp_path, capsys):
    src = tmp_path / "nb"
    src.mkdir()
    nbformat.write(_master(), src / "03_demo.ipynb")
    nbformat.write(new_notebook(cells=[new_code_cell("1 + 1")]), src / "04_plain.ipynb")
    out = tmp_path / "build" / "student"
    assert main(["student", str(src), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["03_demo.ipynb", "04_plain.ipynb"]
    assert "SECRET" not in (out / "03_demo.ipynb").read_text(encoding="utf-8")
    assert "2 student copies" in capsys.readouterr().out
