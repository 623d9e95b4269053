"""Judgement exercises: a decision checked by casekit, a reason marked by a mark scheme the student copy strips."""

import re
from pathlib import Path

import jupytext
import pytest

from casekit.models.bonus_plan import classroom_plan
from casekit.teaching import decisions as D
from casekit.teaching.judgement import Decision, check_decision
from casekit.teaching.student import make_student_copy, read_master

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SESSIONS = sorted(p.name for p in NOTEBOOKS.glob("0[1-8]_*.md"))


@pytest.fixture(scope="module")
def case():
    from casekit.models.eras import era_case
    from casekit.teaching.case_numbers import case_results

    r = case_results()
    return {**r, "era_pnl": era_case("precision")[1]}


@pytest.fixture(scope="module")
def all_decisions(case):
    c, p = case["company"], case["pnl"]
    return {
        "01": D.rank_by_decision(case["era_pnl"]), "02": D.grain_decision(p),
        "03": D.rate_refinement_decision(c, n_draws=10), "04": D.fix_or_drop_decision(case["candidates"]),
        "05": D.prune_rank_decision(case["card"]), "06": D.objective_cap_decision(c, p),
        "07": D.path_decision(c, p, customer_id=case["alliance_account"]), "08": D.plan_decision(c, p),
        "06 (selling time)": D.selling_time_decision(classroom_plan(c), c, p),
    }


def test_checker_names_the_misconception_and_never_the_answer(all_decisions):
    for session, d in all_decisions.items():
        assert check_decision(d.answer.upper(), d).correct, session
        assert repr(d).count(repr(d.answer)) == 1, f"{session}: the question shows its answer beyond the options"
        for wrong in set(d.options) - {d.answer}:
            fb = check_decision(wrong, d)
            misconception, hint = d.misconceptions[wrong]
            assert not fb.correct and fb.expected is None
            assert misconception in fb.message and f"Hint: {hint}" in fb.message
            assert repr(d.answer) not in fb.message, f"{session}: feedback names the answer"
            if " " in d.answer:
                assert d.answer.lower() not in fb.message.lower(), f"{session}: feedback names the answer"


def test_checker_rejects_what_is_not_an_option():
    d = Decision("Fix or drop?", ("fix", "drop"), "drop", {"fix": ("m", "h")})
    for bad in ("keep", 1, None):
        fb = check_decision(bad, d)
        assert not fb.correct and "'fix', 'drop'" in fb.message
    with pytest.raises(ValueError, match="no misconception"):
        Decision("?", ("a", "b"), "a", {})
    with pytest.raises(TypeError, match="must be a Decision"):
        check_decision("fix", "fix")


def test_answers_are_computed_from_the_case(case):
    """Each answer follows the numbers: flip the threshold or the data and the answer flips."""
    from casekit.models.eras import era_case

    assert D.rank_by_decision(case["era_pnl"]).answer == "profit"
    assert D.rank_by_decision(era_case("mass")[1]).answer == "revenue"
    table = case["candidates"]
    cid = str(table["customer_id"].iloc[-1])
    answer = D.fix_or_drop_decision(table, customer_id=cid).answer
    # Make dropping that account pay more than fixing it: the answer must follow the numbers.
    flipped = table.copy()
    row = flipped["customer_id"].astype(str) == cid
    better = "profit_change_if_dropped" if answer == "fix" else "gain_from_levers"
    flipped.loc[row, better] = flipped.loc[row, ["gain_from_levers", "profit_change_if_dropped"]].abs().sum(axis=1) + 1
    assert D.fix_or_drop_decision(flipped, customer_id=cid).answer == {"fix": "drop", "drop": "fix"}[answer]


@pytest.mark.parametrize("name", SESSIONS)
def test_every_session_asks_for_a_decision_and_a_reason(name):
    cells = jupytext.read(NOTEBOOKS / name).cells
    heads = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## Decision · ")]
    assert len(heads) == 1, f"{name}: one decision exercise"
    rest = cells[heads[0]:]
    code = "\n".join(c.source for c in rest if c.cell_type == "code")
    assert re.search(r"decision = \w+_decision\(", code) and "from casekit.teaching.decisions import" in code
    assert "check_decision(my_decision, decision)" in code
    assert not re.search(r"my_decision\s*=\s*['\"]", code), f"{name}: the answer must be computed, not typed"
    text = "\n".join(c.source for c in rest if c.cell_type == "markdown")
    assert "=== BEGIN MARK SCHEME ===" in text and "=== END MARK SCHEME ===" in text


@pytest.mark.parametrize("name", SESSIONS)
def test_student_copy_strips_the_decision_answer_and_mark_scheme(name):
    master = read_master(NOTEBOOKS / name)
    student = make_student_copy(master, name)
    text = "\n".join(c.source for c in student.cells)
    assert "MARK SCHEME" not in text and "1 mark:" not in text
    assert "decision.answer" not in text
    assert "check_decision(my_decision, decision)" in text and "YOUR ANSWER HERE" in text
    assert "decision.answer" in "\n".join(c.source for c in master.cells)  # the master still holds it
