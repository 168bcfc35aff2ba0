#include "biometrics/template.h"

#include <algorithm>
#include <cmath>

namespace openpact::biometrics {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A bounds-checked big-endian reader. Every read names the field, so an error says where and what.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> b, size_t limit) : b_(b), limit_(limit) {}
  size_t pos() const { return pos_; }
  Status Need(size_t n, const char* field) const {
    if (pos_ + n > limit_) {
      return Status::InvalidArgument("truncated: needs " + std::to_string(n) + " byte(s), " +
                                         std::to_string(limit_ > pos_ ? limit_ - pos_ : 0) + " left of " +
                                         std::to_string(limit_),
                                     Where(field));
    }
    return Status::OK();
  }
  Result<uint8_t> U8(const char* field) {
    OP_RETURN_IF_ERROR(Need(1, field));
    return b_[pos_++];
  }
  Result<uint16_t> U16(const char* field) {
    OP_RETURN_IF_ERROR(Need(2, field));
    const uint16_t v = static_cast<uint16_t>(b_[pos_] << 8 | b_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  Result<uint32_t> U32(const char* field) {
    OP_RETURN_IF_ERROR(Need(4, field));
    const uint32_t v = static_cast<uint32_t>(b_[pos_]) << 24 | static_cast<uint32_t>(b_[pos_ + 1]) << 16 |
                       static_cast<uint32_t>(b_[pos_ + 2]) << 8 | b_[pos_ + 3];
    pos_ += 4;
    return v;
  }
  Result<std::string> Bytes(size_t n, const char* field) {
    OP_RETURN_IF_ERROR(Need(n, field));
    std::string s(reinterpret_cast<const char*>(b_.data() + pos_), n);
    pos_ += n;
    return s;
  }
  void set_limit(size_t limit) { limit_ = limit; }
  std::string Where(const char* field) const { return "byte " + std::to_string(pos_) + " (" + field + ")"; }
  Status Error(const std::string& message, const char* field, size_t at) const {
    return Status::InvalidArgument(message, "byte " + std::to_string(at) + " (" + field + ")");
  }

 private:
  std::span<const uint8_t> b_;
  size_t limit_;
  size_t pos_ = 0;
};

// Angle conversions: ISO 2005 stores 1/256 turns, ANSI 378 2-degree units (0..179).
uint16_t FromIsoAngle(uint8_t v) { return static_cast<uint16_t>(v << 8); }
uint16_t FromAnsiAngle(uint8_t v) { return static_cast<uint16_t>(std::lround(v * 2.0 / 360.0 * 65536.0) & 0xFFFF); }
uint8_t ToIsoAngle(uint16_t a) { return static_cast<uint8_t>(((a + 128) >> 8) & 0xFF); }

// The part both formats share once the record header is read: finger views, their minutiae and
// extended data. `ansi` selects the angle unit.
Status ParseViews(Reader& r, uint8_t view_count, bool ansi, FingerprintTemplate* t) {
  for (int v = 0; v < view_count; ++v) {
    FingerView view;
    OP_ASSIGN_OR_RETURN(view.position, r.U8("finger position"));
    if (view.position > kMaxFingerPosition) {
      return r.Error("finger position " + std::to_string(view.position) + " is not 0.." + std::to_string(kMaxFingerPosition),
                     "finger position", r.pos() - 1);
    }
    OP_ASSIGN_OR_RETURN(uint8_t vi, r.U8("view number / impression type"));
    view.view_number = vi >> 4;
    view.impression_type = vi & 0x0F;
    OP_ASSIGN_OR_RETURN(view.quality, r.U8("finger quality"));
    if (view.quality > 100) return r.Error("finger quality " + std::to_string(view.quality) + " is not 0..100", "finger quality", r.pos() - 1);
    OP_ASSIGN_OR_RETURN(uint8_t n, r.U8("number of minutiae"));
    OP_RETURN_IF_ERROR(r.Need(static_cast<size_t>(n) * 6, "minutiae"));
    view.minutiae.reserve(n);
    for (int i = 0; i < n; ++i) {
      const size_t at = r.pos();
      OP_ASSIGN_OR_RETURN(uint16_t tx, r.U16("minutia type / x"));
      OP_ASSIGN_OR_RETURN(uint16_t y, r.U16("minutia y"));
      OP_ASSIGN_OR_RETURN(uint8_t angle, r.U8("minutia angle"));
      OP_ASSIGN_OR_RETURN(uint8_t quality, r.U8("minutia quality"));
      Minutia m;
      m.type = static_cast<uint8_t>(tx >> 14);
      m.x = tx & 0x3FFF;
      m.y = y & 0x3FFF;
      if (m.type == 3) return r.Error("minutia type 3 is reserved", "minutia type / x", at);
      if (ansi && angle > 179) return r.Error("angle " + std::to_string(angle) + " is not 0..179 (2-degree units)", "minutia angle", at + 4);
      if (quality > 100) return r.Error("minutia quality " + std::to_string(quality) + " is not 0..100", "minutia quality", at + 5);
      if ((t->width != 0 && m.x >= t->width) || (t->height != 0 && m.y >= t->height)) {
        t->warnings.push_back("minutia at byte " + std::to_string(at) + " lies outside the declared image size");
      }
      m.angle = ansi ? FromAnsiAngle(angle) : FromIsoAngle(angle);
      m.quality = quality;
      view.minutiae.push_back(m);
    }
    const size_t ext_at = r.pos();
    OP_ASSIGN_OR_RETURN(uint16_t ext_len, r.U16("extended data length"));
    OP_RETURN_IF_ERROR(r.Need(ext_len, "extended data"));
    const size_t ext_end = r.pos() + ext_len;
    while (r.pos() < ext_end) {
      const size_t block_at = r.pos();
      if (ext_end - block_at < 4) return r.Error("extended data block header needs 4 bytes", "extended data block", block_at);
      OP_ASSIGN_OR_RETURN(uint16_t type, r.U16("extended data type"));
      OP_ASSIGN_OR_RETURN(uint16_t len, r.U16("extended data block length"));
      // The block length counts its 4-byte header.
      if (len < 4 || block_at + len > ext_end) {
        return r.Error("extended data block length " + std::to_string(len) + " does not fit in the " +
                           std::to_string(ext_len) + " bytes declared at byte " + std::to_string(ext_at),
                       "extended data block length", block_at + 2);
      }
      OP_ASSIGN_OR_RETURN(std::string data, r.Bytes(len - 4u, "extended data"));
      view.extended.push_back(ExtendedBlock{type, std::move(data)});
    }
    t->views.push_back(std::move(view));
  }
  return Status::OK();
}

Status CheckMagic(Reader& r) {
  OP_ASSIGN_OR_RETURN(std::string magic, r.Bytes(4, "format identifier"));
  if (magic != std::string("FMR\0", 4)) return r.Error("not a finger minutiae record (want \"FMR\\0\")", "format identifier", 0);
  OP_ASSIGN_OR_RETURN(std::string version, r.Bytes(4, "version"));
  if (version != std::string(" 20\0", 4)) {
    return r.Error("version is not \" 20\" (ISO/IEC 19794-2:2005 / ANSI INCITS 378-2004)", "version", 4);
  }
  return Status::OK();
}

void NoteTrailing(size_t declared, size_t actual, FingerprintTemplate* t) {
  if (actual > declared) {
    t->warnings.push_back(std::to_string(actual - declared) + " byte(s) after the declared record length " +
                          std::to_string(declared) + " ignored");
  }
}

}  // namespace

