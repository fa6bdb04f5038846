"""Board profiles: the pin names, polarities and parts of each simulated board.

One ``Board`` per profile is the single source of truth for pin numbers. The C++ headers
``firmware/mbed/boards/NAME/PinNames.h`` and ``sim_board.h`` are generated from it
(``python -m simulator.build.boards --write``; a test checks they are current), the
builder passes ``Board.macros`` (``TARGET_K64F``, ``DEVICE_I2C``, ...) to the compiler, the
runner maps names to numbers for ``--press``/``--set`` and numbers back to names for the
report, and the page gets ``Board.to_json()``.

Pin numbers are those of Mbed OS's ``PinNames.h`` for the FRDM-K64F (``port << 12 | pin``).
For the LPC1768 they are ``port * 32 + pin`` (Mbed OS adds the GPIO base address; programs
only compare and pass PinNames, so the offset is left out). ``BUTTON1`` on the LPC1768 is
the extra user button of the Mbed Simulator's virtual board (1337 there, too).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from simulator import FIRMWARE_DIR
from simulator.errors import UserError

BOARDS_DIR = FIRMWARE_DIR / "mbed" / "boards"
DEFAULT_BOARD = "lpc1768"


@dataclass(frozen=True)
class Part:
    """Something on the board a user sees or touches.

    ``kind``: led, rgb_led, button, joystick, pot, speaker, lcd, i2c_device.
    ``pins``: role -> pin name (``{"pin": "LED1"}``, ``{"up": "A2", ...}``).
    ``active_low``: LEDs that light at 0, buttons that read 0 when pressed.
    ``inputs``: settable values of a device model and their defaults (``{"temp": 25.0}``).
    """

    kind: str
    name: str
    pins: dict[str, str]
    active_low: bool = False
    label: str = ""
    address: int | None = None
    model: str = ""
    inputs: dict[str, float] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "name": self.name, "pins": dict(self.pins), "active_low": self.active_low}
        if self.label:
            out["label"] = self.label
        if self.address is not None:
            out["address"] = self.address
        if self.model:
            out["model"] = self.model
        if self.inputs:
            out["inputs"] = dict(self.inputs)
            out["units"] = dict(self.units)
        return out


@dataclass(frozen=True)
class Board:
    name: str
    title: str
    mbed_target: str
    port_shift: int  # PinName = port << shift | pin (LPC1768: 5, i.e. port * 32 + pin)
    port_names: tuple[str, ...]  # MCU pin names per port, e.g. ("P0_", ...) or ("PTA", ...)
    extra_pins: dict[str, int]  # simulator-only pins (the LPC1768's BUTTON1)
    aliases: dict[str, str]  # board names -> MCU pin names or other aliases, in PinNames.h order
    defines: tuple[str, ...]  # aliases that Mbed OS 6 declares as #define (the blinky tests #ifdef LED1)
    canonical: tuple[str, ...]  # preferred report names, first match wins
    pin_modes: dict[str, int]
    pull_default: str
    parts: tuple[Part, ...]
    macros: tuple[str, ...]
    mhz: int

    # ---- pins ------------------------------------------------------------------------------
    @functools.cached_property
    def mcu_pins(self) -> dict[str, int]:
        pins = {}
        for port, prefix in enumerate(self.port_names):
            for n in range(32):
                pins[f"{prefix}{n}"] = (port << self.port_shift) | n
        pins.update(self.extra_pins)
        return pins

    @functools.cached_property
    def pins(self) -> dict[str, int]:
        """Every name a program can use -> PinName value."""
        table = dict(self.mcu_pins)
        for alias, target in self.aliases.items():
            if target not in table:
                raise ValueError(f"{self.name}: alias {alias} -> unknown {target}")
            table[alias] = table[target]
        return table

    @functools.cached_property
    def names_by_value(self) -> dict[int, str]:
        """PinName value -> the name reports use (board label where there is one)."""
        out: dict[int, str] = {}
        for name in self.canonical:
            out.setdefault(self.pins[name], name)
        for name, value in self.mcu_pins.items():
            out.setdefault(value, name)
        return out

    def pin(self, name: str, what: str = "pin") -> int:
        if name not in self.pins:
            close = sorted(n for n in self.pins if n.lower() == name.lower())
            hint = f" (did you mean {close[0]}?)" if close else f" (e.g. {', '.join(self.examples())})"
            raise UserError(f"unknown {what} {name!r} on the {self.name} board{hint}")
        return self.pins[name]

    def examples(self) -> list[str]:
        return [p.pins.get("pin", "") for p in self.parts if p.kind == "button"][:2] + ["LED1", "D4"]

    def name_of(self, value: int) -> str:
        return self.names_by_value.get(value, str(value))

    def pin_names(self) -> dict[str, str]:
        """Every name an app can use -> the name used in reports."""
        return {name: self.name_of(value) for name, value in sorted(self.pins.items())}

    # ---- parts --------------------------------------------------------------------------------
    def parts_of(self, kind: str) -> list[Part]:
        return [p for p in self.parts if p.kind == kind]

    def devices(self) -> list[Part]:
        """Device models on the board's buses (I2C and SPI), in board order."""
        return [p for p in self.parts if p.kind in ("i2c_device", "spi_device")]

    def input_levels(self) -> dict[int, tuple[int, int]]:
        """PinName -> (idle level, pressed level) of the board's buttons and joystick."""
        out = {}
        for part in self.parts:
            if part.kind in ("button", "joystick"):
                for pin in part.pins.values():
                    out[self.pins[pin]] = (1, 0) if part.active_low else (0, 1)
        return out

    def analog_defaults(self) -> dict[int, float]:
        return {self.pins[p.pins["pin"]]: p.inputs.get("value", 0.5) for p in self.parts_of("pot")}

    def settable(self) -> dict[str, tuple[str, object]]:
        """Names ``--set NAME=VALUE`` accepts: device inputs, pots, and every pin name (analog or
        digital level). -> (kind, target): ("device", (model, index, input)) or ("pin", value)."""
        out: dict[str, tuple[str, object]] = {}
        for name, value in self.pins.items():
            out[name] = ("pin", value)
        for part in self.parts_of("pot"):
            out[part.name] = ("pin", self.pins[part.pins["pin"]])
        for index, part in enumerate(self.devices()):
            for key in part.inputs:
                # A name two parts share (temp: the LM75B and the SHT31) sets both: "lm75b,sht31".
                if key in out and out[key][0] == "device":
                    first = out[key][1]
                    out[key] = ("device", (f"{first[0]},{part.name}", first[1], key))
                else:
                    out[key] = ("device", (part.name, index, key))
                out[f"{part.name}.{key}"] = ("device", (part.name, index, key))
        return out

    def to_json(self) -> dict:
        """What the page needs to draw the board: pins, report names and parts."""
        return {"name": self.name, "title": self.title, "mbed_target": self.mbed_target, "mhz": self.mhz,
                "pins": dict(sorted(self.pins.items())), "pin_names": self.pin_names(),
                "parts": [p.to_json() for p in self.parts]}

    # ---- generated C++ ----------------------------------------------------------------------------
    def pin_names_header(self) -> str:
        lines = [f"// PinNames.h of the simulated {self.title}.",
                 "// Generated by `python -m simulator.build.boards --write` from simulator/build/boards.py:",
                 "// edit that file, not this one. Names and numbering follow Mbed OS's PinNames.h for the",
                 f"// {self.mbed_target}; LED1.. and BUTTON1.. are #defines as in Mbed OS 6.",
                 "#pragma once", "", "#ifdef __cplusplus", 'extern "C" {', "#endif", "",
                 "typedef enum { PIN_INPUT, PIN_OUTPUT } PinDirection;", "", "typedef enum {"]
        row: list[str] = []
        for name, value in self.mcu_pins.items():
            if name in self.extra_pins:
                continue
            row.append(f"{name} = {value},")
            if len(row) == 8:
                lines.append("  " + " ".join(row))
                row = []
        if row:
            lines.append("  " + " ".join(row))
        for name, value in self.extra_pins.items():  # simulator-only pins, named SIM_<name> if #defined
            lines.append(f"  {'SIM_' + name if name in self.defines else name} = {value},  // simulator-only")
        body_aliases = [(a, t) for a, t in self.aliases.items() if a not in self.defines]
        defines = [(a, self.aliases.get(a)) for a in self.defines]
        lines.append("")
        for alias, target in body_aliases:
            lines.append(f"  {alias} = {target},")
        lines += ["", "  NC = (int)0xFFFFFFFF", "} PinName;", ""]
        for alias, target in defines:
            value = target if target is not None else f"SIM_{alias}"
            note = "  // simulator-only" if alias in self.extra_pins else ""
            lines.append(f"#define {alias} {value}{note}")
        lines += ["", "typedef enum {"]
        for mode, value in self.pin_modes.items():
            lines.append(f"  {mode} = {value},")
        lines += [f"  PullDefault = {self.pull_default}", "} PinMode;", ""]
        # Mbed OS's PortNames.h: the GPIO ports of PortIn/PortOut/PortInOut (a pin's port is
        # PinName >> port_shift).
        ports = ", ".join(f"Port{prefix.strip('P_T')} = {i}" for i, prefix in enumerate(self.port_names))
        lines += [f"typedef enum {{ {ports} }} PortName;", "", "#ifdef __cplusplus", "}", "#endif", ""]
        # The aliases declared before their targets must still compile: check order.
        seen = set(self.mcu_pins)
        for alias, target in body_aliases:
            if target not in seen and target not in self.defines:
                raise ValueError(f"{self.name}: alias {alias} uses {target} before it is declared")
            seen.add(alias)
        return "\n".join(lines)

    def board_header(self) -> str:
        inputs = self.input_levels()
        analog = self.analog_defaults()
        devices = self.devices() + [p for p in self.parts_of("lcd") if p.model]  # the LCD: an SPI model
        extra = ", ".join(str(v) for v in self.extra_pins.values()) or "-1"
        lines = [f"// The simulated {self.title}: pin slots, board inputs and devices, for the simulator",
                 "// core. Generated by `python -m simulator.build.boards --write` from",
                 "// simulator/build/boards.py: edit that file, not this one.",
                 "#pragma once", "#include <stdint.h>", "",
                 f'#define SIM_BOARD_NAME "{self.name}"',
                 f"#define SIM_BOARD_MHZ {self.mhz}", "",
                 "// A PinName's slot in the simulator's pin arrays (-1: not a pin of this board).",
                 f"constexpr int kSimPortShift = {self.port_shift};",
                 f"constexpr int kSimPorts = {len(self.port_names)};",
                 f"constexpr int kSimExtraPins[] = {{{extra}}};",
                 f"constexpr int kSimPinSlots = kSimPorts * 32 + {len(self.extra_pins)};",
                 "constexpr int sim_pin_slot(int pin) {",
                 "  if (pin >= 0 && (pin >> kSimPortShift) < kSimPorts && (pin & ((1 << kSimPortShift) - 1)) < 32)",
                 "    return (pin >> kSimPortShift) * 32 + (pin & ((1 << kSimPortShift) - 1));",
                 "  for (unsigned i = 0; i < sizeof kSimExtraPins / sizeof kSimExtraPins[0]; ++i)",
                 "    if (kSimExtraPins[i] == pin && pin >= 0) return kSimPorts * 32 + static_cast<int>(i);",
                 "  return -1;",
                 "}", "",
                 "// Buttons and the joystick: the level they read when idle and when pressed.",
                 "struct SimBoardInput { int pin; int8_t idle; int8_t pressed; };",
                 "constexpr SimBoardInput kSimBoardInputs[] = {"]
        lines += [f"    {{{pin}, {idle}, {pressed}}},  // {self.name_of(pin)}" for pin, (idle, pressed) in inputs.items()]
        lines += ["    {-1, 0, 0}};", "",
                  "// Analog inputs wired to the board's potentiometers, with their starting level (0..1).",
                  "struct SimBoardAnalog { int pin; float value; };",
                  "constexpr SimBoardAnalog kSimBoardAnalog[] = {"]
        lines += [f"    {{{pin}, {value:.6g}f}},  // {self.name_of(pin)}" for pin, value in analog.items()]
        lines += ["    {-1, 0.0f}};", "",
                  "// Device models on the board's buses: one file each in firmware/mbed/sim/devices/, whose",
                  "// SIM_DEVICE(model, Class) defines sim_device_<model>(). Pins: I2C sda, scl; SPI mosi,",
                  "// miso, sclk, cs, then control pins (e.g. an LCD's a0, reset).",
                  "namespace sim { class Device; }"]
        for model in sorted({p.model for p in devices}):
            lines.append(f"sim::Device* sim_device_{model}();")
        lines += ["struct SimBoardDevice {", "  const char* model;", "  const char* name;",
                  "  char bus;  // 'i': I2C, 's': SPI", "  int pins[6];", "  int address;  // I2C: 7-bit",
                  "  sim::Device* (*create)();", "};", "constexpr SimBoardDevice kSimBoardDevices[] = {"]
        for part in devices:
            # SPI roles in the order the core expects: mosi, miso, sclk, cs, then control pins.
            roles = ("sda", "scl") if part.kind == "i2c_device" else ("mosi", "miso", "sck", "ncs", "a0", "reset")
            pins = [self.pins[part.pins[r]] if r in part.pins else -1 for r in roles] + [-1] * (6 - len(roles))
            bus = "i" if part.kind == "i2c_device" else "s"
            lines.append(f'    {{"{part.model}", "{part.name}", \'{bus}\', {{{", ".join(map(str, pins))}}}, '
                         f'0x{part.address or 0:02x}, &sim_device_{part.model}}},')
        lines += ["    {nullptr, nullptr, 0, {-1, -1, -1, -1, -1, -1}, 0, nullptr}};", ""]
        return "\n".join(lines)


