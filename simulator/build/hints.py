"""Mbed-aware hints for compiler diagnostics: what a student should do about an error.

A student pasting last year's lab reads ``'wait' was not declared in this scope`` or
``rtos.h: No such file or directory`` and learns nothing from it; GCC even suggests
``pthread_t`` for a missing ``Thread``. This module recognises the messages of GCC (host,
Cortex-M4) and Clang (wasm) and attaches a hint: which Mbed OS generation the name belongs
to, how to write it for Mbed OS 6, which header declares it, which board has that pin.

Everything here is data (the tables below) plus one function, :func:`hint_for`. The builder
calls it for every diagnostic when a result is loaded, so hints never go stale in the cache;
the CLI prints them under the caret and the server sends them as the ``hint`` field.
"""

from __future__ import annotations

import re
from typing import Callable

# --- What a name is -------------------------------------------------------------------------

_SLEEP = ("To sleep, write ThisThread::sleep_for(500ms) (C++, with `using namespace std::chrono_literals`) "
          "or thread_sleep_for(500) (C); to busy-wait a few microseconds, wait_us(500).")

_STILL = " (The simulator still accepts it from \"mbed.h\", with a deprecation warning.)"

# Names removed or renamed in Mbed OS 6, with how to write them now.
MBED_OS5_NAMES: dict[str, str] = {
    "wait": "wait(seconds) is the Mbed OS 5 call, removed in Mbed OS 6. " + _SLEEP + _STILL,
    "wait_ms": "wait_ms(ms) is the Mbed OS 5 call, removed in Mbed OS 6. " + _SLEEP + _STILL,
    "Serial": ("Serial is the Mbed OS 5 class, removed in Mbed OS 6: use BufferedSerial (buffered read/write) or "
               "UnbufferedSerial (one byte at a time, attach for receive interrupts); printf goes to the USB "
               "serial console by itself."),
    "RawSerial": ("RawSerial is the Mbed OS 5 class, removed in Mbed OS 6: use UnbufferedSerial (its write/read "
                  "and attach(callback, SerialBase::RxIrq))."),
    "osDelay": "osDelay(ms) is the CMSIS-RTOS call: in Mbed OS 6 write ThisThread::sleep_for(ms * 1ms).",
    "Thread::wait": "Thread::wait(ms) is Mbed OS 5; Mbed OS 6 sleeps with ThisThread::sleep_for(500ms).",
    "Thread::signal_set": "Thread::signal_set is Mbed OS 5; Mbed OS 6 uses Thread::flags_set.",
    "Thread::signal_wait": "Thread::signal_wait is Mbed OS 5; Mbed OS 6 uses ThisThread::flags_wait_any/all.",
    "signal_wait": "Thread::signal_wait is Mbed OS 5; Mbed OS 6 uses ThisThread::flags_wait_any/all.",
    "signal_set": "signal_set is Mbed OS 5; Mbed OS 6 uses Thread::flags_set(flags).",
}

_RTOS = ("{name} is an Mbed RTOS class (rtos::{name}), declared by \"mbed.h\" (or \"rtos.h\"). "
         "Include \"mbed.h\" at the top of the file.")
_DRIVER = "{name} is an Mbed OS driver (mbed::{name}), declared by \"mbed.h\". Include \"mbed.h\" at the top of the file."
_EVENTS = ("{name} is part of Mbed OS events (events::{name}), declared by \"mbed.h\" (or \"mbed_events.h\"). "
           "Include \"mbed.h\" at the top of the file.")
_PLATFORM = "{name} is part of the Mbed OS platform API, declared by \"mbed.h\". Include \"mbed.h\" at the top of the file."

