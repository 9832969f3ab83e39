//===- CompiledNetwork.h - a CRN lowered to flat arrays ---------*- C++ -*-===//
//
// An ir::Module lowered once into the arrays the integrators read: reaction
// channels grouped by order, the net stoichiometry in CSR form (species rows),
// and the sparsity pattern of the analytic Jacobian (CSC). Every simulator
// reads one const CompiledNetwork; it holds no mutable state, so any number of
// simulators on any number of threads may share it.
//
// Kinetics (the convention of ir/Module.h, Nuskell and Peppercorn, and the SBML
// export): a channel with reactants sum_i c_i X_i and rate constant k fires at
//     v = k * prod_i [X_i]^{c_i}
// (so `2A -> B` fires at k*A^2 and d[A]/dt = -2 k A^2). A reversible reaction
// contributes two channels, forward (k = rate) and reverse (k = reverseRate,
// reactants = the products). Constant species (Species::constant) have a zero
// row: the dynamics never change them.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_COMPILEDNETWORK_H
#define CRNC_SIM_COMPILEDNETWORK_H

#include "ir/Module.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include <cstdint>
#include <string>
#include <vector>

namespace crnc::sim {

/// One direction of one reaction, as the integrators see it.
struct ChannelInfo {
  uint32_t reaction; ///< index into Module::allReactions()
  bool reverse;      ///< the reverse direction of a reversible reaction
  ir::PhaseId phase; ///< ir::NoPhase: always active
};

struct RawChannel; // a channel as the constructors collect it

/// The network in flat arrays. Build with CompiledNetwork(module); immutable.
///
/// Channels are stored in internal order: zero-order, then first-order, then
/// bimolecular A+B, then 2A, then all higher orders. `channel(c)` maps back.
class CompiledNetwork {
public:
  /// Lowers `module`. The module is not referenced afterwards.
  explicit CompiledNetwork(const ir::Module &module);
  /// The network of `full` over the listed species only, in that order:
  /// species i here is species[i] there. Changes of unlisted species are
  /// dropped; no channel may have an unlisted reactant (the integrator drops
  /// sinks, species no channel reads; see SinkLaws.h). Channels, rates and
  /// phases are kept.
  CompiledNetwork(const CompiledNetwork &full,
                  llvm::ArrayRef<uint32_t> species);

  size_t speciesCount() const { return names.size(); }
  size_t channelCount() const { return channels.size(); }
  size_t phaseCount() const { return numPhases; }
  const std::string &speciesName(size_t i) const { return names[i]; }
  llvm::ArrayRef<std::string> speciesNames() const { return names; }
  /// Index of the species named `name`, or -1.
  long lookupSpecies(llvm::StringRef name) const;
  bool isConstant(size_t species) const { return constant[species] != 0; }
  /// Signed species (abstract CRNs) may go negative; others are kept >= 0.
  bool isSigned(size_t species) const { return signedSp[species] != 0; }
  /// Initial concentrations from the module (its unit).
  llvm::ArrayRef<double> initialState() const { return initial; }
  /// The rate constant of each channel, in internal order.
  llvm::ArrayRef<double> rateConstants() const { return rates; }
  const ChannelInfo &channel(size_t c) const { return channels[c]; }
  /// The module's concentration unit (for molecule counts and output).
  ConcUnit unit() const { return concUnit; }

  /// Channel rate constants with channels of inactive phases zeroed.
  /// `activePhases[p]` says whether phase p runs; NoPhase channels always do.
  std::vector<double> maskedRates(const std::vector<bool> &activePhases) const;

  /// Fluxes v[c] of every channel at state y, with rate constants k.
  void fluxes(const double *y, const double *k, double *v) const;
  /// dy/dt = N v(y) with rate constants k (length channelCount()).
  /// `scratchFlux` (channelCount() entries) may be overwritten.
  void rhs(const double *y, const double *k, double *dydt,
           double *scratchFlux) const;

  /// Dense column-major Jacobian, n x n: J[col * n + row] = d f_row / d y_col.
  void denseJacobian(const double *y, const double *k, double *J) const;

  /// Jv = J(y) * x without forming J (for Krylov solvers); `scratch` has
  /// channelCount() entries.
  void jacobianTimes(const double *y, const double *k, const double *x,
                     double *Jv, double *scratch) const;

  /// Species changed by so many channels that the RHS sums their derivative
  /// from the stored fluxes rather than scattering into it.
  size_t hubCount() const { return hubSpecies.size(); }

