//===- Kinetics.cpp - the rate each gate's toehold predicts ---------------===//
//
// Per formal reaction direction: the rate before map-rates, the mapped
// bimolecular rate q (Soloveichik, Seelig & Winfree 2010: a step of order
// d < 2 runs on 2 - d fuels at C_max, q = k / C_max^(2-d)), the input
// toehold of the first gate of the reaction's module (its exposed complement
// toehold), and the rate of toehold-mediated strand displacement that this
// toehold predicts in the three-state model of Zhang & Winfree, JACS
// 131:17303 (2009), with Peppercorn's rate constants (lib/enumerate's
// RateModel): k = k_bind k_bm / (k_open + k_bm), k_bind = 3e5 L /M/s,
// k_open = k_bind exp(dG / RT) (1 M standard state), k_bm = 1e4 / L_bm /s.
// Beside it, the knob and the rate the DSD backend's rate calibration
// recorded per module (backends/dsd/RateCalibration.h).
//
//===----------------------------------------------------------------------===//

#include "backends/report/ReportBuilder.h"
#include "ir/Printer.h"
#include "lib/enumerate/RateModel.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::report;

namespace {
/// The toehold a gate exposes and the paired domain branch migration runs
/// over next to it.
struct GateToehold {
  dna::DomainRef toehold;
  unsigned migrationLength = 0;
};
} // namespace

/// The first unpaired complement toehold of `c` whose neighbour on the
/// strand is paired (a toehold at the end of a duplex).
static std::optional<GateToehold> inputToehold(const dna::Complex &c,
                                               const dna::DomainTable &t) {
  for (unsigned p = 0; p < c.domainCount(); ++p) {
    dna::DomainRef d = c.domainAt(p);
    if (c.partner(p) != dna::Complex::Unpaired || !d.complement ||
        t.get(d.id).kind != dna::DomainKind::Toehold)
      continue;
    size_t strand = c.strandOf(p);
    for (int step : {1, -1}) {
      int q = int(p) + step;
      if (q < 0 || unsigned(q) >= c.domainCount() || c.strandOf(q) != strand ||
          c.partner(q) == dna::Complex::Unpaired)
        continue;
      return GateToehold{d, t.length(c.domainAt(q))};
    }
  }
  return std::nullopt;
}

static double toeholdDG(dna::DomainRef d, const dna::DomainTable &t,
                        const sequences::SequenceDesign *seqs) {
  if (seqs && d.id < seqs->domains.size())
    return seqs->domains[d.id].dGComplement;
  enumerate::OpeningModel m; // domain level: L dG_bp + dG_assoc
  return t.length(d) * m.dGbp + m.dGassoc;
}

double report::predictedDisplacementRate(unsigned toeholdLength, double dG,
                                         unsigned migrationLength,
                                         double kelvin) {
  double kBind = enumerate::bimolecularBindingRate(toeholdLength);
  double kOpen = kBind * std::exp(dG / (0.0019872 * kelvin));
  enumerate::LoopStats adjacent{false, 0, 1};
  double kBm = enumerate::branch3WayRate(std::max(1u, migrationLength),
                                         adjacent, adjacent, false);
  return kBind * kBm / (kOpen + kBm);
}

static std::string unitOf(const std::string &unit, unsigned order) {
  std::string u = unit.empty() ? "unit" : unit;
  if (order == 0)
    return u + "/s";
  if (order == 1)
    return "/s";
  return "/" + u + (order > 2 ? "^" + std::to_string(order - 1) : "") + "/s";
}

static std::string reverseEquation(const ir::Module &m, const ir::Reaction &r) {
  ir::Reaction back = r;
  std::swap(back.reactants, back.products);
  back.reverseRate.reset();
  return ir::reactionEquation(m, back);
}

