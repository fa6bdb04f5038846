// The shared event queues of Mbed OS (events/mbed_shared_queues.h).
#pragma once
#include "events/EventQueue.h"

namespace mbed {
/** The shared queue: dispatched by its own thread, or by the application itself when mbed_app.json
 *  sets "events.shared-dispatch-from-application": true (then call dispatch_forever from main). */
events::EventQueue* mbed_event_queue();
}  // namespace mbed
