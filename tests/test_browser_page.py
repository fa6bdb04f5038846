"""The page in a real headless Chromium against a real `sim serve`: editor tabs and inline
errors in any file, the board picker, serial input, the network pictures, and the runner's
isolation (a sandboxed opaque-origin frame with the program in a Worker; a validated message
set): a program that reaches for the page fails and the board still works, a program that
spins forever does not freeze the page and Stop ends it."""

from __future__ import annotations

import json
import re

from digit_strokes import drawings
from page_helpers import (EDITOR, LCD, STATUS, draw, editor_text, lcd_text, page, run_and_wait, serial,  # noqa: F401
                          set_editor, wait_running)
from simulator import FIRMWARE_DIR


def sent_builds(page) -> list[dict]:
    """Collect the build requests the page sends over its Socket.IO websocket."""
    builds: list[dict] = []

    def on_ws(ws):
        def on_frame(payload):
            if isinstance(payload, str) and payload.startswith('42["build"'):
                builds.append(json.loads(payload[2:])[1])
        ws.on("framesent", on_frame)
    page.on("websocket", on_ws)
    return builds


def tab_names(page) -> list[str]:
    return page.locator("[data-testid=tab]").evaluate_all("tabs => tabs.map(t => t.dataset.file)")


def new_file(page, name: str) -> None:
    page.click("[data-testid=file-new]")
    page.fill("[data-testid=file-name]", name)
    page.keyboard.press("Enter")


# ---- editor tabs --------------------------------------------------------------------------

def test_files_in_tabs_build_together_and_errors_are_marked_in_their_file(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    builds = sent_builds(page)
    page.goto(server.url + "/")
    wait_running(page)
    assert tab_names(page) == ["main.cpp"]

    new_file(page, "bad name.h")  # refused, with the rule, and nothing is added
    assert "letters, digits" in page.locator("[data-testid=file-error]").text_content()
    page.fill("[data-testid=file-name]", "util.h")
    page.keyboard.press("Enter")
    assert tab_names(page) == ["main.cpp", "util.h"]
    assert page.locator("[data-testid=tab][aria-selected=true]").get_attribute("data-file") == "util.h"
    set_editor(page, "#pragma once\ninline int triple(int x) { return 3 * y; }\n")
    page.click("[data-testid=tab][data-file='main.cpp']")
    set_editor(page, '#include "mbed.h"\n#include "util.h"\n\nint main() {\n  printf("triple: %d\\n", triple(14));\n'
                     '  while (true) ThisThread::sleep_for(1s);\n}\n')
    run_and_wait(page)
    assert "Compile error" in page.locator(STATUS).text_content()
    assert builds[-1]["files"].keys() == {"main.cpp", "util.h"} and builds[-1]["board"] == "lpc1768"
    # The error is in util.h: its tab has the count, main.cpp's has none.
    assert page.locator("[data-testid=tab][data-file='util.h'] .tab-errors").text_content() == "1"
    assert page.locator("[data-testid=tab][data-file='main.cpp'] .tab-errors").count() == 0
    first = page.locator("[data-testid=diagnostics] li.error").first
    assert first.text_content().startswith("util.h:2:")
    first.locator("button").click()  # jumps to the file, the word is marked inline
    assert page.locator("[data-testid=tab][aria-selected=true]").get_attribute("data-file") == "util.h"
    page.wait_for_selector(".cm-lintRange-error")
    assert page.locator(".cm-lintRange-error").text_content() == "y"

    set_editor(page, "#pragma once\ninline int triple(int x) { return 3 * x; }\n")
    page.keyboard.press("Control+Enter")  # runs from the editor, without inserting a line
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('triple: 42')",
                           timeout=60000)
    assert editor_text(page) == "#pragma once\ninline int triple(int x) { return 3 * x; }\n"
    assert page.locator(".tab-errors").count() == 0 and page.locator(".cm-lintRange-error").count() == 0

    # Rename (a clash and an object-file clash are refused), then delete.
    page.click("[data-testid=file-rename]")
    page.fill("[data-testid=file-name]", "Main.cpp")
    page.keyboard.press("Enter")
    assert "exists already" in page.locator("[data-testid=file-error]").text_content()
    page.fill("[data-testid=file-name]", "helpers.h")
    page.keyboard.press("Enter")
    assert tab_names(page) == ["main.cpp", "helpers.h"]
    assert "return 3 * x" in editor_text(page, "helpers.h")
    new_file(page, "main.c")
    assert "main.o" in page.locator("[data-testid=file-error]").text_content()
    page.keyboard.press("Escape")
    page.once("dialog", lambda d: d.accept())
    page.click("[data-testid=file-delete]")
    assert tab_names(page) == ["main.cpp"]
    # Tabs follow the WAI-ARIA pattern: arrow keys move between them.
    new_file(page, "a.h")
    page.focus("[data-testid=tab][data-file='a.h']")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.file") == "main.cpp"
    page.close()


