#pragma once

namespace openpact {
// The version of this build ("0.1.0").
const char* Version();
}  // namespace openpact
