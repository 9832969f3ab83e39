//===- Passes.h - factories of every pass -----------------------*- C++ -*-===//
//
// One factory per pass; the contract of each pass is stated in its .cpp's
// header comment and summarised here.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASSES_H
#define CRNC_PASSES_PASSES_H

#include "lib/passes/Pass.h"

namespace crnc {

/// Merges duplicate reactions, sorts terms canonically, drops zero-rate
/// reactions (with a warning).
std::unique_ptr<Pass> createCanonicalizePass();

} // namespace crnc

#endif
