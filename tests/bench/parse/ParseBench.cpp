// Benchmark: parse + verify + print a generated CRN of N reactions (default
// 100 000), through the .crn front end and through the textual IR parser.
// Prints wall times and the process's peak resident memory.
//
//   crnc-bench-parse [reactions] [seed]
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "lib/support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <random>
#include <sys/resource.h>

using namespace crnc;

/// A random mass-action network in .crn syntax: species S0..S(n/5), orders
/// 0 to 2, one to three products, a tenth reversible, rates with units.
static std::string generateCrn(unsigned reactions, unsigned seed) {
  std::mt19937_64 rng(seed);
  unsigned speciesCount = std::max(2u, reactions / 5);
  std::uniform_int_distribution<unsigned> pick(0, speciesCount - 1);
  std::uniform_real_distribution<double> rate(1e-3, 10);
  std::string text = "unit nM\n";
  llvm::raw_string_ostream os(text);
  for (unsigned s = 0; s < speciesCount; s += 7)
    os << "species S" << s << " = " << formatNumber(rate(rng)) << " nM\n";
  for (unsigned r = 0; r < reactions; ++r) {
    unsigned order = rng() % 3, products = 1 + rng() % 3;
    for (unsigned i = 0; i < order; ++i)
      os << (i ? " + " : "") << "S" << pick(rng);
    bool reversible = rng() % 10 == 0 && order > 0;
    os << (order ? " " : "") << (reversible ? "<=>" : "->");
    for (unsigned i = 0; i < products; ++i)
      os << (i ? " + " : " ") << "S" << pick(rng);
    double k = rate(rng);
    if (reversible)
      os << " [kf = " << formatNumber(k) << ", kr = " << formatNumber(k / 3)
         << "]\n";
    else
      os << " [k = " << formatNumber(k) << "]\n";
  }
  return os.str();
}

static double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int main(int argc, char **argv) {
  unsigned reactions = argc > 1 ? std::stoul(argv[1]) : 100000;
  unsigned seed = argc > 2 ? std::stoul(argv[2]) : 1;
  std::string source = generateCrn(reactions, seed);

  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto t0 = std::chrono::steady_clock::now();
  auto module = frontend::compileString(source, diags, "generated.crn");
  double frontendSeconds = secondsSince(t0);
  if (!module)
    return 1;
  t0 = std::chrono::steady_clock::now();
  bool verified = succeeded(ir::verify(*module, diags));
  double verifySeconds = secondsSince(t0);
  t0 = std::chrono::steady_clock::now();
  std::string printed = ir::printModuleToString(*module);
  double printSeconds = secondsSince(t0);
  t0 = std::chrono::steady_clock::now();
  auto reparsed = ir::parseModuleFromString(printed, diags, "generated.crnir");
  double irParseSeconds = secondsSince(t0);
  bool identical = reparsed && ir::printModuleToString(*reparsed) == printed;

  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  llvm::outs() << "reactions            " << module->reactionCount() << "\n"
               << "species              " << module->speciesCount() << "\n"
               << "source size          " << source.size() / 1024 << " KiB\n"
               << "front end (parse+check+IR+verify) "
               << formatSignificant(frontendSeconds, 3) << " s\n"
               << "verify               " << formatSignificant(verifySeconds, 3)
               << " s\n"
               << "print IR             " << formatSignificant(printSeconds, 3)
               << " s\n"
               << "parse IR             "
               << formatSignificant(irParseSeconds, 3) << " s\n"
               << "parse+verify+print   "
               << formatSignificant(frontendSeconds + printSeconds, 3) << " s\n"
               << "round trip identical " << (identical ? "yes" : "NO") << "\n"
               << "verified             " << (verified ? "yes" : "NO") << "\n"
               << "peak memory          " << usage.ru_maxrss / 1024 << " MiB\n";
  return identical && verified ? 0 : 1;
}
