"""The Mbed OS configuration of a program: its mbed_app.json and the board -> `mbed_config.h`.

Real Mbed OS builds turn every configuration parameter into a macro (``MBED_CONF_...``), the
board into ``TARGET_...`` and ``DEVICE_...`` macros, and the ``macros`` list of mbed_app.json into
``-D`` flags. Programs test them (``#if MBED_CONF_PLATFORM_CRASH_CAPTURE_ENABLED``,
``#if !defined(MBED_CPU_STATS_ENABLED) || !defined(DEVICE_LPTICKER)``), so the simulator does the
same: :func:`config_header` writes the header that every file of the program is compiled with.

Only what affects programs is modelled: the parameters of the platform, events, RTOS and
mbed-trace libraries with their Mbed OS defaults, the K64F's and LPC1768's own overrides and
peripherals, and the application's own ``config`` section.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from simulator import EMSDK_BUILD_DIR
from simulator.errors import UserError

# Parameters whose macro is not MBED_CONF_<LIB>_<NAME> (their "macro_name" in Mbed OS).
MACRO_NAMES = {
    "platform.all-stats-enabled": "MBED_ALL_STATS_ENABLED",
    "platform.sys-stats-enabled": "MBED_SYS_STATS_ENABLED",
    "platform.stack-stats-enabled": "MBED_STACK_STATS_ENABLED",
    "platform.cpu-stats-enabled": "MBED_CPU_STATS_ENABLED",
    "platform.heap-stats-enabled": "MBED_HEAP_STATS_ENABLED",
    "platform.thread-stats-enabled": "MBED_THREAD_STATS_ENABLED",
    "platform.memory-tracing-enabled": "MBED_MEM_TRACING_ENABLED",
    "platform.stack-dump-enabled": "MBED_STACK_DUMP_ENABLED",
    "mbed-trace.max-level": "MBED_TRACE_MAX_LEVEL",
}

# Library defaults (Mbed OS 6.17 mbed_lib.json files); None: the macro is not defined.
DEFAULTS: dict[str, Any] = {
    "platform.stdio-convert-newlines": False,
    "platform.stdio-convert-tty-newlines": False,
    "platform.stdio-buffered-serial": False,
    "platform.stdio-minimal-console-only": False,
    "platform.stdio-baud-rate": 9600,
    "platform.stdio-flush-at-exit": True,
    "platform.default-serial-baud-rate": 9600,
    "platform.error-hist-enabled": False,
    "platform.error-filename-capture-enabled": False,
    "platform.max-error-filename-len": 16,
    "platform.crash-capture-enabled": False,
    "platform.fatal-error-auto-reboot-enabled": False,
    "platform.error-reboot-max": 1,
    "platform.callback-nontrivial": True,
    "platform.callback-comparable": True,
    "platform.all-stats-enabled": None,
    "platform.sys-stats-enabled": None,
    "platform.stack-stats-enabled": None,
    "platform.cpu-stats-enabled": None,
    "platform.heap-stats-enabled": None,
    "platform.thread-stats-enabled": None,
    "platform.memory-tracing-enabled": None,
    "platform.stack-dump-enabled": False,
    "events.present": 1,
    "events.shared-dispatch-from-application": False,
    "events.shared-eventsize": 768,
    "events.shared-stacksize": 2048,
    "events.shared-highprio-stacksize": 1024,
    "events.use-lowpower-timer-ticker": False,
    "rtos.present": 1,
    "rtos.main-thread-stack-size": 4096,
    "rtos.thread-stack-size": 4096,
    "rtos.idle-thread-stack-size": 512,
    "rtos.timer-thread-stack-size": 768,
    "mbed-trace.enable": False,
    "mbed-trace.max-level": None,
    "target.console-uart": True,
    "target.printf_lib": "minimal-printf",
    "platform.minimal-printf-enable-floating-point": False,
    "platform.minimal-printf-enable-64-bit": True,
    "platform.minimal-printf-set-floating-point-max-decimals": 6,
}

PRINTF_LIBS = ("minimal-printf", "std")
# Mbed OS's minimal-printf replaces these (firmware/mbed/src/mbed_minimal_printf.cpp).
MINIMAL_PRINTF_WRAPS = (*(f"-Wl,--wrap={f}" for f in (
    "printf", "vprintf", "fprintf", "vfprintf", "sprintf", "snprintf", "vsprintf", "vsnprintf")),
    "-Wl,--undefined=__wrap_vsnprintf")
# Heap statistics count every allocation (firmware/mbed/src/mbed_alloc_stats.cpp).
# (--undefined pulls the wrappers in before the C library, whose own calls are wrapped too.)
HEAP_STATS_WRAPS = (*(f"-Wl,--wrap={f}" for f in ("malloc", "free", "calloc", "realloc")), "-Wl,--undefined=__wrap_malloc")
# Emscripten's clang turns printf calls into musl's integer-only or "small" variants: wrap those too.
MINIMAL_PRINTF_WRAPS_WASM = tuple(f"-Wl,--wrap={f}" for f in (
    "iprintf", "siprintf", "fiprintf", "sniprintf", "vsiprintf", "vfiprintf", "vsniprintf", "__small_printf",
    "__small_sprintf", "__small_fprintf", "__small_snprintf", "__small_vsprintf", "__small_vfprintf",
    "__small_vsnprintf"))
# Parameters that are not macros in Mbed OS (target attributes).
NOT_MACROS = {"target.printf_lib", "target.console-uart"}

# Boards: Mbed OS target name, target labels, DEVICE_ features and library overrides.
BOARDS: dict[str, dict[str, Any]] = {
    "lpc1768": {
        "target": "LPC1768",
        "labels": ["LPC1768", "NXP", "LPCTarget", "LPC176X", "MBED_LPC1768", "CORTEX_M", "M3", "CORTEX", "LIKE_CORTEX_M3"],
        "device_has": ["ANALOGIN", "ANALOGOUT", "CAN", "DEBUG_AWARENESS", "ETHERNET", "I2C", "I2CSLAVE",
                       "INTERRUPTIN", "LOCALFILESYSTEM", "PORTIN", "PORTINOUT", "PORTOUT", "PWMOUT", "RESET_REASON",
                       "RTC", "SEMIHOST", "SERIAL", "SERIAL_FC", "SLEEP", "SPI", "SPISLAVE", "STDIO_MESSAGES",
                       "USTICKER", "WATCHDOG", "FLASH", "MPU"],
        "overrides": {},
        "dac_bits": 10,
    },
    "k64f": {
        "target": "K64F",
        "labels": ["K64F", "Freescale", "KSDK2_MCUS", "FRDM", "KPSDK_MCUS", "KPSDK_CODE", "MCU_K64F", "CORTEX_M",
                   "M4", "CORTEX", "LIKE_CORTEX_M4", "RTOS_M4_M7"],
        "device_has": ["USTICKER", "LPTICKER", "RTC", "CRC", "ANALOGIN", "ANALOGOUT", "EMAC", "I2C", "I2CSLAVE",
                       "INTERRUPTIN", "PORTIN", "PORTINOUT", "PORTOUT", "PWMOUT", "RESET_REASON", "SERIAL",
                       "SERIAL_FC", "SERIAL_ASYNCH", "SLEEP", "SPI", "SPI_ASYNCH", "SPISLAVE", "STDIO_MESSAGES",
                       "TRNG", "FLASH", "USBDEVICE", "WATCHDOG", "MPU"],
        "overrides": {"platform.crash-capture-enabled": True, "platform.fatal-error-auto-reboot-enabled": True},
        "dac_bits": 12,
    },
}

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _macro(key: str) -> str:
    if key in MACRO_NAMES:
        return MACRO_NAMES[key]
    lib, _, name = key.partition(".")
    return "MBED_CONF_" + re.sub(r"[^A-Za-z0-9]", "_", lib).upper() + "_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def _value(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        if "\n" in v:
            raise UserError("mbed_app.json: a configuration value cannot span lines")
        return v
    raise UserError(f"mbed_app.json: unsupported configuration value {v!r}")


def _key(name: str) -> str:
    """'stdio-baud-rate' in target_overrides means app.stdio-baud-rate unless it names a library."""
    return name if "." in name else f"app.{name}"


def parse_app(text: str) -> dict[str, Any]:
    """mbed_app.json -> its parsed object, with a clear error for bad JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"mbed_app.json: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise UserError("mbed_app.json: expected a JSON object")
    return data


