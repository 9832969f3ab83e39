//===- CompileCommand.cpp - `crnc compile` --------------------------------===//
//
// Reads a .crn (or .crnir) file and either prints one stage (`--emit=`) or runs
// the whole pipeline and writes every artifact into the output directory.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Commands.h"
#include "compiler/driver/DesignOptions.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/LabOptions.h"
#include "compiler/driver/Pipeline.h"
#include "compiler/driver/ReportOptions.h"
#include "compiler/driver/SampleData.h"
#include "compiler/driver/SequenceOptions.h"
#include "compiler/driver/VerifyOptions.h"
#include "compiler/driver/VerifyStep.h"
#include "compiler/frontend/Parser.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::compileCommand(
    "compile", "Compile a CRN or Neural CRN model towards a DNA system");

namespace {

enum class EmitKind {
  All,
  Tokens,
  AST,
  IR,
  Formal,
  Dot,
  PIL,
  VisualDSD,
  JSON,
  Costs,
  SBML,
  Sequences
};

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.crn>"),
                               cl::Required, cl::sub(driver::compileCommand),
                               cl::cat(crncCategory));
cl::opt<std::string>
    outputPath("o",
               cl::desc("Output directory (full compile) or file (--emit)"),
               cl::value_desc("path"), cl::sub(driver::compileCommand),
               cl::cat(crncCategory));
cl::opt<EmitKind> emitKind(
    "emit", cl::desc("Print one stage instead of compiling everything"),
    cl::values(clEnumValN(EmitKind::Tokens, "tokens", "the token stream"),
               clEnumValN(EmitKind::AST, "ast", "the syntax tree"),
               clEnumValN(EmitKind::IR, "ir", "the IR from the front end"),
               clEnumValN(EmitKind::Formal, "formal",
                          "the IR after the lowering pipeline"),
               clEnumValN(EmitKind::Dot, "dot",
                          "the formal reaction graph in GraphViz DOT"),
               clEnumValN(EmitKind::PIL, "pil",
                          "the DNA design in PIL (Peppercorn, Nuskell)"),
               clEnumValN(EmitKind::VisualDSD, "dna",
                          "the DNA design in Visual DSD syntax"),
               clEnumValN(EmitKind::JSON, "json", "the DNA design as JSON"),
               clEnumValN(EmitKind::Costs, "costs",
                          "strands and nucleotides per formal reaction"),
               clEnumValN(EmitKind::SBML, "sbml",
                          "the formal CRN as SBML Level 3"),
               clEnumValN(EmitKind::Sequences, "sequences",
                          "designed strand sequences as FASTA")),
    cl::init(EmitKind::All), cl::sub(driver::compileCommand),
    cl::cat(crncCategory));
cl::opt<std::string>
    passPipeline("pass-pipeline",
                 cl::desc("Run these passes instead of the standard lowering"),
                 cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<bool> verifyEach("verify-each",
                         cl::desc("Verify the module after every pass"),
                         cl::init(true), cl::sub(driver::compileCommand),
                         cl::cat(crncCategory));
cl::opt<bool> printAfterAll("print-ir-after-all",
                            cl::desc("Print the IR after every pass"),
                            cl::sub(driver::compileCommand),
                            cl::cat(crncCategory));
cl::opt<bool> timePasses("time-passes", cl::desc("Time each pass"),
                         cl::sub(driver::compileCommand),
                         cl::cat(crncCategory));
cl::opt<bool> printLocations("print-locations",
                             cl::desc("Print source locations in the IR"),
                             cl::sub(driver::compileCommand),
                             cl::cat(crncCategory));
cl::opt<bool> noWarnings("w", cl::desc("Suppress warnings"),
                         cl::sub(driver::compileCommand),
                         cl::cat(crncCategory));

} // namespace

/// The -o path, or "-" (stdout) when none was given.
static std::string outputOrStdout() {
  return outputPath.empty() ? std::string("-") : outputPath.getValue();
}

/// `--emit=tokens|ast`: the stages before IR exists.
static int emitSyntax(DiagnosticEngine &diags) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/true);
  if (!buffer)
    return reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + inputFile + "': " + buffer.getError().message()));
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::string text;
  llvm::raw_string_ostream os(text);
  if (emitKind == EmitKind::Tokens) {
    if (!frontend::dumpTokens(id, diags, os))
      return ExitInputError;
  } else {
    std::optional<frontend::ProgramAST> program =
        frontend::parseProgram(id, diags);
    if (!program)
      return ExitInputError;
    frontend::printAST(*program, diags.sourceMgr(), os);
  }
  if (llvm::Error e =
          writeFileAtomically(outputOrStdout(), [&](llvm::raw_ostream &out) {
            return out << os.str(), true;
          }))
    return reportEnvironmentError(std::move(e));
  return ExitSuccess;
}

