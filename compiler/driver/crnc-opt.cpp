//===- crnc-opt.cpp - textual IR in, passes, textual IR out ---------------===//
//
// The pass-testing driver: reads one textual IR file (or stdin), runs the
// passes named by --pass-pipeline, and prints the resulting IR, or, with
// --emit=pil|json|dna|costs, translates it with a DSD scheme (the backend
// alone, on IR as written: nothing is lowered that the pipeline did not).
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/Scheme.h"
#include "backends/json/DesignJSON.h"
#include "backends/pil/PILWriter.h"
#include "backends/visualdsd/VisualDSDWriter.h"
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

namespace {
enum class Emit { IR, PIL, JSON, VisualDSD, Costs };
} // namespace
static cl::opt<Emit> emitKind(
    "emit", cl::desc("What to print after the passes"),
    cl::values(clEnumValN(Emit::IR, "ir", "the textual IR (default)"),
               clEnumValN(Emit::PIL, "pil", "the DNA design in PIL"),
               clEnumValN(Emit::JSON, "json", "the DNA design as JSON"),
               clEnumValN(Emit::VisualDSD, "dna",
                          "the DNA design in Visual DSD syntax"),
               clEnumValN(Emit::Costs, "costs",
                          "strands and nucleotides per formal reaction")),
    cl::init(Emit::IR), cl::cat(optCategory));
static cl::opt<std::string>
    schemeName("scheme",
               cl::desc("DSD translation scheme for --emit=pil|json|dna|costs "
                        "(default soloveichik2010)"),
               cl::cat(optCategory));
static cl::opt<unsigned> toeholdLength(
    "toehold-length", cl::desc("Nucleotides per toehold domain (default 5)"),
    cl::init(dsd::SchemeOptions().toeholdLength), cl::cat(optCategory));
static cl::opt<unsigned> domainLength(
    "domain-length",
    cl::desc("Nucleotides per long (branch-migration) domain (default 15)"),
    cl::init(dsd::SchemeOptions().domainLength), cl::cat(optCategory));

/// Translates `module` with the chosen scheme and prints what --emit asks.
static int emitDesign(const ir::Module &module, DiagnosticEngine &diags,
                      llvm::raw_ostream &os) {
  dsd::SchemeOptions options;
  if (schemeName.getNumOccurrences()) {
    llvm::Expected<dsd::SchemeKind> kind = dsd::parseScheme(schemeName);
    if (!kind) {
      llvm::errs() << "crnc-opt: error: " << llvm::toString(kind.takeError())
                   << "\n";
      return 2;
    }
    options.kind = *kind;
  }
  options.toeholdLength = toeholdLength;
  options.domainLength = domainLength;
  llvm::Expected<dna::Design> design = dsd::compile(module, options, diags);
  if (!design) {
    llvm::errs() << "crnc-opt: error: " << llvm::toString(design.takeError())
                 << "\n";
    return 1;
  }
  switch (emitKind) {
  case Emit::PIL:
    pil::writePIL(*design, os);
    break;
  case Emit::JSON:
    json::writeDesignJSON(*design, os);
    break;
  case Emit::VisualDSD:
    visualdsd::writeVisualDSD(*design, os);
    break;
  case Emit::Costs:
    dna::printCostReport(*design, os);
    break;
  case Emit::IR:
    llvm_unreachable("the IR is printed, not translated");
  }
  return 0;
}

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
  if (emitKind != Emit::IR) {
    if (int code = emitDesign(*module, diags, out.os()))
      return code;
    out.keep();
    return 0;
  }
  ir::PrintOptions printOptions;
  printOptions.printLocations = printLocations;
  ir::printModule(*module, out.os(), printOptions);
  out.keep();
  return 0;
}
