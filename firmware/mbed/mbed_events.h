// mbed_events.h: the Mbed OS events API (EventQueue, mbed_event_queue). mbed.h includes it too.
#pragma once
#include "events/EventQueue.h"

#if !defined(MBED_NO_GLOBAL_USING_DIRECTIVE)
using namespace events;
#endif
