//===- Json.cpp - numbers for nlohmann/json documents ---------------------===//

#include "lib/support/Json.h"
#include <cassert>
#include <cmath>

using namespace crnc;

Json crnc::jsonNumber(double value) {
  if (!std::isfinite(value))
    return nullptr;
  // Below 2^53 every integer is exact, so the integer prints the same value.
  if (value == std::trunc(value) && std::abs(value) < 9007199254740992.0)
    return static_cast<int64_t>(value);
  return value;
}

Json crnc::jsonNumbers(llvm::ArrayRef<double> values) {
  Json array = Json::array();
  for (double v : values)
    array.push_back(jsonNumber(v));
  return array;
}

void JsonStream::separate() {
  if (afterKey) {
    afterKey = false;
    return;
  }
  if (started.empty())
    return;
  if (started.back())
    os << ',';
  started.back() = true;
}

void JsonStream::open(char bracket) {
  separate();
  os << bracket;
  started.push_back(false);
}

void JsonStream::close(char bracket) {
  assert(!started.empty() && !afterKey && "unbalanced JSON stream");
  started.pop_back();
  os << bracket;
}

void JsonStream::key(llvm::StringRef name) {
  assert(!afterKey && "two keys in a row");
  separate();
  os << Json(name.str()).dump() << ':';
  afterKey = true;
}

void JsonStream::value(const Json &v) {
  separate();
  os << v.dump();
}
