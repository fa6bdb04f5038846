// Mbed 2 / OS 5 programs include "Stream.h".
#pragma once
#include "platform/Stream.h"
