// The program's Mbed configuration as the precompiled library sees it at run time.
//
// Configuration parameters are macros in the program's own files (mbed_config.h, generated from
// its mbed_app.json and the board); the library is compiled once for every program, so the
// builder also compiles a small mbed_config.cpp with the program that defines this record.
#pragma once
#include <stdint.h>

extern "C" {

struct MbedSimConfig {
  int stdio_convert_newlines;           // platform.stdio-convert-newlines
  int stdio_baud_rate;                  // platform.stdio-baud-rate
  int minimal_printf;                   // target.printf_lib is "minimal-printf" (Mbed OS 6's default)
  int minimal_printf_float;             // platform.minimal-printf-enable-floating-point
  int minimal_printf_64bit;             // platform.minimal-printf-enable-64-bit
  int minimal_printf_max_decimals;      // platform.minimal-printf-set-floating-point-max-decimals
  int shared_dispatch_from_application;  // events.shared-dispatch-from-application
  int crash_capture;                    // platform.crash-capture-enabled
  int rtos_present;                     // rtos.present (0 for the bare-metal profile)
};

// Defined by the program's generated mbed_config.cpp (weak: absent, the Mbed OS defaults apply).
extern const MbedSimConfig mbed_sim_app_config __attribute__((weak));
}

// The program's configuration, or Mbed OS 6's defaults.
const MbedSimConfig& mbed_sim_config();
