// Mbed OS events: EventQueue, Event, UserAllocatedEvent and the shared queues.
#pragma once
#include "events/Event.h"
#include "events/EventQueue.h"
#include "events/UserAllocatedEvent.h"
#include "events/mbed_shared_queues.h"

#if !defined(MBED_NO_GLOBAL_USING_DIRECTIVE)
using namespace events;
#endif
