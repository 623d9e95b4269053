import pytest

from casekit.analysis import sensitivity as se
from casekit.widgets.glass_box import sensitivity_widget


@pytest.fixture(scope="module")
def widget(precision_case):
    return sensitivity_widget(precision_case, noise_pct=0, n_draws=20, seed=5)


def test_factory_returns_tree_and_state(widget):
    state = widget
    assert state.noise.value == 0
    assert state.summary["spearman_median"] == pytest.approx(1.0)
    assert "ck-spearman" in state.html.value
    assert state.image.value[:4] == b"\x89PNG"


def test_slider_changes_the_numbers(widget):
    state = widget
    png0 = state.image.value
    state.noise.value = 50
    assert state.summary["spearman_median"] < 1.0
    assert "±50%" in state.html.value
    assert state.image.value != png0
    expected = se.summarize(state.model.run(50, n_draws=20, seed=5))
    assert state.summary["jaccard_median"] == pytest.approx(expected["jaccard_median"])
    state.noise.value = 0
    assert state.summary["spearman_median"] == pytest.approx(1.0)
