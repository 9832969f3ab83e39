//===- SequenceReport.h - measuring a finished sequence design --*- C++ -*-===//
//
// Every constraint of the designer measured on final sequences: its worst
// value, its limit, the margin and the violations. Also the writers of the
// artifacts: domains and strands as CSV, strands as FASTA, the constraint
// report as JSON.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_SEQUENCEREPORT_H
#define CRNC_BACKENDS_SEQUENCES_SEQUENCEREPORT_H

#include "backends/sequences/DesignModel.h"
#include "backends/sequences/LocalSearch.h"
#include "backends/sequences/SequenceDesign.h"
#include "backends/sequences/SpuriousCheck.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::sequences {

/// The limits of the spurious constraints (see DesignOptions): duplex
/// RT ln(c / a) at the highest strand concentration c of `design` (1 uM when
/// none is given), hairpin -RT ln a, with a = exp(tolerance / RT) - 1, and
/// the reported reference spuriousFraction x toehold target; kcal/mol.
struct SpuriousLimits {
  double duplex = 0, hairpin = 0, reference = 0;
  double highestNanoMolar = 0;
};
SpuriousLimits spuriousLimits(const dna::Design &design,
                              const DesignOptions &options,
                              double toeholdTarget);

/// Requires: `sequences` has one entry per domain; `check` was built for
/// `model`. Guarantees: domains, strands, constraints and the toehold spread
/// filled in; hardViolations counts every hard constraint's violations.
SequenceDesign measureDesign(const dna::Design &design,
                             const DesignModel &model,
                             const std::vector<std::string> &sequences,
                             const SearchProblem &problem, SpuriousCheck &check,
                             const DesignOptions &options,
                             double toeholdTarget);

/// `name,length,kind,sequence,gc_percent,dG_complement_kcal`
void writeDomainsCSV(const SequenceDesign &design, llvm::raw_ostream &os);
/// `name,domains,sequence,length,role`
void writeStrandsCSV(const SequenceDesign &design, llvm::raw_ostream &os);
/// `>name role length=N` then the sequence.
void writeStrandsFASTA(const SequenceDesign &design, llvm::raw_ostream &os);
/// Conditions, toehold target and spread, every constraint.
void writeSequencesJSON(const SequenceDesign &design,
                        const DesignOptions &options, llvm::raw_ostream &os);

} // namespace crnc::sequences

#endif
