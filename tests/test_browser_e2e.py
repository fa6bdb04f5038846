"""End to end in a real headless Chromium against a real `sim serve`: draw with the mouse,
press BUTTON1, read the LCD; edit and run programs; see compile errors on their lines.
Editor tabs, the board picker and the runner's isolation: test_browser_page.py."""

from __future__ import annotations

import numpy as np

from digit_strokes import drawings
from simulator.build import build
from simulator.build.runner import run

from page_helpers import EDITOR, LCD, STATUS, draw, editor_text, lcd_text, page, set_editor, wait_running  # noqa: F401


def predict(page, strokes) -> int:
    """Draw, press BUTTON1, wait for the new prediction on the serial console, then for the LCD
    to show the same (the LCD is a bus-level model now: while the driver sends its pages the
    panel can briefly show the previous result, as a board's does)."""
    page.click("#clear")
    serial = "document.querySelector('[data-testid=serial]').textContent"
    before = page.evaluate(f"{serial}.split('Predicted: ').length")
    draw(page, strokes)
    page.click("[data-testid=button1]")
    page.wait_for_function(f"{serial}.split('Predicted: ').length > {before}", timeout=20000)
    digit = int(page.evaluate(f"{serial}.split('Predicted: ').pop()")[0])
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Predicted: {digit}'",
                           timeout=20000)
    return digit


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
    source = editor_text(page)
    set_editor(page, source.replace("500ms", "200ms"))
    page.click("[data-testid=run]")
    wait_running(page)
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'on'", timeout=10000)
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'off'", timeout=10000)
    assert page.locator("[data-testid=led1]").get_attribute("aria-label") in ("LED1 on", "LED1 off")
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('LED1 is off (2)')")


def test_compile_error_is_shown_on_its_line(page):
    wait_running(page)
    set_editor(page, '#include "mbed.h"\n\nint main() {\n  DigitalOut led(LED1);\n  led = oops;\n}\n')
    page.click("[data-testid=run]")
    # Marked inline: the word under the error is underlined on line 5, with a gutter marker.
    page.wait_for_selector(".cm-lintRange-error", timeout=60000)
    assert page.locator(".cm-lintRange-error").count() == 1
    assert page.locator(".cm-lintRange-error").text_content() == "oops"
    line = page.locator(".cm-line", has=page.locator(".cm-lintRange-error"))
    assert line.text_content() == "  led = oops;"
    assert page.locator(".cm-lint-marker-error").count() == 1
    assert page.locator("[data-testid=tab][data-file='main.cpp'] .tab-errors").text_content() == "1"
    diag = page.locator("[data-testid=diagnostics] li").first.text_content()
    assert diag.startswith("main.cpp:5:9: error:") and "oops" in diag
    assert "Compile error" in page.locator(STATUS).text_content()
    assert "oops" in page.locator("[data-testid=build-log]").text_content()  # the compiler's own log
    html = page.content()
    assert ".tmp-" not in html and "emsdk_build" not in html and "/work/" not in html


def test_mbed_os5_error_shows_its_hint(page):
    wait_running(page)
    set_editor(page, '#include <cstdio>\n\nint main() {\n  Thread t;\n}\n')
    page.click("[data-testid=run]")
    page.wait_for_selector("[data-testid=diagnostics] li .hint", timeout=60000)
    hint = page.locator("[data-testid=diagnostics] li .hint").first.text_content()
    assert hint.startswith("Hint: ") and "rtos::Thread" in hint and "mbed.h" in hint


def test_lcd_is_pixel_exact_with_the_host_build(page, tmp_path):
    src = ('#include "mbed.h"\n#include "C12832.h"\nC12832 lcd(p5, p7, p6, p8, p11);\n'
           'int main() {\n  lcd.cls();\n  lcd.locate(3, 3);\n  lcd.printf("Hello, LCD! 0123");\n'
           '  lcd.circle(110, 20, 9, 1);\n  lcd.fillrect(2, 20, 40, 28, 1);\n  lcd.line(45, 31, 95, 14, 1);\n'
           '  lcd.locate(50, 22);\n  lcd.printf("xyz");\n  while (true) ThisThread::sleep_for(1s);\n}\n')
    wait_running(page)
    set_editor(page, src)
    page.click("[data-testid=run]")
    wait_running(page)
    # The LCD's text is read from the panel: "xyz" at x=50 keeps its indent (50 / 5-pixel spaces).
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Hello, LCD! 0123\\n          xyz'")
    on = page.evaluate("Array.from(document.querySelector('[data-testid=lcd]').getContext('2d').getImageData(0, 0, 128, 32).data"
                       ".filter((_, i) => i % 4 === 0))")
    page_pixels = (np.array(on).reshape(32, 128) == 0x20).astype(np.uint8)
    (tmp_path / "main.cpp").write_text(src)
    host = build([tmp_path / "main.cpp"], "host")
    out = run(host.outputs, "host", until_ms=500)
    assert out.lcd_text == ["Hello, LCD! 0123", "          xyz"]
    np.testing.assert_array_equal(page_pixels, out.lcd_pixels)
    assert page_pixels.sum() > 200


def test_share_link_opens_the_code_marked_as_someone_elses_and_runs_only_on_run(page, browser, server):
    wait_running(page)
    page.select_option("[data-testid=demo]", "lcd")
    page.click("#share")
    page.wait_for_function("document.getElementById('share-url').textContent.includes('#p=')")
    url = page.locator("#share-url").text_content()
    other = browser.new_page()
    errors: list[str] = []
    other.on("pageerror", lambda e: errors.append(str(e)))
    other.goto(url)
    other.wait_for_selector(EDITOR)
    assert editor_text(other) == editor_text(page)
    assert other.locator("[data-testid=shared-banner]").is_visible()
    assert "Someone else's program" in other.locator("[data-testid=shared-banner]").text_content()
    other.wait_for_timeout(1500)  # nothing starts by itself
    assert other.locator("[data-testid=runner]").count() == 0
    assert other.evaluate("window.simPage.runner.worker === null")  # nor the prebuilt demo's worker
    assert "press Run" in other.locator(STATUS).text_content()
    assert (other.locator(LCD).get_attribute("aria-label") or "") == ""
    other.click("[data-testid=run]")
    wait_running(other)
    other.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label').startsWith('utensor-sim')")
    assert other.locator("[data-testid=runner]").get_attribute("sandbox") == "allow-scripts"
    other.close()
    assert not errors, errors


def test_old_share_links_still_open(page, browser, server):
    """`#src=` links (main.cpp only, from before tabs) open in the editor."""
    wait_running(page)
    src = '#include "mbed.h"\nint main() { printf("old link\\n"); }\n'
    b64 = page.evaluate("""async (text) => {
        const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
        const bytes = new Uint8Array(await new Response(s).arrayBuffer());
        return btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    }""", src)
    other = browser.new_page()
    other.goto(server.url + "/#src=" + b64)
    other.wait_for_selector(EDITOR)
    assert editor_text(other) == src
    assert other.locator("[data-testid=shared-banner]").is_visible()
    other.close()
