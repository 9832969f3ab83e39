//===- PermissiveCheck.h - the permissive condition of CRN bisimulation -*- C++
//-*-===//
//
// Johnson, Dong & Winfree 2019, "Verifying chemical reaction network
// implementations: a bisimulation approach", the permissive condition: from
// every implementation state whose interpretation can fire formal reaction r,
// some sequence of trivial implementation reactions leads to a reaction that
// implements r. Checked by the paper's graph search over minimal states.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_PERMISSIVECHECK_H
#define CRNC_VERIFY_PERMISSIVECHECK_H

#include "lib/verify/Deadline.h"
#include "lib/verify/ImplementationCrn.h"

namespace crnc::verify {

/// Interprets a multiset of implementation species.
/// Requires: every species in `m` is interpreted.
Multiset interpretMultiset(const Interpretation &interpretation,
                           llvm::ArrayRef<SpeciesIndex> m);

/// The minimal implementation states whose interpretation contains
/// `formalReactants`: no species can be dropped without losing that.
/// Requires: every used implementation species is interpreted.
std::vector<Multiset>
minimalImplementationStates(llvm::ArrayRef<SpeciesIndex> formalReactants,
                            const Interpretation &interpretation,
                            llvm::ArrayRef<SpeciesIndex> implementationSpecies);

struct PermissiveFailure {
  size_t formalReaction; ///< index into the formal CRN's reactions
  Multiset state;        ///< a minimal implementation state that is stuck
};

/// Requires: `interpretation` is complete on the used implementation species
/// and satisfies the delimiting condition. Returns the first formal reaction
/// (with a stuck state) that some minimal state cannot implement, or none.
/// Throws DeadlineExpired.
std::optional<PermissiveFailure>
checkPermissive(const Crn &formal, const Crn &implementation,
                const Interpretation &interpretation, const Deadline &deadline);

} // namespace crnc::verify

#endif
