//===- ModelParams.h - typed access to a model's parameters -----*- C++ -*-===//
//
// A model declaration is a list of `key = value` pairs. ModelParams hands them
// out by key with a type and a range, reports wrong types and out-of-range
// values at the value's location, and at the end reports every key no one
// asked for (an unknown parameter) and every key written twice.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_MODELS_MODELPARAMS_H
#define CRNC_FRONTEND_MODELS_MODELPARAMS_H

#include "compiler/frontend/ModelLowering.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::frontend {

/// Typed, range-checked reader over the parameters of one ModelDecl.
class ModelParams {
public:
  ModelParams(const ModelDecl &decl, DiagnosticEngine &diags);

  /// An integer in [min, max]; `fallback` when the key is absent.
  long integer(llvm::StringRef key, long fallback, long min, long max);
  /// A number in [min, max] (or (min, max] with `minExclusive`).
  double number(llvm::StringRef key, double fallback, double min, double max,
                bool minExclusive = false);
  /// A list of numbers; empty when absent. `size` (if non-zero) is required.
  std::vector<double> list(llvm::StringRef key, size_t size);
  /// An identifier or string out of `choices`; `fallback` when absent.
  std::string choice(llvm::StringRef key, llvm::StringRef fallback,
                     llvm::ArrayRef<llvm::StringRef> choices);
  /// True when the key was written.
  bool has(llvm::StringRef key) const;
  /// Location of the key's value (the declaration when absent).
  Location locationOf(llvm::StringRef key) const;

  /// Reports unknown and repeated keys; fails if any error was reported by
  /// this reader (including earlier type and range errors).
  LogicalResult finish(llvm::ArrayRef<llvm::StringRef> extraKnownKeys = {});

  /// Every key and value as they were written, for the module's attributes.
  const ModelDecl &decl() const { return d; }

private:
  const ModelParam *find(llvm::StringRef key);
  void fail(Location loc, const llvm::Twine &message);

  const ModelDecl &d;
  DiagnosticEngine &diags;
  std::vector<std::string> asked;
  bool hadError = false;
};

} // namespace crnc::frontend

#endif
