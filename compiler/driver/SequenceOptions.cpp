//===- SequenceOptions.cpp - `crnc compile` sequence-design flags ---------===//

#include "compiler/driver/SequenceOptions.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory sequenceCategory("Sequence design (crnc compile)");

cl::opt<uint64_t> seed("seed", cl::desc("Seed of the sequence design"),
                       cl::init(1), cl::sub(compileCommand),
                       cl::cat(sequenceCategory));
cl::opt<double> temperature("temperature",
                            cl::desc("Temperature in C (0 to 100)"),
                            cl::init(25), cl::sub(compileCommand),
                            cl::cat(sequenceCategory));
cl::opt<double>
    sodium("na",
           cl::desc("Na+ equivalent in mM, Tris counting half (0 to 1000; "
                    "default 20, 1x TAE)"),
           cl::init(20), cl::sub(compileCommand), cl::cat(sequenceCategory));
cl::opt<double> magnesium("mg", cl::desc("Mg2+ in mM (0 to 600)"),
                          cl::init(12.5), cl::sub(compileCommand),
                          cl::cat(sequenceCategory));
cl::opt<double> toeholdDG(
    "toehold-dg",
    cl::desc("Target toehold dG in kcal/mol (-30 to -1; default: median of "
             "the admissible toeholds)"),
    cl::sub(compileCommand), cl::cat(sequenceCategory));
cl::opt<std::string>
    fixSequences("fix-sequences",
                 cl::desc("CSV of name,sequence rows: domains kept as given"),
                 cl::value_desc("file"), cl::sub(compileCommand),
                 cl::cat(sequenceCategory));
cl::opt<unsigned> threads("threads",
                          cl::desc("Threads for the design's restarts (1 to "
                                   "64; the result does not depend on it)"),
                          cl::init(2), cl::sub(compileCommand),
                          cl::cat(sequenceCategory));
cl::opt<bool> noSequences(
    "no-sequences",
    cl::desc("Stop at domain level: no sequence design in a full compile"),
    cl::sub(compileCommand), cl::cat(sequenceCategory));
} // namespace

static int outOfRange(llvm::StringRef flag, double value, double lo,
                      double hi) {
  return reportEnvironmentError(llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      "--" + flag + "=" + formatNumber(value) + " is out of range; expected " +
          formatNumber(lo) + " to " + formatNumber(hi)));
}

static bool within(double value, double lo, double hi) {
  return value >= lo && value <= hi; // false for NaN
}

int driver::readSequenceOptions(CompileOptions &options,
                                DiagnosticEngine &diags) {
  sequences::DesignOptions &seq = options.sequences;
  if (!within(temperature, 0, 100))
    return outOfRange("temperature", temperature, 0, 100);
  if (!within(sodium, 0, 1000))
    return outOfRange("na", sodium, 0, 1000);
  if (!within(magnesium, 0, 600))
    return outOfRange("mg", magnesium, 0, 600);
  if (sodium + magnesium <= 0)
    return reportEnvironmentError(llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "--na and --mg are both 0; the duplex needs cations"));
  if (toeholdDG.getNumOccurrences() && !within(toeholdDG, -30, -1))
    return outOfRange("toehold-dg", toeholdDG, -30, -1);
  if (!within(threads, 1, 64))
    return outOfRange("threads", threads, 1, 64);
  seq.seed = seed;
  seq.conditions.temperatureC = temperature;
  seq.conditions.sodiumMilliMolar = sodium;
  seq.conditions.magnesiumMilliMolar = magnesium;
  if (toeholdDG.getNumOccurrences())
    seq.toeholdTargetDG = toeholdDG;
  seq.threads = threads;
  options.designSequences = !noSequences;
  if (fixSequences.empty())
    return ExitSuccess;
  auto buffer = llvm::MemoryBuffer::getFile(fixSequences, /*IsText=*/true);
  if (!buffer)
    return reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + fixSequences + "': " + buffer.getError().message()));
  options.fixedSequencesBuffer =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return ExitSuccess;
}
