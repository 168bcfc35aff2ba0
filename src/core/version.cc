#include "core/version.h"

namespace openpact {
const char* Version() { return OPENPACT_VERSION; }
}  // namespace openpact
