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

static cl::opt<unsigned>
    errorLimit("error-limit",
               cl::desc("Stop printing errors after this many (0: no limit, "
                        "default 20)"),
               cl::init(20), cl::sub(*cl::AllSubCommands),
               cl::cat(crncCategory));

void driver::applyDiagnosticOptions(DiagnosticEngine &diags) {
  diags.setErrorLimit(errorLimit);
}

static void printVersion(llvm::raw_ostream &os) {
  os << "crnc " << CRNC_VERSION << "\n";
}

/// Every subcommand of crnc, in the order `crnc --help` shows them.
static const Command commandTable[] = {
    {compileCommand, runCompile},
    {simulateCommand, runSimulate},
    {trainCommand, runTrain},
    {genDataCommand, runGenData},
    {enumerateCommand, runEnumerate},
    {verifyCommand, runVerify},
    {dnaCommand, runDna},
};

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(crncCategory, *cl::TopLevelSubCommand);
  for (const Command &command : commandTable)
    cl::HideUnrelatedOptions(crncCategory, command.subCommand);
  cl::SetVersionPrinter(printVersion);
  // A command line crnc cannot parse is a usage error (exit 2).
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "crnc: compile chemical reaction networks and Neural CRNs to DNA "
          "strand-displacement systems\n\n"
          "  crnc compile model.crn -o out/     compile (see crnc compile "
          "--help)\n",
          &llvm::errs()))
    return ExitUsageError;
  for (const Command &command : commandTable) {
    if (!command.subCommand)
      continue;
    int code = command.run();
    // Output lost on the way to stdout (a full device) is a failure.
    if (llvm::Error e = flushStdout())
      return reportEnvironmentError(std::move(e));
    return code;
  }
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