def test_share_link_carries_every_file_and_the_board(page, browser, server):
    wait_running(page)
    new_file(page, "answer.h")
    set_editor(page, "#pragma once\nconstexpr int kAnswer = 42;\n")
    page.click("[data-testid=tab][data-file='main.cpp']")
    set_editor(page, '#include "mbed.h"\n#include "answer.h"\nint main() { printf("answer %d\\n", kAnswer); }\n')
    page.select_option("[data-testid=board-picker]", "k64f")
    page.click("#share")
    page.wait_for_function("document.getElementById('share-url').textContent.includes('#p=')")
    other = browser.new_page()
    other.goto(page.locator("#share-url").text_content())
    other.wait_for_selector(EDITOR)
    assert tab_names(other) == ["main.cpp", "answer.h"]
    assert editor_text(other, "answer.h") == "#pragma once\nconstexpr int kAnswer = 42;\n"
    assert other.locator("[data-testid=board-picker]").input_value() == "k64f"
    assert other.locator("[data-testid=shared-banner]").is_visible()
    run_and_wait(other)
    other.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('answer 42')")
    other.close()


# ---- the board picker -----------------------------------------------------------------------

def test_board_picker_shows_each_boards_parts_and_builds_for_it(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    builds = sent_builds(page)
    page.goto(server.url + "/")
    wait_running(page)
    assert page.locator("[data-testid=button1]").text_content() == "BUTTON1"
    assert page.locator("[data-testid^=led]").count() == 4

    page.select_option("[data-testid=board-picker]", "k64f")
    page.wait_for_selector("[data-testid=sw2]")
    assert page.locator("[data-testid=button1]").count() == 0 and page.locator("[data-testid^=led]").count() == 0
    assert page.locator("[data-testid=sw2]").text_content() == "SW2"
    assert page.locator("[data-testid=sw3]").text_content() == "SW3"
    assert page.locator("[data-testid=rgb-led]").count() == 1
    assert "press SW2" in page.locator("#board-title").text_content()
    assert page.locator("[data-testid=runner]").count() == 0  # the LPC1768 build stopped

    # blinky on LED1 = the red channel of the K64F's common-anode RGB LED (lit when low).
    page.select_option("[data-testid=demo]", "blinky")
    run_and_wait(page)
    assert builds[-1]["board"] == "k64f"
    rgb = "document.querySelector('[data-testid=rgb-led]').dataset.color"
    page.wait_for_function(f"{rgb} === '#ff0000'", timeout=10000)
    page.wait_for_function(f"{rgb} === '#000000'", timeout=10000)

    # mnist with SW2: the button pulls its pin low, the demo reacts to the edge back up.
    page.select_option("[data-testid=demo]", "mnist")
    run_and_wait(page)
    draw(page, drawings()[3][1])
    page.click("[data-testid=sw2]")
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label').startsWith('Predicted: ')",
                           timeout=20000)
    assert lcd_text(page) == "Predicted: 3"

    page.select_option("[data-testid=board-picker]", "lpc1768")
    page.wait_for_selector("[data-testid=button1]")
    assert page.locator("[data-testid^=led]").count() == 4 and page.locator("[data-testid=sw2]").count() == 0
    page.close()


