// Module-by-module enumeration gives the whole-system network: the same
// complexes, resting macrostates, detailed and condensed reactions (rates to
// 1e-9 relative), on every system of the Peppercorn corpus.
#include "lib/enumerate/ModularEnumerator.h"
#include "backends/pil/PILReader.h"
#include "lib/dna/KernelNotation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

namespace {
/// Detailed and condensed reactions keyed by kernel text of their complexes.
struct Summary {
  std::set<std::string> complexes, resting;
  std::map<std::string, double> detailed, condensed;
};

Summary summarize(const EnumeratedSystem &sys, const DomainTable &domains) {
  Summary s;
  std::vector<std::string> text;
  for (const EnumeratedComplex &c : sys.complexes) {
    text.push_back(printKernel(c.complex, domains));
    s.complexes.insert(text.back());
    if (c.resting)
      s.resting.insert(text.back());
  }
  auto side = [&](const std::vector<ComplexId> &ids) {
    std::multiset<std::string> names;
    for (ComplexId id : ids)
      names.insert(text[id]);
    std::string joined;
    for (const std::string &n : names)
      joined += "[" + n + "]";
    return joined;
  };
  for (const DetailedReaction &r : sys.reactions)
    s.detailed[reactionKindName(r.kind).str() + side(r.reactants) + "->" +
               side(r.products)] = r.rate;
  std::vector<std::string> ms;
  for (const RestingMacrostate &m : sys.macrostates)
    ms.push_back(side(m.complexes));
  for (const CondensedReaction &r : sys.condensed) {
    std::multiset<std::string> lhs, rhs;
    for (MacrostateId m : r.reactants)
      lhs.insert(ms[m]);
    for (MacrostateId m : r.products)
      rhs.insert(ms[m]);
    std::string key;
    for (const std::string &x : lhs)
      key += "{" + x + "}";
    key += "->";
    for (const std::string &x : rhs)
      key += "{" + x + "}";
    s.condensed[key] = r.rate;
  }
  return s;
}

void checkSame(const std::map<std::string, double> &a,
               const std::map<std::string, double> &b) {
  REQUIRE(a.size() == b.size());
  for (const auto &[key, rate] : a) {
    INFO(key);
    REQUIRE(b.count(key));
    CHECK(b.at(key) == Approx(rate).epsilon(1e-9));
  }
}
} // namespace

TEST_CASE("module-by-module enumeration equals the whole-system one") {
  std::error_code ec;
  unsigned systems = 0;
  for (llvm::sys::fs::directory_iterator
           it(CRNC_TEST_DATA_DIR "/enumerate", ec),
       end;
       it != end && !ec; it.increment(ec)) {
    std::string path = it->path();
    if (!llvm::StringRef(path).endswith(".pil") ||
        llvm::StringRef(path).endswith(".peppercorn.pil"))
      continue;
    INFO(path);
    llvm::SourceMgr sm;
    DiagnosticEngine diags(sm);
    auto buffer = llvm::MemoryBuffer::getFile(path);
    REQUIRE(buffer);
    auto design = pil::readPIL(
        sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc()), diags);
    REQUIRE(design);
    auto whole = enumerateDesign(*design, {});
    ModularStats stats;
    auto modular = enumerateByModule(*design, {}, &stats);
    REQUIRE(static_cast<bool>(whole));
    REQUIRE(static_cast<bool>(modular));
    CHECK(stats.modules >= 1);
    CHECK(stats.enumerated + stats.reused >= stats.modules);
    Summary a = summarize(*whole, design->domains);
    Summary b = summarize(*modular, design->domains);
    CHECK(a.complexes == b.complexes);
    CHECK(a.resting == b.resting);
    checkSame(a.detailed, b.detailed);
    checkSame(a.condensed, b.condensed);
    ++systems;
  }
  CHECK(systems >= 10);
}

TEST_CASE("modules come from fuels that share domains no signal carries") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto design = pil::readPILString(R"(length a = 15
length b = 15
length c = 15
length t = 5
length u = 5
X = t a
Y = u b
f1 = a( + ) t* @constant 100 nM
f2 = c( a + ) @constant 100 nM
f3 = b( + ) u* @constant 100 nM
f4 = c b @constant 0 nM
)",
                                   diags);
  REQUIRE(design);
  auto modules = inferModules(*design);
  // f1 carries only signal domains, f2 the unshared c: {f1, X}, {f2, X},
  // {f3, Y}; f4 has zero concentration and belongs to no module.
  REQUIRE(modules.size() == 3);
  auto name = [&](ComplexIndex i) { return design->getComplex(i).name; };
  CHECK(name(modules[0][0]) == "f1");
  CHECK(name(modules[0][1]) == "X");
  CHECK(name(modules[1][0]) == "f2");
  CHECK(name(modules[2][0]) == "f3");
  CHECK(name(modules[2][1]) == "Y");
}

