#pragma once
// Mbed OS puts platform/include/platform on the include path: "Stream.h" works there too.
#include "platform/Stream.h"
