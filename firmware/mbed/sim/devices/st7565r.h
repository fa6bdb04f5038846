// Bus-level model of the Sitronix ST7565R LCD controller as wired on the C12832 panel of the
// mbed application shield (serial interface: SI, SCL, A0, /CS1, /RES).
//
// The specification is the ST7565R datasheet: the display data RAM of 9 pages x 132 columns
// (page 8 is the icon row), the column and page address registers, and the command set
// that the serial interface takes while /CS1 is low and A0 is 0 (A0 = 1: display data).
// A driver that works with this model works with the real controller, and the other way
// round: the simulator renders the 128x32 panel from this model's RAM and registers, never
// from a driver's frame buffer.
//
// Modelled: display on/off (AE/AF), start line (40-7F), page address (B0-B8), column
// address (1x/0x), ADC select (A0/A1), normal/reverse display (A6/A7), all points on
// (A4/A5), LCD bias (A2/A3), read-modify-write (E0/EE), internal reset (E2), common output
// mode (C0/C8), power control (28-2F), V0 resistor ratio (20-27), electronic volume
// (81 + value), static indicator (AC, AD + value), booster ratio (F8 + value), NOP (E3),
// and the /RES pin. Not modelled: reading (the serial interface cannot read), timing limits.
#pragma once
#include <cstring>
#include <cstdint>

namespace simdev {

class St7565r {
 public:
  static constexpr int kColumns = 132;  // RAM columns
  static constexpr int kPages = 9;      // 8 pages of 8 rows + the icon page
  static constexpr int kPanelWidth = 128;
  static constexpr int kPanelHeight = 32;

  St7565r();

  // Pin levels as the MCU drives them.
  void set_reset(bool level);  // /RES: low holds the controller in reset
  void set_cs(bool level);     // /CS1: the serial interface listens while low
  void set_a0(bool level);     // A0: 0 = command, 1 = display data
  // One byte shifted in on SI (MSB first, on SCL's rising edges). Ignored while /CS1 is
  // high or /RES is low.
  void write(uint8_t byte);

  // What the panel shows: kPanelWidth x kPanelHeight bytes, row-major, 1 = dark pixel.
  // Takes display on/off, all points on, reverse, ADC, common output mode and the start
  // line into account. The panel's 128 columns are SEG0..SEG127 and its 32 rows are the
  // display lines 0..31 counted from the start line.
  void render(uint8_t* pixels) const;
  // Bumped whenever something that render() shows may have changed.
  uint32_t generation() const { return generation_; }

  // Registers, for tests and for the page (contrast shading).
  bool display_on() const { return display_on_; }
  bool reverse() const { return reverse_; }
  bool all_points_on() const { return all_on_; }
  bool adc_reverse() const { return adc_reverse_; }
  bool com_reverse() const { return com_reverse_; }
  int start_line() const { return start_line_; }
  int page() const { return page_; }
  int column() const { return column_; }
  int contrast() const { return volume_; }  // electronic volume, 0..63
  int power_control() const { return power_; }
  int resistor_ratio() const { return ratio_; }
  bool bias_1_7() const { return bias_1_7_; }
  bool in_reset() const { return !reset_level_; }
  bool sleeping() const { return !display_on_ && all_on_; }  // power save: display off + all points on
  uint8_t ram(int page, int column) const { return ram_[page][column]; }
  uint32_t commands() const { return commands_; }  // commands accepted since power on
  uint32_t data_bytes() const { return data_bytes_; }

 private:
  void reset_registers();
  void command(uint8_t byte);

  uint8_t ram_[kPages][kColumns];
  bool reset_level_ = true, cs_level_ = true, a0_level_ = false;
  bool display_on_ = false, reverse_ = false, all_on_ = false, adc_reverse_ = false, com_reverse_ = false;
  bool bias_1_7_ = false, read_modify_write_ = false, static_indicator_ = false;
  int start_line_ = 0, page_ = 0, column_ = 0, rmw_column_ = 0;
  int volume_ = 0x20, power_ = 0, ratio_ = 0, booster_ = 0, indicator_mode_ = 0;
  uint8_t pending_ = 0;  // a double-byte command waiting for its second byte (0: none)
  uint32_t generation_ = 0, commands_ = 0, data_bytes_ = 0;
};

}  // namespace simdev

