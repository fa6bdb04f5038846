#pragma once
#include "drivers/Timer.h"  // LowPowerTimer is defined beside Timer
