//===- ReportBuilder.h - the report's sections from compile results -*- C++
//-*-===//
//
// Turns what the compile pipeline produced (input and formal modules, the
// lowering's pass log, the DNA design, its sequences, the protocol's order
// strands) into the sections of ReportData. Measurements that are not just
// copies live in their own files: Crosstalk.cpp (spurious duplexes between
// every pair of ordered strands) and Kinetics.cpp (rate predicted from each
// gate's toehold).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_REPORT_REPORTBUILDER_H
#define CRNC_BACKENDS_REPORT_REPORTBUILDER_H

#include "backends/protocol/Protocol.h"
#include "backends/report/ReportData.h"
#include "backends/sequences/SequenceDesign.h"
#include "ir/Module.h"
#include "lib/dna/Design.h"
#include "lib/thermo/SaltCorrection.h"
#include "lib/verify/VerificationOutcome.h"

namespace crnc::report {

/// One rate of the module before map-rates: a reaction direction's rate
/// constant in the module's unit and seconds.
struct RateBefore {
  double rate = 0;
  std::optional<double> reverseRate;
  unsigned order = 0, reverseOrder = 0;
};

/// The rates of `module`'s reactions, by reaction index, and its unit.
struct RatesBefore {
  std::vector<RateBefore> reactions;
  std::string unit; ///< "nM", or "" for a dimensionless module
};
RatesBefore snapshotRates(const ir::Module &module);

Inputs describeInputs(const ir::Module &input, const ir::Module &formal,
                      llvm::StringRef source, llvm::StringRef scheme,
                      const thermo::Conditions &conditions);

/// `passes` as the pass manager logged them; the formal module's attributes
/// (time scale, C_max, ...) are listed too.
Lowering describeLowering(const ir::Module &input, std::vector<PassRow> passes,
                          const ir::Module &formal);

/// Domains from the sequence design; strands as the lab orders them
/// (`ordered`, with their purification under `order`).
Strands describeStrands(const sequences::SequenceDesign &seqs,
                        const sequences::DesignOptions &options,
                        const std::vector<protocol::OrderStrand> &ordered,
                        const protocol::OrderSettings &order);

/// Crosstalk.cpp: the strongest unintended duplex (lib/thermo bestDuplex,
/// designed domain pairs masked) between every pair of `ordered` strands,
/// self-pairs included, over at most settings.crosstalkStrands strands
/// (single strands first, then gate strands, each in order). A heat map of
/// at most settings.heatMapRows rows: beyond that, the strands with the
/// strongest crosstalk. Rows run on `threads` threads; the result does not
/// depend on how many.
Crosstalk measureCrosstalk(const sequences::SequenceDesign &seqs,
                           const std::vector<protocol::OrderStrand> &ordered,
                           const thermo::Conditions &conditions,
                           const ReportSettings &settings, unsigned threads);

/// Kinetics.cpp: per formal reaction direction, the mapped rate q, the
/// gate's input toehold and the rate its toehold predicts. `before` may be
/// empty (no map-rates ran): formal rates are then not shown. `seqs` null:
/// toehold dG from the domain-level model.
Kinetics describeKinetics(const ir::Module &formal, const RatesBefore &before,
                          const dna::Design &design,
                          const sequences::SequenceDesign *seqs,
                          const thermo::Conditions &conditions);

/// The three-state model's effective bimolecular rate (/M/s) of a toehold of
/// `toeholdLength` nt binding with `dG` kcal/mol, then branch migration over
/// `migrationLength` nt, at `kelvin`.
double predictedDisplacementRate(unsigned toeholdLength, double dG,
                                 unsigned migrationLength, double kelvin);

/// FromVerification.cpp: steps 5 and 6's verdicts (with counterexamples or
/// the reason a verdict is unknown) and interpretation.
Verification describeVerification(const verify::VerificationOutcome &v);
/// The re-simulation: both trajectories per formal species on the reference
/// CRN's axes, or "not run" with the problem that stopped it.
Part<Resimulation> describeResimulation(const verify::ResimulationOutcome &r);

Costs describeCosts(const dna::Design &design, const dna::DesignCosts &costs,
                    std::optional<double> pricePerNt);

/// The training curves the module carries (lib/train/TrainingHistory.h);
/// "not run" for a module that is not a learning network or was not
/// trained. The DNA level comes from the module's `crnc train --level dna`
/// record (lib/verify/LabRecord.h), compared with the design of `scheme`
/// that `formal` compiles to; "not run" without a record.
Part<Training> describeTraining(const ir::Module &formal,
                                llvm::StringRef scheme);

} // namespace crnc::report

#endif
