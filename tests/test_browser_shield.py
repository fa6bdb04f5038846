"""The application shield's parts on the page, in a real headless Chromium against a real
`sim serve`, driving real programs (the shield demo, a sensor program, a corpus program):
the pots reach AnalogIn, the joystick's switches reach DigitalIn (mouse and keyboard), the
sensor sliders reach the LM75B/SHT31/MMA7660 models and the program's LCD shows them, the RGB
LED mixes its three PWM duties, and the speaker plays a WebAudio tone at the PwmOut's
frequency only after the user turned the sound on. One page load per test; every wait is on
a condition."""

from __future__ import annotations


import pytest

from corpus_check import MISSING_REASON, corpus_dir
from page_helpers import LCD, STATUS, page, run_and_wait, serial, set_editor, wait_running  # noqa: F401
from simulator.build import boards

SERIAL = "document.querySelector('[data-testid=serial]').textContent"


def serial_has(page, text: str, timeout: int = 10000) -> None:
    page.wait_for_function(f"(t) => {SERIAL}.includes(t)", arg=text, timeout=timeout)


def lcd_has(page, pattern: str, timeout: int = 10000) -> None:
    """Wait until a line of the LCD's text (read back from its pixels) matches the regex."""
    page.wait_for_function(f"""(p) => (document.querySelector('{LCD}').getAttribute('aria-label') || '')
        .split('\\n').some((l) => new RegExp(p).test(l))""", arg=pattern, timeout=timeout)


def lcd_shows(page, *patterns: str, timeout: int = 10000) -> None:
    """Wait until the LCD's text lines match the regexes, all in the same frame (a program
    that redraws is seen mid-drawing too, as on a board)."""
    page.wait_for_function(f"""(ps) => {{
      const lines = (document.querySelector('{LCD}').getAttribute('aria-label') || '').split('\\n');
      return ps.every((p, i) => new RegExp(p).test(lines[i] || ''));
    }}""", arg=list(patterns), timeout=timeout)


def run_program(page, board: str = "lpc1768", demo: str | None = None, source: str | None = None) -> None:
    wait_running(page)
    if board != "lpc1768":
        page.select_option("[data-testid=board-picker]", board)
        page.wait_for_function("document.querySelector('[data-testid=status]').textContent.startsWith('Board:')")
    if demo:
        page.select_option("[data-testid=demo]", demo)
    if source:
        set_editor(page, source)
    run_and_wait(page)
    assert page.locator(STATUS).text_content().startswith("Running"), page.locator(STATUS).text_content()


def hold(page, selector: str):
    """Press and hold a part with the mouse; returns the release."""
    page.hover(selector)
    page.mouse.down()
    return page.mouse.up


def rgb(page) -> tuple[int, int, int]:
    color = page.locator("[data-testid=shield-rgb]").get_attribute("data-color")
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


# ---- the parts' pins are the board profiles' -----------------------------------------------------

def test_shield_parts_sit_on_the_board_profiles_pins(page):
    """static/js/boards.js and simulator/build/boards.py describe the same shield: same pins
    (as PinName numbers) for the RGB LED, joystick, pots and speaker on both boards, and sensor
    inputs that `sim run --set` accepts. Mounted, each board shows the parts."""
    wait_running(page)
    specs = page.evaluate("""async () => {
      const { BOARDS } = await import('/static/js/boards.js');
      return Object.fromEntries(Object.entries(BOARDS).map(([name, b]) => [name, b.parts]));
    }""")
    assert set(specs) == set(boards.BOARDS)
    for name, parts in specs.items():
        board = boards.get(name)
        num = board.pin
        by_id = {p["id"]: p for p in parts}
        py_rgb = [p for p in board.parts_of("rgb_led") if p.name in ("rgb", "shield_rgb")][-1]
        assert {c: num(p) for c, p in by_id["shield-rgb"]["pins"].items()} == \
            {c: num(p) for c, p in py_rgb.pins.items()}, name
        assert by_id["shield-rgb"]["activeLow"] is True and py_rgb.active_low
        (joy,) = board.parts_of("joystick")
        assert {d: num(p) for d, p in by_id["joystick"]["pins"].items()} == {d: num(p) for d, p in joy.pins.items()}
        assert by_id["joystick"]["activeLevel"] == 1 and not joy.active_low  # active high, as on the shield
        for pot in board.parts_of("pot"):
            assert num(by_id[pot.name]["pin"]) == num(pot.pins["pin"]), (name, pot.name)
        (speaker,) = board.parts_of("speaker")
        assert num(by_id["speaker"]["pin"]) == num(speaker.pins["pin"])
        settable = board.settable()
        names = [q["name"] for p in parts if p["type"] == "sensor" for q in p["inputs"]]
        names += [n for p in parts if p["type"] == "tilt" for n in p["names"].values()]
        assert sorted(names) == sorted(["lm75b.temp", "sht31.temp", "sht31.humidity", "accel_x", "accel_y", "accel_z"])
        for n in names:
            assert settable[n][0] == "device", (name, n)

    for name in ("lpc1768", "k64f"):  # the page starts on the LPC1768
        if name == "k64f":
            page.select_option("[data-testid=board-picker]", "k64f")
            page.wait_for_selector("[data-testid=sw2]")
        shield = page.locator("[data-testid=shield]")
        assert shield.locator("[data-testid^=joystick-]").count() == 5
        assert shield.locator("input[type=range]").count() == 2 + 1 + 2 + 2  # pots, LM75B, SHT31, tilt
        assert shield.locator("[data-testid=shield-rgb]").count() == 1
        label = page.locator("[data-testid=pot1]").evaluate("i => i.labels[0].textContent")
        assert label == ("Pot 1 (A0)" if name == "k64f" else "Pot 1 (p19)")


