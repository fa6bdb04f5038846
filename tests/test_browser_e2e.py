"""End to end in a real headless Chromium against a real `sim serve`: draw with the mouse,
press BUTTON1, read the LCD; edit and run programs; see compile errors on their lines."""

from __future__ import annotations

import numpy as np
import pytest

from digit_strokes import drawings
from simulator.build import build
from simulator.build.runner import run

LCD = "[data-testid=lcd]"
STATUS = "[data-testid=status]"


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


def predict(page, strokes) -> int:
    page.click("#clear")
    page.evaluate(f"document.querySelector('{LCD}').setAttribute('aria-label', '')")
    draw(page, strokes)
    page.click("[data-testid=button1]")
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label').startsWith('Predicted: ')",
                           timeout=20000)
    return int(lcd_text(page).split(": ")[1])


def test_drawn_digits_are_recognized(page):
    wait_running(page)
    results = [(digit, predict(page, strokes)) for digit, strokes in drawings()]
    correct = sum(d == p for d, p in results)
    print(f"mouse-drawn digits recognized: {correct}/{len(results)}: {results}")
    assert correct >= 18, results
    serial = page.locator("[data-testid=serial]").text_content()
    assert serial.count("Predicted: ") == len(results)
    preview = page.evaluate("Array.from(document.getElementById('preview').getContext('2d')"
                            ".getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0))")
    assert max(preview) > 200 and sum(1 for v in preview if v > 0) > 40  # the 28x28 digit is shown


def test_button_works_from_the_keyboard(page):
    wait_running(page)
    draw(page, drawings()[7][1])
    page.focus("[data-testid=button1]")
    page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Predicted: 7'", timeout=20000)


def test_edit_blinky_run_and_see_led1_change(page):
    wait_running(page)
    page.select_option("[data-testid=demo]", "blinky")
    source = page.input_value("[data-testid=editor]")
    page.fill("[data-testid=editor]", source.replace("500ms", "200ms"))
    page.click("[data-testid=run]")
    wait_running(page)
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'on'", timeout=10000)
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'off'", timeout=10000)
    assert page.locator("[data-testid=led1]").get_attribute("aria-label") in ("LED1 on", "LED1 off")
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('LED1 is off (2)')")


def test_compile_error_is_shown_on_its_line(page):
    wait_running(page)
    page.fill("[data-testid=editor]", '#include "mbed.h"\n\nint main() {\n  DigitalOut led(LED1);\n  led = oops;\n}\n')
    page.click("[data-testid=run]")
    page.wait_for_selector("#gutter div.error[data-line='5']", timeout=60000)
    assert page.locator("#gutter div.error").count() == 1
    diag = page.locator("[data-testid=diagnostics] li").first.text_content()
    assert diag.startswith("main.cpp:5:9: error:") and "oops" in diag
    assert "Compile error" in page.locator(STATUS).text_content()
    assert "oops" in page.locator("[data-testid=build-log]").text_content()  # the compiler's own log
    html = page.content()
    assert ".tmp-" not in html and "emsdk_build" not in html and "/work/" not in html


def test_mbed_os5_error_shows_its_hint(page):
    wait_running(page)
    page.fill("[data-testid=editor]", '#include <cstdio>\n\nint main() {\n  Thread t;\n}\n')
    page.click("[data-testid=run]")
    page.wait_for_selector("[data-testid=diagnostics] li .hint", timeout=60000)
    hint = page.locator("[data-testid=diagnostics] li .hint").first.text_content()
    assert hint.startswith("hint: ") and "rtos::Thread" in hint and "mbed.h" in hint


def test_lcd_is_pixel_exact_with_the_host_build(page, tmp_path):
    src = ('#include "mbed.h"\n#include "C12832.h"\nC12832 lcd(p5, p7, p6, p8, p11);\n'
           'int main() {\n  lcd.cls();\n  lcd.locate(3, 3);\n  lcd.printf("Hello, LCD! 0123");\n'
           '  lcd.circle(110, 20, 9, 1);\n  lcd.fillrect(2, 20, 40, 28, 1);\n  lcd.line(45, 31, 95, 14, 1);\n'
           '  lcd.locate(50, 22);\n  lcd.printf("xyz");\n  while (true) ThisThread::sleep_for(1s);\n}\n')
    wait_running(page)
    page.fill("[data-testid=editor]", src)
    page.click("[data-testid=run]")
    wait_running(page)
    # Text printed at x=50 sits in column 8 of the text shadow: the line keeps its indent.
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Hello, LCD! 0123\\n        xyz'")
    on = page.evaluate("Array.from(document.getElementById('lcd').getContext('2d').getImageData(0, 0, 128, 32).data"
                       ".filter((_, i) => i % 4 === 0))")
    page_pixels = (np.array(on).reshape(32, 128) == 0x20).astype(np.uint8)
    (tmp_path / "main.cpp").write_text(src)
    host = build([tmp_path / "main.cpp"], "host")
    out = run(host.outputs, "host", until_ms=500)
    assert out.lcd_text == ["Hello, LCD! 0123", "        xyz"]
    np.testing.assert_array_equal(page_pixels, out.lcd_pixels)
    assert page_pixels.sum() > 200


def test_share_link_reloads_the_same_source(page, browser, server):
    wait_running(page)
    page.select_option("[data-testid=demo]", "lcd")
    page.click("#share")
    page.wait_for_function("document.getElementById('share-url').textContent.includes('#src=')")
    url = page.locator("#share-url").text_content()
    other = browser.new_page()
    other.goto(url)
    wait_running(other)
    assert other.input_value("[data-testid=editor]") == page.input_value("[data-testid=editor]")
    other.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label').startsWith('utensor-sim')")
    other.close()
