"""Helpers for the Chromium tests of the page: a fresh page per test (failing on any uncaught
page error), waiting for the program, reading and writing the CodeMirror editor, drawing."""

from __future__ import annotations

import pytest

LCD = "[data-testid=lcd]"
STATUS = "[data-testid=status]"
EDITOR = "[data-testid=editor]"


@pytest.fixture()
def page(browser, server):
    pg = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server.url + "/")
    yield pg
    pg.close()
    assert not errors, errors


def wait_running(page, timeout=60000):
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent.startsWith('Running')", timeout=timeout)
    page.wait_for_selector(EDITOR)


def editor_text(page, name=None) -> str:
    """The text of a file in the editor (CodeMirror keeps it in its state, not all in the DOM)."""
    return page.evaluate("(name) => window.simPage.editor.text(name || undefined)", name)


def set_editor(page, text: str) -> None:
    """Replace the active file's text as a user would: select all, then type/paste."""
    page.fill(EDITOR, text)
    assert editor_text(page) == text


def draw(page, strokes):
    box = page.locator("[data-testid=draw-canvas]").bounding_box()
    sx, sy = box["width"] / 280, box["height"] / 280
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x * sx, box["y"] + y * sy)
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * sx, box["y"] + y * sy, steps=6)
        page.mouse.up()


def lcd_text(page) -> str:
    return page.locator(LCD).get_attribute("aria-label") or ""


def run_and_wait(page, timeout=90000):
    """Press Run; wait until the program runs, stopped, or did not compile."""
    page.click("[data-testid=run]")
    page.wait_for_function(f"""(() => {{ const s = document.querySelector('{STATUS}').textContent;
        return s.startsWith('Running') || s.startsWith('The program') || s.startsWith('Compile error'); }})()""",
                           timeout=timeout)


def serial(page) -> str:
    return page.locator("[data-testid=serial]").text_content()