FingerView ViewAtReferenceResolution(const FingerprintTemplate& t, size_t view) {
  auto factor = [](uint16_t res) { return IsPlausibleResolution(res) ? static_cast<double>(kReferencePpcm) / res : 1.0; };
  const double fx = factor(t.res_x), fy = factor(t.res_y);
  if (fx == 1.0 && fy == 1.0) return t.views.at(view);
  return ScaleAxes(t.views.at(view), fx, fy);
}

FingerView ScaleAxes(FingerView view, double fx, double fy) {
  for (Minutia& m : view.minutiae) {
    m.x = static_cast<uint16_t>(std::min(16383.0, std::round(m.x * fx)));
    m.y = static_cast<uint16_t>(std::min(16383.0, std::round(m.y * fy)));
    if (fx != fy) {
      // A direction is a tangent vector: it scales with the axes. Image y points down, which the
      // scaling leaves alone, so the turn can be taken in either frame.
      const double a = m.AngleRadians();
      m.angle = Minutia::AngleFromRadians(std::atan2(std::sin(a) * fy, std::cos(a) * fx));
    }
  }
  return view;
}

double Minutia::AngleRadians() const { return angle * (2 * kPi / 65536.0); }

uint16_t Minutia::AngleFromRadians(double radians) {
  double t = std::fmod(radians, 2 * kPi);
  if (t < 0) t += 2 * kPi;
  return static_cast<uint16_t>(std::lround(t / (2 * kPi) * 65536.0) & 0xFFFF);
}