MBED_NAMES: dict[str, str] = {
    **{n: _RTOS for n in ("Thread", "Mutex", "Semaphore", "Queue", "Mail", "MemoryPool", "EventFlags",
                          "ConditionVariable", "Kernel", "ThisThread", "osPriority_t", "osEvent")},
    **{n: ("{name} is a CMSIS-RTOS constant, declared by \"mbed.h\" (or \"rtos.h\").")
       for n in ("osWaitForever", "osPriorityNormal", "osPriorityHigh", "osPriorityLow", "osPriorityRealtime",
                 "osPriorityIdle", "osPriorityAboveNormal", "osPriorityBelowNormal", "osOK", "osEventMessage",
                 "osEventMail", "osEventTimeout")},
    **{n: _DRIVER for n in ("DigitalOut", "DigitalIn", "DigitalInOut", "InterruptIn", "AnalogIn", "AnalogOut",
                            "PwmOut", "BusOut", "BusIn", "BusInOut", "PortIn", "PortOut", "PortInOut", "Timer",
                            "Ticker", "Timeout",
                            "LowPowerTicker", "LowPowerTimeout", "LowPowerTimer", "BufferedSerial",
                            "UnbufferedSerial", "SerialBase", "I2C", "SPI", "Watchdog", "FileHandle")},
    **{n: _EVENTS for n in ("EventQueue", "Event", "UserAllocatedEvent", "mbed_event_queue",
                            "make_user_allocated_event", "equeue_tick")},
    **{n: _PLATFORM for n in ("Callback", "callback", "CircularBuffer", "Span", "MbedCRC", "CriticalSectionLock",
                              "ScopedLock", "DeepSleepLock", "SharedPtr", "SingletonPtr", "PlatformMutex", "debug",
                              "debug_if", "mbed_error", "MBED_ERROR",
                              "mbed_stats_heap_get", "mbed_stats_stack_get", "mbed_stats_sys_get",
                              "mbed_stats_cpu_get", "mbed_stats_thread_get_each", "sleep_manager_lock_deep_sleep",
                              "sleep_manager_unlock_deep_sleep", "sleep_manager_can_deep_sleep",
                              "core_util_critical_section_enter", "core_util_critical_section_exit",
                              "core_util_is_isr_active", "set_time", "thread_sleep_for", "wait_us", "wait_ns",
                              "MBED_MAJOR_VERSION", "MBED_MINOR_VERSION", "MBED_PATCH_VERSION", "MBED_VERSION",
                              "mbed_override_console", "PinName", "NC")},
    "tr_debug": "tr_debug/tr_info/tr_warn/tr_err come from mbed-trace: #include \"mbed-trace/mbed_trace.h\" and "
                "call mbed_trace_init() first.",
    "mbed_trace_init": "mbed_trace_init comes from mbed-trace: #include \"mbed-trace/mbed_trace.h\".",
    "C12832": ("C12832 is the mbed application shield's LCD driver (os.mbed.com/users/chris/code/C12832): "
               "#include \"C12832.h\" (the simulator carries its own copy of that library)."),
}

# Classes that exist only on boards with the hardware behind them (as in Mbed OS): name -> (board, hint).
_LP = ("{name} runs on the low-power ticker, which the LPC1768 does not have (Mbed OS declares it only "
       "for boards with DEVICE_LPTICKER). Use {plain} instead, or build for the FRDM-K64F with --board k64f.")
BOARD_ONLY_NAMES: dict[str, tuple[str, str]] = {
    "LowPowerTicker": ("k64f", _LP.format(name="LowPowerTicker", plain="Ticker")),
    "LowPowerTimeout": ("k64f", _LP.format(name="LowPowerTimeout", plain="Timeout")),
    "LowPowerTimer": ("k64f", _LP.format(name="LowPowerTimer", plain="Timer")),
}

# What a student may have meant instead of the compiler's guess.
NOT_MBED_GUESSES = {"pthread_t", "pthread_mutex_t", "sem_t", "timer_t", "wait3", "wait4", "waitid", "waitpid",
                    "wmemset", "setvbuf", "tm", "time_t", "signal", "sleep", "usleep", "thrd_t", "mtx_t"}

# --- Pins ---------------------------------------------------------------------------------

BOARD_TITLES = {"lpc1768": "mbed LPC1768 (the default, --board lpc1768)", "k64f": "FRDM-K64F (--board k64f)"}

