// The mbed application shield on the simulated board: which device model sits on which
// pins, the LCD shown from the ST7565R model, and the named inputs that set what the
// sensors measure (`sim run --set temp=31.5`, the page's sliders).
//
// Wiring (the shield on a FRDM-K64F's Arduino header / the LPC1768 application board):
//   C12832 LCD (ST7565R)  MOSI D11 / p5, SCK D13 / p7, /RES D12 / p6, A0 D7 / p8, /CS D10 / p11
//   LM75B     (I2C 0x48)  SDA D14 / p28, SCL D15 / p27
//   MMA7660   (I2C 0x4C)  the same bus
//   SHT31     (I2C 0x44)  the same bus (the Mbed Simulator's extra sensor)
//   pots                  A0 / p19 (pot1), A1 / p20 (pot2)
// Both wirings reach the same parts, so a program written for either board drives them.
#include <cstring>

#include "PinNames.h"
#include "Small_7.h"
#include "devices/bus.h"
#include "devices/lcd_text.h"
#include "devices/lm75b.h"
#include "devices/mma7660.h"
#include "devices/sht31.h"
#include "devices/st7565r.h"
#include "hal/sim_hal.h"
#include "platform/sim_core.h"

namespace simdev {
namespace {

St7565r& lcd_model();

// One wiring of the LCD: it keeps the levels of its own A0 and /CS pins and applies them to
// the controller with each byte, so two wirings can share one panel.
class LcdWiring : public SpiDevice {
 public:
  LcdWiring(int reset, int a0, int cs) : reset_(reset), a0_pin_(a0), cs_pin_(cs) {}
  uint8_t transfer(uint8_t mosi) override {
    St7565r& lcd = lcd_model();
    lcd.set_a0(a0_);
    lcd.set_cs(cs_);
    lcd.write(mosi);
    lcd.set_cs(true);
    return 0xFF;  // the ST7565R's serial interface has no output
  }
  void pin_changed(int pin, int level) override {
    if (pin == reset_) lcd_model().set_reset(level != 0);
    if (pin == a0_pin_) a0_ = level != 0;
    if (pin == cs_pin_) cs_ = level != 0;
  }
  bool watches(int pin) const { return pin == reset_ || pin == a0_pin_ || pin == cs_pin_; }

 private:
  int reset_, a0_pin_, cs_pin_;
  bool a0_ = false, cs_ = true;
};

struct SpiWire {
  int mosi, sck;
  LcdWiring* device;
};
struct I2cWire {
  int sda, scl;
};
const I2cWire kI2c[] = {{p28, p27}, {D14, D15}};

void flush_lcd(void*);

// The parts, made on first use (programs talk to them from their own static constructors,
// so they cannot rely on this file's being initialised first).
struct Board {
  St7565r lcd;
  Lm75b lm75b;
  Mma7660 accel;
  Sht31 sht31;
  LcdWiring lcd_lpc1768{p6, p8, p11};
  LcdWiring lcd_arduino{D12, D7, D10};
  SpiWire spi[2] = {{p5, p7, &lcd_lpc1768}, {D11, D13, &lcd_arduino}};
  I2cDevice* i2c[3] = {&lm75b, &accel, &sht31};
  uint32_t shown_generation = 0;
  Board() { mbed::sim::set_display_flush(flush_lcd, nullptr); }
};

Board& board() {
  static Board b;
  return b;
}

St7565r& lcd_model() { return board().lcd; }

void flush_lcd(void*) {
  St7565r& g_lcd = board().lcd;
  uint32_t& g_shown_generation = board().shown_generation;
  if (g_lcd.commands() == 0 || g_lcd.generation() == g_shown_generation) return;
  g_shown_generation = g_lcd.generation();
  static uint8_t pixels[St7565r::kPanelWidth * St7565r::kPanelHeight];
  g_lcd.render(pixels);
  sim_hal_lcd_flush(pixels, St7565r::kPanelWidth, St7565r::kPanelHeight);
  // Text as a person reads it: inverted text is still text; a switched-off panel shows none.
  static uint8_t ink[sizeof pixels];
  for (size_t i = 0; i < sizeof pixels; ++i) ink[i] = g_lcd.reverse() ? !pixels[i] : pixels[i];
  static LcdText text;
  if (g_lcd.display_on() && !g_lcd.all_points_on()) {
    recognise_text(ink, St7565r::kPanelWidth, St7565r::kPanelHeight, Small_7, &text);
  } else {
    text = LcdText{};
  }
  const char* lines[kLcdTextMaxLines];
  for (int i = 0; i < text.count; ++i) lines[i] = text.lines[i];
  sim_hal_lcd_text(lines, text.count);
}

}  // namespace

SpiDevice* spi_device(int mosi, int sck) {
  for (const auto& w : board().spi)
    if (w.mosi == mosi && w.sck == sck) return w.device;
  return nullptr;
}

bool i2c_bus_exists(int sda, int scl) {
  for (const auto& w : kI2c)
    if (w.sda == sda && w.scl == scl) return true;
  return false;
}

I2cDevice* i2c_device(int sda, int scl, uint8_t address7) {
  if (!i2c_bus_exists(sda, scl)) return nullptr;
  for (I2cDevice* d : board().i2c)
    if (d->address() == address7) return d;
  return nullptr;
}

void pin_written(int pin, int level) {
  for (const auto& w : board().spi)
    if (w.device->watches(pin)) w.device->pin_changed(pin, level);
}

}  // namespace simdev

// Named inputs of the shield's parts. Returns 0 if the name is unknown.
//   temp      degrees C (the LM75B and the SHT31)     humidity  %RH (the SHT31)
//   accel_x, accel_y, accel_z   g (the MMA7660)       pot1, pot2   0..1 (A0/p19, A1/p20)
extern "C" int sim_input_set(const char* name, float value) {
  using namespace simdev;
  Board& b = board();
  Lm75b& g_lm75b = b.lm75b;
  Sht31& g_sht31 = b.sht31;
  Mma7660& g_accel = b.accel;
  if (std::strcmp(name, "temp") == 0) {
    g_lm75b.set_temperature(value);
    g_sht31.set_temperature(value);
  } else if (std::strcmp(name, "humidity") == 0) {
    g_sht31.set_humidity(value);
  } else if (std::strncmp(name, "accel_", 6) == 0 && name[6] >= 'x' && name[6] <= 'z' && name[7] == 0) {
    const int axis = name[6] - 'x';
    float g[3] = {g_accel.acceleration(0), g_accel.acceleration(1), g_accel.acceleration(2)};
    g[axis] = value;
    g_accel.set_acceleration(g[0], g[1], g[2]);
  } else if (std::strcmp(name, "pot1") == 0) {
    sim_analog_event(p19, value);
    sim_analog_event(A0, value);
  } else if (std::strcmp(name, "pot2") == 0) {
    sim_analog_event(p20, value);
    sim_analog_event(A1, value);
  } else {
    return 0;
  }
  return 1;
}
