//===- ReportData.h - what the verification report presents -----*- C++ -*-===//
//
// The verification report's input: a plain struct with one optional part per
// section. A part that was not computed carries the reason instead
// (`Part::notRun`), and the writers show "not run: <reason>"; a missing
// figure is never invented. Every figure is in the unit its field
// names (nM, /M/s, kcal/mol, nt, seconds). The HTML and JSON writers
// (Report.h) render the same struct, so both carry the same figures.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_REPORT_REPORTDATA_H
#define CRNC_BACKENDS_REPORT_REPORTDATA_H

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crnc::report {

/// A section's content, or why it was not computed.
template <typename T> struct Part {
  std::optional<T> value;
  std::string notRun; ///< the reason, when `value` is empty

  Part() = default;
  Part(T v) : value(std::move(v)) {}
  static Part skipped(std::string reason) {
    Part p;
    p.notRun = std::move(reason);
    return p;
  }
  bool ran() const { return value.has_value(); }
  const T *operator->() const { return &*value; }
  const T &operator*() const { return *value; }
};

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

struct SpeciesRow {
  std::string name;
  std::string role;
  double initialNM = 0; ///< in the formal (lowered) module
  bool constant = false;
};

struct Inputs {
  std::string source;                 ///< the file compiled
  std::vector<std::string> reactions; ///< the input CRN, one per line
  std::string inputUnit;              ///< concentration unit of the input
  std::string scheme;
  double temperatureC = 25, sodiumMM = 0, magnesiumMM = 0;
  double cmaxNM = 0, qmaxPerMS = 0; ///< fuel level, fastest rate (/M/s)
  double concScaleNM = 1;           ///< nM per input unit
  double timeScale = 1;             ///< lab seconds per model second
  std::vector<SpeciesRow> species;  ///< the formal module's species
};

/// One lowering pass: the module's size after it.
struct PassRow {
  std::string pass;
  std::string summary; ///< the pass's one-line description
  unsigned species = 0, reactions = 0, maxOrder = 0;
  double seconds = 0;
};

struct Lowering {
  unsigned inputSpecies = 0, inputReactions = 0, inputMaxOrder = 0;
  std::vector<PassRow> passes; ///< empty: the module was already formal
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct DomainRow {
  std::string name, kind, sequence;
  unsigned length = 0;
  double gcPercent = 0;
  double dG = 0;                 ///< kcal/mol with its complement
  std::optional<double> dGError; ///< toeholds: dG - target
};

struct StrandRow {
  std::string name, role, domains, sequence, purification;
  unsigned length = 0;
  double gcPercent = 0;
};

/// One constraint of the sequence designer, measured on the final sequences.
struct ConstraintRow {
  std::string name, unit;
  bool hard = true, checked = true;
  double worst = 0, limit = 0;
  unsigned violations = 0;
};

struct Strands {
  double toeholdTargetDG = 0, toeholdToleranceDG = 0; ///< kcal/mol
  unsigned hardViolations = 0;
  std::vector<ConstraintRow> constraints;
  std::vector<DomainRow> domains;
  std::vector<StrandRow> strands;
};

/// The strongest unintended duplex between every pair of ordered strands,
/// whole strands taken as single strands (an upper bound: in the mix most
/// of a gate strand is bound in its gate). The heat map holds every strand,
/// or when there are too many the ones whose strongest pair is strongest
/// (`subset`).
struct Crosstalk {
  std::vector<std::string> labels;
  bool subset = false;                 ///< labels are some of the strands
  std::vector<std::vector<double>> dG; ///< kcal/mol, symmetric, 0 = none
  struct Pair {
    std::string a, b;
    double dG = 0;
  };
  std::vector<Pair> worst; ///< the strongest pairs, strongest first
  unsigned strands = 0;    ///< strands measured
  unsigned ordered = 0;    ///< strands ordered (>= strands)
  unsigned long long pairs = 0;
};

struct KineticsRow {
  std::string equation;
  std::optional<double> formalRate; ///< before map-rates, in formalUnit
  std::string formalUnit;
  double qPerMS = 0;         ///< mapped rate constant, /M/s
  std::string toehold;       ///< the gate's input toehold
  double toeholdDG = 0;      ///< kcal/mol
  double predictedPerMS = 0; ///< /M/s from the toehold
  double ratio = 0;          ///< predicted / q
  /// The knob and result of the DSD backend's rate calibration: the
  /// rate-setting gate's level (in gateUnit), the toehold it exposes (nt)
  /// and the intended mismatches its complement carries, the rate crnc's
  /// enumerator measures for the module, and that over q.
  std::optional<double> gateLevel;
  std::string gateUnit;
  std::optional<unsigned> gateToeholdNt;
  unsigned gateToeholdMismatches = 0;
  bool gateToeholdEndMismatch = false; ///< one next to the open end
  bool gateToeholdWobble = false;      ///< one a G.T wobble
  std::optional<double> realisedPerMS, realisedRatio;
};

struct Kinetics {
  std::string model; ///< how `predicted` is computed
  std::vector<KineticsRow> rows;
};

struct Check {
  std::string notion;  ///< "crn-bisimulation", "pathway-decomposition"
  std::string verdict; ///< "correct", "incorrect", "unknown"
  /// The counterexample, the reason it is unknown, or how a correct verdict
  /// was shown (CheckOutcome::method).
  std::string counterexample;
};

struct Verification {
  std::string checkedAgainst, enumeration;
  std::vector<Check> checks;
  std::vector<std::string> interpretation; ///< "x -> A + B"
};

struct Trajectory {
  std::string species;
  std::vector<double> formal, dna;        ///< in concUnit at `times`
  double deviation = 0;                   ///< fraction of the formal range
  std::vector<std::string> representedBy; ///< DNA-level species summed
};

struct Resimulation {
  std::vector<double> times;   ///< in timeUnit
  std::string timeUnit = "s";  ///< of the reference CRN
  std::string concUnit = "nM"; ///< of the reference CRN
  std::vector<Trajectory> species;
  double maxDeviation = 0, threshold = 0.05;
  /// What a deviation is a percentage of.
  std::string deviationOf = "each species' formal range";
  bool pass = false;
  std::string note;
};

/// What `crnc train --level dna` measured on the enumerated design beside
/// the model network (lib/verify/LabRecord.h), and for which design.
struct DnaTraining {
  std::string scheme, network, fuels; ///< the design that was trained
  /// Per epoch: training rows as presented, then the validation rows.
  std::vector<double> trainLoss, validationLoss, validationAccuracy;
  std::optional<double> testLoss, testAccuracy;
  std::vector<std::pair<std::string, double>> weights; ///< model units
  /// The first sample from the same weights, formal CRN vs DNA level:
  /// phase 1 outputs (forward computation), phase 2 weight changes
  /// (update), in `weights` order.
  std::vector<double> firstFormalOutputs, firstOutputs, firstFormalChanges,
      firstChanges;
  std::optional<double> lowestFuelFraction; ///< finite fuels only
  std::string lowestFuelName;
  double hoursPerPhase = 0, hoursPerSample = 0, trainingHours = 0;
  double hoursPerBackwardPhase = 0; ///< differs from hoursPerPhase when the
                                    ///< design's pace was measured
  unsigned trainingSamples = 0, evaluatedSamples = 0;
  /// How the trained design differs from the one compiled (empty: it is
  /// this design, the weights aside).
  std::vector<std::string> differences;
};

struct Training {
  std::string task; ///< "binary", "multiclass", "regression"
  /// The model network (chemical training), per epoch.
  std::vector<double> trainLoss, validationLoss, validationAccuracy;
  std::optional<double> testLoss, testAccuracy; ///< formal (chemical)
  Part<DnaTraining> dna;
};

struct Costs {
  unsigned complexes = 0, strands = 0;
  unsigned long long nucleotides = 0;
  std::optional<double> pricePerNt; ///< USD
  std::optional<double> orderCost;  ///< USD
  struct ModuleCost {
    std::string equation;
    unsigned strands = 0, nucleotides = 0;
  };
  std::vector<ModuleCost> perModule;
  unsigned signalStrands = 0, signalNucleotides = 0;
};

/// Everything the report shows, in section order.
struct ReportData {
  std::string name;
  Inputs inputs;
  Part<Lowering> lowering;
  Part<Strands> strands;
  Part<Crosstalk> crosstalk;
  Part<Kinetics> kinetics;
  Part<Verification> verification;
  Part<Resimulation> resimulation;
  Part<Training> training; ///< only for learning networks
  Costs costs;
  std::vector<std::string> warnings; ///< e.g. a mix that does not fit
};

/// What a user chooses about the report (`crnc compile` flags).
struct ReportSettings {
  std::optional<double> pricePerNt; ///< USD per nucleotide: the order cost
  unsigned heatMapRows = 40;        ///< strands shown in the crosstalk map
  /// Strands whose pairs are measured (the pairs grow quadratically): single
  /// strands first, then gate strands, in order.
  unsigned crosstalkStrands = 200;
};

/// The verdict in the summary box.
struct Summary {
  enum class Status { Pass, Fail, Incomplete } status = Status::Incomplete;
  std::vector<std::string> reasons; ///< what failed, passed, or did not run
};

/// Pass: every check that ran passed and the formal verification and
/// re-simulation ran; fail: a verdict incorrect, a re-simulation deviation
/// over its threshold or a hard sequence constraint violated; incomplete
/// otherwise. Soft constraints not met and other doubts are warnings.
Summary summarize(const ReportData &data);
const char *statusName(Summary::Status status);

} // namespace crnc::report

#endif