# Pin names that exist on one board only: (pattern, board).
PIN_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"PT[A-E]\d{1,2}"), "k64f"),
    (re.compile(r"(LED_RED|LED_GREEN|LED_BLUE|SW2|SW3|BUTTON2)"), "k64f"),
    (re.compile(r"p([5-9]|[12]\d|30)"), "lpc1768"),
    (re.compile(r"P[0-4]_\d{1,2}"), "lpc1768"),
]
GENERIC_PINS = re.compile(r"(LED[1-4]|BUTTON1|USBTX|USBRX|D\d{1,2}|A[0-5]|I2C_SDA|I2C_SCL|STDIO_UART_TX|"
                          r"STDIO_UART_RX|SPI_MOSI|SPI_MISO|SPI_SCK|SPI_CS)")

# --- Headers --------------------------------------------------------------------------------

_NET = ("Networking is not simulated: the virtual board has no Ethernet, Wi-Fi or cellular interface, so "
        "programs using {header} need a real board.")
_STORAGE = ("Block devices and file systems are not simulated ({header}); the simulator's /fs folder is reached "
            "with fopen(\"/fs/NAME\") instead.")
_USB = "USB device classes are not simulated ({header}); printf and BufferedSerial reach the serial console."
_BLE = "Bluetooth, NFC and LoRa radios are not simulated ({header})."

HEADERS: dict[str, str] = {
    "rtos.h": "rtos.h is the Mbed RTOS header; \"mbed.h\" already includes it, so #include \"mbed.h\" is enough.",
    "mbed_events.h": "mbed_events.h is the Mbed OS events header; \"mbed.h\" already includes it.",
    "mbed.h": ("\"mbed.h\" is Mbed OS's main header: check the spelling (#include \"mbed.h\", lower case, quotes "
               "or angle brackets)."),
    "Arduino.h": ("This is an Arduino sketch header. Mbed programs #include \"mbed.h\", start in int main() "
                  "(no setup()/loop()), and use DigitalOut/DigitalIn instead of pinMode/digitalWrite."),
    "wiringPi.h": "This is a Raspberry Pi library; Mbed programs #include \"mbed.h\" and use DigitalOut/DigitalIn.",
    "pthread.h": "Mbed OS has no POSIX threads: use rtos::Thread, Mutex and Semaphore from \"mbed.h\".",
    "unistd.h": "Mbed OS has no unistd.h sleep(): use ThisThread::sleep_for(1s) from \"mbed.h\".",
    "windows.h": "Mbed programs run on a microcontroller: use ThisThread::sleep_for and the Mbed drivers.",
    "conio.h": "Mbed programs read the serial console with BufferedSerial::read or getchar().",
    "TextLCD.h": ("TextLCD.h drives an HD44780 character LCD (os.mbed.com/users/simon/code/TextLCD), which the "
                  "simulated boards do not have: the application shield's LCD is the C12832 (#include \"C12832.h\")."),
    "FXOS8700Q.h": "FXOS8700Q.h is the FRDM-K64F's on-board motion sensor library; it is not simulated.",
    "mbed_trace.h": "mbed-trace is included as \"mbed-trace/mbed_trace.h\".",
    **{h: _NET for h in ("EthernetInterface.h", "NetworkInterface.h", "WiFiInterface.h", "TCPSocket.h",
                         "UDPSocket.h", "TLSSocket.h", "SocketAddress.h", "ESP8266Interface.h", "CellularContext.h",
                         "netsocket/NetworkInterface.h", "EthInterface.h", "mbed-client.h", "MQTTClient.h",
                         "http_request.h", "https_request.h", "NTPClient.h")},
    **{h: _STORAGE for h in ("BlockDevice.h", "SDBlockDevice.h", "HeapBlockDevice.h", "FATFileSystem.h",
                             "LittleFileSystem.h", "KVStore.h", "kvstore_global_api.h", "FlashIAP.h",
                             "FlashIAPBlockDevice.h", "SPIFBlockDevice.h", "QSPIFBlockDevice.h")},
    **{h: _USB for h in ("USBSerial.h", "USBKeyboard.h", "USBMouse.h", "USBMIDI.h", "USBHID.h", "USBAudio.h",
                         "USBMSD.h")},
    **{h: _BLE for h in ("ble/BLE.h", "BLE.h", "NFC.h", "lorawan/LoRaWANInterface.h", "LoRaWANInterface.h")},
}

