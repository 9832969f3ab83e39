//===- Json.h - numbers for nlohmann/json documents -------------*- C++ -*-===//
//
// Every JSON document crnc writes goes through nlohmann/json. jsonNumber is
// the one place a double becomes a JSON value: an integral value is stored
// as an integer, so it prints as `2` (as formatNumber writes it), not `2.0`;
// every other finite value prints in nlohmann's shortest round-trip form;
// NaN and infinities, which JSON cannot hold, become null.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_JSON_H
#define CRNC_SUPPORT_JSON_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace crnc {

/// Object members in insertion order, as every crnc document lists them.
using Json = nlohmann::ordered_json;

/// `value` as a JSON value (see the file comment).
Json jsonNumber(double value);
/// An array of jsonNumber(v).
Json jsonNumbers(llvm::ArrayRef<double> values);

/// Writes one compact JSON document piece by piece, for documents too large
/// to hold as one tree (a trace of millions of numbers): the writer places
/// the commas and colons, nlohmann/json serializes every key and value. The
/// text equals the dump() of the same tree.
class JsonStream {
public:
  explicit JsonStream(llvm::raw_ostream &os) : os(os) {}
  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  /// The key of the next member. Requires: inside an object.
  void key(llvm::StringRef name);
  /// A complete value: an array element, or the value after key().
  void value(const Json &value);
  /// key(name) then value(v).
  void member(llvm::StringRef name, const Json &v) {
    key(name);
    value(v);
  }

private:
  void separate();
  void open(char bracket);
  void close(char bracket);

  llvm::raw_ostream &os;
  /// Per open object or array: has it a first element yet?
  llvm::SmallVector<bool, 8> started;
  bool afterKey = false;
};

} // namespace crnc

#endif
