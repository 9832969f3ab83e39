//===- ModelLoweringTest.cpp - structure of the lowered Neural CRNs -------===//
//
// Counts, roles, phases and attributes of each model kind's IR, parameter
// errors at their locations, and the non-negativity of the emitted chemistry.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/Frontend.h"
#include "ir/Verifier.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>

using namespace crnc;

namespace {
struct Compiled {
  llvm::SourceMgr sm;
  std::string out;
  llvm::raw_string_ostream os{out};
  DiagnosticEngine diags{sm, os};
  std::unique_ptr<ir::Module> module;
  explicit Compiled(llvm::StringRef text) {
    module = frontend::compileString(text, diags);
    os.flush();
  }
};

size_t countRole(const ir::Module &m, ir::SpeciesRole role) {
  size_t n = 0;
  for (const ir::Species &s : m.allSpecies())
    n += s.role == role;
  return n;
}

std::string attr(const ir::Module &m, llvm::StringRef key) {
  return ir::findAttribute(m.attrs, key).value_or("").str();
}
} // namespace

TEST_CASE("linear regression: compact and dual-rail counts", "[models]") {
  Compiled c("model reg : linear_regression { inputs = 2 }");
  REQUIRE(c.module);
  const ir::Module &m = *c.module;
  // Signals: X1 X2 Z0 Z1 Z2 P1 P2 B Y E G0 G1 G2.
  CHECK(attr(m, "abstract_species") == "13");
  // forward: 2 drives + bias + 2 readouts; backward: 2+2 (g, theta) + 2 bias.
  CHECK(attr(m, "abstract_reactions") == "11");
  // Inputs stay single (non-negative); the 11 other signals are dual-rail.
  CHECK(m.speciesCount() == 2 + 2 * 11);
  // drives 2x2, bias 2, readouts 2, gradients 2x2, updates 2x2, bias 2+2,
  // annihilation 11.
  CHECK(m.reactionCount() == 4 + 2 + 2 + 4 + 4 + 4 + 11);
  CHECK(countRole(m, ir::SpeciesRole::Weight) == 6);
  CHECK(countRole(m, ir::SpeciesRole::Input) == 2);
  CHECK(m.allPhases().size() == 2);
  CHECK(attr(m, "task") == "regression");
  for (const ir::Species &s : m.allSpecies())
    CHECK_FALSE(s.isSigned);
  ir::LegalityConstraints legal;
  legal.maxReactants = 2;
  CHECK(succeeded(ir::verifyLegality(m, legal, c.diags)));
}

TEST_CASE("linear regression: initial weights land on the rails", "[models]") {
  Compiled c("model reg : linear_regression { inputs = 2 "
             "initial_weights = [0.5, -0.25, 1] }");
  REQUIRE(c.module);
  const ir::Module &m = *c.module;
  CHECK(m.getSpecies(*m.lookupSpecies("P1_p")).initial == 0.5);
  CHECK(m.getSpecies(*m.lookupSpecies("P2_n")).initial == 0.25);
  CHECK(m.getSpecies(*m.lookupSpecies("P2_p")).initial == 0);
  CHECK(m.getSpecies(*m.lookupSpecies("B_p")).initial == 1);
}

TEST_CASE("linear classifier: per-class and thresholded outputs", "[models]") {
  Compiled multi("model c : linear_classifier { inputs = 4 classes = 3 }");
  REQUIRE(multi.module);
  CHECK(attr(*multi.module, "outputs") == "3");
  CHECK(attr(*multi.module, "task") == "multiclass");
  // Per class: 4 weights + bias, Z, E: 7 signals; plus 4 inputs.
  CHECK(attr(*multi.module, "abstract_species") == std::to_string(4 + 3 * 7));
  Compiled bin("model c : linear_classifier { inputs = 2 output = threshold }");
  REQUIRE(bin.module);
  CHECK(attr(*bin.module, "outputs") == "1");
  CHECK(attr(*bin.module, "task") == "binary");
}

TEST_CASE("nonlinear classifier: reactions grow linearly in the inputs",
          "[models]") {
  auto reactions = [](int n) {
    Compiled c("model c : nonlinear_classifier { inputs = " +
               std::to_string(n) + " augment = 4 output = threshold }");
    REQUIRE(c.module);
    return long(c.module->reactionCount());
  };
  long r2 = reactions(2), r4 = reactions(4), r8 = reactions(8);
  CHECK(r4 - r2 > 0);
  CHECK((r8 - r4) == 2 * (r4 - r2)); // constant increment per input
  Compiled c("model c : nonlinear_classifier { inputs = 2 augment = 2 }");
  REQUIRE(c.module);
  for (const ir::Reaction &r : c.module->allReactions())
    CHECK(r.order() <= 2);
}

TEST_CASE("model parameters: located errors", "[models]") {
  Compiled unknown(
      "model r : linear_regression {\n  inputs = 2\n  speed = 3\n}");
  CHECK_FALSE(unknown.module);
  CHECK(llvm::StringRef(unknown.out)
            .contains("input.crn:3:3: error: unknown "
                      "parameter 'speed'"));
  Compiled range("model r : linear_regression { horizon = -1 }");
  CHECK_FALSE(range.module);
  CHECK(llvm::StringRef(range.out).contains("'horizon' = -1 is out of range"));
  Compiled type("model r : linear_regression { inputs = fast }");
  CHECK_FALSE(type.module);
  CHECK(llvm::StringRef(type.out).contains("expects an integer"));
  Compiled count("model r : linear_regression { inputs = 2 "
                 "initial_weights = [1, 2] }");
  CHECK_FALSE(count.module);
  CHECK(llvm::StringRef(count.out).contains("expects 3 numbers, got 2"));
  Compiled kind("model r : perceptron { }");
  CHECK_FALSE(kind.module);
  CHECK(llvm::StringRef(kind.out).contains("unknown model kind 'perceptron'"));
}