// ---- implementation (header-only, so unit tests need no simulator) ----
namespace simdev {

inline St7565r::St7565r() {
  std::memset(ram_, 0, sizeof ram_);  // undefined at power on in the datasheet; blank here
  reset_registers();
}

inline void St7565r::reset_registers() {
  // Datasheet, "Reset": display off, normal display, ADC normal, power control off, start
  // line 0, column 0, page 0, common output normal, bias 1/9 (the default for 1/65 duty),
  // read-modify-write off, static indicator off, booster 4x, electronic volume at its
  // middle value (0x20), V0 resistor ratio 0 (4.0). Display data RAM is left as it is.
  display_on_ = reverse_ = all_on_ = adc_reverse_ = com_reverse_ = false;
  bias_1_7_ = read_modify_write_ = static_indicator_ = false;
  start_line_ = page_ = column_ = rmw_column_ = 0;
  volume_ = 0x20;
  power_ = ratio_ = booster_ = indicator_mode_ = 0;
  pending_ = 0;
  ++generation_;
}

inline void St7565r::set_reset(bool level) {
  if (!level && reset_level_) reset_registers();  // falling edge of /RES
  reset_level_ = level;
}

inline void St7565r::set_cs(bool level) {
  cs_level_ = level;  // a partial byte would be dropped here; whole bytes arrive via write()
}

inline void St7565r::set_a0(bool level) { a0_level_ = level; }

inline void St7565r::write(uint8_t byte) {
  if (cs_level_ || !reset_level_) return;
  if (!a0_level_) {
    command(byte);
    return;
  }
  // Display data: written at (page, column), then the column address advances (to 131 at
  // most). In read-modify-write mode it advances on writes only, as here.
  ++data_bytes_;
  if (page_ < kPages && column_ < kColumns) {
    if (ram_[page_][column_] != byte) {
      ram_[page_][column_] = byte;
      ++generation_;
    }
  }
  if (column_ < kColumns - 1) ++column_;
}

inline void St7565r::command(uint8_t byte) {
  ++commands_;
  if (pending_) {  // the second byte of a double-byte command
    const uint8_t first = pending_;
    pending_ = 0;
    if (first == 0x81) {
      volume_ = byte & 0x3F;
      ++generation_;
    } else if (first == 0xAD) {
      indicator_mode_ = byte & 0x03;
    } else if (first == 0xF8) {
      booster_ = byte & 0x03;
    }
    return;
  }
  if (byte == 0xAE || byte == 0xAF) {
    display_on_ = byte & 1;
  } else if ((byte & 0xC0) == 0x40) {
    start_line_ = byte & 0x3F;
  } else if ((byte & 0xF0) == 0xB0) {
    if ((byte & 0x0F) < kPages) page_ = byte & 0x0F;  // B9-BF are not valid pages
  } else if ((byte & 0xF0) == 0x10) {
    column_ = ((byte & 0x0F) << 4) | (column_ & 0x0F);
  } else if ((byte & 0xF0) == 0x00) {
    column_ = (column_ & 0xF0) | (byte & 0x0F);
  } else if (byte == 0xA0 || byte == 0xA1) {
    adc_reverse_ = byte & 1;
  } else if (byte == 0xA6 || byte == 0xA7) {
    reverse_ = byte & 1;
  } else if (byte == 0xA4 || byte == 0xA5) {
    all_on_ = byte & 1;
  } else if (byte == 0xA2 || byte == 0xA3) {
    bias_1_7_ = byte & 1;
  } else if (byte == 0xE0) {
    read_modify_write_ = true;
    rmw_column_ = column_;
  } else if (byte == 0xEE) {
    if (read_modify_write_) column_ = rmw_column_;  // the column returns to where RMW began
    read_modify_write_ = false;
  } else if (byte == 0xE2) {
    reset_registers();
  } else if ((byte & 0xF0) == 0xC0) {
    com_reverse_ = (byte & 0x08) != 0;
  } else if ((byte & 0xF8) == 0x28) {
    power_ = byte & 0x07;
  } else if ((byte & 0xF8) == 0x20) {
    ratio_ = byte & 0x07;
  } else if (byte == 0x81 || byte == 0xAD || byte == 0xF8) {
    pending_ = byte;
    if (byte == 0xAD) static_indicator_ = true;
  } else if (byte == 0xAC) {
    static_indicator_ = false;
  }
  // 0xE3 (NOP) and undefined codes do nothing.
  ++generation_;
}

inline void St7565r::render(uint8_t* pixels) const {
  for (int y = 0; y < kPanelHeight; ++y) {
    // COM output: in reverse mode (C8) the panel's top row shows display line 0.
    const int com_line = com_reverse_ ? y : kPanelHeight - 1 - y;
    const int ram_line = (com_line + start_line_) % 64;
    for (int x = 0; x < kPanelWidth; ++x) {
      // ADC: normal maps column n to SEG n; reverse maps column 131 - n to SEG n.
      const int col = adc_reverse_ ? kColumns - 1 - x : x;
      bool on = (ram_[ram_line / 8][col] >> (ram_line % 8)) & 1;
      if (reverse_) on = !on;
      if (all_on_) on = true;
      if (!display_on_) on = false;
      pixels[y * kPanelWidth + x] = on ? 1 : 0;
    }
  }
}

}  // namespace simdev
