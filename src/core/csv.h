// A small, strict CSV reader for the project's own data files (data/*.csv).
//
// Format: RFC 4180 (comma, double-quote quoting, "" escapes a quote), UTF-8, one header row.
// Lines starting with '#' before the header are comments (sources and provenance live there).
// Every row must have as many fields as the header; errors name the file, line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace openpact {

class CsvTable {
 public:
  // Parses `text`; `name` (usually the file path) is used in error messages.
  static Result<CsvTable> Parse(std::string_view text, const std::string& name);
  static Result<CsvTable> ReadFile(const std::string& path);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  size_t size() const { return rows_.size(); }
  const std::vector<std::string>& row(size_t i) const { return rows_[i]; }
  int line_of(size_t i) const { return lines_[i]; }
  // Index of a column, or an error naming the missing column.
  Result<size_t> Column(std::string_view column) const;
  // "data/countries.csv:12: column 'eu'" — the location prefix for a field error.
  std::string Where(size_t row, std::string_view column) const;
  // The field of `row` in column `column` (named `column_name` in errors) as a finite number: the
  // whole field, no NaN or infinity (strtod reads "nan" and "inf"); refused naming the place.
  Result<double> FiniteNumber(size_t row, size_t column, std::string_view column_name) const;

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

// Reads a whole file; refuses files larger than `max_bytes` with a clear error.
Result<std::string> ReadFileToString(const std::string& path, size_t max_bytes = 64u << 20);

// Replaces the file at `path` with `text` so that a crash leaves the old file or the new one,
// never a part (a temporary file flushed to disk, then renamed); `mode` from the start (0600 for a
// secret). Creates the parent folder if needed.
Status WriteFileAtomically(const std::string& path, const std::string& text, unsigned mode = 0644);

}  // namespace openpact
