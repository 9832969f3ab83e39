//===- Resimulation.cpp - formal vs implementation trajectories -----------===//
//
//  1. Initial state of the implementation: declared values, except that a
//     species interpreted as exactly {X} starts at X's formal initial value
//     (the one named X if several are, else the first), the others at zero
//     unless a fuel (declared constant or listed; fuels keep their declared
//     level throughout).
//  2. Both networks simulated at the same output times (CVODE, or the mean of
//     a seeded SSA ensemble at the implementation's copy numbers: the SSA
//     volume is read in the implementation's unit, litres when it has one).
//  3. Per formal species, the interpreted sum is compared with the formal
//     trajectory relative to the formal range.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/Resimulation.h"
#include "lib/sim/CompiledNetwork.h"
#include <cmath>

namespace crnc::verify {

/// The implementation's initial state (step 1).
static std::vector<double>
initialState(const ir::Module &formal, const Crn &formalCrn,
             const ir::Module &implementation, const Crn &implCrn,
             const Interpretation &m, llvm::ArrayRef<SpeciesIndex> fuels) {
  std::vector<double> state(implementation.speciesCount(), 0);
  std::vector<std::optional<SpeciesIndex>> carrier(formalCrn.speciesCount());
  for (SpeciesIndex s = 0; s < implCrn.speciesCount(); ++s) {
    if (implementation.getSpecies(s).constant || llvm::is_contained(fuels, s))
      state[s] = implementation.getSpecies(s).initial;
    if (!m[s] || m[s]->size() != 1)
      continue;
    SpeciesIndex f = m[s]->front();
    if (!carrier[f] || implCrn.speciesNames[s] == formalCrn.speciesNames[f])
      carrier[f] = s;
  }
  for (SpeciesIndex f = 0; f < carrier.size(); ++f)
    if (carrier[f])
      state[*carrier[f]] = formal.getSpecies(f).initial;
  return state;
}

/// Simulates `module`; an SSA run uses `moleculesPerUnit` molecules per unit
/// of concentration whatever the module's unit, so that both networks are
/// sampled at the same copy numbers.
static llvm::Expected<sim::Trace> run(const ir::Module &module,
                                      std::vector<double> initial,
                                      const ResimulationOptions &options,
                                      double moleculesPerUnit) {
  sim::CompiledNetwork network(module);
  sim::SimulateOptions sim;
  sim.tEnd = options.tEnd;
  sim.points = options.points;
  sim.initialState = std::move(initial);
  sim.solver = options.solver;
  if (!options.ssa)
    return sim::simulate(network, sim::Schedule(), sim);
  sim::SsaOptions ssa = *options.ssa;
  ssa.volume = moleculesPerUnit / sim::moleculesPerUnit(module.unit, 1.0);
  llvm::Expected<sim::Ensemble> ensemble =
      sim::simulateSsa(network, sim::Schedule(), sim, ssa);
  if (!ensemble)
    return ensemble.takeError();
  return std::move(ensemble->mean);
}

/// Step 3 for formal species f.
static SpeciesDeviation compare(SpeciesIndex f, const sim::Trace &formal,
                                const sim::Trace &impl, const Crn &formalCrn,
                                const Interpretation &m) {
  SpeciesDeviation d;
  d.species = formalCrn.speciesNames[f];
  double lo = INFINITY, hi = -INFINITY;
  for (size_t r = 0; r < formal.rows(); ++r) {
    lo = std::min(lo, formal.at(r, f));
    hi = std::max(hi, formal.at(r, f));
  }
  d.range = hi - lo;
  // A constant formal species is compared relative to its level.
  double scale = d.range > 0 ? d.range : std::max(std::fabs(hi), 1e-12);
  for (size_t r = 0; r < formal.rows() && r < impl.rows(); ++r) {
    double sum = 0;
    for (size_t s = 0; s < m.size(); ++s)
      if (m[s])
        sum += multisetCount(*m[s], f) * impl.at(r, s);
    double deviation = std::fabs(sum - formal.at(r, f)) / scale;
    if (r == 0 || deviation > d.deviation) {
      d.deviation = deviation;
      d.time = formal.times[r];
      d.formal = formal.at(r, f);
      d.implementation = sum;
    }
  }
  return d;
}

llvm::Expected<ResimulationResult>
resimulate(const ir::Module &formal, const Crn &formalCrn,
           const ir::Module &implementation, const Crn &implCrn,
           const Interpretation &interpretation,
           const ResimulationOptions &options) {
  std::vector<double> formalInitial;
  for (const ir::Species &s : formal.allSpecies())
    formalInitial.push_back(s.initial);
  double omega = options.ssa ? sim::moleculesPerUnit(implementation.unit,
                                                     options.ssa->volume)
                             : 1;
  llvm::Expected<sim::Trace> formalTrace =
      run(formal, formalInitial, options, omega);
  if (!formalTrace)
    return formalTrace.takeError();
  ir::Module held = implementation;
  for (SpeciesIndex s : options.fuels)
    held.getSpecies(s).constant = true;
  llvm::Expected<sim::Trace> implTrace =
      run(held,
          initialState(formal, formalCrn, implementation, implCrn,
                       interpretation, options.fuels),
          options, omega);
  if (!implTrace)
    return implTrace.takeError();
  ResimulationResult result;
  for (SpeciesIndex f : formalCrn.usedSpecies()) {
    result.species.push_back(
        compare(f, *formalTrace, *implTrace, formalCrn, interpretation));
    if (result.species.back().deviation >= result.maxDeviation) {
      result.maxDeviation = result.species.back().deviation;
      result.worstSpecies = result.species.back().species;
    }
  }
  result.pass = result.maxDeviation <= options.threshold;
  result.formalTrace = std::move(*formalTrace);
  result.implementationTrace = std::move(*implTrace);
  return result;
}

} // namespace crnc::verify
