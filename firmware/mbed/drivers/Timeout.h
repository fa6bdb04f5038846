#pragma once
#include "drivers/Ticker.h"  // Timeout is defined beside Ticker (a one-shot Ticker)
