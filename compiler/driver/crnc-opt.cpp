//===- crnc-opt.cpp - textual IR in, passes, textual IR out ---------------===//
//
// The pass-testing driver: reads one textual IR file (or stdin), runs the
// passes named by --pass-pipeline, and prints the resulting IR.
//
//===----------------------------------------------------------------------===//

#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "lib/passes/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace crnc;
namespace cl = llvm::cl;

static cl::OptionCategory optCategory("crnc-opt options");
static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.crnir>"),
                                      cl::init("-"), cl::cat(optCategory));
static cl::opt<std::string> outputFile("o",
                                       cl::desc("Output file (default stdout)"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(optCategory));
static cl::opt<std::string>
    passPipeline("pass-pipeline",
                 cl::desc("Comma-separated passes, e.g. "
                          "'canonicalize,map-rates{cmax=100}'"),
                 cl::cat(optCategory));
static cl::opt<bool> listPasses("list-passes",
                                cl::desc("List every pass with its options"),
                                cl::cat(optCategory));
static cl::opt<bool> verifyEach("verify-each",
                                cl::desc("Verify the module after every pass"),
                                cl::init(true), cl::cat(optCategory));
static cl::opt<bool> printAfterAll("print-ir-after-all",
                                   cl::desc("Print the IR after every pass"),
                                   cl::cat(optCategory));
static cl::opt<bool> timePasses("time-passes", cl::desc("Time each pass"),
                                cl::cat(optCategory));
static cl::opt<bool>
    printLocations("print-locations",
                   cl::desc("Print source locations in the IR"),
                   cl::cat(optCategory));
static cl::opt<bool> noWarnings("w", cl::desc("Suppress warnings"),
                                cl::cat(optCategory));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(optCategory);
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &os) { os << "crnc-opt " << CRNC_VERSION << "\n"; });
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "crnc-opt: run crnc passes on textual IR\n",
                                   &llvm::errs()))
    return 2;
  if (listPasses) {
    printPassList(llvm::outs());
    return 0;
  }

  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setToolName("crnc-opt");
  diags.setWarningsSuppressed(noWarnings);
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer) {
    llvm::errs() << "crnc-opt: error: cannot read '" << inputFile
                 << "': " << buffer.getError().message() << "\n";
    return 2;
  }
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::unique_ptr<ir::Module> module = ir::parseModule(id, diags);
  if (!module || failed(ir::verify(*module, diags)))
    return 1;

  PassManagerOptions pmOptions;
  pmOptions.verifyEach = verifyEach;
  pmOptions.printIRAfterAll = printAfterAll;
  pmOptions.timePasses = timePasses;
  PassManager pm(pmOptions);
  if (failed(pm.addPipeline(passPipeline, diags)))
    return 2;
  if (failed(pm.run(*module, diags)))
    return 1;

  std::error_code ec;
  llvm::ToolOutputFile out(outputFile, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << "crnc-opt: error: cannot write '" << outputFile
                 << "': " << ec.message() << "\n";
    return 2;
  }
  ir::PrintOptions printOptions;
  printOptions.printLocations = printLocations;
  ir::printModule(*module, out.os(), printOptions);
  out.keep();
  return 0;
}
