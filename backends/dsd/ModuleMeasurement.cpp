//===- ModuleMeasurement.cpp - what one module's gates realise -----------===//
//
// One reaction module is enumerated alone with crnc's enumerator and its
// condensed network solved in quasi-steady state:
// fuels held at their levels, the step's reactant signals at a trace level,
// products and wastes as sinks. Rate calibration reads the design through
// this measurement.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/ModuleMeasurement.h"
#include "ir/LoweringAttributes.h"
#include "lib/enumerate/Enumerator.h"
#include <algorithm>
#include <cmath>
#include <map>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// The macrostates of one enumerated module, by what holds them.
struct ModuleNetwork {
  enumerate::EnumeratedSystem system;
  std::vector<double> held;          ///< M; NaN for an unknown
  std::vector<int> unknown;          ///< index among the unknowns, or -1
  std::vector<ComplexIndex> fuelOf;  ///< design index of a fuel macrostate
  std::vector<std::string> signalOf; ///< formal species of a signal
  size_t unknowns = 0;
};
} // namespace

static double molarPerUnit(const Design &design) {
  return concUnitInMolar(design.unit);
}

/// The design of one module: its fuels (as initial complexes) and the
/// signals of its step (reactants initial, products named only).
static Design moduleDesign(const Design &design, size_t moduleIndex,
                           const Step &step, const ir::Module &module) {
  Design sub;
  sub.domains = design.domains;
  sub.unit = design.unit;
  auto addSignal = [&](ir::SpeciesId s, bool initial) {
    std::optional<ComplexIndex> c = design.lookup(module.getSpecies(s).name);
    if (!c || sub.lookup(design.getComplex(*c).name))
      return;
    NamedComplex nc = design.getComplex(*c);
    nc.concentration = initial ? std::optional<double>() : 0.0;
    nc.constant = false;
    sub.add(std::move(nc));
  };
  for (ir::SpeciesId s : step.reactants)
    addSignal(s, true);
  for (ir::SpeciesId s : step.products)
    addSignal(s, false);
  for (ComplexIndex f : design.modules[moduleIndex].fuels) {
    NamedComplex nc = design.getComplex(f);
    nc.concentration.reset();
    sub.add(std::move(nc));
  }
  return sub;
}

/// The domains of a single-stranded complex without its history domains
/// (a product signal carries a fresh history domain; it is the same formal
/// species as the signal).
static std::optional<std::vector<DomainRef>>
signalShape(const Complex &c, const DomainTable &domains) {
  if (c.strandCount() != 1)
    return std::nullopt;
  std::vector<DomainRef> shape;
  for (unsigned p = 0; p < c.domainCount(); ++p) {
    if (c.partner(p) != Complex::Unpaired)
      return std::nullopt;
    if (domains.get(c.domainAt(p).id).kind != DomainKind::History)
      shape.push_back(c.domainAt(p));
  }
  return shape;
}

/// The formal species whose signal has the shape of `c`, or "".
static std::string signalOfShape(const Complex &c, const Design &sub) {
  std::optional<std::vector<DomainRef>> shape = signalShape(c, sub.domains);
  if (!shape)
    return "";
  for (const NamedComplex &nc : sub.allComplexes())
    if (nc.role == ComplexRole::Signal &&
        signalShape(nc.complex, sub.domains) == shape)
      return nc.formal;
  return "";
}

/// The enumerated network of a module's sub-design. Bindings past the size
/// limit are dropped, as Peppercorn does: they are polymerisation side
/// paths, not the module's rate-setting steps. The limit is at least one
/// strand above the module's largest gate, so that the gate can bind its
/// input (qian2011's gate of a five-product reaction has 12 strands; at the
/// usual 10 it realised no rate at all).
static llvm::Expected<ModuleNetwork> enumerateModule(const Design &sub) {
  enumerate::EnumerateOptions limits;
  limits.dropOversized = true;
  for (const NamedComplex &c : sub.allComplexes())
    limits.maxComplexSize =
        std::max(limits.maxComplexSize, unsigned(c.complex.strandCount()) + 1);
  llvm::Expected<enumerate::EnumeratedSystem> sys =
      enumerate::enumerateDesign(sub, limits);
  if (!sys)
    return sys.takeError();
  ModuleNetwork net;
  net.system = std::move(*sys);
  return net;
}