@dataclass
class Config:
    """A program's resolved configuration."""

    params: dict[str, Any]
    header: str                      # mbed_config.h: -include'd in every file of the program
    source: str                      # mbed_config.cpp: the run-time record (platform/mbed_sim_config.h)
    link_flags: tuple[str, ...] = field(default=())

    def link_flags_for(self, target: str) -> tuple[str, ...]:
        minimal = self.params.get("target.printf_lib") == "minimal-printf"
        if target == "wasm" and minimal:
            return (*self.link_flags, *MINIMAL_PRINTF_WRAPS_WASM)
        if target == "cortex-m4" and minimal:
            # The Cortex-M4 port already wraps printf, vprintf, fprintf and vfprintf (stdio without
            # thread switches) and calls minimal-printf itself when the configuration asks for it.
            port_wrapped = {f"-Wl,--wrap={f}" for f in ("printf", "vprintf", "fprintf", "vfprintf")}
            return tuple(f for f in self.link_flags if f not in port_wrapped)
        return self.link_flags

    def target_link_flags(self, target: str, flags: tuple[str, ...]) -> list[str]:
        """The target's own link flags as this configuration needs them: with the standard printf the
        Cortex-M4 links the full newlib (as Mbed OS's GCC_ARM "std" C library; nano has no %f, %lld)."""
        out = list(flags)
        if target == "cortex-m4" and self.params.get("target.printf_lib") == "std":
            out = [f for f in out if f != "--specs=nano.specs"]
        if target == "wasm" and HEAP_STATS_WRAPS[0] in self.link_flags:
            # Wrapped, malloc and free are exported under their wrappers' names; heap_stats.js gives
            # the page bridge its usual _malloc/_free.
            out = [f.replace("_malloc,_free", "___wrap_malloc,___wrap_free") if f.startswith("-sEXPORTED_FUNCTIONS=")
                   else f for f in out] + [f"--post-js={EMSDK_BUILD_DIR / 'heap_stats.js'}"]
        return out