def _lpc1768() -> Board:
    dip = {"p5": "P0_9", "p6": "P0_8", "p7": "P0_7", "p8": "P0_6", "p9": "P0_0", "p10": "P0_1", "p11": "P0_18",
           "p12": "P0_17", "p13": "P0_15", "p14": "P0_16", "p15": "P0_23", "p16": "P0_24", "p17": "P0_25",
           "p18": "P0_26", "p19": "P1_30", "p20": "P1_31", "p21": "P2_5", "p22": "P2_4", "p23": "P2_3",
           "p24": "P2_2", "p25": "P2_1", "p26": "P2_0", "p27": "P0_11", "p28": "P0_10", "p29": "P0_5",
           "p30": "P0_4"}
    aliases = dict(dip)
    aliases.update({"LED1": "P1_18", "LED2": "P1_20", "LED3": "P1_21", "LED4": "P1_23",
                    "USBTX": "P0_2", "USBRX": "P0_3", "CONSOLE_TX": "P0_2", "CONSOLE_RX": "P0_3",
                    "STDIO_UART_TX": "P0_2", "STDIO_UART_RX": "P0_3",
                    # Mbed OS gives the LPC1768 the Arch Pro's Arduino names.
                    "D0": "P4_29", "D1": "P4_28", "D2": "P0_4", "D3": "P0_5", "D4": "P2_2", "D5": "P2_3",
                    "D6": "P2_4", "D7": "P2_5", "D8": "P0_0", "D9": "P0_1", "D10": "P0_6", "D11": "P0_9",
                    "D12": "P0_8", "D13": "P0_7", "D14": "P0_27", "D15": "P0_28",
                    "A0": "P0_23", "A1": "P0_24", "A2": "P0_25", "A3": "P0_26", "A4": "P1_30", "A5": "P1_31",
                    "I2C_SCL1": "p10", "I2C_SDA1": "p9", "I2C_SCL2": "P0_11", "I2C_SDA2": "P0_10",
                    "I2C_SCL": "P0_11", "I2C_SDA": "P0_10",
                    # The mbed application board (simulator conveniences; real programs use p-numbers).
                    "LED_RED": "p23", "LED_GREEN": "p24", "LED_BLUE": "p25",
                    "JOYSTICK_DOWN": "p12", "JOYSTICK_LEFT": "p13", "JOYSTICK_CENTER": "p14",
                    "JOYSTICK_UP": "p15", "JOYSTICK_RIGHT": "p16", "POT1": "p19", "POT2": "p20", "SPEAKER": "p26"})
    parts = (
        Part("led", "LED1", {"pin": "LED1"}, label="LED1"),
        Part("led", "LED2", {"pin": "LED2"}, label="LED2"),
        Part("led", "LED3", {"pin": "LED3"}, label="LED3"),
        Part("led", "LED4", {"pin": "LED4"}, label="LED4"),
        Part("button", "BUTTON1", {"pin": "BUTTON1"}, active_low=True, label="BUTTON1"),
        Part("rgb_led", "rgb", {"red": "p23", "green": "p24", "blue": "p25"}, active_low=True, label="RGB LED"),
        Part("joystick", "joystick", {"up": "p15", "down": "p12", "left": "p13", "right": "p16", "center": "p14"},
             label="joystick"),
        Part("pot", "pot1", {"pin": "p19"}, label="Pot 1", inputs={"value": 0.5}),
        Part("pot", "pot2", {"pin": "p20"}, label="Pot 2", inputs={"value": 0.5}),
        Part("speaker", "speaker", {"pin": "p26"}, label="speaker"),
        Part("lcd", "lcd", {"mosi": "p5", "sck": "p7", "reset": "p6", "a0": "p8", "ncs": "p11"},
             label="C12832 LCD", model="st7565r"),
        Part("i2c_device", "lm75b", {"sda": "p28", "scl": "p27"}, label="LM75B temperature sensor", address=0x48,
             model="lm75b", inputs={"temp": 25.0}, units={"temp": "degC"}),
        Part("i2c_device", "mma7660", {"sda": "p28", "scl": "p27"}, label="MMA7660 accelerometer", address=0x4C,
             model="mma7660", inputs={"accel_x": 0.0, "accel_y": 0.0, "accel_z": 1.0},
             units={"accel_x": "g", "accel_y": "g", "accel_z": "g"}),
        # Not on the shield: the SHT31 the Mbed Simulator put on the same bus (its temperature demo).
        Part("i2c_device", "sht31", {"sda": "p28", "scl": "p27"}, label="SHT31 humidity sensor", address=0x44,
             model="sht31", inputs={"temp": 25.0, "humidity": 45.0}, units={"temp": "degC", "humidity": "%RH"}),
    )
    macros = ("TARGET_LPC1768", "TARGET_NXP", "TARGET_LPC176X", "TARGET_MBED_LPC1768", "TARGET_CORTEX_M",
              "TARGET_M3", "TARGET_LIKE_CORTEX_M3", "TARGET_NAME=LPC1768", *_devices(lp_ticker=False))
    return Board(name="lpc1768", title="mbed LPC1768 on the mbed application board", mbed_target="LPC1768",
                 port_shift=5, port_names=tuple(f"P{p}_" for p in range(5)), extra_pins={"BUTTON1": 1337},
                 aliases=aliases, defines=("LED1", "LED2", "LED3", "LED4", "BUTTON1"),
                 canonical=("LED1", "LED2", "LED3", "LED4", "BUTTON1", "USBTX", "USBRX", *dip),
                 pin_modes={"PullUp": 0, "Repeater": 1, "PullNone": 2, "PullDown": 3, "OpenDrain": 4},
                 pull_default="PullDown", parts=parts, macros=macros, mhz=96)


