// `openpact serve`: the REST/JSON API.
//
// Every route under /v1/ and /metrics needs a bearer API token; the role it carries must be
// allowed the route's action by the single role x action matrix (auth/auth.h). Errors are
// RFC 9457 problem details (application/problem+json): 401 without a valid token, 403 for a
// role without the right, 422 for bad input naming the field, 404, 503 when the store fails.
// /healthz is open (for load balancers) and reveals nothing but "ok".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/status.h"

namespace openpact::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;              // 0 = any free port (tests)
  std::string db_url = "var/openpact.db";
  std::string data_dir;         // "" = ResolveDataDir()
  std::string audit_key_path = "var/audit/signing.key";
  int checkpoint_interval_s = 60;  // how often new audit entries are sealed
  // registry::Registry::set_preselect_fraction for the registry's comparisons (1 = exhaustive).
  double registry_preselect = 1.0;
};

// One route of the API, as the server enforces it (for docs and tests).
struct RouteInfo {
  std::string method;
  std::string path;  // a pattern; ":id"-style segments are written {id}
  auth::Action action;
  bool needs_token;
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();

  // Binds the socket; after this, port() is known. Then Run() serves until Stop().
  Status Bind();
  Status Run();
  // Thread-safe; may be called from a signal-handling thread.
  void Stop();
  int port() const;

  static const std::vector<RouteInfo>& Routes();

 private:
  Server();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openpact::api
