#include "core/data_dir.h"

#include <cstdlib>
#include <filesystem>

namespace openpact {

std::string ResolveDataDir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("OPENPACT_DATA_DIR"); env != nullptr && *env != '\0') return env;
#ifdef OPENPACT_SOURCE_DATA_DIR
  if (std::filesystem::exists(std::filesystem::path(OPENPACT_SOURCE_DATA_DIR) / "countries.csv")) {
    return OPENPACT_SOURCE_DATA_DIR;
  }
#endif
  return "data";
}

}  // namespace openpact
