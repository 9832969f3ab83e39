//===- GenDataCommand.cpp - `crnc gen-data`
//--------------------------------===//
//
// Writes the synthetic data sets of the Neural CRN examples as CSV
// (features, then the target): linear regression y = x1 + 2 x2 + 1 +
// N(0, 0.4^2) with x ~ U(1, 5); XOR with Gaussian noise; two concentric
// rings. Deterministic under --seed.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/train/Dataset.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand driver::genDataCommand(
    "gen-data", "Write a synthetic data set (regression, xor, rings) as CSV");

namespace {
#define GEN_OPT cl::sub(driver::genDataCommand), cl::cat(crncCategory)
cl::opt<std::string> setName(cl::Positional, cl::desc("<regression|xor|rings>"),
                             cl::Required, GEN_OPT);
cl::opt<unsigned> rows("rows", cl::desc("Number of rows"), cl::init(200),
                       GEN_OPT);
cl::opt<unsigned> seed("seed", cl::desc("Generator seed"), cl::init(1),
                       GEN_OPT);
cl::opt<double> noise("noise", cl::desc("XOR jitter (standard deviation)"),
                      cl::init(0.1), GEN_OPT);
cl::opt<std::string> outputPath("o", cl::desc("Output CSV (default stdout)"),
                                cl::init("-"), GEN_OPT);
#undef GEN_OPT
} // namespace

int driver::runGenData() {
  if (!checkRange("noise", noise, 0, 10))
    return ExitUsageError;
  train::Dataset d;
  std::string header;
  if (setName == "regression") {
    d = train::generateRegression(rows, seed);
    header = "# x1,x2,y: y = x1 + 2 x2 + 1 + N(0, 0.4^2), x ~ U(1, 5)";
  } else if (setName == "xor") {
    d = train::generateXor(rows, noise, seed);
    header = "# x1,x2,label: corners of the unit square, label = x1 xor x2";
  } else if (setName == "rings") {
    d = train::generateRings(rows, seed);
    header = "# x1,x2,label: 0 inside radius 0.4, 1 at radius 0.6..1.0";
  } else {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << "unknown data set '" << setName
        << "' (expected regression, xor or rings)\n";
    return ExitUsageError;
  }
  header += " (seed " + std::to_string(seed) + ")";
  std::string text = train::toCsv(d, header);
  if (outputPath == "-") {
    llvm::outs() << text;
    return ExitSuccess;
  }
  if (llvm::Error e =
          writeFileAtomically(outputPath, [&](llvm::raw_ostream &os) {
            os << text;
            return true;
          }))
    return reportEnvironmentError(std::move(e));
  return ExitSuccess;
}
