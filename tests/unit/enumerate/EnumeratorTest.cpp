// The enumeration loop and condensation on Nuskell's Soloveichik design of
// A + B -> C. Reference: Peppercorn 1.1.1 on the same file
// (`peppercorn -c --max-complex-size 10 --max-complex-count 5000
// --max-reaction-count 10000 --release-cutoff 7`): 11 resting macrostates,
// 4 condensed reactions at 0.000453734 and 0.000650504 /nM/s; with -d,
// 11 resting and 5 transient complexes, 14 detailed reactions.
#include "lib/enumerate/Enumerator.h"
#include "backends/pil/PILReader.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::enumerate;

static const char *abcSystem = R"(# nuskell soloveichik2010.ts, A + B -> C
length d13 = 15
length d2 = 15
length d5 = 15
length d8 = 15
length h10 = 15
length h11 = 15
length h12 = 15
length t1 = 5
length t3 = 5
length t4 = 5
length t6 = 5
length t7 = 5
length t9 = 5
A = h10 t1 d2 t3
B = h11 t4 d5 t6
C = h12 t7 d8 t9
f2 = d13( t7( d8 t9 + ) ) t6* @constant 100 nM
f3 = d2 t3 t4 @constant 100 nM
f1 = d2( t3( t4( + d5( t6( d13 t7 + ) ) ) ) ) t1* @constant 100 nM
)";

static dna::Design readDesign(const char *text) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  auto design = pil::readPILString(text, diags);
  REQUIRE(design);
  return std::move(*design);
}

static std::string names(const EnumeratedSystem &sys,
                         const std::vector<MacrostateId> &ids) {
  std::string s;
  for (MacrostateId id : ids)
    s += (s.empty() ? "" : " + ") + sys.macrostates[id].name;
  return s;
}

TEST_CASE("Soloveichik A + B -> C condenses as Peppercorn does") {
  dna::Design design = readDesign(abcSystem);
  auto sys = enumerateDesign(design, {});
  REQUIRE(static_cast<bool>(sys));
  CHECK(sys->complexes.size() == 16);
  CHECK(sys->restingCount() == 11);
  CHECK(sys->reactions.size() == 14);
  CHECK(sys->macrostates.size() == 11);
  REQUIRE(sys->condensed.size() == 4);
  // A + f1 <=> i + f3 both ways at 4.54e5 /M/s; i + B -> ... at 6.505e5.
  std::string intermediate;
  for (const CondensedReaction &r : sys->condensed)
    if (names(*sys, r.reactants) == "A + f1") {
      CHECK(r.rate == Approx(4.53734e5).epsilon(1e-5));
      REQUIRE(r.products.size() == 2);
      intermediate = names(*sys, {r.products[0]}) == "f3"
                         ? names(*sys, {r.products[1]})
                         : names(*sys, {r.products[0]});
    }
  REQUIRE(!intermediate.empty());
  unsigned found = 0;
  for (const CondensedReaction &r : sys->condensed) {
    std::string lhs = names(*sys, r.reactants);
    if (lhs == "f3 + " + intermediate || lhs == intermediate + " + f3") {
      CHECK(r.rate == Approx(4.53734e5).epsilon(1e-5));
      ++found;
    }
    if (lhs == "B + " + intermediate || lhs == intermediate + " + B") {
      CHECK(r.rate == Approx(6.50504e5).epsilon(1e-5));
      ++found;
    }
  }
  CHECK(found == 2);
  for (const EnumeratedComplex &c : sys->complexes) {
    if (c.name == "f1")
      CHECK(c.role == dna::ComplexRole::Fuel);
    if (c.name == "A")
      CHECK(c.role == dna::ComplexRole::Signal);
  }
}

TEST_CASE("every rate of the condensed network has its order's unit") {
  dna::Design design = readDesign(abcSystem);
  auto sys = enumerateDesign(design, {});
  REQUIRE(static_cast<bool>(sys));
  for (const CondensedReaction &r : sys->condensed)
    CHECK(r.reactants.size() == 2); // all steps are bimolecular here
  for (const RestingMacrostate &m : sys->macrostates) {
    double total = 0;
    for (double p : m.stationary)
      total += p;
    CHECK(total == Approx(1.0));
  }
}

TEST_CASE("limits are errors that name the limit and the complex") {
  dna::Design design = readDesign(abcSystem);
  EnumerateOptions options;
  options.maxComplexCount = 8;
  auto sys = enumerateDesign(design, options);
  REQUIRE(!static_cast<bool>(sys));
  std::string message = llvm::toString(sys.takeError());
  CHECK(message.find("--max-complex-count=8") != std::string::npos);
  CHECK(message.find("while expanding") != std::string::npos);
  options = {};
  options.maxReactionCount = 3;
  sys = enumerateDesign(design, options);
  REQUIRE(!static_cast<bool>(sys));
  CHECK(llvm::toString(sys.takeError()).find("--max-reaction-count=3") !=
        std::string::npos);
}

TEST_CASE("a product over the size limit is an error naming it") {
  dna::Design design = readDesign(abcSystem);
  EnumerateOptions options;
  options.maxComplexSize = 3; // f1 has 3 strands; A + f1 would have 4
  auto sys = enumerateDesign(design, options);
  REQUIRE(!static_cast<bool>(sys));
  std::string message = llvm::toString(sys.takeError());
  CHECK(message.find("--max-complex-size=3") != std::string::npos);
  CHECK(message.find("'f1' = ") != std::string::npos);
  CHECK(message.find("complex of 4 strands") != std::string::npos);
}

TEST_CASE("with dropOversized a product over the size limit is ignored") {
  dna::Design design = readDesign(abcSystem);
  EnumerateOptions options;
  options.maxComplexSize = 3;
  options.dropOversized = true;
  auto sys = enumerateDesign(design, options);
  REQUIRE(static_cast<bool>(sys));
  CHECK(sys->ignoredBySize > 0);
  for (const EnumeratedComplex &c : sys->complexes)
    CHECK(c.complex.strandCount() <= 3);
}