# ---- serial input ------------------------------------------------------------------------------

ECHO = r'''#include "mbed.h"
static BufferedSerial pc(USBTX, USBRX);
int main() {
  printf("echo ready\n");
  char c;
  while (true) {
    if (pc.read(&c, 1) == 1) { printf("got '%c'\n", c); }
    else ThisThread::sleep_for(10ms);
  }
}
'''


def test_serial_input_reaches_the_program(page):
    wait_running(page)
    set_editor(page, ECHO)
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('echo ready')")
    page.fill("[data-testid=serial-input]", "hi")
    page.keyboard.press("Enter")
    assert page.locator("[data-testid=serial-input]").input_value() == ""
    page.wait_for_function("""document.querySelector('[data-testid=serial]').textContent.includes("got '\\n'")
        || document.querySelector('.serial-note').textContent.includes('cannot read')""", timeout=10000)
    assert page.locator(".serial-note").text_content() == ""  # the build reads console input
    assert "got 'h'\ngot 'i'\ngot '\n'" in serial(page)


INPUT_HOOK = r'''#include "mbed.h"
#include <emscripten.h>
// The program itself provides Module.simSerialInput (the Mbed layer's entry point, once it
// lands, takes its place): what the page sends must arrive there as UTF-8 bytes, in order.
EM_JS(void, install_input, (), {
  Module.simSerialInput = (bytes) => Module.onSerial('in[' + Array.from(bytes).join(',') + ']\n');
});
int main() {
  install_input();
  printf("hook ready\n");
  while (true) ThisThread::sleep_for(100ms);
}
'''


def test_console_input_is_sent_to_the_programs_entry_point_as_utf8(page):
    wait_running(page)
    set_editor(page, INPUT_HOOK)
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('hook ready')")
    page.fill("[data-testid=serial-input]", "hé")
    page.keyboard.press("Enter")
    page.select_option(".serial-in select", "crlf")
    page.fill("[data-testid=serial-input]", "7")
    page.click("[data-testid=serial-send]")
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('in[55,13,10]')")
    assert "in[104,195,169,10]\nin[55,13,10]" in serial(page)


# ---- the network pictures -----------------------------------------------------------------------

def test_models_api_layout_is_the_generated_codes(server):
    """/api/models: each buffer sits where the generated C++ reads and writes its tensors."""
    models = {m["name"]: m for m in json.loads(server.get("/api/models"))}
    assert {"mnist_mlp", "mnist_cnn"} <= models.keys()
    for name, m in models.items():
        code = (FIRMWARE_DIR / "models" / name / f"{name}.cpp").read_text()
        used = {int(o) for o, _ in re.findall(r"arena\.at\((\d+), (\d+)\)", code)}
        buffers = m["buffers"]
        assert {b["offset"] for b in buffers} == used, name
        assert max(b["offset"] + b["size"] for b in buffers) == m["arena_bytes"]
        for a in buffers:  # tensors alive at the same time never share a byte
            for b in buffers:
                if a is not b and a["first"] <= b["last"] and b["first"] <= a["last"]:
                    assert a["offset"] + a["size"] <= b["offset"] or b["offset"] + b["size"] <= a["offset"], (name, a, b)


def test_mnist_shows_its_arena_map_and_layer_table(page, server):
    wait_running(page)
    model = next(m for m in json.loads(server.get("/api/models")) if m["name"] == "mnist_mlp")
    view = page.locator("[data-testid=model-view]")
    view.wait_for(state="visible")
    assert "mnist_mlp" in view.locator("h2").text_content()
    rects = page.locator("[data-testid=arena-map] rect")
    assert rects.count() == len(model["buffers"])
    assert sorted(int(r) for r in rects.evaluate_all("rs => rs.map(r => r.dataset.offset)")) == \
        sorted(b["offset"] for b in model["buffers"])
    rows = page.locator("[data-testid=layer-table] tbody tr")
    assert rows.count() == len(model["layers"])
    assert rows.nth(0).locator("td").nth(2).text_content() == str(model["layers"][0]["ram_bytes"])
    draw(page, drawings()[1][1])
    page.click("[data-testid=button1]")
    page.wait_for_function("document.querySelector('[data-testid=inference-time]').textContent.includes('Time per layer in this browser')",
                           timeout=20000)
    page.select_option("[data-testid=demo]", "blinky")  # no model: no pictures after Run
    run_and_wait(page)
    view.wait_for(state="hidden")


