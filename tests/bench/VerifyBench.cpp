//===- VerifyBench.cpp - time crnc's verification checks ------------------===//
//
// Reads a manifest of cases (formal CRN text, implementation .crn file,
// fuels), runs CRN bisimulation (interpretation searched from scratch, and
// from names) and pathway decomposition on each, and writes verdicts and
// in-process CPU seconds (best of --repeat; steadier than wall time on a
// shared machine) as JSON. tests/bench/
// verify_vs_crnverifier.py runs crnverifier on the same cases and prints the
// two side by side with ratios.
//
//   bench-verify --cases <manifest.json> -o <results.json> [--time-limit S]
//                [--repeat N]
// (`--name value` or `--name=value`, BenchFlags.h; --time-limit defaults to
// 30 s, --repeat to 3).
//
//===----------------------------------------------------------------------===//

#include "BenchFlags.h"
#include "compiler/frontend/Frontend.h"
#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/PathwayDecomposition.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

using namespace crnc;

static std::string manifestPath; // required
static std::string outPath;      // required
static double timeLimit = 30;
static unsigned repeat = 3;

static const char *const usage = R"(time crnc's verification checks
usage: bench-verify --cases <manifest.json> -o <results.json>
                    [--time-limit S] [--repeat N]
  --cases FILE      manifest (JSON)
  -o FILE           results (JSON)
  --time-limit S    seconds per check (default 30)
  --repeat N        runs per check (best kept; a run over 1 s is not
                    repeated) (default 3)
)";

static std::optional<verify::Crn> load(const std::string &text,
                                       const std::string &name) {
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  diags.setWarningsSuppressed(true);
  auto module = frontend::compileString(text, diags, name);
  if (!module)
    return std::nullopt;
  return verify::crnFromModule(*module);
}

template <typename F> static std::pair<verify::Verdict, double> timed(F run) {
  double best = 1e300;
  verify::Verdict verdict = verify::Verdict::Unknown;
  for (unsigned i = 0; i < std::max(1u, unsigned(repeat)); ++i) {
    std::clock_t start = std::clock();
    verdict = run();
    double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
    best = std::min(best, seconds);
    if (seconds > 1)
      break;
  }
  return {verdict, best};
}

static nlohmann::json runCase(const nlohmann::json &c) {
  nlohmann::json out = {{"name", c["name"]}};
  auto buffer =
      llvm::MemoryBuffer::getFile(c["implementation"].get<std::string>());
  if (!buffer) {
    out["error"] = "cannot read implementation";
    return out;
  }
  std::optional<verify::Crn> formal =
      load(c["formal"].get<std::string>() + "\n", "formal.crn");
  std::optional<verify::Crn> impl =
      load((*buffer)->getBuffer().str(), c["implementation"]);
  if (!formal || !impl) {
    out["error"] = "cannot parse";
    return out;
  }
  std::vector<verify::SpeciesIndex> fuels;
  for (const auto &f : c["fuels"])
    if (auto s = impl->lookup(f.get<std::string>()))
      fuels.push_back(*s);
  verify::removeSpecies(*impl, fuels);
  auto record = [&](const char *notion, std::pair<verify::Verdict, double> r) {
    out[notion] = {{"verdict", verify::verdictName(r.first).str()},
                   {"seconds", r.second}};
  };
  record("crn-bisimulation", timed([&] {
           return verify::checkCrnBisimulation(*formal, *impl, {{}, timeLimit})
               .verdict;
         }));
  record("crn-bisimulation-named", timed([&] {
           verify::BisimulationOptions options{
               verify::interpretationFromNames(*impl, *formal), timeLimit};
           return verify::checkCrnBisimulation(*formal, *impl, options).verdict;
         }));
  record("pathway-decomposition", timed([&] {
           return verify::checkPathwayDecomposition(*formal, *impl, {timeLimit})
               .verdict;
         }));
  return out;
}

int main(int argc, char **argv) {
  if (!bench::parseFlags(
          argc, argv,
          {bench::flag("cases", manifestPath), bench::flag("o", outPath),
           bench::flag("time-limit", timeLimit), bench::flag("repeat", repeat)},
          usage))
    return 2;
  if (manifestPath.empty() || outPath.empty()) {
    std::cerr << "bench-verify: --cases and -o are required\n" << usage;
    return 2;
  }
  std::ifstream in(manifestPath);
  if (!in) {
    std::cerr << "bench-verify: cannot read " << manifestPath << "\n";
    return 2;
  }
  nlohmann::json manifest = nlohmann::json::parse(in);
  nlohmann::json results = nlohmann::json::array();
  for (const auto &c : manifest)
    results.push_back(runCase(c));
  std::ofstream(outPath) << results.dump(1) << "\n";
  return 0;
}