# --- Messages -------------------------------------------------------------------------------

_Q = r"[‘'`]"   # GCC quotes with ‘’ in a UTF-8 locale and '' otherwise; Clang with ''
_E = r"[’'`]"
_ID = r"(?P<name>[A-Za-z_][\w:]*)"

UNDECLARED = [re.compile(p) for p in (
    rf"^{_Q}{_ID}{_E} was not declared in this scope(?:; did you mean {_Q}(?P<guess>[\w:]+){_E}\?)?",
    rf"^{_Q}{_ID}{_E} does not name a type(?:; did you mean {_Q}(?P<guess>[\w:]+){_E}\?)?",
    rf"^{_Q}{_ID}{_E} has not been declared",
    rf"^use of undeclared identifier {_Q}{_ID}{_E}(?:; did you mean {_Q}(?P<guess>[\w:]+){_E}\?)?",
    rf"^unknown type name {_Q}{_ID}{_E}(?:; did you mean {_Q}(?P<guess>[\w:]+){_E}\?)?",
    rf"^there are no arguments to {_Q}{_ID}{_E} that depend on a template parameter",
    rf"^{_Q}{_ID}{_E} is not a member of {_Q}(?P<scope>[\w:]+){_E}",
    rf"^no member named {_Q}{_ID}{_E} in (?:namespace )?{_Q}(?P<scope>[\w:]+){_E}",
    rf"^no type named {_Q}{_ID}{_E} in namespace {_Q}(?P<scope>[\w:]+){_E}",
    rf"^{_Q}(?:class |struct )?(?P<scope>[\w:]+){_E} has no member named {_Q}{_ID}{_E}",
    rf"^no member named {_Q}{_ID}{_E} in {_Q}(?:class |struct )?(?P<scope>[\w:]+){_E}",
)]
MISSING_HEADER = [re.compile(p) for p in (
    r"^(?P<header>[^\s:]+): No such file or directory",
    rf"^{_Q}(?P<header>[^']+){_E} file not found",
)]
UNDEFINED_SYMBOL = [re.compile(p) for p in (
    r"undefined reference to [`‘'](?P<sym>[^'’]+)['’]",
    r"undefined symbol: (?P<sym>\S+)",
    r'undefined exported symbol: "_?(?P<sym>[^"]+)"',
)]
DEPRECATED = re.compile(rf"{_Q}(?P<decl>[^’']+){_E} is deprecated")


def _board_of_pin(name: str) -> str | None:
    for pattern, board in PIN_PATTERNS:
        if pattern.fullmatch(name):
            return board
    return None


def _name_hint(name: str, scope: str | None, guess: str | None, board: str | None) -> str | None:
    short = name.split("::")[-1]
    key_scoped = f"{scope.split('::')[-1]}::{short}" if scope else None
    text = None
    if key_scoped and key_scoped in MBED_OS5_NAMES:
        text = MBED_OS5_NAMES[key_scoped]
    elif scope and short == "wait" and scope.split("::")[-1] == "Semaphore":
        text = "Semaphore::wait() is Mbed OS 5; Mbed OS 6 writes acquire(), try_acquire() or try_acquire_for(100ms)."
    elif short in BOARD_ONLY_NAMES and BOARD_ONLY_NAMES[short][0] != (board or "lpc1768"):
        text = BOARD_ONLY_NAMES[short][1]
    elif short in MBED_OS5_NAMES:
        text = MBED_OS5_NAMES[short]
    elif short in MBED_NAMES:
        text = MBED_NAMES[short].format(name=short)
    else:
        pin_board = _board_of_pin(short)
        if pin_board and pin_board != (board or "lpc1768"):
            text = (f"{short} is a pin name of the {BOARD_TITLES[pin_board]}; this program was built for the "
                    f"{BOARD_TITLES.get(board or 'lpc1768', board)}. Build it with --board {pin_board}, or use a "
                    f"name both boards have (LED1, BUTTON1, D0-D15, A0-A5).")
        elif GENERIC_PINS.fullmatch(short) or pin_board:
            text = f"{short} is a pin name: it is declared by \"mbed.h\" (PinNames.h of the board)."
    if text and guess and guess in NOT_MBED_GUESSES:
        text = f"Ignore the compiler's guess {guess}: {text}"
    return text


