//===- CrnBisimulation.h - CRN bisimulation ---------------------*- C++ -*-===//
//
// Johnson, Dong & Winfree 2019, "Verifying chemical reaction network
// implementations: a bisimulation approach" (Theor. Comp. Sci. 765). An
// interpretation m (implementation species -> multisets of formal species) is
// a CRN bisimulation if it is
//  - atomic: every formal species is the interpretation of some species;
//  - delimiting: every implementation reaction interprets as a formal reaction
//    or as a trivial one (m(R) = m(P)), and every formal reaction is the
//    interpretation of some implementation reaction;
//  - permissive: see PermissiveCheck.h.
// When no complete interpretation is given, one is searched for, extending
// the partial one; the verdict is `unknown` when the time limit ends the
// search, never a guess.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_CRNBISIMULATION_H
#define CRNC_VERIFY_CRNBISIMULATION_H

#include "lib/verify/Deadline.h"
#include "lib/verify/ImplementationCrn.h"
#include <functional>

namespace crnc::verify {

enum class Verdict { Correct, Incorrect, Unknown };
llvm::StringRef verdictName(Verdict verdict);

/// What breaks a notion, said in formal terms.
struct Counterexample {
  std::string condition; ///< "atomic", "delimiting", "permissive", ...
  std::string message;   ///< one readable sentence
  std::string reaction;  ///< the implementation reaction or pathway involved
};

struct BisimulationOptions {
  /// Species already interpreted (from a file or from names); the search
  /// only assigns the others.
  Interpretation partial;
  double timeLimitSeconds = 0; ///< 0: no limit
};

/// Called on each complete interpretation that satisfies the three
/// conditions; returning false makes the search go on to the next one (the
/// modular check asks for the modularity condition this way).
using AcceptInterpretation = std::function<bool(const Interpretation &)>;

struct BisimulationResult {
  Verdict verdict = Verdict::Unknown;
  Interpretation interpretation; ///< the bisimulation, when correct
  std::optional<Counterexample> counterexample; ///< when incorrect
  size_t interpretationsTried = 0; ///< partial interpretations visited
  std::string unknownReason;       ///< when unknown: the limit reached
};

/// Checks the three conditions for a complete interpretation.
/// Requires: every used implementation species is interpreted.
/// Throws DeadlineExpired (permissive check) when `deadline` passes.
std::optional<Counterexample>
checkInterpretation(const Crn &formal, const Crn &implementation,
                    const Interpretation &interpretation,
                    const Deadline &deadline);

/// Searches for a CRN bisimulation between `formal` and `implementation`
/// (both with fuels already removed) that extends `options.partial`.
/// Guarantees: Correct comes with a complete interpretation that passed
/// checkInterpretation; Incorrect means the search space was exhausted and
/// comes with the counterexample of the most complete interpretation tried.
BisimulationResult
checkCrnBisimulation(const Crn &formal, const Crn &implementation,
                     const BisimulationOptions &options,
                     const AcceptInterpretation &accept = {});

} // namespace crnc::verify

#endif
