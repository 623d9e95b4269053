"""No notebook shows a figure before the question that asks the class to predict it.

A predict question is a markdown cell with a ``## Predict`` heading or a
``**Predict first**`` / ``**Predict:**`` lead.  For each one, :data:`PREDICTED`
names (a regular expression over code) the calls that display the predicted
quantity.  The check is static, over the reviewed ``.md`` sources: no code cell
before the question may match, and one after it must (the reveal).  The cell
that asks the question (a ``guess_number``/``predictions`` widget holds the
truth without showing it) is exempt.
"""

import re
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LEAD = re.compile(r"^## Predict|\*\*Predict( first)?[:.]?\*\*", re.M)
QUESTION_CELL = re.compile(r"guess_number\(|\.predictions\(")
IMPORT = re.compile(r"^\s*(import|from)\s.*$", re.M)

#: notebook -> what displays the quantity its predict question asks about
PREDICTED = {
    "02_islands_of_profit.md": r"whale_curve|plot_profit_map|segment_customers|net_profit\W+\s*<\s*0",
    "03_cost_to_serve.md": r"order_id\b.*\]|activity_cost|line_costs",
    "04_revenue_that_fits.md": r"fit_summary|plot_revenue_fit|share_of_profit",
    "05_innovation_stream.md": r"company_profit\W+\s*<\s*0|plot_launch_lenses|launch_scorecard\(card\)\[",
    "06_fifteen_objectives.md": r"simulate_reps\(|delivered_pct|plot_rep_choices",
    "07_natural_alliance.md": r"account_paths\(|path_totals\(|plot_account_paths",
    "08_driving_the_boat.md": r"compare_plans\(|evaluate_plan\(|plot_scoreboard",
}


def predict_violations(cells, pattern: str) -> list[str]:
    """Return what is wrong with the order of ``cells`` (jupytext cells) for one predict pattern.

    An empty list means: the notebook has exactly one predict question, no
    code cell before it displays the quantity, and a code cell after it does.
    """
    leads = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and LEAD.search(c.source)]
    if len(leads) != 1:
        return [f"expected one predict question, found {len(leads)}"]
    lead = leads[0]
    regex = re.compile(pattern)

    def shows(cell) -> bool:  # import lines name functions without calling them
        return cell.cell_type == "code" and bool(regex.search(IMPORT.sub("", cell.source)))

    problems = [f"cell {i} shows the predicted figure before the question (cell {lead}):\n{c.source}"
                for i, c in enumerate(cells[:lead]) if shows(c)]
    after = [i for i, c in enumerate(cells[lead + 1:], lead + 1)
             if shows(c) and not QUESTION_CELL.search(c.source)]
    if not after:
        problems.append("no cell after the question reveals the predicted figure")
    return problems


@pytest.mark.parametrize("name", sorted(PREDICTED))
def test_predicted_figure_first_appears_after_its_question(name):
    cells = jupytext.read(NOTEBOOKS / name).cells
    assert predict_violations(cells, PREDICTED[name]) == []


def test_every_predict_question_is_registered():
    asking = {p.name for p in NOTEBOOKS.glob("*.md") if any(
        c.cell_type == "markdown" and LEAD.search(c.source) for c in jupytext.read(p).cells)}
    assert asking == set(PREDICTED), "register each notebook's predict question in PREDICTED"


def test_the_check_catches_a_figure_printed_too_early():
    from nbformat.v4 import new_code_cell, new_markdown_cell

    good = [new_code_cell("card = product_scorecard(company, pnl)"),
            new_markdown_cell("## Predict (**I4**)\nWhat share of launches lose money?"),
            new_code_cell('guess = guess_number("?", truth=(launches["company_profit"] < 0).mean())'),
            new_code_cell("ck.plots.plot_launch_lenses(launches)")]
    pattern = PREDICTED["05_innovation_stream.md"]
    assert predict_violations(good, pattern) == []
    early = [good[0], new_code_cell('print((launches["company_profit"] < 0).sum())'), *good[1:]]
    assert "cell 1 shows the predicted figure" in predict_violations(early, pattern)[0]
    no_reveal = good[:3]
    assert predict_violations(no_reveal, pattern) == ["no cell after the question reveals the predicted figure"]
