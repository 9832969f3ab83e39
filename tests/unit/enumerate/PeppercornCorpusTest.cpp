// crnc's condensed networks against Peppercorn 1.1.1's, on the systems in
// tests/data/enumerate (inputs and Peppercorn's outputs with Nuskell's
// settings; provenance in the README there). Equal means: the same resting
// macrostates (sets of complexes, up to naming and strand rotation), the
// same condensed reactions, rates within 1 %. Peppercorn's condensed rates
// count some pathways more than once, so rates are compared under
// --peppercorn-rates for every system, and crnc's own rates on the systems
// listed in exact.txt (where the two agree); elsewhere crnc's rates are never
// larger than Peppercorn's.
#include "backends/pil/PILReader.h"
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Enumerator.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

namespace {
/// A condensed network keyed by the kernel text of canonical complexes.
struct Network {
  std::set<std::string> macrostates;
  std::map<std::string, double> rates; ///< "a + b -> c" in /M/s or /s
};

std::optional<Design> readFile(const std::string &path, llvm::SourceMgr &sm) {
  DiagnosticEngine diags(sm);
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  unsigned id = sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return pil::readPIL(id, diags);
}

/// `c` (over `from`'s domains) as canonical kernel text over `to`'s.
std::string kernelIn(const Complex &c, const DomainTable &from,
                     const DomainTable &to) {
  std::vector<Strand> strands;
  for (const Strand &s : c.allStrands()) {
    Strand t;
    for (DomainRef d : s) {
      auto id = to.lookup(from.get(d.id).name);
      REQUIRE(id);
      t.push_back(DomainRef{*id, d.complement});
    }
    strands.push_back(t);
  }
  return printKernel(Complex(strands, c.allPartners()).canonical(), to);
}

std::string joinSorted(std::vector<std::string> parts, const char *sep) {
  std::sort(parts.begin(), parts.end());
  std::string s;
  for (const std::string &p : parts)
    s += (s.empty() ? "" : sep) + p;
  return s;
}

double perMolar(double k, llvm::StringRef units) {
  llvm::SmallVector<llvm::StringRef, 4> parts;
  units.split(parts, '/', -1, false);
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    k /= concUnitInMolar(*parseConcUnit(parts[i].trim()));
  return k;
}

Network expectedNetwork(const Design &out, const DomainTable &input) {
  std::map<std::string, std::string> ms;
  Network n;
  for (const Macrostate &m : out.macrostates) {
    std::vector<std::string> kernels;
    for (const std::string &c : m.complexes)
      kernels.push_back(
          kernelIn(out.getComplex(*out.lookup(c)).complex, out.domains, input));
    ms[m.name] = joinSorted(kernels, " | ");
    n.macrostates.insert(ms[m.name]);
  }
  for (const DomainReaction &r : out.reactions) {
    std::vector<std::string> lhs, rhs;
    for (const std::string &x : r.reactants)
      lhs.push_back("[" + ms.at(x) + "]");
    for (const std::string &x : r.products)
      rhs.push_back("[" + ms.at(x) + "]");
    n.rates[joinSorted(lhs, " + ") + " -> " + joinSorted(rhs, " + ")] +=
        perMolar(*r.rate, r.rateUnits);
  }
  return n;
}

Network crncNetwork(const EnumeratedSystem &sys, const DomainTable &domains) {
  Network n;
  std::vector<std::string> ms;
  for (const RestingMacrostate &m : sys.macrostates) {
    std::vector<std::string> kernels;
    for (ComplexId c : m.complexes)
      kernels.push_back(printKernel(sys.complexes[c].complex, domains));
    ms.push_back(joinSorted(kernels, " | "));
    n.macrostates.insert(ms.back());
  }
  for (const CondensedReaction &r : sys.condensed) {
    std::vector<std::string> lhs, rhs;
    for (MacrostateId x : r.reactants)
      lhs.push_back("[" + ms[x] + "]");
    for (MacrostateId x : r.products)
      rhs.push_back("[" + ms[x] + "]");
    n.rates[joinSorted(lhs, " + ") + " -> " + joinSorted(rhs, " + ")] += r.rate;
  }
  return n;
}

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator
           it(CRNC_TEST_DATA_DIR "/enumerate", ec),
       end;
       it != end && !ec; it.increment(ec)) {
    llvm::StringRef file = llvm::sys::path::filename(it->path());
    if (file.endswith(".pil") && !file.endswith(".peppercorn.pil"))
      names.push_back(file.drop_back(4).str());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::set<std::string> exactSystems() {
  std::ifstream in(CRNC_TEST_DATA_DIR "/enumerate/exact.txt");
  std::set<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#')
      names.insert(line);
  return names;
}
} // namespace

TEST_CASE("condensed networks equal Peppercorn's on the corpus") {
  std::vector<std::string> names = corpus();
  REQUIRE(names.size() >= 10);
  std::set<std::string> exact = exactSystems();
  EnumerateOptions nuskell; // Nuskell's settings
  nuskell.maxComplexSize = 10;
  nuskell.dropOversized = true;
  nuskell.maxComplexCount = 5000;
  nuskell.maxReactionCount = 10000;
  nuskell.releaseCutoff = 7;
  for (const std::string &name : names) {
    INFO(name);
    std::string base = CRNC_TEST_DATA_DIR "/enumerate/" + name;
    llvm::SourceMgr sm;
    auto input = readFile(base + ".pil", sm);
    auto output = readFile(base + ".peppercorn.pil", sm);
    REQUIRE(input);
    REQUIRE(output);
    Network want = expectedNetwork(*output, input->domains);
    for (bool compatible : {false, true}) {
      INFO("--peppercorn-rates: " << compatible);
      EnumerateOptions options = nuskell;
      options.peppercornRates = compatible;
      auto sys = enumerateDesign(*input, options);
      REQUIRE(static_cast<bool>(sys));
      Network got = crncNetwork(*sys, input->domains);
      CHECK(got.macrostates == want.macrostates);
      REQUIRE(got.rates.size() == want.rates.size());
      for (const auto &[reaction, rate] : want.rates) {
        INFO(reaction);
        REQUIRE(got.rates.count(reaction));
        if (compatible || exact.count(name))
          CHECK(got.rates[reaction] == Approx(rate).epsilon(0.01));
        else
          CHECK(got.rates[reaction] <= rate * 1.01);
      }
    }
  }
}
