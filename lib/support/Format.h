//===- Format.h - the one way numbers become text ---------------*- C++ -*-===//
//
// Every floating-point number that reaches crnc's text output goes through
// formatNumber: the shortest decimal that reads back to the same double, so
// printed IR round-trips exactly and output never depends on locale.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_FORMAT_H
#define CRNC_SUPPORT_FORMAT_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace crnc {

/// Shortest round-trip decimal form of `value` ("1", "0.25", "1e-09").
std::string formatNumber(double value);

/// Fixed-precision form for human-facing tables ("%.*g").
std::string formatSignificant(double value, int digits);

/// `seconds` in the largest unit that keeps it above one, 3 significant
/// digits ("40 s", "12.5 min", "2.1 h", "7.53 d").
std::string formatDuration(double seconds);

/// Parses a complete decimal number (no trailing text). Returns nullopt when
/// the text is not a number or overflows to infinity.
std::optional<double> parseNumber(llvm::StringRef text);

/// Quotes `text` as an IR string literal with escapes (\xNN for bytes
/// outside printable ASCII, so not JSON: JSON goes through lib/support/Json.h).
std::string quoteString(llvm::StringRef text);

/// Escapes `&`, `<`, `>` and `"` for XML and HTML text and attributes.
std::string escapeMarkup(llvm::StringRef text);

} // namespace crnc

#endif
