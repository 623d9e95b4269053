"""The executive views (exec/) in a real browser: served by Voila, no code on screen, controls move numbers."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

EXEC = Path(__file__).resolve().parents[2] / "exec"

pytestmark = pytest.mark.browser


def _no_code(page):
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor, .cm-editor").count() == 0
    expect(page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)


def _save(page, save_screenshot, name):
    """Save what an executive sees at 1280x800, then the whole view (Voila scrolls inside #rendered_cells)."""
    save_screenshot(page, name)
    height = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": max(800, int(height) + 20)})
    save_screenshot(page, name + "_full")
    page.set_viewport_size({"width": 1280, "height": 800})


def _digits(text: str) -> int:
    return int(re.sub(r"[^0-9]", "", text))


def test_era_dial_view(voila_page, save_screenshot):
    page = voila_page("era_dial.ipynb", folder=EXEC, timeout=180)
    rho = page.locator("b.rho").first
    expect(rho).to_be_visible(timeout=180_000)
    _no_code(page)
    old = rho.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").first
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
    expect(rho).not_to_have_text(old, timeout=30_000)
    expect(page.get_by_text("precision era").first).to_be_visible(timeout=30_000)
    assert float(rho.inner_text()) < float(old)
    _save(page, save_screenshot, "exec_era_dial")


def test_profit_map_explorer_view(voila_page, save_screenshot):
    page = voila_page("profit_map_explorer.ipynb", folder=EXEC)
    count = page.locator("b.n-selected").first
    expect(count).to_be_visible(timeout=120_000)
    _no_code(page)
    old = count.inner_text()
    profit = page.locator(".acct-profit").first
    old_profit = profit.inner_text()
    page.locator(".widget-dropdown select").first.select_option("Profit Drain")
    expect(count).not_to_have_text(old, timeout=30_000)
    assert _digits(count.inner_text()) < _digits(old)
    expect(profit).not_to_have_text(old_profit, timeout=30_000)
    assert profit.inner_text().startswith("-$")  # a Drain's account P&L is in the red
    _save(page, save_screenshot, "exec_profit_map_explorer")


def test_levers_view(voila_page, save_screenshot):
    page = voila_page("levers.ipynb", folder=EXEC)
    revenue = page.locator(".ck-after-revenue").first
    expect(revenue).to_be_visible(timeout=120_000)
    _no_code(page)
    before = revenue.inner_text()
    profit = page.locator(".ck-after-net_profit").first
    profit_before = profit.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").nth(6)  # "Invoice price change (%)": +0.5 %
    handle.focus()
    handle.press("ArrowRight")
    expect(revenue).not_to_have_text(before, timeout=30_000)
    expect(profit).not_to_have_text(profit_before, timeout=30_000)
    assert _digits(revenue.inner_text()) > _digits(before)
    _save(page, save_screenshot, "exec_levers")


def test_exec_folder_lists_every_view(voila_page, save_screenshot):
    """What `make exec` serves: the folder's index links to each view."""
    page = voila_page("", folder=EXEC)
    for path in sorted(EXEC.glob("*.ipynb")):
        expect(page.get_by_text(path.name).first).to_be_visible(timeout=120_000)
    save_screenshot(page, "exec_index")


def test_rep_game_view(voila_page, save_screenshot):
    page = voila_page("rep_game.ipynb", folder=EXEC)
    bonus = page.locator("b.ck-your-bonus").first
    expect(bonus).to_be_visible(timeout=120_000)
    _no_code(page)
    old = bonus.inner_text()
    boxes = page.locator(".widget-checkbox input[type=checkbox]")
    boxes.nth(0).uncheck()  # one of the three heaviest objectives ...
    expect(page.get_by_text("Tick exactly 3").first).to_be_visible(timeout=30_000)
    boxes.nth(boxes.count() - 1).check()  # ... swapped for the last one in the plan
    expect(bonus).to_be_visible(timeout=30_000)
    expect(bonus).not_to_have_text(old, timeout=30_000)
    _save(page, save_screenshot, "exec_rep_game")


def test_incentive_designer_view(voila_page, save_screenshot):
    page = voila_page("incentive_designer.ipynb", folder=EXEC)
    profit = page.locator(".ck-plan-profit").first
    expect(profit).to_be_visible(timeout=120_000)
    _no_code(page)
    old = profit.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").nth(2)  # net profit after cost to serve
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    expect(profit).not_to_have_text(old, timeout=30_000)
    _save(page, save_screenshot, "exec_incentive_designer")