def _k64f() -> Board:
    aliases = {"LED1": "PTB22", "LED2": "PTE26", "LED3": "PTB21", "LED4": "PTB22", "BUTTON1": "PTC6",
               "BUTTON2": "PTA4", "LED_RED": "PTB22", "LED_GREEN": "PTE26", "LED_BLUE": "PTB21",
               "SW2": "PTC6", "SW3": "PTA4",
               "USBTX": "PTB17", "USBRX": "PTB16", "CONSOLE_TX": "PTB17", "CONSOLE_RX": "PTB16",
               "STDIO_UART_TX": "PTB17", "STDIO_UART_RX": "PTB16",
               "D0": "PTC16", "D1": "PTC17", "D2": "PTB9", "D3": "PTA1", "D4": "PTB23", "D5": "PTA2", "D6": "PTC2",
               "D7": "PTC3", "D8": "PTC12", "D9": "PTC4", "D10": "PTD0", "D11": "PTD2", "D12": "PTD3",
               "D13": "PTD1", "D14": "PTE25", "D15": "PTE24", "I2C_SCL": "PTE24", "I2C_SDA": "PTE25",
               "A0": "PTB2", "A1": "PTB3", "A2": "PTB10", "A3": "PTB11", "A4": "PTC11", "A5": "PTC10",
               "SPI_MOSI": "PTE3", "SPI_MISO": "PTE1", "SPI_SCK": "PTE2", "SPI_CS": "PTE4",
               # The mbed application shield on the Arduino header (simulator conveniences).
               "JOYSTICK_UP": "PTB10", "JOYSTICK_DOWN": "PTB11", "JOYSTICK_LEFT": "PTC11",
               "JOYSTICK_RIGHT": "PTC10", "JOYSTICK_CENTER": "PTB23", "POT1": "PTB2", "POT2": "PTB3",
               "SPEAKER": "PTC2"}
    header = [f"D{i}" for i in range(16)] + [f"A{i}" for i in range(6)]
    parts = (
        Part("rgb_led", "rgb", {"red": "LED_RED", "green": "LED_GREEN", "blue": "LED_BLUE"}, active_low=True,
             label="RGB LED (LED1-LED3)"),
        Part("button", "SW2", {"pin": "SW2"}, active_low=True, label="SW2"),
        Part("button", "SW3", {"pin": "SW3"}, active_low=True, label="SW3"),
        Part("rgb_led", "shield_rgb", {"red": "D5", "green": "D9", "blue": "D8"}, active_low=True,
             label="shield RGB LED"),
        Part("joystick", "joystick", {"up": "A2", "down": "A3", "left": "A4", "right": "A5", "center": "D4"},
             label="joystick"),
        Part("pot", "pot1", {"pin": "A0"}, label="Pot 1", inputs={"value": 0.5}),
        Part("pot", "pot2", {"pin": "A1"}, label="Pot 2", inputs={"value": 0.5}),
        Part("speaker", "speaker", {"pin": "D6"}, label="speaker"),
        Part("lcd", "lcd", {"mosi": "D11", "sck": "D13", "reset": "D12", "a0": "D7", "ncs": "D10"},
             label="C12832 LCD", model="st7565r"),
        Part("i2c_device", "lm75b", {"sda": "D14", "scl": "D15"}, label="LM75B temperature sensor", address=0x48,
             model="lm75b", inputs={"temp": 25.0}, units={"temp": "degC"}),
        Part("i2c_device", "mma7660", {"sda": "D14", "scl": "D15"}, label="MMA7660 accelerometer", address=0x4C,
             model="mma7660", inputs={"accel_x": 0.0, "accel_y": 0.0, "accel_z": 1.0},
             units={"accel_x": "g", "accel_y": "g", "accel_z": "g"}),
        # Not on the shield: the SHT31 the Mbed Simulator put on the same bus (its temperature demo).
        Part("i2c_device", "sht31", {"sda": "D14", "scl": "D15"}, label="SHT31 humidity sensor", address=0x44,
             model="sht31", inputs={"temp": 25.0, "humidity": 45.0}, units={"temp": "degC", "humidity": "%RH"}),
    )
    macros = ("TARGET_K64F", "TARGET_Freescale", "TARGET_MCUXpresso_MCUS", "TARGET_KSDK2_MCUS", "TARGET_FRDM",
              "TARGET_MCU_K64F", "TARGET_CORTEX_M", "TARGET_M4", "TARGET_LIKE_CORTEX_M4", "TARGET_RTOS_M4_M7",
              "TARGET_NAME=K64F", *_devices(lp_ticker=True))
    return Board(name="k64f", title="FRDM-K64F with the mbed application shield", mbed_target="K64F",
                 port_shift=12, port_names=("PTA", "PTB", "PTC", "PTD", "PTE"),
                 extra_pins={"DAC0_OUT": 0xFEFE},  # the DAC output has no port pin (Mbed OS: 0xFEFE)
                 aliases=aliases,
                 defines=("LED1", "LED2", "LED3", "LED4", "BUTTON1", "BUTTON2"),
                 canonical=("LED_RED", "LED_GREEN", "LED_BLUE", "SW2", "SW3", "USBTX", "USBRX", *header),
                 pin_modes={"PullNone": 0, "PullDown": 1, "PullUp": 2}, pull_default="PullUp", parts=parts,
                 macros=macros, mhz=120)


