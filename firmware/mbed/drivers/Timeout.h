#pragma once
#include "drivers/Ticker.h"  // Timeout is defined beside Ticker