/// Classifies the macrostates: fuels at their level, reactant signals at
/// eps (`partner` at `partnerLevel` when set), product signals and dead ends
/// as sinks (0), the rest unknown.
static void classify(ModuleNetwork &net, const Design &design,
                     const Design &sub,
                     const std::vector<std::string> &reactants, double eps,
                     const std::string &partner = "", double partnerLevel = 0) {
  const auto &sys = net.system;
  size_t n = sys.macrostates.size();
  net.held.assign(n, NAN);
  net.fuelOf.assign(n, ~ComplexIndex(0));
  net.signalOf.assign(n, "");
  std::vector<bool> exits(n, false);
  for (const enumerate::CondensedReaction &r : sys.condensed)
    for (enumerate::MacrostateId m : r.reactants)
      exits[m] = true;
  for (enumerate::MacrostateId m = 0; m < n; ++m) {
    for (enumerate::ComplexId c : sys.macrostates[m].complexes) {
      const enumerate::EnumeratedComplex &ec = sys.complexes[c];
      if (ec.input && sub.getComplex(*ec.input).role == ComplexRole::Fuel) {
        net.fuelOf[m] = *design.lookup(sub.getComplex(*ec.input).name);
        net.held[m] =
            design.getComplex(net.fuelOf[m]).concentration.value_or(0) *
            molarPerUnit(design);
        continue;
      }
      std::string formal = signalOfShape(ec.complex, sub);
      if (formal.empty())
        continue;
      net.signalOf[m] = formal;
      bool reactant =
          std::count(reactants.begin(), reactants.end(), formal) > 0;
      net.held[m] = !reactant                               ? 0
                    : formal == partner && partnerLevel > 0 ? partnerLevel
                                                            : eps;
    }
    if (std::isnan(net.held[m]) && !exits[m])
      net.held[m] = 0;
  }
  // Copies of one signal that differ in history domains react alike: their
  // sum is the signal's level.
  std::map<std::string, unsigned> copies;
  for (const std::string &formal : net.signalOf)
    if (!formal.empty())
      ++copies[formal];
  for (enumerate::MacrostateId m = 0; m < n; ++m)
    if (!net.signalOf[m].empty())
      net.held[m] /= copies[net.signalOf[m]];
  net.unknown.assign(n, -1);
  net.unknowns = 0;
  for (enumerate::MacrostateId m = 0; m < n; ++m)
    if (std::isnan(net.held[m]))
      net.unknown[m] = int(net.unknowns++);
}

/// Solves A x = b by Gaussian elimination with partial pivoting; false when
/// singular.
static bool solveDense(std::vector<std::vector<double>> a,
                       std::vector<double> b, std::vector<double> &x) {
  size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r)
      if (std::fabs(a[r][col]) > std::fabs(a[pivot][col]))
        pivot = r;
    if (!(std::fabs(a[pivot][col]) > 0))
      return false;
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (size_t r = col + 1; r < n; ++r) {
      double f = a[r][col] / a[col][col];
      if (f == 0)
        continue;
      for (size_t k = col; k < n; ++k)
        a[r][k] -= f * a[col][k];
      b[r] -= f * b[col];
    }
  }
  x.assign(n, 0);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k)
      s -= a[i][k] * x[k];
    x[i] = s / a[i][i];
  }
  return true;
}

/// Net change of macrostate `m` in reaction `r` (products minus reactants).
static int netChange(const enumerate::CondensedReaction &r,
                     enumerate::MacrostateId m) {
  return int(std::count(r.products.begin(), r.products.end(), m)) -
         int(std::count(r.reactants.begin(), r.reactants.end(), m));
}

/// One linearised quasi-steady-state solve: reactions with two unknowns
/// take the first at its previous value `prev`.
static bool solveOnce(const ModuleNetwork &net, const std::vector<double> &prev,
                      std::vector<double> &next) {
  size_t n = net.unknowns;
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0));
  std::vector<double> b(n, 0);
  for (const enumerate::CondensedReaction &r : net.system.condensed) {
    double coef = r.rate;
    int variable = -1;
    for (enumerate::MacrostateId m : r.reactants) {
      int u = net.unknown[m];
      if (u < 0)
        coef *= net.held[m];
      else if (variable < 0)
        variable = u;
      else
        coef *= prev[u];
    }
    if (coef == 0)
      continue;
    std::vector<enumerate::MacrostateId> touched = r.reactants;
    touched.insert(touched.end(), r.products.begin(), r.products.end());
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (enumerate::MacrostateId m : touched) {
      int row = net.unknown[m];
      if (row < 0)
        continue;
      double d = netChange(r, m) * coef;
      if (variable < 0)
        b[row] -= d;
      else
        a[row][variable] += d;
    }
  }
  return solveDense(std::move(a), std::move(b), next);
}