TEST_CASE("the union of the modules has a limit of its own, named by its "
          "flag") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto design = pil::readPILString(R"(length a = 15
length b = 15
length t = 5
length u = 5
X = t a
Y = u b
f1 = a( + ) t* @constant 100 nM
f3 = b( + ) u* @constant 100 nM
)",
                                   diags);
  REQUIRE(design);
  auto whole = enumerateDesign(*design, {});
  REQUIRE(static_cast<bool>(whole));
  size_t n = whole->complexes.size(); // the union's size
  EnumerateOptions options;
  options.maxUnionComplexCount = n;
  options.unionComplexCountFlag = "--union-flag";
  // Each module is smaller than the union: a per-module limit below n holds.
  options.maxComplexCount = n - 1;
  ModularStats stats;
  auto fits = enumerateByModule(*design, options, &stats);
  REQUIRE(static_cast<bool>(fits));
  CHECK(fits->complexes.size() == n);
  CHECK(stats.modules == 2);
  options.maxUnionComplexCount = n - 1;
  auto over = enumerateByModule(*design, options);
  REQUIRE_FALSE(static_cast<bool>(over));
  std::string message = llvm::toString(over.takeError());
  CHECK(message.find("exceeded --union-flag=" + std::to_string(n - 1)) !=
        std::string::npos);
  // Without a union limit the per-module limits bound the union too, and
  // the whole-system error names the flag the caller set.
  EnumerateOptions plain;
  plain.maxComplexCount = 1;
  plain.complexCountFlag = "--my-complexes";
  auto stopped = enumerateDesign(*design, plain);
  REQUIRE_FALSE(static_cast<bool>(stopped));
  CHECK(
      llvm::toString(stopped.takeError()).find("exceeded --my-complexes=1 (") !=
      std::string::npos);
}

namespace {
std::optional<Design> readDataPil(llvm::SourceMgr &sm, DiagnosticEngine &diags,
                                  llvm::StringRef name) {
  auto buffer = llvm::MemoryBuffer::getFile(
      (CRNC_TEST_DATA_DIR "/enumerate/modular/" + name).str());
  if (!buffer)
    return std::nullopt;
  return pil::readPIL(sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc()),
                      diags);
}
} // namespace

// catalyst4.pil: crnc's soloveichik2010 design of catalyst4.crn (one catalyst
// C in four reactions; tests/data/enumerate/modular/README.md). Its gates
// repeat up to renaming (reuse) and C's history variants bind every gate
// that takes C (crosstalk), so the cached, renamed module networks and the
// crosstalk rounds are both exercised.
TEST_CASE("module by module with reuse and crosstalk equals the whole system") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::optional<Design> design = readDataPil(sm, diags, "catalyst4.pil");
  REQUIRE(design);
  EnumerateOptions options;
  options.maxComplexSize = 10;
  options.dropOversized = true;
  auto whole = enumerateDesign(*design, options);
  ModularStats stats;
  auto modular = enumerateByModule(*design, options, &stats);
  REQUIRE(static_cast<bool>(whole));
  REQUIRE(static_cast<bool>(modular));
  CHECK(stats.reused > 0);
  CHECK(stats.crosstalk > 0);
  CHECK(stats.rounds >= 2);
  Summary a = summarize(*whole, design->domains);
  Summary b = summarize(*modular, design->domains);
  CHECK(a.complexes == b.complexes);
  CHECK(a.resting == b.resting);
  checkSame(a.detailed, b.detailed);
  checkSame(a.condensed, b.condensed);
}

TEST_CASE(
    "a union limit reached after crosstalk names the domain carrying it") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::optional<Design> design = readDataPil(sm, diags, "catalyst4.pil");
  REQUIRE(design);
  EnumerateOptions options;
  options.maxComplexSize = 10;
  options.dropOversized = true;
  ModularStats first;
  REQUIRE(static_cast<bool>(enumerateByModule(*design, options, &first)));
  // C's input toehold (exposed by every gate that takes C) carries most of
  // the crosstalk; C is the signal that has it.
  CHECK(first.topCrosstalkSignal == "C");
  CHECK(first.topCrosstalkCount > 0);
  CHECK(first.topCrosstalkCount <= first.lastRoundPulled);
  // A union limit between the first round's union and the whole network:
  // reached after the first crosstalk check, whose cause the error names.
  options.maxUnionComplexCount = 150;
  options.unionComplexCountFlag = "--max-union";
  ModularStats stats;
  auto r = enumerateByModule(*design, options, &stats);
  REQUIRE_FALSE(static_cast<bool>(r));
  std::string message = llvm::toString(r.takeError());
  INFO(message);
  CHECK(message.find("exceeded --max-union=150") != std::string::npos);
  CHECK(message.find("crosstalk check before this round pulled") !=
        std::string::npos);
  CHECK(message.find("(signal 'C')") != std::string::npos);
}
