// Reachability, SCCs, conservation laws, census and DOT export on small
// networks whose answers are known by hand.
#include "ir/Parser.h"
#include "lib/analysis/Census.h"
#include "lib/analysis/Conservation.h"
#include "lib/analysis/DotExport.h"
#include "lib/analysis/ReactionGraph.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::analysis;

static std::unique_ptr<ir::Module> parse(llvm::StringRef text) {
  static llvm::SourceMgr sm;
  static DiagnosticEngine diags(sm);
  auto m = ir::parseModuleFromString(text, diags);
  REQUIRE(m);
  return m;
}

static ir::SpeciesId id(const ir::Module &m, llvm::StringRef name) {
  auto s = m.lookupSpecies(name);
  REQUIRE(s);
  return *s;
}

TEST_CASE("reachability needs every reactant of a direction") {
  auto m = parse(R"(module "m" {
    species A : signal = 1
    species B : signal = 0
    species C : signal = 0
    species D : signal = 0
    species E : signal = 0
    species F : input = 0
    reaction A -> B [k = 1]
    reaction B + C -> D [k = 1]
    reaction D <=> E [kf = 1, kr = 1]
    reaction F + B -> C [k = 1]
  })");
  Reachability r = computeReachability(*m);
  CHECK(r.species[id(*m, "A")]);
  CHECK(r.species[id(*m, "B")]);
  CHECK(r.species[id(*m, "F")]); // an input counts as supplied
  CHECK(r.species[id(*m, "C")]); // via F + B
  CHECK(r.species[id(*m, "D")]);
  CHECK(r.species[id(*m, "E")]);
  CHECK(r.forward[2]);
  CHECK(r.reverse[2]);

  std::vector<bool> noInput(m->speciesCount(), false);
  noInput[id(*m, "A")] = true;
  Reachability without = computeReachability(*m, &noInput);
  CHECK_FALSE(without.species[id(*m, "C")]);
  CHECK_FALSE(without.species[id(*m, "D")]);
  CHECK_FALSE(without.reactionCanFire(1));
  CHECK(without.reactionCanFire(0));
}

TEST_CASE("strongly connected components of the species graph") {
  auto m = parse(R"(module "m" {
    species A : signal = 1
    species B : signal = 0
    species C : signal = 0
    species D : signal = 0
    reaction A -> B [k = 1]
    reaction B -> A [k = 1]
    reaction B -> C [k = 1]
    reaction C <=> D [kf = 1, kr = 1]
  })");
  SpeciesComponents scc = computeSpeciesSCCs(*m);
  REQUIRE(scc.components.size() == 2);
  CHECK(scc.components[0] == std::vector<ir::SpeciesId>{0, 1});
  CHECK(scc.components[1] == std::vector<ir::SpeciesId>{2, 3});
  CHECK(scc.componentOf[0] == 0);
  CHECK(scc.componentOf[3] == 1);
}

TEST_CASE("conservation laws form an integer basis of the left null space") {
  auto m = parse(R"(module "m" {
    species E : signal = 1
    species S : signal = 10
    species ES : signal = 0
    species P : signal = 0
    reaction E + S <=> ES [kf = 1, kr = 1]
    reaction ES -> E + P [k = 1]
  })");
  auto laws = computeConservationLaws(*m);
  REQUIRE(laws);
  // Enzyme total E + ES and substrate total S + ES + P.
  REQUIRE(laws->size() == 2);
  CHECK(*stoichiometricRank(*m) == 2);
  std::vector<std::string> text;
  for (const ConservationLaw &law : *laws)
    text.push_back(law.toString(*m));
  CHECK(text == std::vector<std::string>{"E + ES", "S + ES + P"});
  CHECK((*laws)[1].initialValue(*m) == 10);
  // Every law annihilates every reaction column.
  for (const ConservationLaw &law : *laws)
    for (const auto &row : stoichiometryRows(*m)) {
      int64_t dot = 0;
      for (size_t s = 0; s < row.size(); ++s)
        dot += row[s] * law.coefficients[s];
      CHECK(dot == 0);
    }
}

TEST_CASE("stoichiometries above one give non-unit coefficients") {
  auto m = parse(R"(module "m" {
    species A : signal = 1
    species B : signal = 0
    reaction 2 A -> 3 B [k = 1]
  })");
  auto laws = computeConservationLaws(*m);
  REQUIRE(laws);
  REQUIRE(laws->size() == 1);
  CHECK((*laws)[0].coefficients == std::vector<int64_t>{3, 2});
}

TEST_CASE("an open network has no conservation law") {
  auto m = parse(R"(module "m" {
    species A : signal = 1
    reaction -> A [k = 1]
  })");
  auto laws = computeConservationLaws(*m);
  REQUIRE(laws);
  CHECK(laws->empty());
}

TEST_CASE("census counts directions by order and arity") {
  auto m = parse(R"(module "m" {
    phase p
    species A : signal = 1
    species B : signal = 0 signed
    reaction A + A + B -> B [k = 1] phase p
    reaction A <=> B + B [kf = 1, kr = 1]
    reaction -> A [k = 1]
  })");
  ReactionCensus c = takeCensus(*m);
  CHECK(c.reactions == 3);
  CHECK(c.reversible == 1);
  CHECK(c.phased == 1);
  CHECK(c.signedSpecies == 1);
  CHECK(c.maxOrder == 3);
  CHECK(c.byOrder[0] == 1);
  CHECK(c.byOrder[1] == 1);
  CHECK(c.byOrder[2] == 1);
  CHECK(c.byOrder[3] == 1);
  CHECK(c.byProductCount[2] == 1);
  std::string text;
  llvm::raw_string_ostream os(text);
  printCensus(c, os);
  CHECK(os.str().find("reactions: 3 (1 reversible, 1 phased)") !=
        std::string::npos);
}

TEST_CASE("DOT export names species and reactions deterministically") {
  auto m = parse(R"(module "m" {
    phase p
    species A : signal = 1
    species "B c" : output = 0
    reaction 2 A -> "B c" [k = 1.5] phase p
    reaction A <=> "B c" [kf = 1, kr = 2]
  })");
  std::string text;
  llvm::raw_string_ostream os(text);
  printReactionGraphDot(*m, os);
  std::string dot = os.str();
  CHECK(dot.find("digraph \"m\" {") == 0);
  CHECK(dot.find("s1 [shape=ellipse, label=\"B c\", xlabel=\"output\"];") !=
        std::string::npos);
  CHECK(dot.find("subgraph cluster_phase0") != std::string::npos);
  CHECK(dot.find("r0 [shape=box, height=0.2, fontsize=9, label=\"1.5\"];") !=
        std::string::npos);
  CHECK(dot.find("s0 -> r0 [label=\"2\"];") != std::string::npos);
  CHECK(dot.find("r1 -> s1 [dir=both];") != std::string::npos);
  CHECK(dot.back() == '\n');
}
