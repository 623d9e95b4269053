"""Notebook 05 in a real browser: the prune and launch-rate sliders change the two lenses."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _number(text: str) -> float:
    return float(re.sub(r"[^0-9.]", "", text))


def test_prune_and_rate_sliders_change_both_lenses(voila_page, save_screenshot):
    page = voila_page("05_innovation_stream.ipynb", timeout=180)
    saved = page.locator("td.ck-saved-1").first
    expect(saved).to_be_visible(timeout=180_000)
    old_saved = saved.inner_text()
    profit = page.locator("td.ck-profit-1").first
    old_profit = profit.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").nth(1)  # 0 is the guess slider
    handle.focus()
    handle.press("ArrowRight")  # prune 15 % -> 20 %
    expect(saved).not_to_have_text(old_saved, timeout=30_000)
    assert _number(saved.inner_text()) > _number(old_saved)
    expect(profit).not_to_have_text(old_profit, timeout=30_000)

    rate_profit = page.locator("td.ck-profit-2").first
    old_rate_profit = rate_profit.inner_text()
    rate = page.locator(".widget-hslider .noUi-handle").nth(2)
    rate.focus()
    for _ in range(2):
        rate.press("ArrowLeft")  # launch rate 1.0 -> 0.5
    expect(rate_profit).not_to_have_text(old_rate_profit, timeout=30_000)
    expect(page.locator("table.ck-lenses").first).to_contain_text("launch rate x0.5 ", timeout=30_000)
    expect(page.locator("td.ck-saved-2").first).not_to_have_text("0%", timeout=30_000)
    save_screenshot(page, "nb05_portfolio")
