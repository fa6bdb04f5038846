// Events: an EventQueue blinks LED2 every 250 ms, and BUTTON1 (an interrupt on the press, a
// falling edge: the button is active low) defers its work to the queue, where printing is safe.
#include "mbed.h"

EventQueue queue;
DigitalOut blink_led(LED2);
DigitalOut press_led(LED3);
InterruptIn button(BUTTON1);
Timer uptime;

void blink() { blink_led = !blink_led; }

void handle_press() {
  press_led = !press_led;
  printf("Button handled in the event queue at %d ms\n", static_cast<int>(uptime.elapsed_time().count() / 1000));
}

int main() {
  uptime.start();
  printf("Event queue demo\n");
  queue.call_every(250ms, blink);
  button.fall([] { queue.call(handle_press); });
  queue.dispatch_forever();
}