def parse_override(text: str) -> tuple[str, Any]:
    """'target.printf_lib=std' or 'platform.stdio-baud-rate=115200' -> (key, value)."""
    key, sep, raw = text.partition("=")
    if not sep or not key or "." not in key:
        raise UserError(f"--config {text!r}: expected LIBRARY.NAME=VALUE, e.g. target.printf_lib=std")
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


def resolve(app_json: str | None, board: str, overrides: dict[str, Any] | None = None) -> Config:
    """A program's configuration: Mbed OS defaults, the board's, its mbed_app.json, then `overrides`
    (`sim build --config KEY=VALUE`, applied as target_overrides for every target)."""
    header = config_header(app_json, board, overrides)
    params = _collect(app_json, board, overrides)[0]
    printf_lib = str(params["target.printf_lib"])
    if printf_lib not in PRINTF_LIBS:
        raise UserError(f"target.printf_lib {printf_lib!r}: choose {' or '.join(PRINTF_LIBS)}")

    def flag(key: str) -> int:
        v = params.get(key)
        return int(bool(v)) if isinstance(v, bool) or v is None else int(v)

    record = ", ".join(str(v) for v in (
        flag("platform.stdio-convert-newlines"), int(params["platform.stdio-baud-rate"]),
        int(printf_lib == "minimal-printf"), flag("platform.minimal-printf-enable-floating-point"),
        flag("platform.minimal-printf-enable-64-bit"), int(params["platform.minimal-printf-set-floating-point-max-decimals"]),
        flag("events.shared-dispatch-from-application"), flag("platform.crash-capture-enabled"),
        int(params.get("rtos.present") is not None)))
    source = ("// Generated by utensor-sim: the program's configuration for the precompiled library.\n"
              '#include "platform/mbed_sim_config.h"\n'
              f"extern \"C\" const MbedSimConfig mbed_sim_app_config = {{{record}}};\n")
    heap_stats = params.get("platform.heap-stats-enabled") or params.get("platform.all-stats-enabled") or any(
        m.partition("=")[0] in ("MBED_HEAP_STATS_ENABLED", "MBED_ALL_STATS_ENABLED") for m in _collect(
            app_json, board, overrides)[1])
    return Config(params=params, header=header, source=source,
                  link_flags=(*(MINIMAL_PRINTF_WRAPS if printf_lib == "minimal-printf" else ()),
                              *(HEAP_STATS_WRAPS if heap_stats else ())))