# ---- pots and the RGB LED -------------------------------------------------------------------------

def test_pots_reach_analogin_and_mix_the_rgb_led(page):
    """The shield demo prints the pots every 500 ms and sets red = pot1, green = pot2 on the
    common-anode RGB LED (PwmOut duty = 1 - level)."""
    run_program(page, demo="shield")
    serial_has(page, "pots 0.50 0.50")  # the pots' resting position
    page.locator("[data-testid=pot1]").fill("0.25")
    pot2 = page.locator("[data-testid=pot2]")
    pot2.focus()
    page.keyboard.press("Home")  # the keyboard moves a pot too
    assert page.locator("[data-testid=pot2-value]").text_content() == "0.00 (0.00 V)"
    serial_has(page, "pots 0.25 0.00")
    lcd_has(page, r"^pots 0\.25 0\.00$")
    # Red at a quarter (duty 0.75 on a common-anode LED), green off.
    page.wait_for_function("""() => { const c = document.querySelector('[data-testid=shield-rgb]').dataset.color;
        return Math.abs(parseInt(c.slice(1, 3), 16) - 64) <= 1 && c.slice(3) === '0000'; }""")

    page.keyboard.press("End")
    page.locator("[data-testid=pot1]").fill("1")
    serial_has(page, "pots 1.00 1.00")
    page.wait_for_function("document.querySelector('[data-testid=shield-rgb]').dataset.color === '#ffff00'")
    assert "red+green" in page.locator("[data-testid=shield-rgb]").get_attribute("aria-label")
    page.locator("[data-testid=pot1]").fill("0")
    page.locator("[data-testid=pot2]").fill("0")
    page.wait_for_function("document.querySelector('[data-testid=shield-rgb]').dataset.state === 'off'")


# ---- the joystick ------------------------------------------------------------------------------------

def test_joystick_presses_reach_the_program_on_the_k64f_shield(page):
    """On the FRDM-K64F the joystick is on A2-A5 and D4; the shield demo prints each direction
    and turns its tone on while the centre is held. Mouse, arrow keys and Space/Enter."""
    run_program(page, board="k64f", demo="shield")
    serial_has(page, "Shield demo")
    release = hold(page, "[data-testid=joystick-up]")
    serial_has(page, "joystick up")
    assert page.locator("[data-testid=joystick-up]").get_attribute("aria-pressed") == "true"
    release()
    page.focus("[data-testid=joystick-center]")
    for key, word in (("ArrowLeft", "left"), ("ArrowDown", "down"), ("ArrowRight", "right")):
        page.keyboard.down(key)
        serial_has(page, f"joystick {word}")
        page.keyboard.up(key)
        page.wait_for_function(f"document.querySelector('[data-testid=joystick-{word}]').ariaPressed === 'false'")
    page.keyboard.down("Enter")  # fire
    serial_has(page, "tone on")
    page.keyboard.up("Enter")
    serial_has(page, "tone off")
    out = serial(page)
    assert out.index("joystick up") < out.index("joystick left") < out.index("joystick down") \
        < out.index("joystick right") < out.index("tone on") < out.index("tone off")


# ---- the speaker ---------------------------------------------------------------------------------------

AUDIO = "window.simPage.board.part('speaker').audio"


