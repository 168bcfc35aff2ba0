#include "core/csv.h"

#include <fstream>
#include <sys/stat.h>

namespace openpact {

Result<std::string> ReadFileToString(const std::string& path, size_t max_bytes) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("cannot open " + path);
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(path + " is a directory, not a file");
  auto too_big = [&](const std::string& size) {
    return Status::InvalidArgument(path + " is too big: " + size + " bytes, the limit is " + std::to_string(max_bytes));
  };
  if (static_cast<size_t>(st.st_size) > max_bytes) return too_big(std::to_string(st.st_size));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path);
  // The read itself is bounded: a device, a pipe or a file still growing reports a size in stat
  // that says nothing of what a read returns (/dev/zero reports 0 and never ends).
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const size_t got = static_cast<size_t>(in.gcount());
    if (text.size() + got > max_bytes) return too_big("more than " + std::to_string(max_bytes));
    text.append(buffer, got);
  }
  if (in.bad()) return Status::IOError("cannot read " + path);
  return text;
}

Result<CsvTable> CsvTable::ReadFile(const std::string& path) {
  OP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

Result<CsvTable> CsvTable::Parse(std::string_view text, const std::string& name) {
  CsvTable t;
  t.name_ = name;
  size_t pos = 0;
  int line = 1;
  bool header_done = false;
  while (pos < text.size()) {
    // Comment lines are allowed only before the header.
    if (!header_done && text[pos] == '#') {
      size_t eol = text.find('\n', pos);
      pos = eol == std::string_view::npos ? text.size() : eol + 1;
      ++line;
      continue;
    }
    const int row_line = line;
    std::vector<std::string> fields;
    std::string field;
    bool in_quotes = false, row_done = false;
    while (!row_done) {
      if (pos >= text.size()) {
        if (in_quotes) {
          return Status::InvalidArgument(name + ":" + std::to_string(row_line) +
                                         ": unterminated quoted field");
        }
        fields.push_back(std::move(field));
        row_done = true;
        break;
      }
      const char c = text[pos++];
      if (in_quotes) {
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field += '"';
            ++pos;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && field.empty()) {
        in_quotes = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
        ++line;
        fields.push_back(std::move(field));
        row_done = true;
      } else {
        field += c;
      }
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (!header_done) {
      t.header_ = std::move(fields);
      header_done = true;
      continue;
    }
    if (fields.size() != t.header_.size()) {
      return Status::InvalidArgument(name + ":" + std::to_string(row_line) + ": " +
                                     std::to_string(fields.size()) + " fields, the header has " +
                                     std::to_string(t.header_.size()));
    }
    t.rows_.push_back(std::move(fields));
    t.lines_.push_back(row_line);
  }
  if (!header_done) return Status::InvalidArgument(name + ": no header row");
  return t;
}

Result<size_t> CsvTable::Column(std::string_view column) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return i;
  }
  return Status::InvalidArgument(name_ + ": missing column '" + std::string(column) + "'");
}

std::string CsvTable::Where(size_t row, std::string_view column) const {
  return name_ + ":" + std::to_string(lines_[row]) + ": column '" + std::string(column) + "'";
}

}  // namespace openpact
