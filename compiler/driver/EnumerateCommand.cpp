//===- EnumerateCommand.cpp - `crnc enumerate` ----------------------------===//
//
// Reads a domain-level system as PIL (crnc's own, Nuskell's `_sys.pil`,
// Peppercorn's output), enumerates its domain-level reactions with
// Peppercorn's semantics (lib/enumerate) and writes the condensed network
// (or with --detailed every reaction) as PIL, or as JSON with --json, then
// prints a one-line summary.
//
//===----------------------------------------------------------------------===//

#include "backends/json/EnumeratedJSON.h"
#include "backends/pil/EnumeratedPIL.h"
#include "backends/pil/PILReader.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/enumerate/Enumerator.h"
#include "lib/enumerate/ModularEnumerator.h"
#include "lib/support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include <chrono>

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::enumerateCommand(
    "enumerate", "Enumerate the domain-level reactions of a PIL system");

namespace {
#define ENUM_OPT cl::sub(driver::enumerateCommand), cl::cat(crncCategory)

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<system.pil>"),
                               cl::Required, ENUM_OPT);
cl::opt<std::string> outputPath("o", cl::desc("Output file ('-': stdout)"),
                                cl::value_desc("file"), cl::init("-"),
                                ENUM_OPT);
cl::opt<bool> detailed("detailed",
                       cl::desc("Write every detailed reaction instead of "
                                "the condensed ones"),
                       ENUM_OPT);
cl::opt<bool> asJson("json", cl::desc("Write JSON instead of PIL"), ENUM_OPT);
cl::opt<unsigned> maxComplexSize(
    "max-complex-size",
    cl::desc("Largest complex (strands); a binding that would make a larger "
             "one is an error, unless --drop-oversized"),
    cl::init(10), ENUM_OPT);
cl::opt<bool> dropOversized(
    "drop-oversized",
    cl::desc("Ignore bindings whose product exceeds --max-complex-size, as "
             "Peppercorn does (for comparisons); a warning counts them"),
    ENUM_OPT);
cl::opt<size_t> maxComplexCount("max-complex-count",
                                cl::desc("Most complexes before giving up"),
                                cl::init(10000), ENUM_OPT);
cl::opt<size_t> maxReactionCount("max-reaction-count",
                                 cl::desc("Most reactions before giving up"),
                                 cl::init(50000), ENUM_OPT);
cl::opt<unsigned>
    releaseCutoff("release-cutoff",
                  cl::desc("Longest helix (nt) that opens spontaneously"),
                  cl::init(7), ENUM_OPT);
cl::opt<double> kSlow("k-slow",
                      cl::desc("Ignore unimolecular reactions slower than "
                               "this (/s)"),
                      cl::init(0), ENUM_OPT);
cl::opt<double> kFast("k-fast",
                      cl::desc("Unimolecular reactions slower than this (/s) "
                               "are slow"),
                      cl::init(0), ENUM_OPT);
cl::opt<bool> peppercornRates(
    "peppercorn-rates",
    cl::desc("Condensed rates as Peppercorn 1.1 computes them (it counts "
             "some pathways more than once); for comparisons"),
    ENUM_OPT);
cl::opt<bool> byModule(
    "by-module",
    cl::desc("Enumerate module by module (fuels sharing domains, with their "
             "signals), reuse modules identical up to renaming, then resolve "
             "crosstalk between modules; same network"),
    ENUM_OPT);
cl::opt<unsigned> threads(
    "threads",
    cl::desc("Threads that compute reactions (0: one per core); the result "
             "does not depend on it"),
    cl::init(0), ENUM_OPT);
} // namespace

static int usageError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "crnc") << message << "\n";
  return ExitUsageError;
}

static std::optional<int> checkOptions(const dna::Design &design) {
  if (kSlow < 0 || kFast < 0)
    return usageError("--k-slow and --k-fast must not be negative");
  if (kFast > 0 && kFast < kSlow)
    return usageError("--k-fast must not be smaller than --k-slow");
  unsigned largest = 0;
  for (const dna::NamedComplex &c : design.allComplexes())
    largest = std::max(largest, unsigned(c.complex.strandCount()));
  if (maxComplexSize < largest)
    return usageError("--max-complex-size=" + llvm::Twine(maxComplexSize) +
                      " is smaller than an input complex (" +
                      llvm::Twine(largest) + " strands)");
  return std::nullopt;
}

static enumerate::EnumerateOptions buildOptions() {
  enumerate::EnumerateOptions options;
  options.maxComplexSize = maxComplexSize;
  options.dropOversized = dropOversized;
  options.maxComplexCount = maxComplexCount;
  options.maxReactionCount = maxReactionCount;
  options.releaseCutoff = releaseCutoff;
  options.kSlow = kSlow;
  options.kFast = kFast;
  options.peppercornRates = peppercornRates;
  options.threads = threads;
  return options;
}

int driver::runEnumerate() {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/true);
  if (!buffer)
    return reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + inputFile + "': " + buffer.getError().message()));
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::optional<dna::Design> design = pil::readPIL(id, diags);
  if (!design)
    return ExitInputError;
  if (std::optional<int> code = checkOptions(*design))
    return *code;

  auto start = std::chrono::steady_clock::now();
  enumerate::ModularStats stats;
  llvm::Expected<enumerate::EnumeratedSystem> system =
      byModule ? enumerate::enumerateByModule(*design, buildOptions(), &stats)
               : enumerate::enumerateDesign(*design, buildOptions());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!system) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << inputFile << ": " << llvm::toString(system.takeError()) << "\n";
    return ExitInputError;
  }
  if (llvm::Error e =
          writeFileAtomically(outputPath, [&](llvm::raw_ostream &os) {
            if (asJson)
              os << json::enumeratedToJSON(*design, *system).dump(2) << "\n";
            else
              pil::writeEnumeratedPIL(*design, *system, detailed, os);
            return true;
          }))
    return reportEnvironmentError(std::move(e));

  llvm::outs().flush();
  llvm::raw_ostream &os = outputPath == "-" ? llvm::errs() : llvm::outs();
  os << "enumerated '" << inputFile << "': " << system->complexes.size()
     << " complexes (" << system->restingCount() << " resting), "
     << system->macrostates.size() << " resting macrostates, "
     << system->reactions.size() << " detailed and " << system->condensed.size()
     << " condensed reactions in " << formatSignificant(seconds, 3) << " s\n";
  if (byModule)
    os << "modules: " << stats.modules << " (" << stats.enumerated
       << " enumerated, " << stats.reused
       << " reused up to renaming), crosstalk: " << stats.crosstalk
       << " complexes pulled across modules in " << stats.rounds << " rounds; "
       << stats.moduleComplexes << " complexes enumerated over all modules\n";
  if (system->ignoredBySize)
    llvm::WithColor::warning(os, "crnc")
        << system->ignoredBySize
        << " binding reactions ignored: their product would exceed "
           "--max-complex-size="
        << maxComplexSize << " strands\n";
  return ExitSuccess;
}