def config_header(app_json: str | None, board: str, overrides: dict[str, Any] | None = None) -> str:
    """The text of mbed_config.h for a program (its mbed_app.json text, or None) on `board`."""
    params, macros, bare_metal, names = _collect(app_json, board, overrides)
    spec = BOARDS[board]
    lines = [
        "// Generated by utensor-sim from the program's mbed_app.json and the board; do not edit.",
        "#pragma once",
        f"#define MBED_SIM_BOARD_{board.upper()} 1",
        f'#define MBED_SIM_TARGET_NAME "{spec["target"]}"',
        f"#define MBED_SIM_DAC_BITS {spec['dac_bits']}",
        "#define TOOLCHAIN_GCC 1",
        "#define TOOLCHAIN_GCC_ARM 1",
        "#define MBED_CONF_RTOS_API_PRESENT 1",
    ]
    lines += [f"#define TARGET_{label} 1" for label in spec["labels"]]
    lines += [f"#define DEVICE_{d} 1" for d in spec["device_has"]]
    if bare_metal:
        lines.append("#define MBED_CONF_BARE_METAL 1")
    for key, value in sorted(params.items()):
        text = _value(value)
        if text is not None and key not in NOT_MACROS:
            lines.append(f"#define {names.get(key) or _macro(key)} {text}")
    for m in macros:
        name, _, value = m.partition("=")
        if not _NAME.match(name):
            raise UserError(f"mbed_app.json: bad macro {m!r}")
        lines.append(f"#undef {name}\n#define {name} {value or '1'}")
    return "\n".join(lines) + "\n"


def _collect(app_json: str | None, board: str,
             overrides: dict[str, Any] | None) -> tuple[dict[str, Any], list[str], bool, dict[str, str]]:
    if board not in BOARDS:
        raise UserError(f"unknown board {board!r} (choose from {', '.join(BOARDS)})")
    spec = BOARDS[board]
    params: dict[str, Any] = dict(DEFAULTS)
    params.update(spec["overrides"])
    macros: list[str] = []
    requires: list[str] = []
    names: dict[str, str] = {}
    if app_json is not None:
        app = parse_app(app_json)
        for name, decl in (app.get("config") or {}).items():
            if isinstance(decl, dict):
                key = f"app.{name}"
                if decl.get("macro_name"):
                    names[key] = str(decl["macro_name"])
                params[key] = decl.get("value")
            else:
                params[f"app.{name}"] = decl
        target_overrides = app.get("target_overrides", {})
        if not isinstance(target_overrides, dict):
            raise UserError("mbed_app.json: target_overrides must be an object")
        labels = {"*", spec["target"], *spec["labels"]}
        for target, values in target_overrides.items():
            if target in labels and isinstance(values, dict):
                for name, value in values.items():
                    if name.startswith("target.") and name not in NOT_MACROS:
                        continue  # other target.* (features, components) do not change the simulated board
                    params[_key(name)] = value
        macros = [str(m) for m in (app.get("macros") or [])]
        requires = [str(r) for r in (app.get("requires") or [])]
    bare_metal = "bare-metal" in requires
    if bare_metal:
        params["rtos.present"] = None
    for key, value in (overrides or {}).items():
        params[key if "." in key else f"app.{key}"] = value
    return params, macros, bare_metal, names