bool FingerprintTemplate::IsSynthetic() const {
  for (const FingerView& v : views) {
    for (const ExtendedBlock& b : v.extended) {
      if (b.type == kSyntheticBlockType) return true;
    }
  }
  return false;
}

namespace {

// Both formats: after the record length (whose layout differs), check it against the input, then
// read the rest of the header (ANSI adds the CBEFF product id), the views, and the end of record.
Result<FingerprintTemplate> ParseAfterLength(Reader& r, FingerprintTemplate t, uint32_t length, size_t header,
                                             size_t available, bool ansi) {
  if (length < header) {
    return r.Error("record length " + std::to_string(length) + " is shorter than the " + std::to_string(header) +
                       "-byte header",
                   "record length", 8);
  }
  if (length > available) {
    return r.Error("record length " + std::to_string(length) + " but only " + std::to_string(available) +
                       " bytes were given: the record is truncated",
                   "record length", 8);
  }
  r.set_limit(length);
  NoteTrailing(length, available, &t);
  if (ansi) {
    OP_ASSIGN_OR_RETURN(t.cbeff_product, r.U32("CBEFF product identifier"));
  }
  OP_ASSIGN_OR_RETURN(t.capture_equipment, r.U16("capture equipment"));
  OP_ASSIGN_OR_RETURN(t.width, r.U16("image width"));
  OP_ASSIGN_OR_RETURN(t.height, r.U16("image height"));
  OP_ASSIGN_OR_RETURN(t.res_x, r.U16("x resolution"));
  OP_ASSIGN_OR_RETURN(t.res_y, r.U16("y resolution"));
  for (uint16_t res : {t.res_x, t.res_y}) {
    if (res != 0 && !IsPlausibleResolution(res)) {
      t.warnings.push_back("resolution " + std::to_string(res) + " px/cm is implausible: matched as " +
                           std::to_string(kReferencePpcm) + " px/cm (500 dpi)");
      break;
    }
  }
  OP_ASSIGN_OR_RETURN(uint8_t views, r.U8("number of finger views"));
  OP_RETURN_IF_ERROR(r.U8("reserved").status());
  OP_RETURN_IF_ERROR(ParseViews(r, views, ansi, &t));
  if (r.pos() != length) {
    return r.Error("the finger views end at byte " + std::to_string(r.pos()) + " but the record length is " +
                       std::to_string(length),
                   "record length", 8);
  }
  return t;
}

}  // namespace

Result<FingerprintTemplate> ParseIso19794_2(std::span<const uint8_t> bytes) {
  Reader r(bytes, bytes.size());
  FingerprintTemplate t;
  t.format = TemplateFormat::kIso19794_2_2005;
  OP_RETURN_IF_ERROR(CheckMagic(r));
  OP_ASSIGN_OR_RETURN(uint32_t length, r.U32("record length"));
  return ParseAfterLength(r, std::move(t), length, 24, bytes.size(), /*ansi=*/false);
}

