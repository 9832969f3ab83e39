//===- Location.h - a place in a source file --------------------*- C++ -*-===//
//
// A Location names a file, line and column by value, so IR can outlive the
// buffer it was parsed from and keep pointing at what the user wrote. File
// names are interned once per process; a Location is three words.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_LOCATION_H
#define CRNC_SUPPORT_LOCATION_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace crnc {

/// A source position (1-based line and column). An unknown location has no
/// file.
struct Location {
  const char *file = nullptr; ///< Interned file name; null when unknown.
  uint32_t line = 0;
  uint32_t col = 0;

  static Location unknown() { return Location(); }
  /// Makes a location in `file`, interning the name.
  static Location get(llvm::StringRef file, uint32_t line, uint32_t col);

  bool isKnown() const { return file != nullptr; }
  llvm::StringRef fileName() const {
    return file ? llvm::StringRef(file) : llvm::StringRef();
  }
  bool operator==(const Location &o) const {
    return fileName() == o.fileName() && line == o.line && col == o.col;
  }
  bool operator!=(const Location &o) const { return !(*this == o); }
};

} // namespace crnc

#endif
