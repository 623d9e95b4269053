"""Notebook 01 in a real browser: moving the era dial changes the rank agreement shown."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_era_dial_moves_rank_agreement(voila_page, save_screenshot):
    page = voila_page("01_two_eras.ipynb", timeout=180)
    rho = page.locator("b.rho").first
    expect(rho).to_be_visible(timeout=180_000)
    old = rho.inner_text()
    assert re.fullmatch(r"-?\d\.\d\d", old)
    handle = page.locator(".widget-hslider .noUi-handle").first
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
    expect(rho).not_to_have_text(old, timeout=30_000)
    expect(page.get_by_text("precision era").first).to_be_visible()
    assert float(rho.inner_text()) < float(old)
    save_screenshot(page, "nb01_era_dial")
