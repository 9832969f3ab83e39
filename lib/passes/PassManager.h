//===- PassManager.h - runs a pipeline of passes ----------------*- C++ -*-===//
//
// Parses a textual pipeline (`canonicalize,map-rates{cmax=100},dual-rail`),
// runs the passes in order on one module, and offers the instrumentation the
// drivers expose: verify after each pass, print IR after each pass, and a
// table of pass times.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASSMANAGER_H
#define CRNC_PASSES_PASSMANAGER_H

#include "lib/passes/Pass.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>

namespace crnc {

struct PassManagerOptions {
  bool verifyEach = false;
  bool printIRAfterAll = false;
  bool timePasses = false;
  /// Called after every pass that succeeded, with the module and the pass's
  /// wall time in seconds (a compile report logs what each pass did).
  std::function<void(const Pass &, const ir::Module &, double)> afterPass;
};

class PassManager {
public:
  explicit PassManager(PassManagerOptions options = {},
                       llvm::raw_ostream &instrumentationStream = llvm::errs());

  void addPass(std::unique_ptr<Pass> pass) {
    passes.push_back(std::move(pass));
  }
  /// Appends the passes of `pipeline`; reports unknown names or bad options
  /// (as errors at an unknown location, since a pipeline comes from the
  /// command line) and returns failure.
  LogicalResult addPipeline(llvm::StringRef pipeline, DiagnosticEngine &diags);
  /// Runs every pass in order; stops at the first failure.
  LogicalResult run(ir::Module &module, DiagnosticEngine &diags);

  size_t size() const { return passes.size(); }
  Pass &pass(size_t i) { return *passes[i]; }

private:
  LogicalResult verifyAfter(const Pass &pass, const ir::Module &module,
                            DiagnosticEngine &diags);
  void printTimes(llvm::ArrayRef<double> seconds);

  PassManagerOptions options;
  llvm::raw_ostream &instrumentation;
  std::vector<std::unique_ptr<Pass>> passes;
};

} // namespace crnc

#endif
