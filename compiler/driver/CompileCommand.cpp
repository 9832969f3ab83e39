//===- CompileCommand.cpp - `crnc compile`
//---------------------------------===//
//
// Reads a .crn (or .crnir) file and either prints one stage (`--emit=`) or runs
// the whole pipeline and writes every artifact into the output directory.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/LabOptions.h"
#include "compiler/driver/Pipeline.h"
#include "compiler/driver/ReportOptions.h"
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
cl::opt<std::string>
    schemeName("scheme",
               cl::desc("DSD translation scheme (see crnc --list-schemes; "
                        "default soloveichik2010)"),
               cl::init("soloveichik2010"), cl::sub(driver::compileCommand),
               cl::cat(crncCategory));
cl::opt<std::string> gateStrategy(
    "gate",
    cl::desc("How phases become chemistry: external (default) or autonomous"),
    cl::init("external"), cl::sub(driver::compileCommand),
    cl::cat(crncCategory));
cl::opt<double> fuelConcentration(
    "cmax", cl::desc("Fuel concentration C_max in nM (default 1000)"),
    cl::init(1000), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<double> maxRate(
    "qmax",
    cl::desc("Fastest realisable bimolecular rate in /M/s (default 1e6)"),
    cl::init(1e6), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<std::string> concScale(
    "conc-scale",
    cl::desc("nM per unit of concentration of a unitless model, or 'auto': "
             "the scale of least lab time within C_max, q_max and the fuel "
             "excess"),
    cl::init("auto"), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<BufferMode> bufferMode(
    "buffers", cl::desc("SSW buffer modules that equalise sequestration"),
    cl::values(clEnumValN(BufferMode::Auto, "auto",
                          "only where sequestration changes a ratio of rates"),
               clEnumValN(BufferMode::On, "on", "for every formal species"),
               clEnumValN(BufferMode::Off, "off", "none")),
    cl::init(BufferMode::Auto), cl::sub(driver::compileCommand),
    cl::cat(crncCategory));
cl::opt<unsigned> toeholdLength(
    "toehold-length", cl::desc("Nucleotides per toehold domain (default 5)"),
    cl::init(5), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<unsigned> domainLength(
    "domain-length",
    cl::desc("Nucleotides per long (branch-migration) domain (default 15)"),
    cl::init(15), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<uint64_t> maxNucleotides(
    "max-nucleotides",
    cl::desc("Refuse a DNA design with more nucleotides (0: no limit; "
             "above 10^6 nt a warning either way)"),
    cl::init(0), cl::sub(driver::compileCommand), cl::cat(crncCategory));
cl::opt<bool> noWarnings("w", cl::desc("Suppress warnings"),
                         cl::sub(driver::compileCommand),
                         cl::cat(crncCategory));

} // namespace

/// Reads the physical settings into `options`; false (after reporting a
/// usage error naming the valid range) when one is outside what DNA can do.
static bool readPhysicalSettings(CompileOptions &options) {
  // C_max: 1 pM to 100 uM; q_max: at most the diffusion limit (~1e9 /M/s);
  // toeholds of 3 to 15 nt bind reversibly; a long domain must be longer
  // than a toehold (it may not fall off on its own) and at most 60 nt.
  if (!checkRange("cmax", fuelConcentration, 1e-3, 1e5, "nM") ||
      !checkRange("qmax", maxRate, 1, 1e9, "/M/s") ||
      !checkRange("toehold-length", toeholdLength, 3, 15, "nt") ||
      !checkRange("domain-length", domainLength, toeholdLength + 1, 60, "nt"))
    return false;
  double scale = 0;
  if (concScale != "auto") {
    std::optional<double> value = parseNumber(concScale);
    if (!value) {
      reportUsageError("--conc-scale must be 'auto' or a number of nM, not '" +
                       concScale + "'");
      return false;
    }
    if (!checkRange("conc-scale", *value, 1e-6, fuelConcentration, "nM"))
      return false;
    scale = *value;
  }
  // runCompile has checked the name.
  options.lowering.gatePhases.strategy =
      *ir::lowering::parseGateStrategy(gateStrategy);
  options.lowering.mapRates.cmax = fuelConcentration;
  options.lowering.mapRates.qmaxPerMolar = maxRate;
  options.lowering.mapRates.concScale = scale;
  options.lowering.mapRates.buffers = bufferMode;
  options.maxNucleotides = maxNucleotides;
  options.scheme.toeholdLength = toeholdLength;
  options.scheme.domainLength = domainLength;
  return true;
}

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

  llvm::Expected<dsd::SchemeKind> scheme = dsd::parseScheme(schemeName);
  if (!scheme)
    return reportEnvironmentError(scheme.takeError());
  if (gateStrategy != "external" && gateStrategy != "autonomous")
    return reportEnvironmentError(llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "--gate must be 'external' or 'autonomous', not '" + gateStrategy +
            "'"));
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
  if (!readPhysicalSettings(options) || !readVerifyOptions(options))
    return ExitUsageError;
  options.scheme.kind = *scheme;
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
  if (failed(runCompilePipeline(module, options, diags, result)))
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
