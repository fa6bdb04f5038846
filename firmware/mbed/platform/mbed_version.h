// The Mbed OS release whose API the simulator follows.
#pragma once

/** Mbed OS major version */
#define MBED_MAJOR_VERSION 6
/** Mbed OS minor version */
#define MBED_MINOR_VERSION 17
/** Mbed OS patch version */
#define MBED_PATCH_VERSION 0

#define MBED_ENCODE_VERSION(major, minor, patch) ((major)*10000 + (minor)*100 + (patch))
/** Mbed OS version as one number: 61700 */
#define MBED_VERSION MBED_ENCODE_VERSION(MBED_MAJOR_VERSION, MBED_MINOR_VERSION, MBED_PATCH_VERSION)
