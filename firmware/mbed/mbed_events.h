// mbed_events.h: the Mbed OS events API (EventQueue, Event, UserAllocatedEvent, the shared
// queues). mbed.h includes it too.
#pragma once
#include "events/mbed_events.h"
