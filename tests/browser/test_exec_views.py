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


def test_make_exec_opens_on_the_landing_page(voila_page, save_screenshot):
    """What `make exec` serves: the folder, whose front page is the landing view with plain titles."""
    from casekit.widgets.landing import views_table

    root = EXEC.parent
    page = voila_page("", folder=EXEC, args=["--template=casekit"], env={"JUPYTER_PATH": str(root / "jupyter")})
    table = views_table()
    links = page.locator("a.ck-view-link")
    expect(links.first).to_be_visible(timeout=120_000)
    _no_code(page)
    assert links.count() == len(table)
    for r in table.itertuples():
        expect(page.get_by_text(r.title).first).to_be_visible()
        expect(page.get_by_text(r.session).first).to_be_visible()
    assert ".ipynb" not in page.locator("#rendered_cells").inner_text()
    _save(page, save_screenshot, "exec_landing")
    page.get_by_text(table.loc[table["file"] == "launches.ipynb", "title"].iloc[0]).click()
    expect(page.locator(".ck-lenses").first).to_be_visible(timeout=120_000)
    assert page.url.endswith("/voila/render/launches.ipynb")


def test_rep_game_view(voila_page, save_screenshot):
    page = voila_page("rep_game.ipynb", folder=EXEC)
    bonus = page.locator("b.ck-your-bonus").first
    expect(bonus).to_be_visible(timeout=120_000)
    _no_code(page)
    old = bonus.inner_text()
    boxes = page.locator(".widget-checkbox input[type=checkbox]")
    # Swap the heaviest objective for the last one in the plan (with buyers who list one new item a quarter,
    # heaviest first, and the bonus threshold, a third pick often earns nothing, so not every swap moves the
    # bonus; dropping the heaviest one does).
    boxes.nth(0).uncheck()
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


def test_rate_accuracy_view(voila_page, save_screenshot):
    page = voila_page("rate_accuracy.ipynb", folder=EXEC)
    rho = page.locator("b.ck-spearman").first
    expect(rho).to_be_visible(timeout=120_000)
    _no_code(page)
    expect(page.locator(".ck-reconcile").first).to_be_visible()
    old = rho.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").first
    handle.focus()
    for _ in range(6):
        handle.press("ArrowLeft")  # 30 % -> 0 %: the ranking is today's
    expect(rho).to_have_text("1.000", timeout=60_000)
    assert float(old) < 1.0
    _save(page, save_screenshot, "exec_rate_accuracy")


def test_launches_view(voila_page, save_screenshot):
    page = voila_page("launches.ipynb", folder=EXEC)
    table = page.locator(".ck-lenses").first
    expect(table).to_be_visible(timeout=120_000)
    _no_code(page)
    old = table.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").nth(1)  # launch rate 1 -> 0.5
    handle.focus()
    handle.press("ArrowLeft")
    handle.press("ArrowLeft")
    expect(table).not_to_have_text(old, timeout=30_000)
    expect(page.get_by_text("launch rate x0.5").first).to_be_visible()
    _save(page, save_screenshot, "exec_launches")


def test_ops_timing_view(voila_page, save_screenshot):
    page = voila_page("ops_timing.ipynb", folder=EXEC)
    profit = page.locator(".ck-ops-your_profit").first
    expect(profit).to_be_visible(timeout=120_000)
    _no_code(page)
    old = profit.inner_text()
    handle = page.locator(".widget-hslider .noUi-handle").first
    handle.focus()
    for _ in range(8):
        handle.press("ArrowRight")  # operations joins in quarter 9
    expect(profit).not_to_have_text(old, timeout=30_000)
    expect(page.get_by_text("operations joins in quarter 9").first).to_be_visible()
    _save(page, save_screenshot, "exec_ops_timing")


def test_essay_class_view(voila_page, save_screenshot):
    page = voila_page("essay_class.ipynb", folder=EXEC, timeout=240)
    profit = page.locator(".ck-plan-profit").first
    expect(profit).to_be_visible(timeout=240_000)
    _no_code(page)
    for part in ("1 · Who pays", "2 · Fifteen objectives", "3 · Sales first", "4 · Who drives the boat"):
        expect(page.get_by_text(part).first).to_be_visible()
    assert page.locator(".ck-reconcile").count() == 1
    old = profit.inner_text()
    sliders = page.locator(".widget-hslider .noUi-handle")
    handle = sliders.nth(sliders.count() - 5)  # part 4's "net profit after cost to serve" weight
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    expect(profit).not_to_have_text(old, timeout=30_000)
    _save(page, save_screenshot, "exec_essay_class")