/// The file suffix of the artifact that `--emit=<kind>` prints.
static llvm::StringRef artifactSuffix(EmitKind kind) {
  switch (kind) {
  case EmitKind::Dot:
    return ".formal.dot";
  case EmitKind::PIL:
    return ".pil";
  case EmitKind::VisualDSD:
    return ".dna";
  case EmitKind::JSON:
    return ".design.json";
  case EmitKind::Costs:
    return ".costs.txt";
  case EmitKind::SBML:
    return ".formal.sbml";
  case EmitKind::Sequences:
    return ".strands.fasta";
  default:
    return ".formal.crnir";
  }
}

static int writeArtifacts(const CompileResult &result) {
  bool created = !llvm::sys::fs::exists(outputPath);
  if (std::error_code ec = llvm::sys::fs::create_directories(outputPath))
    return reportEnvironmentError(llvm::createStringError(
        ec, "cannot create '" + outputPath + "': " + ec.message()));
  std::vector<OutputFile> files;
  for (const Artifact &artifact : result.artifacts) {
    llvm::SmallString<256> path(outputPath);
    llvm::sys::path::append(path, artifact.fileName);
    files.push_back({path.str().str(), artifact.contents});
  }
  if (llvm::Error e = writeFilesAtomically(files)) {
    if (created) // leave nothing behind, not even the directory
      llvm::sys::fs::remove(outputPath);
    return reportEnvironmentError(std::move(e));
  }
  llvm::outs() << result.summary << "wrote " << result.artifacts.size()
               << " files to " << outputPath << "\n";
  return verificationExitCode(result, llvm::errs());
}

int driver::runCompile() {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  applyDiagnosticOptions(diags);
  diags.setWarningsSuppressed(noWarnings);
  if (emitKind == EmitKind::Tokens || emitKind == EmitKind::AST)
    return emitSyntax(diags);

  if (llvm::Error e = checkDesignNames())
    return reportEnvironmentError(std::move(e));
  llvm::Expected<protocol::LabSettings> lab = readLabOptions();
  if (!lab)
    return reportEnvironmentError(lab.takeError());
  llvm::Expected<report::ReportSettings> reportSettings = readReportOptions();
  if (!reportSettings)
    return reportEnvironmentError(reportSettings.takeError());
  LoadedModule loaded = loadModule(inputFile, diags);
  if (!loaded.module)
    return loaded.exitCode;
  ir::Module &module = *loaded.module;
  ir::PrintOptions printOptions;
  printOptions.printLocations = printLocations;
  auto printIR = [&](llvm::raw_ostream &os) {
    ir::printModule(module, os, printOptions);
    return true;
  };
  if (emitKind == EmitKind::IR) {
    if (llvm::Error e = writeFileAtomically(outputOrStdout(), printIR))
      return reportEnvironmentError(std::move(e));
    return ExitSuccess;
  }

  CompileOptions options;
  if (!readDesignOptions(options) || !readVerifyOptions(options))
    return ExitUsageError;
  if (int code = readSampleData(module, options))
    return code;
  options.stopAfterLowering =
      emitKind == EmitKind::Formal || emitKind == EmitKind::Dot;
  if (emitKind != EmitKind::All && !options.stopAfterLowering)
    options.onlyArtifact = artifactSuffix(emitKind).str();
  options.instrumentation.verifyEach = verifyEach;
  options.instrumentation.printIRAfterAll = printAfterAll;
  options.instrumentation.timePasses = timePasses;
  options.customPipeline = passPipeline;
  options.lab = *lab;
  options.report = *reportSettings;
  options.sourceFile = inputFile;
  if (int code = readSequenceOptions(options, diags))
    return code;
  CompileResult result;
  LogicalResult ran = runCompilePipeline(module, options, diags, result);
  if (timePasses)
    printStepTimes(result, llvm::errs());
  if (failed(ran))
    return result.settingsError ? ExitUsageError : ExitInputError;
  if (emitKind == EmitKind::All && !outputPath.empty())
    return writeArtifacts(result);
  if (emitKind == EmitKind::Formal || emitKind == EmitKind::All) {
    // Without -o, a plain compile prints the formal IR.
    if (llvm::Error e = writeFileAtomically(
            emitKind == EmitKind::Formal ? outputOrStdout() : "-", printIR))
      return reportEnvironmentError(std::move(e));
    return ExitSuccess;
  }
  const Artifact *artifact = result.find(artifactSuffix(emitKind));
  assert(artifact && "the pipeline produces every emitted artifact");
  if (llvm::Error e =
          writeFileAtomically(outputOrStdout(), [&](llvm::raw_ostream &os) {
            os << artifact->contents;
            return true;
          }))
    return reportEnvironmentError(std::move(e));
  return ExitSuccess;
}
