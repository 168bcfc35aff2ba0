// libFuzzer target: the CSV reader, fp eval's baseline scores and the date/period parsers must
// never crash, whatever bytes they are given, and what they accept must be self-consistent.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "biometrics/evaluation.h"

#include "core/csv.h"
#include "core/date.h"
#include "core/time_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = openpact::CsvTable::Parse(text, "fuzz.csv");
  if (table.ok()) {
    for (size_t i = 0; i < table->size(); ++i) {
      if (table->row(i).size() != table->header().size()) std::abort();
    }
  }
  auto date = openpact::Date::Parse(text);
  if (date.ok() && date->ToString() != text) std::abort();  // accepted dates round-trip
  auto ts = openpact::Timestamp::Parse(text);
  if (ts.ok() && ts->ToString().substr(0, 19) != text.substr(0, 19)) std::abort();
  (void)openpact::Period::Parse(text);
  // fp eval --baseline-scores: what it accepts holds finite scores only.
  auto baseline = openpact::biometrics::BaselineScores::Parse(text, "fuzz.csv");
  if (baseline.ok()) {
    for (const auto& [db, pairs] : baseline->by_database) {
      for (const auto& [pair, score] : pairs) {
        if (!std::isfinite(score)) std::abort();
      }
    }
  }
  return 0;
}
