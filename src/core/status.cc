#include "core/status.h"

namespace openpact {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kBusy: return "busy";
    case StatusCode::kReadOnly: return "read_only";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "io_error";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  Status s = *this;
  s.message_ = context + ": " + message_;
  return s;
}

Status Status::WithFieldPrefix(const std::string& prefix) const {
  if (ok()) return *this;
  Status s = *this;
  s.field_ = field_.empty() ? prefix : (field_[0] == '[' ? prefix + field_ : prefix + "." + field_);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = StatusCodeName(code_);
  out += ": ";
  if (!field_.empty()) out += field_ + ": ";
  out += message_;
  return out;
}

int Status::ExitCode() const {
  if (ok()) return 0;
  return code_ == StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace openpact
