// The ST7565R on the simulator's SPI bus: the board wires MOSI, SCK, /CS1 (role 3), A0 (role 4)
// and /RES (role 5); the panel is rendered from the model at the core's display points.
#include "Small_7.h"
#include "sim/devices.h"
#include "sim/devices/lcd_text.h"
#include "sim/devices/st7565r.h"
#include "sim/sim.h"

namespace {

class St7565rDevice : public sim::Device {
 public:
  St7565rDevice() { sim::display_attach(&St7565rDevice::flush, this); }
  ~St7565rDevice() override { sim::display_detach(this); }

  void spi_select(bool selected) override { lcd_.set_cs(!selected); }
  uint32_t spi_transfer(uint32_t mosi, int bits) override {
    if (bits == 8) lcd_.write(static_cast<uint8_t>(mosi));  // 8-bit frames, as the serial interface takes
    return 0xFFFFFFFFu;                                      // it has no output: MISO stays high
  }
  void pin_changed(int role, int level) override {
    if (role == 4) lcd_.set_a0(level != 0);
    if (role == 5) lcd_.set_reset(level != 0);
  }

 private:
  // What the panel shows, and its text as a person reads it (inverted text is still text;
  // a panel that is off shows none). Only when something changed since the last time.
  static void flush(void* context) {
    auto* self = static_cast<St7565rDevice*>(context);
    simdev::St7565r& lcd = self->lcd_;
    if (lcd.commands() == 0 || lcd.generation() == self->shown_) return;
    self->shown_ = lcd.generation();
    static uint8_t pixels[simdev::St7565r::kPanelWidth * simdev::St7565r::kPanelHeight];
    static uint8_t ink[sizeof pixels];
    static simdev::LcdText text;
    lcd.render(pixels);
    sim::lcd_frame(pixels, simdev::St7565r::kPanelWidth, simdev::St7565r::kPanelHeight);
    for (size_t i = 0; i < sizeof pixels; ++i) ink[i] = lcd.reverse() ? !pixels[i] : pixels[i];
    if (lcd.display_on() && !lcd.all_points_on()) {
      simdev::recognise_text(ink, simdev::St7565r::kPanelWidth, simdev::St7565r::kPanelHeight, Small_7, &text);
    } else {
      text = simdev::LcdText{};
    }
    const char* lines[simdev::kLcdTextMaxLines];
    for (int i = 0; i < text.count; ++i) lines[i] = text.lines[i];
    sim::lcd_text(lines, text.count);
  }

  simdev::St7565r lcd_;
  uint32_t shown_ = 0;
};

}  // namespace

SIM_DEVICE(st7565r, St7565rDevice)