Result<FingerprintTemplate> ParseAnsi378(std::span<const uint8_t> bytes) {
  Reader r(bytes, bytes.size());
  FingerprintTemplate t;
  t.format = TemplateFormat::kAnsi378_2004;
  OP_RETURN_IF_ERROR(CheckMagic(r));
  OP_ASSIGN_OR_RETURN(uint16_t short_length, r.U16("record length"));
  uint32_t length = short_length;
  if (short_length == 0) {  // the long form: 0x0000 then 4 bytes
    OP_ASSIGN_OR_RETURN(length, r.U32("record length (long form)"));
  }
  return ParseAfterLength(r, std::move(t), length, short_length == 0 ? 30 : 26, bytes.size(), /*ansi=*/true);
}

Result<FingerprintTemplate> ParseTemplate(std::span<const uint8_t> bytes) {
  auto iso = ParseIso19794_2(bytes);
  if (iso.ok()) return iso;
  auto ansi = ParseAnsi378(bytes);
  if (ansi.ok()) return ansi;
  return iso.status();  // report the ISO reading: the default format
}

Result<std::string> WriteIso19794_2(const FingerprintTemplate& t) {
  if (t.views.size() > 255) return Status::InvalidArgument("more than 255 finger views", "views");
  std::string out;
  auto u8 = [&](uint8_t v) { out += static_cast<char>(v); };
  auto u16 = [&](uint16_t v) {
    u8(static_cast<uint8_t>(v >> 8));
    u8(static_cast<uint8_t>(v));
  };
  auto u32 = [&](uint32_t v) {
    u16(static_cast<uint16_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  };
  out.append("FMR\0 20\0", 8);
  u32(0);  // length, patched below
  u16(t.capture_equipment);
  u16(t.width);
  u16(t.height);
  u16(t.res_x);
  u16(t.res_y);
  u8(static_cast<uint8_t>(t.views.size()));
  u8(0);
  for (size_t v = 0; v < t.views.size(); ++v) {
    const FingerView& view = t.views[v];
    const std::string field = "views[" + std::to_string(v) + "]";
    if (view.minutiae.size() > 255) return Status::InvalidArgument("more than 255 minutiae", field + ".minutiae");
    if (view.position > kMaxFingerPosition) {
      return Status::InvalidArgument("finger position must be 0.." + std::to_string(kMaxFingerPosition), field + ".position");
    }
    u8(view.position);
    u8(static_cast<uint8_t>((view.view_number & 0x0F) << 4 | (view.impression_type & 0x0F)));
    u8(view.quality);
    u8(static_cast<uint8_t>(view.minutiae.size()));
    for (const Minutia& m : view.minutiae) {
      if (m.x > 0x3FFF || m.y > 0x3FFF || m.type > 2) {
        return Status::InvalidArgument("minutia coordinates must be < 16384 and type 0..2", field + ".minutiae");
      }
      u16(static_cast<uint16_t>(m.type << 14 | m.x));
      u16(m.y);
      u8(ToIsoAngle(m.angle));
      u8(m.quality);
    }
    size_t ext = 0;
    for (const ExtendedBlock& b : view.extended) ext += 4 + b.data.size();
    if (ext > 0xFFFF) return Status::InvalidArgument("extended data too long", field + ".extended");
    u16(static_cast<uint16_t>(ext));
    for (const ExtendedBlock& b : view.extended) {
      u16(b.type);
      u16(static_cast<uint16_t>(4 + b.data.size()));
      out += b.data;
    }
  }
  const uint32_t length = static_cast<uint32_t>(out.size());
  for (int i = 0; i < 4; ++i) out[8 + i] = static_cast<char>(length >> (24 - 8 * i));
  return out;
}

}  // namespace openpact::biometrics
