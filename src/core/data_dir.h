// Where OpenPact finds its shipped data (data/countries.csv, data/holidays/, data/policy/).
#pragma once

#include <string>

namespace openpact {

// The first of: `explicit_dir` if non-empty, $OPENPACT_DATA_DIR, the source tree's data/
// directory compiled into the binary, ./data.
std::string ResolveDataDir(const std::string& explicit_dir = {});

}  // namespace openpact
