//===- Pipeline.cpp - the compile pipeline --------------------------------===//
//
// The table of contents of crnc. A compile is, in order:
//   1. lowering: passes that take the front end's IR to formal IR,
//   2. the artifacts of each stage, kept in memory until all succeeded.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Pipeline.h"
#include "ir/Printer.h"
#include "lib/passes/Passes.h"

using namespace crnc;
using namespace crnc::driver;

LogicalResult driver::buildLoweringPipeline(PassManager &pm,
                                            const CompileOptions &options,
                                            DiagnosticEngine &diags) {
  if (!options.customPipeline.empty())
    return pm.addPipeline(options.customPipeline, diags);
  // Canonical form first: every later pass may assume sorted, merged terms.
  pm.addPass(createCanonicalizePass());
  return success();
}

LogicalResult driver::runCompilePipeline(ir::Module &module,
                                         const CompileOptions &options,
                                         DiagnosticEngine &diags,
                                         CompileResult &result) {
  result.artifacts.push_back(
      {module.name + ".input.crnir", ir::printModuleToString(module)});

  PassManager pm(options.instrumentation);
  if (failed(buildLoweringPipeline(pm, options, diags)) ||
      failed(pm.run(module, diags)))
    return failure();
  result.artifacts.push_back(
      {module.name + ".formal.crnir", ir::printModuleToString(module)});
  return success();
}
