//===- Pipeline.h - the compile pipeline ------------------------*- C++ -*-===//
//
// What `crnc compile` does, step by step. Pipeline.cpp is the table of
// contents of crnc: read it first.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_PIPELINE_H
#define CRNC_DRIVER_PIPELINE_H

#include "ir/Module.h"
#include "lib/passes/PassManager.h"
#include "lib/support/Diagnostics.h"
#include <string>
#include <vector>

namespace crnc::driver {

/// Everything a user can choose about a compile.
struct CompileOptions {
  PassManagerOptions instrumentation;
  /// Replaces the standard lowering when non-empty (`--pass-pipeline`).
  std::string customPipeline;
};

/// One output file of a compile, held in memory until the whole pipeline has
/// succeeded, so a failed compile writes nothing.
struct Artifact {
  std::string fileName; ///< relative to the output directory
  std::string contents;
};

struct CompileResult {
  std::vector<Artifact> artifacts;
};

/// Lowers `module` in place to formal IR and produces the artifacts.
LogicalResult runCompilePipeline(ir::Module &module,
                                 const CompileOptions &options,
                                 DiagnosticEngine &diags,
                                 CompileResult &result);

/// Adds the standard lowering passes to `pm`, in order.
LogicalResult buildLoweringPipeline(PassManager &pm,
                                    const CompileOptions &options,
                                    DiagnosticEngine &diags);

} // namespace crnc::driver

#endif
