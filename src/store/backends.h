// Backend factories; private to the store module.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace openpact::store {

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options);
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url, const StoreOptions& options);

}  // namespace openpact::store
