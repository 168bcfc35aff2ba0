#include "core/csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

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

Status WriteFileAtomically(const std::string& path, const std::string& text, unsigned mode) {
  // Written to a file of its own (created with its final mode, so a secret is never readable by
  // others, not even briefly), flushed to disk, renamed over the old one, and the rename flushed
  // with its directory. Without the flushes a crash after the rename could leave an empty file
  // (the audit signing key: the log unverifiable for good).
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Status::IOError("cannot create " + parent.string() + ": " + ec.message());
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == text.size() && ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    return Status::IOError("cannot write " + tmp + ": " + std::strerror(saved_errno));
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    ::unlink(tmp.c_str());
    return Status::IOError("cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
  const int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);  // best effort: some file systems refuse fsync on a directory
    ::close(dir);
  }
  return Status::OK();
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

Result<double> CsvTable::FiniteNumber(size_t row, size_t column, std::string_view column_name) const {
  const std::string& text = rows_[row][column];
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) {
    return Status::InvalidArgument("not a finite number: '" + text + "'", Where(row, column_name));
  }
  return v;
}

}  // namespace openpact
