import pandas as pd
import pytest

from casekit.widgets.guesses import export_tally, guess_choice, guess_number, tally


def test_number_guess_records_and_reveals(tmp_path):
    g = guess_number("share?", truth=34.0)
    g.student.value = "Ana"
    g.entry.value = 20
    g.record_button.click()
    assert "34" not in g.feedback.value  # answer hidden before reveal
    g.reveal_button.click()
    assert "34.0%" in g.feedback.value and "-14.0" in g.feedback.value
    t = tally(g)
    assert t.loc[0, "error"] == pytest.approx(-14.0) and not t.loc[0, "correct"]
    path = export_tally(tmp_path / "votes.csv", g)
    assert pd.read_csv(path)["student"].tolist() == ["Ana"]


def test_choice_guess():
    g = guess_choice("best?", options=["A", "B"], truth="B")
    g.entry.value = "B"
    g.record_button.click()
    g.reveal_button.click()
    assert "right" in g.feedback.value
    assert bool(tally(g).loc[0, "correct"])


def test_validation(tmp_path):
    with pytest.raises(ValueError, match="not among the options"):
        guess_choice("q", options=["A"], truth="Z")
    with pytest.raises(ValueError, match="outside"):
        guess_number("q", truth=150)
    with pytest.raises(ValueError, match="should end in .csv"):
        export_tally(tmp_path / "v.txt")
    with pytest.raises(TypeError, match="Guess objects"):
        tally("x")
