//===- SequenceDesign.h - nucleotide sequences for a DSD design -*- C++ -*-===//
//
// Assigns a sequence to every domain of a dna::Design (complements exact)
// under hard constraints -- three-letter A/C/T code on the single-stranded
// orientation (unless the design is too large for three letters to keep
// 8-mers unique: then long domains use four), no GGGG/CCCC, no runs of five A
// or T, a GC window for long domains, toehold dG within a window around a
// target, no 8-mer shared between domain families -- and soft ones checked and
// minimised: a 6-mer crosstalk score and the strongest unintended duplex or
// hairpin among the design's exposed (single-stranded) regions, compared with
// a fraction of the toehold target. Thermodynamics from lib/thermo.
//
// The public result for later stages (order sheets, protocol, SBML) is
// SequenceDesign::strands: every distinct strand with its name, domains,
// sequence and role.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_SEQUENCEDESIGN_H
#define CRNC_BACKENDS_SEQUENCES_SEQUENCEDESIGN_H

#include "lib/dna/Design.h"
#include "lib/thermo/NearestNeighbor.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crnc::sequences {

/// Largest k the uniqueness constraint grows to (a k-mer table holds 4^k
/// counters: 16 MB at 11).
constexpr unsigned MaxUniqueK = 11;

/// Everything a user can choose. Defaults are defined here once.
struct DesignOptions {
  thermo::Conditions conditions; ///< 25 C, 1x TAE, 12.5 mM Mg2+
  uint64_t seed = 1;
  /// Target toehold dG (kcal/mol, negative). Unset: the median dG of the
  /// toeholds that pass the hard filters, so most candidates are in range.
  std::optional<double> toeholdTargetDG;
  double toeholdToleranceDG = 0.5; ///< kcal/mol either side of the target
  /// Spurious structures are hard constraints by what they do to the rates:
  /// a structure holding a strand with equilibrium constant K c (a duplex
  /// with a partner at the design's highest strand concentration c, C_max)
  /// or K (a hairpin) divides its free fraction, and so the rate of every
  /// reaction it starts, by 1 + K c. That may not exceed what the toehold
  /// tolerance already allows, exp(toeholdToleranceDG / RT): duplexes need
  /// dG >= RT ln(c / (exp(tol/RT) - 1)), hairpins dG >= -RT ln(exp(tol/RT)
  /// - 1) (-8.35 and -0.17 kcal/mol at 25 C, 1 uM, tolerance 0.5).
  /// Reported beside them, not enforced: this fraction of the toehold target
  /// (Piperine's criterion for toehold-toehold crosstalk, which short
  /// toeholds cannot meet among all exposed regions: a 4-nt match already
  /// binds with half a 5-nt toehold's dG).
  double spuriousFraction = 0.5;
  double gcMinPercent = 40, gcMaxPercent = 60; ///< long and history domains
  /// No k-mer shared between domain families; raised for large designs
  /// until the long domains fill at most a quarter of the 4^k k-mers.
  unsigned uniqueK = 8;
  unsigned crosstalkK = 6; ///< shared k-mers scored (minimised)
  unsigned restarts = 2;   ///< independent searches; the best is kept
  unsigned threads = 1;    ///< restarts run in parallel; same result for any
  /// Local-search moves per domain and restart.
  unsigned movesPerDomain = 24;
  /// Evaluate and repair spurious structures exactly (dynamic programme over
  /// every pair of exposed regions). Off, or more exposed regions than
  /// `spuriousRegionLimit`: reported as not checked, with the reason. The
  /// pairs grow with the square of the regions: 2,000 regions (about 2,200
  /// domains) are 2 million pairs, a few seconds per full evaluation.
  bool checkSpurious = true;
  unsigned spuriousRegionLimit = 2000;
  /// Repair the spurious structures found (off: only measure them).
  bool repairSpurious = true;
  /// Sequences the user fixes (domain name -> 5'->3' sequence of the domain).
  std::map<std::string, std::string> fixed;
};

/// One domain's sequence and its figures.
struct DomainSequence {
  std::string name;
  dna::DomainKind kind = dna::DomainKind::Long;
  std::string sequence; ///< 5'->3'; the complement is its reverse complement
  double gcPercent = 0;
  double dGComplement = 0; ///< kcal/mol, duplex with its complement
  bool fixed = false;
};

/// A distinct strand of the design, as a lab orders it.
struct StrandSequence {
  std::string name;     ///< "X" for a signal, "f3.2" for strand 2 of fuel f3
  std::string domains;  ///< 5'->3', space-separated, '*' for complements
  std::string sequence; ///< 5'->3'
  std::string role;     ///< signal, gate, fuel, intermediate, waste
};

/// One constraint's outcome. `worst` and `limit` are in the constraint's
/// unit; `margin` is positive when the constraint holds with room to spare.
struct ConstraintResult {
  std::string name;
  std::string unit;
  double worst = 0;
  double limit = 0;
  double margin = 0;
  unsigned violations = 0;
  bool hard = true;
  bool checked = true;
};

struct SequenceDesign {
  std::vector<DomainSequence> domains; ///< by DomainId
  std::vector<StrandSequence> strands; ///< signals first, then by complex
  std::vector<ConstraintResult> constraints;
  double toeholdTargetDG = 0;
  double toeholdMinDG = 0, toeholdMaxDG = 0; ///< spread over the toeholds
  /// Strands whose toehold complement carries intended mismatches (rate
  /// calibration's weakened gates): the toehold window above is over the
  /// domains; these strands bind their toehold more weakly on purpose.
  std::vector<std::string> mismatchedStrands;
  double spuriousLimitDG = 0;     ///< duplex limit, RT ln(f / c), kcal/mol
  double hairpinLimitDG = 0;      ///< hairpin limit, RT ln f, kcal/mol
  double spuriousReferenceDG = 0; ///< spuriousFraction x toehold target
  double highestNanoMolar = 0;    ///< c of the duplex limit
  unsigned uniqueK = 0; ///< k of the k-mer uniqueness actually enforced
  std::string worstDuplexAt, worstHairpinAt; ///< strands involved
  unsigned exposedRegions = 0;
  bool spuriousChecked = false;
  /// Why the spurious check did not run (empty when it did).
  std::string spuriousNotChecked;
  unsigned restartChosen = 0;
  /// Long domains given four letters because three could not keep their
  /// k-mers unique (more demand than half the 3^k k-mers).
  unsigned fourLetterDomains = 0;
  unsigned hardViolations = 0;
  double crosstalkScore = 0;
  double seconds = 0; ///< wall time of the design
  /// Wall time of the search (restarts), the spurious repair and the final
  /// measurement; figures for benchmarks, not written to the artifacts.
  double searchSeconds = 0, repairSeconds = 0, measureSeconds = 0;
  /// Spurious violations the k-mer search left (before the repair) and the
  /// candidates the repair evaluated.
  unsigned spuriousFoundBySearch = 0;
  uint64_t repairCandidates = 0;
};

/// Designs sequences for every domain of `design`.
///
/// Requires: every domain has a length > 0. Fixed sequences name existing
/// domains, have their length and only A, C, G, T.
/// Guarantees: complements are exact; every domain's sequence passes the
/// per-domain filters unless fixed; the result depends only on `design` and
/// `options` minus `threads`. Errors: an impossible toehold target or GC
/// window (llvm::Error naming the reachable range).
llvm::Expected<SequenceDesign> designSequences(const dna::Design &design,
                                               const DesignOptions &options);

/// Sets each domain's sequence in `design` (for writers such as PIL).
void attachSequences(dna::Design &design, const SequenceDesign &result);

} // namespace crnc::sequences

#endif
