//===- ModelParams.cpp - typed access to a model's parameters -------------===//
//
// Type and range checks for `model <name> : <kind> { key = value ... }`.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelParams.h"
#include "lib/support/Format.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <cmath>

using namespace crnc;
using namespace crnc::frontend;

static const char *kindName(ModelValue::Kind kind) {
  switch (kind) {
  case ModelValue::Kind::Number:
    return "a number";
  case ModelValue::Kind::Identifier:
    return "an identifier";
  case ModelValue::Kind::String:
    return "a string";
  case ModelValue::Kind::List:
    return "a list";
  }
  return "a value";
}

ModelParams::ModelParams(const ModelDecl &decl, DiagnosticEngine &diags)
    : d(decl), diags(diags) {}

void ModelParams::fail(Location loc, const llvm::Twine &message) {
  diags.error(loc, message);
  hadError = true;
}

const ModelParam *ModelParams::find(llvm::StringRef key) {
  asked.push_back(key.str());
  for (const ModelParam &p : d.params)
    if (p.key == key)
      return &p;
  return nullptr;
}

bool ModelParams::has(llvm::StringRef key) const {
  return llvm::any_of(d.params,
                      [&](const ModelParam &p) { return p.key == key; });
}

Location ModelParams::locationOf(llvm::StringRef key) const {
  for (const ModelParam &p : d.params)
    if (p.key == key)
      return p.value.loc.isKnown() ? p.value.loc : p.loc;
  return d.loc;
}

static std::string rangeText(double min, double max, bool minExclusive) {
  std::string lo = (minExclusive ? "(" : "[") + formatNumber(min);
  std::string hi = std::isinf(max) ? "inf)" : formatNumber(max) + "]";
  return lo + ", " + hi;
}

double ModelParams::number(llvm::StringRef key, double fallback, double min,
                           double max, bool minExclusive) {
  const ModelParam *p = find(key);
  if (!p)
    return fallback;
  Location loc = locationOf(key);
  if (p->value.kind != ModelValue::Kind::Number) {
    fail(loc, "model parameter '" + key + "' expects a number, got " +
                  kindName(p->value.kind));
    return fallback;
  }
  double v = p->value.number;
  bool low = minExclusive ? !(v > min) : !(v >= min);
  if (low || !(v <= max) || !std::isfinite(v)) {
    fail(loc, "model parameter '" + key + "' = " + formatNumber(v) +
                  " is out of range " + rangeText(min, max, minExclusive));
    return fallback;
  }
  return v;
}

long ModelParams::integer(llvm::StringRef key, long fallback, long min,
                          long max) {
  const ModelParam *p = find(key);
  if (!p)
    return fallback;
  Location loc = locationOf(key);
  double v = p->value.number;
  if (p->value.kind != ModelValue::Kind::Number || v != std::floor(v)) {
    fail(loc, "model parameter '" + key + "' expects an integer, got " +
                  (p->value.kind == ModelValue::Kind::Number
                       ? "'" + formatNumber(v) + "'"
                       : std::string(kindName(p->value.kind))));
    return fallback;
  }
  if (v < double(min) || v > double(max)) {
    fail(loc, "model parameter '" + key + "' = " + formatNumber(v) +
                  " is out of range [" + std::to_string(min) + ", " +
                  std::to_string(max) + "]");
    return fallback;
  }
  return long(v);
}

std::vector<double> ModelParams::list(llvm::StringRef key, size_t size) {
  const ModelParam *p = find(key);
  if (!p)
    return {};
  Location loc = locationOf(key);
  if (p->value.kind != ModelValue::Kind::List) {
    fail(loc, "model parameter '" + key + "' expects a list of numbers, got " +
                  kindName(p->value.kind));
    return {};
  }
  if (size && p->value.list.size() != size) {
    fail(loc, "model parameter '" + key + "' expects " + std::to_string(size) +
                  " numbers, got " + std::to_string(p->value.list.size()));
    return {};
  }
  for (double v : p->value.list)
    if (!std::isfinite(v)) {
      fail(loc, "model parameter '" + key + "' holds a non-finite number");
      return {};
    }
  return p->value.list;
}

std::string ModelParams::choice(llvm::StringRef key, llvm::StringRef fallback,
                                llvm::ArrayRef<llvm::StringRef> choices) {
  const ModelParam *p = find(key);
  if (!p)
    return fallback.str();
  Location loc = locationOf(key);
  bool isText = p->value.kind == ModelValue::Kind::Identifier ||
                p->value.kind == ModelValue::Kind::String;
  if (isText && llvm::is_contained(choices, p->value.text))
    return p->value.text;
  std::string expected = llvm::join(choices.begin(), choices.end(), ", ");
  fail(loc, "model parameter '" + key + "' expects one of " + expected +
                (isText ? ", got '" + p->value.text + "'"
                        : std::string(", got ") + kindName(p->value.kind)));
  return fallback.str();
}

LogicalResult
ModelParams::finish(llvm::ArrayRef<llvm::StringRef> extraKnownKeys) {
  llvm::StringSet<> seen;
  for (const ModelParam &p : d.params) {
    Location loc = p.loc.isKnown() ? p.loc : d.loc;
    if (!seen.insert(p.key).second) {
      fail(loc, "model parameter '" + p.key + "' is given twice");
      continue;
    }
    bool known = llvm::is_contained(asked, p.key) ||
                 llvm::is_contained(extraKnownKeys, p.key);
    if (!known) {
      std::vector<std::string> names(asked.begin(), asked.end());
      llvm::sort(names);
      names.erase(std::unique(names.begin(), names.end()), names.end());
      fail(loc, "unknown parameter '" + p.key + "' for model kind '" + d.kind +
                    "' (known: " + llvm::join(names, ", ") + ")");
    }
  }
  return hadError ? failure() : success();
}