# ---- isolation ------------------------------------------------------------------------------------

PROBE = r'''#include "mbed.h"
#include <emscripten.h>
// Reaches for everything a page's script could touch; prints what happened to each.
EM_JS(void, probe, (), {
  const out = [];
  const tryIt = (name, f) => { try { f(); out.push(name + ':reached'); } catch (e) { out.push(name + ':' + e.name); } };
  tryIt('parent', () => { parent.document.title = 'PWNED'; });
  tryIt('top', () => { top.location.href = 'about:blank'; });
  tryIt('window', () => window.document.body.innerHTML);
  tryIt('localStorage', () => localStorage.getItem('sim-client-id'));
  tryIt('cookie', () => document.cookie);
  tryIt('indexedDB', () => indexedDB.open('steal'));
  Module.onSerial(out.join(' ') + '\n');
  fetch('/api/demos').then(() => Module.onSerial('fetch:reached\n'), (e) => Module.onSerial('fetch:' + e.name + '\n'));
  self.postMessage({ type: 'lcd-text', lines: ['FORGED'], html: '<img src=x onerror=alert(1)>' });
  self.postMessage({ type: 'eval', code: 'document.title = "PWNED"' });
  self.postMessage({ type: 'frame-ready' });
  self.postMessage({ type: 'gpio', pin: 101, value: 7 });
});
EM_JS(void, touch_parent, (), { parent.document.title = 'PWNED'; });
int main() {
  probe();
  ThisThread::sleep_for(300ms);
  printf("now touching parent\n");
  touch_parent();
  printf("still here\n");
  while (true) ThisThread::sleep_for(1s);
}
'''


def test_a_program_that_reaches_for_the_page_fails_and_the_board_still_works(page):
    wait_running(page)
    title = page.title()
    client_id = page.evaluate("localStorage.getItem('sim-client-id')")
    assert re.fullmatch(r"[0-9a-f]{32}", client_id)
    set_editor(page, PROBE)
    run_and_wait(page)
    page.wait_for_function(f"document.querySelector('{STATUS}').textContent.startsWith('The program stopped')",
                           timeout=20000)
    out = serial(page)
    print(out)
    # In the runner's Worker there is no parent, window or document; an opaque origin has no
    # storage; the frame's CSP blocks fetch. Nothing was reached.
    assert "reached" not in out, out
    for name in ("parent", "top", "window", "localStorage", "cookie"):
        assert f"{name}:ReferenceError" in out, out
    assert "indexedDB:" in out and "fetch:TypeError" in out, out
    assert "now touching parent" in out and "still here" not in out
    assert "parent is not defined" in page.locator(STATUS).text_content()
    assert page.title() == title and "PWNED" not in page.title()
    assert page.evaluate("localStorage.getItem('sim-client-id')") == client_id
    assert "FORGED" not in lcd_text(page)  # malformed messages are dropped
    assert page.locator("[data-testid=led1]").get_attribute("data-state") == "off"
    frame = page.locator("[data-testid=runner]")
    assert frame.get_attribute("sandbox") == "allow-scripts"
    assert frame.evaluate("f => f.contentDocument === null")  # an opaque origin: the page cannot see in either

    # The board still works: the mnist demo runs and recognizes a digit.
    page.select_option("[data-testid=demo]", "mnist")
    run_and_wait(page)
    wait_running(page)
    draw(page, drawings()[7][1])
    page.click("[data-testid=button1]")
    page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Predicted: 7'", timeout=20000)
    assert page.title() == title


