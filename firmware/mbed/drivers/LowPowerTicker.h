#pragma once
#include "drivers/Ticker.h"  // LowPowerTicker is defined beside Ticker