def _devices(lp_ticker: bool) -> tuple[str, ...]:
    """DEVICE_* macros for the peripherals the simulator implements (Mbed defines them to 1)."""
    names = ["ANALOGIN", "ANALOGOUT", "I2C", "INTERRUPTIN", "PORTIN", "PORTOUT", "PORTINOUT", "PWMOUT", "SERIAL",
             "SPI", "RTC", "USTICKER", "SLEEP", "STDIO_MESSAGES", "WATCHDOG", "RESET_REASON"]
    if lp_ticker:
        names.append("LPTICKER")
    return tuple(f"DEVICE_{n}=1" for n in names)


BOARDS: dict[str, Board] = {b.name: b for b in (_lpc1768(), _k64f())}


def get(name: str | None) -> Board:
    board = BOARDS.get((name or DEFAULT_BOARD).lower())
    if board is None:
        raise UserError(f"unknown board {name!r} (choose from {', '.join(BOARDS)})")
    return board


def generated_files() -> dict[Path, str]:
    files = {}
    for board in BOARDS.values():
        files[BOARDS_DIR / board.name / "PinNames.h"] = board.pin_names_header()
        files[BOARDS_DIR / board.name / "sim_board.h"] = board.board_header()
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="board profiles: write the generated headers or print one as JSON")
    ap.add_argument("--write", action="store_true", help="regenerate firmware/mbed/boards/*/")
    ap.add_argument("--json", metavar="BOARD", help="print a board as JSON")
    args = ap.parse_args(argv)
    if args.json:
        print(json.dumps(get(args.json).to_json(), indent=2))
    if args.write:
        for path, text in generated_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text() != text:
                path.write_text(text)
                print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