SPIN = r'''#include "mbed.h"
volatile unsigned counter = 0;
DigitalOut led(LED1);
int main() {
  led = 1;
  printf("spinning\n");
  while (true) { counter = counter + 1; }  // never sleeps, never yields
}
'''


def test_a_program_that_spins_forever_does_not_freeze_the_page_and_stop_ends_it(page):
    wait_running(page)
    set_editor(page, SPIN)
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('spinning')")
    page.wait_for_function("document.querySelector('[data-testid=led1]').dataset.state === 'on'")
    page.wait_for_timeout(500)
    # The page keeps painting and answering input while the program's thread spins.
    frame_ms = page.evaluate("""() => new Promise((resolve) => { const t = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t))); })""")
    assert frame_ms < 1000, frame_ms
    page.focus("[data-testid=button1]")
    page.keyboard.down("Space")
    assert page.locator("[data-testid=button1]").get_attribute("aria-pressed") == "true"
    page.keyboard.up("Space")
    page.click(EDITOR)
    page.keyboard.press("Control+End")
    page.keyboard.type("// typed while it spins")
    assert editor_text(page).endswith("// typed while it spins")
    assert page.locator(STATUS).text_content().startswith("Running")
    assert page.locator("[data-testid=runner]").count() == 1

    page.click("[data-testid=stop]")
    assert page.locator("[data-testid=runner]").count() == 0
    assert page.locator(STATUS).text_content().startswith("Stopped")
    page.select_option("[data-testid=demo]", "blinky")
    run_and_wait(page)
    page.wait_for_function("document.querySelector('[data-testid=serial]').textContent.includes('LED1 is')", timeout=10000)


def test_the_message_set_is_validated_in_both_directions(page):
    """runner/protocol.js in Chromium: only the listed shapes pass, anything else is null."""
    wait_running(page)
    result = page.evaluate("""() => {
      const P = globalThis.SimProtocol;
      const px = (n) => new Uint8Array(n);
      const from = [
        [{type: 'gpio', pin: 101, value: 1}, true],
        [{type: 'lcd', width: 128, height: 32, pixels: px(4096)}, true],
        [{type: 'lcd-text', lines: ['a', 'b']}, true],
        [{type: 'serial', text: 'hi'}, true],
        [{type: 'crash', message: 'x'}, true],
        [{type: 'inference', model: 'm', scores: [0.1, 0.9], layer_us: [1, 2], runs: 3}, true],
        [{type: 'inference', model: 'm', scores: [0.1, 0.9], layer_us: [1, 2]}, false],
        [{type: 'inference', model: 'm', scores: [0.1], layer_us: [1], runs: 1.5}, false],
        [{type: 'gpio', pin: 101, value: 2}, false],
        [{type: 'gpio', pin: 101, value: 1, extra: 1}, false],
        [{type: 'gpio', pin: '101', value: 1}, false],
        [{type: 'gpio', pin: 101}, false],
        [{type: 'pwm', pin: 5, duty: NaN}, false],
        [{type: 'lcd', width: 128, height: 32, pixels: px(10)}, false],
        [{type: 'lcd', width: 128, height: 32, pixels: Array(4096).fill(0)}, false],
        [{type: 'lcd-text', lines: ['x'.repeat(300)]}, false],
        [{type: 'lcd-text', lines: [{toString() { return 'x'; }}]}, false],
        [{type: 'serial', text: 'x'.repeat(70000)}, false],
        [{type: 'eval', code: '1'}, false],
        [{type: 'toString'}, false],
        [{type: '__proto__'}, false],
        [['gpio', 101, 1], false],
        ['gpio', false],
        [null, false],
        [{type: 'pin', pin: 1, level: 1}, false],
        [{type: 'pwm-period', pin: 26, period_us: 2273}, true],
        [{type: 'pwm-period', pin: 26, period_us: 0}, false],
        [{type: 'pwm-period', pin: 26, period_us: 2.5}, false],
      ];
      const to = [
        [{type: 'pin', pin: 110, level: 1}, true],
        [{type: 'file', path: '/fs/tmp.idx', bytes: px(800)}, true],
        [{type: 'serial-in', text: 'abc\\n'}, true],
        [{type: 'analog', pin: 19, value: 0.25}, true],
        [{type: 'stop'}, true],
        [{type: 'file', path: '/fs/../etc/passwd', bytes: px(1)}, false],
        [{type: 'file', path: '/etc/passwd', bytes: px(1)}, false],
        [{type: 'file', path: '/fs/a', bytes: 'text'}, false],
        [{type: 'analog', pin: 19, value: 1.5}, false],
        [{type: 'serial-in', text: 'x'.repeat(5000)}, false],
        [{type: 'load', js: 'x', wasm: new ArrayBuffer(0), files: []}, false],
        [{type: 'gpio', pin: 101, value: 1}, false],
        [{type: 'input', name: 'lm75b.temp', value: 31.5}, true],
        [{type: 'input', name: 'accel_x', value: -0.5}, true],
        [{type: 'input', name: 'temp', value: Infinity}, false],
        [{type: 'input', name: 'lm75b.temp.x', value: 1}, false],
        [{type: 'input', name: '__proto__', value: 1}, false],
        [{type: 'input', name: 'Temp', value: 1}, false],
      ];
      const bad = [];
      for (const [m, ok] of from) if ((P.fromFirmware(m) !== null) !== ok) bad.push('from ' + JSON.stringify(m).slice(0, 80));
      for (const [m, ok] of to) if ((P.toFirmware(m) !== null) !== ok) bad.push('to ' + JSON.stringify(m).slice(0, 80));
      return bad;
    }""")
    assert result == []