def _header_hint(header: str) -> str | None:
    base = header.rsplit("/", 1)[-1]
    for key in (header, base):
        if key in HEADERS:
            return HEADERS[key].format(header=header)
    if header.endswith((".h", ".hpp")):
        return (f"{header} is not part of Mbed OS as simulated here. If it belongs to a library (a .lib file on "
                "os.mbed.com or lib_deps in platformio.ini), add that library's .cpp and .h files to the program.")
    return None


def _symbol_hint(sym: str) -> str | None:
    name = re.sub(r"\(.*", "", sym).split("::")[-1]
    if name == "main":
        return "The program has no int main(): every Mbed program starts in main()."
    if name in ("setup", "loop"):
        return "Mbed programs start in int main(), not in Arduino's setup() and loop()."
    return None


def hint_for(message: str, severity: str = "error", board: str | None = None) -> str | None:
    """The hint for one compiler or linker message, or None. ``board``: the board built for."""
    for pattern in MISSING_HEADER:
        m = pattern.search(message)
        if m:
            return _header_hint(m["header"])
    for pattern in UNDECLARED:
        m = pattern.search(message)
        if m:
            groups = m.groupdict()
            return _name_hint(groups["name"], groups.get("scope"), groups.get("guess"), board)
    for pattern in UNDEFINED_SYMBOL:
        m = pattern.search(message)
        if m:
            return _symbol_hint(m["sym"])
    m = DEPRECATED.search(message)
    if m:
        return _deprecated_hint(m["decl"])
    return _other_hint(message)


def _deprecated_hint(decl: str) -> str | None:
    """'void wait_ms(int)' -> how to write it for Mbed OS 6 (the warning already says it is deprecated)."""
    m = re.search(r"([A-Za-z_][\w:]*)\s*\(", decl)
    name = (m.group(1) if m else decl).split("::")[-1]
    if name in MBED_OS5_NAMES:
        return MBED_OS5_NAMES[name].replace(_STILL, "")
    if name in ("sleep_for", "call_in", "call_every", "delay", "period", "attach", "read_ms", "read_us", "read"):
        return ("Mbed OS 6 takes times as std::chrono durations: write 500ms, 2s or 10us (from "
                "`using namespace std::chrono_literals`, which \"mbed.h\" provides) instead of a plain number.")
    return None


# Messages that are not about a name: (pattern, hint).
_PRINTF_LIB = ("To print as the standard printf does, add to the program's mbed_app.json: "
               '{"target_overrides": {"*": {"target.printf_lib": "std"}}}')
OTHER: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"minimal-printf, which has no floating point"),
     _PRINTF_LIB + ', or keep minimal-printf and add "platform.minimal-printf-enable-floating-point": true '
     "(in the simulator: --config target.printf_lib=std)."),
    (re.compile(r"minimal-printf, which ignores the flags"),
     _PRINTF_LIB + " (in the simulator: --config target.printf_lib=std)."),
    (re.compile(r"invalid conversion from .int. to .PinName."),
     "Pins are named, not numbered: write LED1, p5, D13 or PTB22 (a PinName), not a number."),
    (re.compile(r"no matching function for call to .callback\("),
     "callback(fn, arg) binds one argument: fn must take it as its first parameter (void fn(T *arg)), "
     "and callback(&object, &Class::method) binds a member function."),
    (re.compile(r"call of overloaded .(?:wait|sleep_for)\(.*\). is ambiguous"),
     "Pass a duration with its unit: ThisThread::sleep_for(500ms)."),
]


def _other_hint(message: str) -> str | None:
    for pattern, hint in OTHER:
        m = pattern.search(message)
        if m:
            return hint(m) if callable(hint) else hint
    return None
