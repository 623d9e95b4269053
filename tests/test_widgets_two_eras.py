import pytest

from casekit.models import eras
from casekit.widgets.two_eras import era_dial


@pytest.fixture(scope="module")
def dial():
    return era_dial(precompute=False)


def test_dial_starts_in_mass_era(dial):
    assert dial.slider.value == 0.0
    assert dial.profile["era"] == 0.0
    assert "mass era" in dial.summary.value
    assert dial.image.value[:4] == b"\x89PNG"


def test_moving_dial_changes_numbers(dial):
    old_html, old_png = dial.summary.value, dial.image.value
    dial.slider.value = 1.0
    expected = eras.era_profile(1.0)
    assert dial.profile["rank_agreement"] == pytest.approx(expected["rank_agreement"])
    assert f"{expected['rank_agreement']:.2f}" in dial.summary.value
    assert dial.summary.value != old_html and dial.image.value != old_png
    dial.slider.value = 0.0
    assert dial.summary.value == old_html


def test_dial_caches_positions(dial):
    dial.slider.value = 0.25
    first = dial.view(0.25)
    dial.slider.value = 0.0
    assert dial.view(0.25) is first


def test_dial_rejects_start_off_the_steps():
    with pytest.raises(ValueError, match="not one of the dial's steps"):
        era_dial(start=0.3, precompute=False)