def test_runner_refuses_to_run_outside_its_sandbox(page):
    """Framed without sandbox (as another site could), runner.html would have this server's
    origin: it must not start a worker or answer at all."""
    wait_running(page)
    answers = page.evaluate("""() => new Promise((resolve) => {
      const got = [];
      const f = document.createElement('iframe');
      f.src = '/static/runner.html';
      addEventListener('message', (e) => { if (e.source === f.contentWindow) got.push([e.origin, e.data]); });
      f.onload = () => {
        f.contentWindow.postMessage({ type: 'load', js: 'postMessage({type: "serial", text: "ran"})',
                                      wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]).buffer, files: [] }, '*');
        // With the server's `Content-Security-Policy: sandbox` header the frame is opaque anyway.
        setTimeout(() => resolve([got, f.contentDocument ? f.contentDocument.body.textContent : null]), 1500);
      };
      document.body.appendChild(f);
    })""")
    got, body = answers
    if body is None:  # sandboxed by the server's header: whatever it says comes from an opaque origin
        assert all(origin == "null" for origin, _ in got), got
        return
    assert got == []
    assert "only inside the simulator page" in body


def test_the_shipped_mnist_demo_draws_its_scores_and_layer_times(page, server):
    """The unmodified mnist demo (the page's prebuilt default) reports each prediction by itself
    (utensor/inference_report.hpp -> Module.onInference): ten bars, the predicted class the
    highest, and every layer's time, measured in this browser through the model's step hook."""
    wait_running(page)
    model = next(m for m in json.loads(server.get("/api/models")) if m["name"] == "mnist_mlp")
    for digit in (4, 7):
        draw(page, drawings()[digit][1])
        page.evaluate("() => { const f = document.querySelector('[data-testid=scores]'); f.dataset.seen = f.innerHTML; }")
        page.click("[data-testid=button1]")
        page.wait_for_function(f"document.querySelector('{LCD}').getAttribute('aria-label') === 'Predicted: {digit}'",
                               timeout=20000)
        page.wait_for_function("(() => { const f = document.querySelector('[data-testid=scores]');"
                               " return f.querySelector('svg') && f.innerHTML !== f.dataset.seen; })()", timeout=20000)
        scores = [float(s) for s in
                  page.locator("[data-testid=scores] rect").evaluate_all("rs => rs.map(r => r.dataset.score)")]
        assert len(scores) == 10 and abs(sum(scores) - 1) < 0.05, scores  # the softmax output, dequantized
        assert all(s * 256 == round(s * 256) for s in scores), scores  # int8 steps of the output scale 1/256
        best = page.locator("[data-testid=scores] rect.best")
        assert best.count() == 1 and scores.index(max(scores)) == digit
        assert f"{digit}: " in page.locator("[data-testid=scores] svg").get_attribute("aria-label")
        page.click("#clear")

    times = page.locator("[data-testid=layer-table] tbody tr td:nth-child(5)").evaluate_all(
        "tds => tds.map(td => td.textContent)")
    assert len(times) == len(model["layers"]) == 4
    us = [float(t) for t in times]  # every row filled with a number
    assert all(t >= 0 for t in us) and sum(us) > 0, us
    assert us[0] == max(us), us  # 784x128 multiply-accumulates against 8192 and 640, and a softmax of ten
    text = page.locator("[data-testid=inference-time]").text_content()
    m = re.search(r"([0-9.]+) µs per inference, the mean of (\d+) runs", text)
    assert m, text
    assert abs(float(m.group(1)) - sum(us)) < 0.1 * sum(us) + 0.2 and int(m.group(2)) >= 10
    assert "HighResClock" in text and "100 µs" in text


