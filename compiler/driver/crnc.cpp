//===- crnc.cpp - the crnc command ----------------------------------------===//
//
// `crnc <command> ...`: dispatches to the subcommands listed in the table
// below. Top-level flags list what crnc knows (passes, model kinds).
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/Scheme.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/frontend/ModelLowering.h"
#include "lib/passes/Pass.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::OptionCategory driver::crncCategory("crnc options");

static cl::opt<bool>
    listPasses("list-passes", cl::desc("List the IR passes with their options"),
               cl::cat(crncCategory));
static cl::opt<bool> listSchemes("list-schemes",
                                 cl::desc("List the DSD translation schemes"),
                                 cl::cat(crncCategory));
static cl::opt<bool> listModels("list-models",
                                cl::desc("List the Neural CRN model kinds"),
                                cl::cat(crncCategory));

/// Every subcommand of crnc, in the order `crnc --help` shows them.
static const Command commandTable[] = {
    {compileCommand, runCompile}, {simulateCommand, runSimulate},
    {trainCommand, runTrain},     {genDataCommand, runGenData},
    {verifyCommand, runVerify},
};

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(crncCategory, *cl::TopLevelSubCommand);
  for (const Command &command : commandTable)
    cl::HideUnrelatedOptions(crncCategory, command.subCommand);
  cl::ParseCommandLineOptions(
      argc, argv,
      "crnc: compile chemical reaction networks and Neural CRNs to DNA "
      "strand-displacement systems\n\n"
      "  crnc compile model.crn -o out/     compile (see crnc compile "
      "--help)\n");
  for (const Command &command : commandTable)
    if (command.subCommand)
      return command.run();
  if (listPasses) {
    printPassList(llvm::outs());
    return ExitSuccess;
  }
  if (listSchemes) {
    for (const dsd::SchemeInfo &scheme : dsd::allSchemes())
      llvm::outs() << "  " << llvm::left_justify(scheme.name, 18) << " "
                   << scheme.summary << "\n      " << scheme.reference << "\n";
    return ExitSuccess;
  }
  if (listModels) {
    for (const frontend::ModelKindInfo &kind : frontend::modelKinds())
      llvm::outs() << "  " << llvm::left_justify(kind.name, 24) << " "
                   << kind.summary << "\n";
    return ExitSuccess;
  }
  cl::PrintHelpMessage();
  return ExitUsageError;
}
