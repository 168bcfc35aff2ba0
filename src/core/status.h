// Status and Result<T>: the one error convention of OpenPact.
//
// Every fallible function returns a Status (no value) or a Result<T> (a value or a Status).
// Exceptions are not used in OpenPact code; where a library throws (nlohmann::json, CLI11),
// the exception is caught at the module edge and turned into a Status.
//
// A Status carries a code, a human-readable message and, for bad input, the name of the
// field (JSON pointer, CSV column, CLI option or byte offset) that caused it, so that the CLI
// (exit code 2) and the API (HTTP 422 problem details) can name it.
//
// Thread safety: Status and Result are values; const methods may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace openpact {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // bad input from a user or a file: names the field
  kNotFound,
  kAlreadyExists,
  kUnauthenticated,    // no or unknown credentials
  kPermissionDenied,   // credentials valid, role not allowed
  kFailedPrecondition, // the system is not in a state that allows the operation
  kBusy,               // database locked by another writer
  kReadOnly,           // database opened read-only or on a read-only medium
  kCorruption,         // stored data failed an integrity check
  kIOError,
  kUnavailable,        // a service (PostgreSQL server) cannot be reached
  kInternal,           // a bug: an invariant was broken
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string message, std::string field = {}) {
    return Status(StatusCode::kInvalidArgument, std::move(message), std::move(field));
  }
  static Status NotFound(std::string message) { return Status(StatusCode::kNotFound, std::move(message)); }
  static Status AlreadyExists(std::string message) {
    return Status(StatusCode::kAlreadyExists, std::move(message));
  }
  static Status Unauthenticated(std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(StatusCode::kPermissionDenied, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(StatusCode::kFailedPrecondition, std::move(message));
  }
  static Status Busy(std::string message) { return Status(StatusCode::kBusy, std::move(message)); }
  static Status ReadOnly(std::string message) { return Status(StatusCode::kReadOnly, std::move(message)); }
  static Status Corruption(std::string message) {
    return Status(StatusCode::kCorruption, std::move(message));
  }
  static Status IOError(std::string message) { return Status(StatusCode::kIOError, std::move(message)); }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message));
  }
  static Status Internal(std::string message) { return Status(StatusCode::kInternal, std::move(message)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field this error is about ("applicant.date_of_birth", "--db", "byte 26"), or "".
  const std::string& field() const { return field_; }

  // Returns a copy whose message is prefixed with `context` ("loading data/countries.csv: ...").
  Status WithContext(const std::string& context) const;
  // Returns a copy whose field is `prefix` + "." + field (or `prefix` if the field was empty).
  Status WithFieldPrefix(const std::string& prefix) const;

  // "invalid_argument: applicant.date_of_birth: not a date (want YYYY-MM-DD)"
  std::string ToString() const;
  // CLI exit code: 0 ok, 2 bad input, 1 any other failure (documented in the README).
  int ExitCode() const;

 private:
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

// A value of type T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result constructed from an OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &std::get<T>(v_); }
  const T* operator->() const { return &std::get<T>(v_); }
  T& operator*() & { return std::get<T>(v_); }
  const T& operator*() const& { return std::get<T>(v_); }
  T&& operator*() && { return std::get<T>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace openpact

#define OP_CONCAT_INNER_(a, b) a##b
#define OP_CONCAT_(a, b) OP_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define OP_RETURN_IF_ERROR(expr)                       \
  do {                                                 \
    ::openpact::Status op_status_ = (expr);            \
    if (!op_status_.ok()) return op_status_;           \
  } while (0)

// `lhs = value of expr` or return its Status. lhs may declare a variable: OP_ASSIGN_OR_RETURN(auto x, F()).
#define OP_ASSIGN_OR_RETURN(lhs, expr) \
  OP_ASSIGN_OR_RETURN_IMPL_(OP_CONCAT_(op_result_, __LINE__), lhs, expr)
#define OP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