def test_a_new_part_plugs_in_through_the_part_interface(page):
    """board.js knows parts only through {type, create(spec, ctx)}: a part module written here
    (a slider on an AnalogIn pin) is registered, mounted from a description, gets its pin
    resolved, receives only its pins' output, and its input goes through the page's filters
    in order."""
    wait_running(page)
    result = page.evaluate("""async () => {
      const { Board, registerPart } = await import('/static/js/board.js');
      const seen = [];
      registerPart({
        type: 'test-pot',
        create(spec, ctx) {
          const pin = ctx.pin(spec.pin);
          const el = document.createElement('input');
          el.type = 'range';
          return { element: el, pins: [pin], accepts: ['serial'],
                   gpio: (p, v) => seen.push(['gpio', p, v]), receive: (m) => seen.push([m.type]),
                   powerOn: () => [{ type: 'analog', pin, value: 0.5 }],
                   move: (v) => ctx.input({ type: 'analog', pin, value: v }) };
        },
      });
      const sent = [];
      const pcb = document.createElement('div');
      const board = new Board({ pcb, console: pcb }, (m) => { sent.push(m); return true; });
      board.addInputFilter(async (m) => { await new Promise((r) => setTimeout(r, 30)); sent.push({ filtered: m.value }); });
      board.mount({ parts: [{ type: 'test-pot', id: 'pot1', label: 'POT1', pin: 'p19' }] }, { p19: 19, p20: 20 });
      board.receive({ type: 'gpio', pin: 19, value: 1 });
      board.receive({ type: 'gpio', pin: 20, value: 1 });   // not its pin
      board.receive({ type: 'serial', text: 'x' });
      board.receive({ type: 'lcd-text', lines: [] });        // not a type it accepts
      board.powerOn();
      const pot = board.part('pot1');
      pot.move(0.25); pot.move(0.75);
      await board.chain;
      let unknown = null;
      try { board.mount({ parts: [{ type: 'no-such-part', id: 'x' }] }, {}); } catch (e) { unknown = e.message; }
      return { seen, sent, inDom: pcb.querySelectorAll('input[type=range]').length, unknown };
    }""")
    assert result["seen"] == [["gpio", 19, 1], ["serial"]]
    assert result["sent"] == [{"type": "analog", "pin": 19, "value": 0.5},
                              {"filtered": 0.25}, {"type": "analog", "pin": 19, "value": 0.25},
                              {"filtered": 0.75}, {"type": "analog", "pin": 19, "value": 0.75}]
    assert result["inDom"] == 1
    assert "unknown part type no-such-part" in result["unknown"]


def test_a_damaged_share_link_says_so_and_the_demo_runs(browser, server):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/#p=AAAA-not-deflate")
    wait_running(page)
    assert "share link is damaged" in page.locator("[data-testid=shared-banner]").text_content()
    assert "mnist_mlp" in editor_text(page)
    page.close()
    assert not errors, errors