def test_speaker_tone_starts_and_stops_at_the_pwm_frequency_once_sound_is_on(page):
    """The shield demo sets the speaker's period to 1/440 s and plays it (duty 0.5) while the
    joystick's centre is held. Muted by default: no AudioContext until the user turns sound on;
    then the oscillator runs at 1 / period and the gain follows the duty."""
    run_program(page, demo="shield")
    serial_has(page, "Shield demo")
    speaker = page.locator("[data-testid=speaker]")
    release = hold(page, "[data-testid=joystick-center]")
    serial_has(page, "tone on")
    page.wait_for_function("document.querySelector('[data-testid=speaker]').dataset.state === 'on'")
    assert abs(float(speaker.get_attribute("data-frequency")) - 440) < 0.5  # period(1/440) = 2273 us
    assert "440 Hz (muted)" in page.locator("[data-testid=speaker-state]").text_content()
    assert page.evaluate(f"{AUDIO} === null")  # nothing plays before the user asks
    release()
    serial_has(page, "tone off")
    page.wait_for_function("document.querySelector('[data-testid=speaker]').dataset.state === 'off'")

    page.click("[data-testid=speaker-sound]")
    assert page.locator("[data-testid=speaker-sound]").get_attribute("aria-pressed") == "true"
    page.wait_for_function(f"{AUDIO} && {AUDIO}.context.state === 'running'")
    assert page.evaluate(f"{AUDIO}.gain.gain.value") < 1e-3  # silent while the duty is 0
    release = hold(page, "[data-testid=joystick-center]")
    page.wait_for_function(f"{AUDIO}.gain.gain.value > 0.05")  # started
    assert abs(page.evaluate(f"{AUDIO}.oscillator.frequency.value") - 1e6 / 2273) < 0.01
    assert page.evaluate(f"{AUDIO}.oscillator.type") == "square"
    release()
    page.wait_for_function(f"{AUDIO}.gain.gain.value < 1e-3")  # stopped
    serial_has(page, "tone off")

    page.click("[data-testid=speaker-sound]")  # sound off again: the context is suspended
    page.wait_for_function(f"{AUDIO}.context.state === 'suspended'")


# ---- sensors: temperature, humidity, tilt ---------------------------------------------------------------

# Mbed OS 6's minimal-printf has no %f: tenths of a degree and hundredths of a g as integers.
SENSORS = r'''#include "mbed.h"
#include <math.h>
#include "C12832.h"
#include "LM75B.h"
#include "MMA7660.h"
#include "Sht31.h"

C12832 lcd(p5, p7, p6, p8, p11);
LM75B thermometer(p28, p27);
Sht31 hygrometer(p28, p27);
MMA7660 accelerometer(p28, p27);

int main() {
  while (true) {
    const float t = thermometer.read();
    const float st = hygrometer.readTemperature(), rh = hygrometer.readHumidity();
    const float x = accelerometer.x(), y = accelerometer.y(), z = accelerometer.z();
    lcd.cls();
    lcd.locate(0, 0);
    lcd.printf("LM75B %d dC", (int)lroundf(t * 10));
    lcd.locate(0, 10);
    lcd.printf("SHT31 %d dC %d%%", (int)lroundf(st * 10), (int)lroundf(rh));
    lcd.locate(0, 20);
    lcd.printf("g %d %d %d", (int)lroundf(x * 100), (int)lroundf(y * 100), (int)lroundf(z * 100));
    ThisThread::sleep_for(50ms);
  }
}
'''


def test_sensor_sliders_reach_the_i2c_devices_and_the_lcd_shows_them(page):
    run_program(page, source=SENSORS)
    lcd_shows(page, r"^LM75B 250 dC$", r"^SHT31 250 dC 45%$")
    page.locator("[data-testid=lm75b-temp]").fill("31.5")
    assert page.locator("[data-testid=lm75b-temp-value]").text_content() == "31.5 °C"
    lcd_shows(page, r"^LM75B 315 dC$", r"^SHT31 250 dC 45%$")  # the other sensor keeps its own
    page.locator("[data-testid=sht31-temp]").fill("-10")
    humidity = page.locator("[data-testid=sht31-humidity]")
    humidity.focus()
    for _ in range(15):
        page.keyboard.press("ArrowRight")  # 45 -> 60 %RH, one step per key
    lcd_shows(page, r"^LM75B 315 dC$", r"^SHT31 -100 dC 60%$")

    # Tilt: roll 30 degrees right-edge-down: x = sin 30 = 0.5 g, z = cos 30 = 0.87 g (the
    # MMA7660 reads in steps of 1/21.33 g: flat, 1 g reads 0.98).
    wait_tilt(page, 0, 0, 1)
    page.locator("[data-testid=mma7660-roll]").fill("30")
    assert page.locator("[data-testid=mma7660-g]").text_content() == "x 0.50 g, y 0.00 g, z 0.87 g"
    wait_tilt(page, 0.5, 0, 0.866)
    page.locator("[data-testid=mma7660-pitch]").fill("-90")  # standing on its bottom edge
    wait_tilt(page, 0, -1, 0)
    page.get_by_role("button", name="Lay flat").click()
    wait_tilt(page, 0, 0, 1)


