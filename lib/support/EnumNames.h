//===- EnumNames.h - one table per enum and its names -----------*- C++ -*-===//
//
// A closed set written as text (species roles, solver kinds, model kinds...)
// has one table of {value, name} rows; nameOf and valueOf read it both ways,
// so a name cannot be added in one direction and forgotten in the other.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_ENUMNAMES_H
#define CRNC_SUPPORT_ENUMNAMES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ErrorHandling.h"
#include <cstddef>
#include <optional>

namespace crnc {

/// One row of an enum's name table.
template <typename E> struct EnumName {
  E value;
  llvm::StringLiteral name;
};

/// The name of `value`. Requires: `value` has a row in `table` (the first
/// one counts when a value has several spellings).
template <typename E, size_t N>
llvm::StringRef nameOf(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E> &row : table)
    if (row.value == value)
      return row.name;
  llvm_unreachable("every enum value has a row in its name table");
}

/// The value named `name`, or nullopt.
template <typename E, size_t N>
std::optional<E> valueOf(const EnumName<E> (&table)[N], llvm::StringRef name) {
  for (const EnumName<E> &row : table)
    if (row.name == name)
      return row.value;
  return std::nullopt;
}

} // namespace crnc

#endif
