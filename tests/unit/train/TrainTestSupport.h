//===- TrainTestSupport.h - compiling models for the trainer tests -*- C++ -*-===//
#ifndef CRNC_TESTS_TRAIN_SUPPORT_H
#define CRNC_TESTS_TRAIN_SUPPORT_H

#include "compiler/frontend/Frontend.h"
#include "lib/train/ChemicalTrainer.h"
#include "lib/train/FloatReference.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>

namespace crnc::train::testing {

/// Compiles model source text; fails the test on errors.
inline std::unique_ptr<ir::Module> compileModel(llvm::StringRef text) {
  llvm::SourceMgr sm;
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(sm, os);
  std::unique_ptr<ir::Module> m = frontend::compileString(text, diags);
  os.flush();
  INFO(out);
  REQUIRE(m);
  return m;
}

/// Tight tolerances for comparing the chemistry with closed forms.
inline sim::SolverOptions tightSolver() {
  sim::SolverOptions o;
  o.relTol = 1e-10;
  o.absTol = 1e-12;
  return o;
}

template <typename T> T unwrap(llvm::Expected<T> v) {
  if (!v) {
    std::string msg = llvm::toString(v.takeError());
    FAIL(msg);
  }
  return std::move(*v);
}

} // namespace crnc::train::testing

#endif