def wait_tilt(page, x: float, y: float, z: float) -> None:
    """Wait until the LCD's third line shows the acceleration (x, y, z) within one MMA7660 step."""
    page.wait_for_function(f"""(want) => {{
      const line = (document.querySelector('{LCD}').getAttribute('aria-label') || '').split('\\n')[2] || '';
      if (!/^g -?\\d+ -?\\d+ -?\\d+$/.test(line)) return false;
      const got = line.split(' ').slice(1).map(Number);
      return got.every((v, i) => Math.abs(v / 100 - want[i]) <= 0.05);
    }}""", arg=[x, y, z], timeout=10000)


# ---- a shield program from the corpus, unchanged ------------------------------------------------------

CORPUS = corpus_dir()


@pytest.mark.skipif(CORPUS is None, reason=MISSING_REASON)
def test_corpus_lcd_pots_program_draws_the_pots_as_bars_on_the_k64f_shield(page):
    """DavidKendall/mbed_lcd_pots (K64F + application shield), as published: the C12832 shows
    'L:' and 'R:' with a frame each and bars whose length is 100 x the pot's AnalogIn reading,
    starting at x = 22 (rows 2-7 for the left pot, 20-25 for the right)."""
    source = (CORPUS / "davidkendall-mbed_lcd_pots" / "main.cpp").read_text()
    run_program(page, board="k64f", source=source)
    page.locator("[data-testid=pot1]").fill("0.25")
    page.locator("[data-testid=pot2]").fill("0.75")
    # fillrect(22, y, 22 + (int)(100 * v), ..., 1) then fillrect(that x, y, 121, ..., 0): the
    # bar's last lit column is 21 + 100 * v.
    wait_bars(page, 22 + 25 - 1, 22 + 75 - 1)
    lcd_shows(page, r"^\s*L:\s*$", r"^\s*R:\s*$")  # the text beside the frames
    # The shield's RGB LED is off: the program drives D5, D8 and D9 high (common anode).
    assert page.locator("[data-testid=shield-rgb]").get_attribute("data-state") == "off"

    page.focus("[data-testid=pot1]")
    page.keyboard.press("End")  # full scale: fillrect(22, 2, 122, 7, 1), then fillrect(122, 2, 121, 7, 0),
    wait_bars(page, 120, 96)     # whose corners the library swaps: columns 121 and 122 are cleared again


def wait_bars(page, left: int, right: int) -> None:
    """Wait until the bars of mbed_lcd_pots (rows 2-7 and 20-25, from x = 22) end at these
    columns without a gap, read from the pixels of the page's LCD canvas."""
    page.wait_for_function("""(want) => {
      const c = document.querySelector('[data-testid=lcd]');
      const end = (y) => {
        const px = c.getContext('2d').getImageData(0, y, c.width, 1).data;
        const on = (x) => px[4 * x] === 0x20 && px[4 * x + 1] === 0x30;
        let last = -1;
        for (let x = 22; x < 122; x++) if (on(x)) last = x;
        for (let x = 22; x <= last; x++) if (!on(x)) return -2;
        return last;
      };
      return [2, 4, 7].every((y) => end(y) === want[0]) && [20, 22, 25].every((y) => end(y) === want[1]);
    }""", arg=[left, right], timeout=10000)


@pytest.mark.skipif(CORPUS is None, reason=MISSING_REASON)
def test_corpus_joystick_interrupts_program_sees_each_switch_on_the_k64f_shield(page):
    """kf5011/solition-2.1 (K64F + application shield), as published: rise and fall handlers
    on every switch light the board's red LED and print all the switch levels, while main()
    spins in an empty loop. Holding the joystick left (arrow key) is a rise with left:1, the
    release a fall with everything 0."""
    source = (CORPUS / "kf5011-solition-2.1" / "main.cpp").read_text()
    run_program(page, board="k64f", source=source)
    serial_has(page, "ready!")
    page.focus("[data-testid=joystick-center]")
    page.keyboard.down("ArrowLeft")
    serial_has(page, "rising 0->1\nSw1:1 \t\t Sw2:1\n\tup:0\nleft:1\tcenter:0\tright:0\n\tdown:0\n----\n")
    page.wait_for_function("document.querySelector('[data-testid=rgb-led]').dataset.color === '#ff0000'")
    page.keyboard.up("ArrowLeft")
    serial_has(page, "falling 1->0\nSw1:1 \t\t Sw2:1\n\tup:0\nleft:0\tcenter:0\tright:0\n\tdown:0\n----\n")
    page.wait_for_function("document.querySelector('[data-testid=rgb-led]').dataset.state === 'off'")