/// The toehold columns of `row` from the first gate of `module` (left empty
/// when the module has no gate with an exposed toehold).
static void fillToehold(KineticsRow &row, const dna::ReactionModule &module,
                        const dna::Design &design,
                        const sequences::SequenceDesign *seqs,
                        const thermo::Conditions &conditions) {
  if (module.rateGate && module.realisedRate) {
    row.gateLevel = design.getComplex(*module.rateGate).concentration;
    row.gateUnit = concUnitName(design.unit).str();
    row.gateToeholdNt = module.gateToeholdNt;
    row.gateToeholdMismatches = module.gateToeholdMismatches;
    row.gateToeholdEndMismatch = module.gateToeholdEndMismatch;
    row.gateToeholdWobble = module.gateToeholdWobble;
    row.realisedPerMS = module.realisedRate;
    if (row.qPerMS > 0)
      row.realisedRatio = *module.realisedRate / row.qPerMS;
  }
  if (module.fuels.empty())
    return;
  std::optional<GateToehold> g = inputToehold(
      design.getComplex(module.fuels.front()).complex, design.domains);
  if (!g)
    return;
  row.toehold = design.domains.spell(g->toehold);
  // Intended mismatches weaken the gate's toehold (RateModel.h's ddG_mm).
  row.toeholdDG = toeholdDG(g->toehold, design.domains, seqs) +
                  enumerate::mismatchPenalty(g->toehold.mismatches,
                                             g->toehold.endMismatch ? 1 : 0,
                                             g->toehold.wobble ? 1 : 0);
  row.predictedPerMS = predictedDisplacementRate(
      design.domains.length(g->toehold), row.toeholdDG, g->migrationLength,
      conditions.temperatureK());
  row.ratio = row.qPerMS > 0 ? row.predictedPerMS / row.qPerMS : 0;
}

Kinetics report::describeKinetics(const ir::Module &formal,
                                  const RatesBefore &before,
                                  const dna::Design &design,
                                  const sequences::SequenceDesign *seqs,
                                  const thermo::Conditions &conditions) {
  Kinetics k;
  k.model = std::string("Predicted: toehold-mediated strand displacement in "
                        "the three-state model (Zhang & Winfree 2009) with "
                        "Peppercorn's rate constants, toehold dG ") +
            (seqs ? "of the designed sequences"
                  : "of the domain-level model (no sequences)") +
            ". q is the rate the formal CRN needs from the gate; a ratio "
            "above 1 means the toehold binds faster than needed. Realised: "
            "the module's rate as crnc's enumerator measures it (quasi-steady "
            "state of the condensed module) after rate calibration set the "
            "rate-setting gate's level and toehold (and the intended "
            "mismatches that weaken it).";
  double cmax = 0;
  if (auto v = ir::findAttribute(formal.attrs, "cmax_nM"))
    cmax = parseNumber(*v).value_or(0);
  size_t cursor = 0;
  const auto &reactions = formal.allReactions();
  for (size_t i = 0; i < reactions.size(); ++i) {
    const ir::Reaction &r = reactions[i];
    for (int dir = 0; dir < (r.reverseRate ? 2 : 1); ++dir) {
      KineticsRow row;
      row.equation =
          dir ? reverseEquation(formal, r) : ir::reactionEquation(formal, r);
      unsigned order = dir ? r.productOrder() : r.order();
      double rate = dir ? *r.reverseRate : r.rate;
      row.qPerMS = rate * 1e9 / std::pow(cmax > 0 ? cmax : 1, 2.0 - order);
      if (i < before.reactions.size()) {
        const RateBefore &b = before.reactions[i];
        row.formalRate = dir ? b.reverseRate : std::optional<double>(b.rate);
        row.formalUnit = unitOf(before.unit, dir ? b.reverseOrder : b.order);
      }
      const dna::ReactionModule *module =
          cursor < design.modules.size() ? &design.modules[cursor] : nullptr;
      bool shared = module && llvm::StringRef(module->equation).contains("<=>");
      if (!shared || dir == 1 || !r.reverseRate)
        ++cursor;
      if (module)
        fillToehold(row, *module, design, seqs, conditions);
      k.rows.push_back(std::move(row));
    }
  }
  return k;
}
