#pragma once
#include "drivers/Ticker.h"  // LowPowerTimeout is defined beside Ticker