/// Concentrations of every macrostate in quasi-steady state.
static bool steadyState(const ModuleNetwork &net, std::vector<double> &conc) {
  std::vector<double> x(net.unknowns, 0), next;
  for (int round = 0; round < 40; ++round) {
    if (!solveOnce(net, x, next))
      return false;
    double change = 0, scale = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      change = std::max(change, std::fabs(next[i] - x[i]));
      scale = std::max(scale, std::fabs(next[i]));
    }
    x = next;
    if (change <= 1e-12 * scale)
      break;
  }
  conc = net.held;
  for (size_t m = 0; m < conc.size(); ++m)
    if (net.unknown[m] >= 0)
      conc[m] = std::max(0.0, x[net.unknown[m]]);
  return true;
}

/// The reactant whose net loss per firing measures the step's rate, and
/// that loss.
static std::pair<std::string, int> measuredSpecies(const ir::Module &module,
                                                   const Step &step) {
  for (ir::SpeciesId s : step.reactants) {
    int loss =
        int(std::count(step.reactants.begin(), step.reactants.end(), s)) -
        int(std::count(step.products.begin(), step.products.end(), s));
    if (loss > 0)
      return {module.getSpecies(s).name, loss};
  }
  for (ir::SpeciesId s : step.products) {
    int gain = int(std::count(step.products.begin(), step.products.end(), s)) -
               int(std::count(step.reactants.begin(), step.reactants.end(), s));
    if (gain > 0)
      return {module.getSpecies(s).name, -gain};
  }
  return {"", 0};
}

static llvm::Error measureError(const Step &step, const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot measure the rate of '" +
                                     step.equation + "': " + why);
}

/// The fuel macrostate that the first reactant's signal binds.
static std::optional<ComplexIndex> rateGate(const ModuleNetwork &net,
                                            const std::string &first) {
  for (const enumerate::CondensedReaction &r : net.system.condensed) {
    if (r.reactants.size() != 2)
      continue;
    for (int i = 0; i < 2; ++i) {
      enumerate::MacrostateId s = r.reactants[i], f = r.reactants[1 - i];
      if (net.signalOf[s] == first && net.fuelOf[f] != ~ComplexIndex(0))
        return net.fuelOf[f];
    }
  }
  return std::nullopt;
}

llvm::Expected<MeasuredRate> dsd::measureModuleRate(const ir::Module &module,
                                                    const Design &design,
                                                    size_t moduleIndex,
                                                    const Step &step) {
  Design sub = moduleDesign(design, moduleIndex, step, module);
  llvm::Expected<ModuleNetwork> enumerated = enumerateModule(sub);
  if (!enumerated)
    return enumerated.takeError();
  ModuleNetwork &net = *enumerated;
  double gate = (step.gateFuelLevel > 0 ? step.gateFuelLevel
                                        : fuelConcentration(module)) *
                molarPerUnit(design);
  double eps = gate * 1e-7;
  std::vector<std::string> reactants;
  for (ir::SpeciesId s : step.reactants)
    reactants.push_back(module.getSpecies(s).name);
  // The second reactant at the level the module fires at: it drains the
  // gate's held complex beside the backward strand.
  std::string partner;
  double partnerLevel = 0;
  if (reactants.size() == 2 && reactants[0] != reactants[1] &&
      step.partnerLevel > 0) {
    partner = reactants[1];
    partnerLevel = step.partnerLevel * molarPerUnit(design);
  }
  classify(net, design, sub, reactants, eps, partner, partnerLevel);
  auto [measured, perFiring] = measuredSpecies(module, step);
  if (perFiring == 0)
    return measureError(step, "no species changes");
  std::vector<double> conc;
  if (!steadyState(net, conc))
    return measureError(step, "its intermediates have no steady state");
  double flux = 0;
  for (const enumerate::CondensedReaction &r : net.system.condensed) {
    double v = r.rate;
    for (enumerate::MacrostateId m : r.reactants)
      v *= conc[m];
    for (enumerate::MacrostateId m = 0; m < conc.size(); ++m)
      if (net.signalOf[m] == measured)
        flux -= netChange(r, m) * v;
  }
  size_t n = step.reactants.size();
  MeasuredRate out;
  double levels =
      partner.empty() ? std::pow(eps, double(n)) : eps * partnerLevel;
  out.perMolarSecond = flux / perFiring / levels / std::pow(gate, 2.0 - n);
  if (!reactants.empty())
    out.rateGate = rateGate(net, reactants.front());
  return out;
}

std::optional<ComplexIndex> dsd::firstReactant(const ir::Module &module,
                                               const Design &design,
                                               const Step &step) {
  if (step.reactants.empty())
    return std::nullopt;
  return design.lookup(module.getSpecies(step.reactants.front()).name);
}
