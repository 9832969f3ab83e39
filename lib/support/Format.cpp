//===- Format.cpp - the one way numbers become text -----------------------===//

#include "lib/support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include <charconv>
#include <cmath>
#include <cstdio>

using namespace crnc;

std::string crnc::formatNumber(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  if (value == 0)
    return "0"; // also folds -0
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string crnc::formatSignificant(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*g", digits, value);
  return buffer;
}

std::optional<double> crnc::parseNumber(llvm::StringRef text) {
  if (text.empty())
    return std::nullopt;
  double value = 0;
  const char *begin = text.data();
  const char *end = text.data() + text.size();
  if (*begin == '+')
    ++begin;
  auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string crnc::quoteString(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      // Control bytes and every byte >= 0x80 are escaped, so the quoted text
      // is plain ASCII and re-reads to the same bytes whatever they were.
      if (static_cast<unsigned char>(c) < 0x20 ||
          static_cast<unsigned char>(c) >= 0x7F) {
        out += "\\x";
        out += llvm::hexdigit((c >> 4) & 0xF);
        out += llvm::hexdigit(c & 0xF);
      } else {
        out += c;
      }
    }
  }
  out += '"';
  return out;
}

std::string crnc::escapeMarkup(llvm::StringRef text) {
  std::string out;
  for (char c : text)
    out += c == '&'   ? "&amp;"
           : c == '<' ? "&lt;"
           : c == '>' ? "&gt;"
           : c == '"' ? "&quot;"
                      : std::string(1, c);
  return out;
}

std::string crnc::formatDuration(double seconds) {
  if (seconds < 60)
    return formatSignificant(seconds, 3) + " s";
  if (seconds < 3600)
    return formatSignificant(seconds / 60, 3) + " min";
  if (seconds < 86400)
    return formatSignificant(seconds / 3600, 3) + " h";
  return formatSignificant(seconds / 86400, 3) + " d";
}
