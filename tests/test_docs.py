"""The instructor documents quote only what the case produces, and name only files that exist."""

import re
from pathlib import Path

import jinja2
import pytest

from casekit.teaching import case_numbers as cn
from casekit.teaching import docs
from casekit.teaching.docs_scan import STRUCTURAL, missing_files, reference_years, unsourced_numbers

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "docs" / "src"
TEMPLATES = sorted(p.name for p in SRC.glob("*.md"))


@pytest.fixture(scope="module")
def numbers():
    return cn.case_numbers()


@pytest.fixture(scope="module")
def years():
    # The narrative cites Byrnes (2010) without a reference list of its own: the guide's list covers it.
    return reference_years((SRC / "instructor-guide.md").read_text(encoding="utf-8"))


def _section(text: str, session: str) -> str:
    return re.split(r"^## (?=\d\d )", text, flags=re.M)[int(session) + 1]


# --------------------------------------------------------------------------- rendering
def test_templates_are_rendered_strictly():
    with pytest.raises(KeyError, match="no number named nope"):
        docs.render_template("{{ nope }}", {})
    with pytest.raises(jinja2.UndefinedError):
        docs.render_template("{{ x.nope }}", {"x": {}})
    assert docs.render_template("{{ a }} and {{b}}", {"a": "1", "b": "2"}) == "1 and 2"


def test_every_placeholder_has_a_number(numbers):
    for name in TEMPLATES:
        docs.render_template((SRC / name).read_text(encoding="utf-8"), docs.docs_context(numbers))


# --------------------------------------------------------------------------- the number scan
@pytest.mark.parametrize("name", TEMPLATES)
def test_docs_quote_only_numbers_the_case_produced(name, numbers, years):
    bad = unsourced_numbers((SRC / name).read_text(encoding="utf-8"), numbers, years=years)
    assert not bad, (f"docs/src/{name} quotes numbers or ids the case did not produce (rendered line, token): "
                     f"{bad}; make each a {{{{ name }}}} from casekit.teaching.case_numbers")


def test_the_scan_catches_a_hand_typed_figure(numbers, years):
    guide = (SRC / "instructor-guide.md").read_text(encoding="utf-8")
    planted = guide.replace("### Debrief", "Say it: 15 % pruned saves 8.5 %, as account C0184 shows ($41K, -$2.5M).\n\n"
                                           "### Debrief", 1)
    found = [token for _line, token in unsourced_numbers(planted, numbers, years=years)]
    assert found == ["15", "8.5", "C0184", "$41K", "-$2.5M"]


def test_the_scan_catches_what_the_structural_rules_do_not_cover(numbers):
    text = ("## 05 · Innovation\n### 75-minute plan\n| 0–10 | recap |\n1. *Predict* (I4, Exhibit 1)\n"
            "Cut 0–10 of them; ideas I16; in 1999 and 2010; `prune_tail(card, share=0.25)` of `C0001`;"
            " 100 % of 100 accounts.\n## References\n- Byrnes (2010). *Why 40 Percent*. HBR, 82(11).")
    found = [token for _line, token in unsourced_numbers(text, numbers)]
    assert found == ["0", "10", "I16", "1999", "C0001", "100"]


def test_every_structural_rule_says_why():
    assert set(STRUCTURAL) >= {"session numbers", "idea ids", "publication years", "minute marks", "75-minute"}
    assert all(len(why) > 20 for why, _pattern in STRUCTURAL.values())


# --------------------------------------------------------------------------- files the docs name
@pytest.mark.parametrize("name", TEMPLATES)
def test_docs_name_only_existing_notebooks_views_and_modules(name, numbers):
    text = docs.render_template((SRC / name).read_text(encoding="utf-8"), docs.docs_context(numbers))
    assert missing_files(text, ROOT) == [], f"docs/src/{name} names files that do not exist"


def test_missing_files_catches_a_wrong_name():
    text = "open `notebooks/07_natural_alliance.ipynb`, `rep_game.ipynb`, exec/no_such_view.ipynb and `nope.ipynb`"
    assert missing_files(text, ROOT) == ["exec/no_such_view.ipynb", "nope.ipynb"]


# --------------------------------------------------------------------------- guide and notebooks agree
def _cell_code(notebook: str) -> str:
    return (ROOT / "notebooks" / notebook).read_text(encoding="utf-8")


def test_notebooks_make_the_choices_the_guide_quotes():
    run = re.search(r"model\.run\((\d+), n_draws=(\d+), seed=(\d+)\)", _cell_code("03_cost_to_serve.md"))
    assert run and tuple(map(int, run.groups())) == tuple(cn.STABILITY_RUN.values())
    shares = re.findall(r"prune_tail\(card, share=([\d.]+)[,)]", _cell_code("05_innovation_stream.md"))
    assert shares and {float(s) for s in shares} == {cn.PRUNE_SHARE}
    nb06 = _cell_code("06_fifteen_objectives.md")
    # The reps choose how many objectives to work; the guide's REP_PICKS is the rep game's number of picks.
    assert "simulate_reps(plan, company, pnl, seed=SIM_SEED)" in nb06
    assert not re.findall(r"simulate_reps\(plan, company, pnl, k=", nb06)
    assert re.findall(r'picks=\["O01", "O02", "O03"\]', nb06) and cn.REP_PICKS == 3
    assert set(re.findall(r'rep_id="(R\d+)"', nb06)) == {cn.GAME_REP}
    assert "account = story_account(company, pnl)" in _cell_code("07_natural_alliance.md")
    seeds = re.findall(r"compare_plans\(\[inc\.TODAYS_PLAN, inc\.ALIGNED_PLAN\], company, pnl, seed=(\d+)\)",
                       _cell_code("08_driving_the_boat.md"))
    assert seeds and seeds[0] == str(cn.PLAN_COMPARISON_SEED)
    assert 'chosen = options.attrs["chosen"]' in _cell_code("04_revenue_that_fits.md")


def test_guide_names_the_account_notebook_07_follows(numbers):
    from casekit.models.account_development import story_account

    r = cn.case_results()
    account = story_account(r["company"], r["pnl"])
    guide = docs.rendered_docs(numbers=numbers)["instructor-guide.md"]
    session = _section(guide, "07")
    assert f"The account ({account})" in session
    assert not set(re.findall(r"C\d{4}", session)) - {account}


def test_guide_quotes_the_pruning_notebook_05_does(numbers):
    from casekit.models.assumptions import with_values
    from casekit.models.complexity import COMPLEXITY_RATES
    from casekit.models.innovation import prune_tail
    from casekit.teaching.checks.innovation import LOST_DEMAND_TRANSFER

    r = cn.case_results()
    saved = prune_tail(r["card"], share=0.30).loc[1, "complexity_saved_pct"]
    session = _section(docs.rendered_docs(numbers=numbers)["instructor-guide.md"], "05")
    assert f"cutting the bottom 30% of SKUs by revenue saves\n  {saved:.0f}% of complexity cost" in session
    lost = with_values(COMPLEXITY_RATES, demand_transfer=LOST_DEMAND_TRANSFER)
    walked = prune_tail(r["card"], share=0.30, rates=lost)
    change = walked["company_profit"].iloc[1] - walked["company_profit"].iloc[0]
    assert f"answer\n  ${change:,.0f})" in session
