// The rules' data for fuzz targets, loaded once from the source tree's data/ (aborting if it
// cannot be: a fuzz run without it would test nothing).
#pragma once

#include <cstdio>
#include <cstdlib>

#include "rules/procedure.h"

namespace openpact::fuzz {

inline const rules::RulesData& Rules() {
  static const rules::RulesData* loaded_rules = [] {
    auto loaded = rules::RulesData::Load(OPENPACT_SOURCE_DATA_DIR);
    if (!loaded.ok()) {
      // Said before aborting: a target built before a change to data/ cannot read it (rebuild).
      std::fprintf(stderr, "fuzz: the rules' data in %s did not load: %s\n", OPENPACT_SOURCE_DATA_DIR,
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new rules::RulesData(std::move(*loaded));
  }();
  return *loaded_rules;
}

}  // namespace openpact::fuzz