  /// CSC pattern of the Jacobian (diagonal always present).
  llvm::ArrayRef<int64_t> jacobianColPtr() const { return jacColPtr; }
  llvm::ArrayRef<int64_t> jacobianRowIdx() const { return jacRowIdx; }
  size_t jacobianNonZeros() const { return jacRowIdx.size(); }
  /// Fills the values of the CSC Jacobian (pattern above), length nnz.
  void sparseJacobian(const double *y, const double *k, double *values) const;

  /// Net stoichiometry, CSR with species rows: for species i, entries
  /// stoichRowPtr[i]..stoichRowPtr[i+1] give (channel, net change).
  llvm::ArrayRef<int32_t> stoichRowPtr() const { return rowPtr; }
  llvm::ArrayRef<int32_t> stoichChannel() const { return colIdx; }
  llvm::ArrayRef<double> stoichValue() const { return coef; }

  /// Reactant list of channel c as (species, count) pairs.
  llvm::ArrayRef<uint32_t> reactantSpecies(size_t c) const {
    return llvm::ArrayRef<uint32_t>(reactSp).slice(
        reactPtr[c], reactPtr[c + 1] - reactPtr[c]);
  }
  llvm::ArrayRef<uint32_t> reactantCounts(size_t c) const {
    return llvm::ArrayRef<uint32_t>(reactCnt).slice(
        reactPtr[c], reactPtr[c + 1] - reactPtr[c]);
  }
  /// Net change per firing of channel c, as (species, delta) pairs; constant
  /// species are omitted.
  llvm::ArrayRef<uint32_t> changeSpecies(size_t c) const {
    return llvm::ArrayRef<uint32_t>(chgSp).slice(chgPtr[c],
                                                 chgPtr[c + 1] - chgPtr[c]);
  }
  llvm::ArrayRef<int32_t> changeDeltas(size_t c) const {
    return llvm::ArrayRef<int32_t>(chgDelta).slice(chgPtr[c],
                                                   chgPtr[c + 1] - chgPtr[c]);
  }

  /// Order groups: channels [groupBegin(g), groupBegin(g+1)) have order g for
  /// g in {0,1}; group 2 is A+B, group 3 is 2A, group 4 is order >= 3.
  size_t groupBegin(unsigned g) const { return groupStart[g]; }

private:
  void build(std::vector<RawChannel> raw);
  void buildStoichiometry();
  void buildJacobianPattern();

  std::vector<std::string> names;
  llvm::StringMap<uint32_t> nameIndex;
  std::vector<uint8_t> constant, signedSp;
  std::vector<double> initial;
  ConcUnit concUnit = ConcUnit::None;
  size_t numPhases = 0;

  std::vector<ChannelInfo> channels;
  std::vector<double> rates;
  size_t groupStart[6] = {0, 0, 0, 0, 0, 0};
  // First and second reactant of order-1 and order-2 channels (flat, fast
  // path).
  std::vector<uint32_t> first, second;
  // Reactants of every channel (species, count), CSR by channel.
  std::vector<uint32_t> reactPtr, reactSp, reactCnt;
  // Net change per channel, CSR by channel (constant species omitted).
  std::vector<uint32_t> chgPtr, chgSp;
  std::vector<int32_t> chgDelta;
  // The same without hub species, which the RHS scatters into.
  std::vector<uint32_t> scatterPtr, scatterSp;
  std::vector<double> scatterDelta;
  // Hub species (changed by many channels) and their stoichiometry rows: the
  // RHS sums their derivatives from the fluxes.
  std::vector<uint32_t> hubSpecies, hubRowPtr, hubChannel;
  std::vector<double> hubDelta;
  // Runs of channels with one order group, one count of changed non-hub
  // species (5: five or more) and, for channels whose changes are all +-1,
  // one count of losses; the RHS runs one specialised loop per run.
  struct Block {
    uint32_t begin, end;
    uint8_t group, changes;
    uint8_t losses; ///< all changes +-1: how many are -1; else 255
  };
  std::vector<Block> blocks;
  // Net stoichiometry, CSR by species.
  std::vector<int32_t> rowPtr, colIdx;
  std::vector<double> coef;
  // Jacobian: CSC pattern, and for every (channel, reactant slot) the
  // positions in the value array its derivative is added to, with weights.
  std::vector<int64_t> jacColPtr, jacRowIdx;
  std::vector<uint32_t> slotPtr; // per reactant slot: range in slotPos/slotCoef
  std::vector<int64_t> slotPos;
  std::vector<double> slotCoef;
};

} // namespace crnc::sim

#endif
