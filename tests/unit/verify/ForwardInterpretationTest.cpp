// verify::forwardInterpretation, and the modular CRN bisimulation it lets
// prove: a catalytic formal reaction A + K -> A + B + K (K a clock that
// another module consumes too) implemented as a strand-displacement gate
// does: A binds the gate (g), K releases an output strand (o), which
// releases A, B and K. Read as the reactants (A + K), o is a valid
// interpretation of the module alone, but o cannot give K back by trivial
// reactions, so the modularity condition fails; read as what it releases
// (A + B + K), the condition holds. The shape is that of a trained
// classifier's bias-update gates; there the search from the names alone
// tried 21,940 interpretations in 30 s without leaving A + K (this small
// case it solves either way; tests/lit/report/trained-classifier-verified
// pins the large one).
#include "lib/verify/ForwardInterpretation.h"
#include "VerifyTestSupport.h"
#include "lib/verify/ModularBisimulation.h"

using namespace crnc;
using namespace crnc::test;
using verify::Verdict;

namespace {
const char *formalText = "A + K -> A + B + K\nK + D -> E\n";
const char *implText = "A -> g\ng -> A\nK + g -> o + w1\no -> A + B + K + w2\n"
                       "K + D -> h\nh -> E + w3\n";

std::string meaning(const verify::Crn &formal, const verify::Interpretation &m,
                    const verify::Crn &impl, llvm::StringRef name) {
  const std::optional<verify::Multiset> &x = m[*impl.lookup(name)];
  return x ? formal.format(*x) : "unset";
}
} // namespace

TEST_CASE("forward interpretation: intermediates read as what they release",
          "[verify][modular]") {
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf(implText);
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  std::vector<size_t> all(impl.reactions.size());
  for (size_t r = 0; r < all.size(); ++r)
    all[r] = r;
  verify::Interpretation m = verify::forwardInterpretation(impl, all, partial);
  CHECK(meaning(formal, m, impl, "A") == "A");  // kept from the names
  CHECK(meaning(formal, m, impl, "w1") == "∅"); // consumed by nothing
  CHECK(meaning(formal, m, impl, "o") == "A + K + B");
  CHECK(meaning(formal, m, impl, "h") == "E");
  // g <=> A: the reactant bound to its gate, not yet committed.
  CHECK(meaning(formal, m, impl, "g") == "A");
  // Without g -> A, g is consumed by one bimolecular reaction only: unset.
  verify::Interpretation noReverse =
      verify::forwardInterpretation(impl, {0, 2, 3}, partial);
  CHECK(meaning(formal, noReverse, impl, "g") == "unset");
  CHECK(meaning(formal, noReverse, impl, "o") == "A + K + B");
  // Reactions outside the list neither consume nor set anything.
  verify::Interpretation first =
      verify::forwardInterpretation(impl, {0, 1, 2}, partial);
  CHECK(meaning(formal, first, impl, "o") == "∅");
  CHECK(meaning(formal, first, impl, "h") == "unset");
}

TEST_CASE("modular bisimulation: an output strand read as what it releases "
          "meets the modularity condition",
          "[verify][modular]") {
  verify::Crn formal = crnOf(formalText);
  verify::Crn impl = crnOf(implText);
  verify::Interpretation partial =
      verify::interpretationFromNames(impl, formal);
  verify::ModularResult r =
      verify::checkModularBisimulation(formal, impl, {partial, 10});
  REQUIRE(r.verdict == Verdict::Correct);
  REQUIRE(r.modules.size() == 2);
  CHECK(meaning(formal, r.interpretation, impl, "o") == "A + K + B");
  CHECK(meaning(formal, r.interpretation, impl, "g") == "A");
  // The interpretation found is a CRN bisimulation of the whole system.
  CHECK_FALSE(verify::checkInterpretation(formal, impl, r.interpretation,
                                          verify::Deadline(10)));
}
