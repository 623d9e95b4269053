"""Slide figures and instructor documents: drawn and numbered from the case, and kept up to date."""

import json
import re
from pathlib import Path

import pytest

from casekit.teaching import docs, slide_figures
from casekit.teaching.case_numbers import case_numbers

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PNG = b"\x89PNG\r\n\x1a\n"
STALE = ("docs are stale: run `.venv/bin/python -m casekit.teaching.slides` and commit docs/ "
         "(edit docs/src/, not docs/*.md)")


@pytest.fixture(scope="module")
def numbers():
    return case_numbers()


def test_write_slide_figures(tmp_path):
    paths = slide_figures.write_slide_figures(tmp_path / "figs", names=["whale_curve", "era_precision", "lever_move"])
    assert [p.name for p in paths] == ["whale_curve.png", "era_precision.png", "lever_move.png"]
    for p in paths:
        data = p.read_bytes()
        assert data.startswith(PNG) and len(data) > 20_000, p


def test_write_slide_figures_rejects_unknown_names(tmp_path):
    with pytest.raises(ValueError, match="no figure named"):
        slide_figures.write_slide_figures(tmp_path, names=["whale"])


def test_every_slide_figure_is_committed():
    for name in slide_figures.FIGURES:
        path = DOCS / "figures" / f"{name}.png"
        assert path.exists() and path.read_bytes().startswith(PNG), f"{path} missing: {STALE}"


def test_numbers_match_casekit(numbers, precision_pnl):
    import casekit as ck
    # The documents judge accounts on the all-in profit (sessions 00 and 02).
    h = ck.headline_table(ck.headline(ck.charge_overheads(precision_pnl)))
    assert numbers["contribution"] == f"${h['contribution ($M)']:.1f}M"
    assert numbers["loss_share_pct"] == f"{h['accounts losing money (%)']:.0f}%"
    assert numbers["accounts_losing"] == f"{h['accounts losing money']:.0f}"
    assert numbers["whale_peak_pct"] == f"{h['whale curve peak (%)']:.0f}%"
    assert numbers["net_profit"] == f"${h['operating profit, all-in ($M)']:.1f}M"
    assert all(isinstance(v, str) and v for v in numbers.values())


def test_render_template_names_a_missing_number():
    with pytest.raises(KeyError, match="no number named nope"):
        docs.render_template("{{ nope }} and {{yes}}", {"yes": "1"})


def _committed_numbers():
    path = DOCS / docs.NUMBERS_FILE
    assert path.exists(), f"docs/{docs.NUMBERS_FILE} missing: {STALE}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_committed_numbers_match_the_case(numbers):
    committed = _committed_numbers()
    changed = [f"{k}: {committed.get(k)!r} -> {v!r}" for k, v in numbers.items() if committed.get(k) != v]
    assert not changed, "the case's numbers changed (" + "; ".join(changed[:12]) + f"); {STALE}"


def test_committed_docs_are_rendered_from_their_sources():
    for name, text in docs.rendered_docs(numbers=_committed_numbers()).items():
        committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).exists() else ""
        assert committed == text, f"docs/{name} differs from docs/src/{name}: {STALE}"


def test_docs_use_only_known_figures():
    for name in ("instructor-guide.md", "case-narrative.md"):
        for fig in re.findall(r"figures/([a-z_]+)\.png", (DOCS / name).read_text(encoding="utf-8")):
            assert fig in slide_figures.FIGURES, f"docs/{name} refers to figures/{fig}.png, which is not drawn"


def test_instructor_guide_covers_every_notebook():
    guide = (DOCS / "instructor-guide.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## (\d\d) ", guide, flags=re.M))
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert nb.name[:2] in headings, f"the instructor guide has no '## {nb.name[:2]} ...' section for {nb.name}"


def test_guide_sections_have_the_required_parts():
    guide = (DOCS / "instructor-guide.md").read_text(encoding="utf-8")
    sections = re.split(r"^## (?=\d\d )", guide, flags=re.M)[1:]
    for sec in sections:
        if "(coming)" in sec.splitlines()[0]:
            continue
        for part in ("Learning objectives", "75-minute plan", "Predict", "Debrief", "Common wrong answers",
                     "Adapting the case", "Slides"):
            assert part in sec, f"section {sec.splitlines()[0]!r} lacks {part!r}"
