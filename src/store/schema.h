// The versioned schema: one entry per migration, oldest first, never edited once released.
// Private to the store module.
#pragma once

#include <span>

namespace openpact::store {

struct Migration {
  int version;
  const char* name;
  const char* sqlite_sql;    // may hold several statements
  const char* postgres_sql;  // may hold several statements
};

std::span<const Migration> Migrations();

}  // namespace openpact::store
