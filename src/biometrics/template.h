// Finger minutiae templates: ISO/IEC 19794-2:2005 (read and write) and ANSI INCITS 378-2004
// (read).
//
// Parsing is strict: a truncated or inconsistent record is refused with an error naming the byte
// offset and the field ("byte 8 (record length): ..."), and nothing past the end of the input is
// ever read. Bytes after the declared record length (zero padding from some devices) are ignored
// with a warning. Extended data blocks are kept as raw bytes and checked for bounds only, except
// OpenPact's own block that marks synthetic templates.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace openpact::biometrics {

enum class TemplateFormat { kIso19794_2_2005, kAnsi378_2004 };

struct Minutia {
  uint16_t x = 0, y = 0;    // pixels, origin top left
  uint8_t type = 0;         // 0 other, 1 ridge ending, 2 bifurcation
  uint16_t angle = 0;       // direction, counter-clockwise from the x axis, in 1/65536 of a turn
                            // (ISO 1/256 turns exactly; ANSI 2-degree units to within 0.003 degrees)
  uint8_t quality = 0;      // 0 = not reported, 1..100
  double AngleRadians() const;
  // The angle field for a direction in radians (any value; taken modulo a turn).
  static uint16_t AngleFromRadians(double radians);
};

struct ExtendedBlock {
  uint16_t type = 0;
  std::string data;
};

// Finger positions: 0 unknown, 1..10 (1 right thumb ... 10 left little); the readers refuse
// others, and the gallery and the GPU scan index by them.
constexpr uint8_t kMaxFingerPosition = 10;

struct FingerView {
  uint8_t position = 0;         // 0..kMaxFingerPosition
  uint8_t view_number = 0;      // 0..15
  uint8_t impression_type = 0;  // 0..15
  uint8_t quality = 0;          // 0..100
  std::vector<Minutia> minutiae;
  std::vector<ExtendedBlock> extended;
};

struct FingerprintTemplate {
  TemplateFormat format = TemplateFormat::kIso19794_2_2005;
  uint16_t capture_equipment = 0;  // 4 bits compliance, 12 bits equipment id
  uint32_t cbeff_product = 0;      // ANSI 378 only
  uint16_t width = 0, height = 0;  // image size, pixels
  uint16_t res_x = 0, res_y = 0;   // pixels per centimetre
  std::vector<FingerView> views;
  std::vector<std::string> warnings;  // e.g. trailing bytes ignored

  // True if OpenPact's synthetic-data block is present (synthetic test and demo data).
  bool IsSynthetic() const;
};

// Both return InvalidArgument with field "byte N (field)" for malformed input.
Result<FingerprintTemplate> ParseIso19794_2(std::span<const uint8_t> bytes);
Result<FingerprintTemplate> ParseAnsi378(std::span<const uint8_t> bytes);
// Tells the two apart by their record-length layout; ISO first.
Result<FingerprintTemplate> ParseTemplate(std::span<const uint8_t> bytes);

// The matcher's reference resolution: 197 pixels per centimetre (500 dpi), the usual capture
// resolution, for which its tolerances are set.
constexpr uint16_t kReferencePpcm = 197;
// Resolutions accepted as stated; 0 (not stated) or anything outside is taken as the reference,
// with a warning from the parsers.
constexpr uint16_t kMinPlausiblePpcm = 50, kMaxPlausiblePpcm = 1000;
constexpr bool IsPlausibleResolution(uint16_t ppcm) { return ppcm >= kMinPlausiblePpcm && ppcm <= kMaxPlausiblePpcm; }

// View `view` of `t` with its minutiae brought to the reference resolution, axis by axis (the
// header states x and y resolutions separately): positions scaled and rounded, and directions
// turned as the scaling turns them when the two axes differ. A view at the reference resolution
// is returned unchanged.
FingerView ViewAtReferenceResolution(const FingerprintTemplate& t, size_t view);
// `view` with x multiplied by fx and y by fy: positions rounded (at most ISO's 14 bits), and each
// direction (cos a, sin a) turned to (fx cos a, fy sin a) when the factors differ.
FingerView ScaleAxes(FingerView view, double fx, double fy);

// ISO/IEC 19794-2:2005 record, every header field kept.
Result<std::string> WriteIso19794_2(const FingerprintTemplate& t);

// The extended-data block type OpenPact writes into synthetic templates (vendor range).
constexpr uint16_t kSyntheticBlockType = 0x4F50;  // "OP"
constexpr const char* kSyntheticBlockText = "OPENPACT SYNTHETIC FINGERPRINT v1 - NOT A REAL PERSON";

}  // namespace openpact::biometrics
