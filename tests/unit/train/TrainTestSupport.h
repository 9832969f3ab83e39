//===- TrainTestSupport.h - compiling models for the trainer tests -*- C++
//-*-===//
#ifndef CRNC_TESTS_TRAIN_SUPPORT_H
#define CRNC_TESTS_TRAIN_SUPPORT_H

#include "compiler/frontend/Frontend.h"
#include "lib/train/ChemicalTrainer.h"
#include "lib/train/FloatReference.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>
#include <cmath>

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

/// Reads a whole file of the source tree (examples/...).
inline std::string readSourceFile(llvm::StringRef relative) {
  std::string path = std::string(CRNC_SOURCE_DIR) + "/" + relative.str();
  auto buf = llvm::MemoryBuffer::getFile(path);
  INFO(path);
  REQUIRE(bool(buf));
  return (*buf)->getBuffer().str();
}

/// Trains the float reference alone for `epochs` (same order as runTraining).
inline void trainReference(FloatReference &ref, const Dataset &train,
                           unsigned epochs, uint64_t seed) {
  for (unsigned e = 0; e < epochs; ++e)
    for (size_t i :
         splitRows(train.size(), 1.0, 0.0, seed * 1000003ULL + e).train)
      ref.trainSample(train.x[i], train.target[i]);
}

/// Largest |a_i - b_i| relative to max(1, |b|max).
inline double worstDifference(llvm::ArrayRef<double> a,
                              llvm::ArrayRef<double> b) {
  double worst = 0, scale = 1;
  for (size_t i = 0; i < a.size(); ++i) {
    worst = std::max(worst, std::abs(a[i] - b[i]));
    scale = std::max(scale, std::abs(b[i]));
  }
  return worst / scale;
}

} // namespace crnc::train::testing

#endif
