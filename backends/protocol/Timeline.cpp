//===- Timeline.cpp - the experiment's schedule in lab minutes ------------===//

#include "backends/protocol/Timeline.h"
#include "ir/LoweringAttributes.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::protocol;
namespace model = crnc::ir::model;

namespace lowering = crnc::ir::lowering;

static std::string minutes(double m) { return formatLabNumber(m, 4); }

namespace {

/// Working dilutions of the strands added on the timeline.
class Additions {
public:
  Additions(const LabSettings &s, double nMPerUnit, Protocol &p)
      : s(s), nMPerUnit(nMPerUnit), p(p) {}

  /// "0.5 uL of the 200 nM working dilution of X per unit" text, planning
  /// the dilution on first use.
  llvm::Expected<std::string> perUnit(llvm::StringRef strand, double units,
                                      llvm::StringRef variable) {
    double stockNM = s.strandStockUM * 1e3;
    double perUnitUL = s.reactionVolumeUL * nMPerUnit / stockNM;
    // A fixed amount (a trigger) is diluted for that amount, a per-unit
    // amount (a load) for one model unit.
    double factor = dilutionFactor(
        variable.empty() ? units * perUnitUL : perUnitUL, s.minPipetteUL);
    double workingNM = stockNM / factor;
    if (planned.insert(strand.str()).second) {
      MixSettings m;
      m.volumeUL = 100;
      m.overagePercent = s.deadVolumePercent;
      m.minPipetteUL = s.minPipetteUL;
      llvm::Expected<Mix> mix =
          planMix("working dilution of " + strand.str(),
                  {{strand.str(), workingNM, stockNM, 0}}, s.buffer, m);
      if (!mix)
        return mix.takeError();
      p.workingDilutions.push_back(std::move(*mix));
    }
    double nM = units * nMPerUnit;
    double uL = units * perUnitUL * factor;
    std::string scale = variable.empty() ? "" : variable.str() + " × ";
    return scale + formatLabNumber(nM, 4) + " nM: " + scale +
           formatLabNumber(uL, 4) + " µL of the " +
           formatLabNumber(workingNM, 4) + " nM working dilution";
  }

private:
  const LabSettings &s;
  double nMPerUnit;
  Protocol &p;
  llvm::StringSet<> planned;
};

/// A phase and its triggers: the clock of clock_phases, then its dimmer
/// triggers (gate-phases' dim-triggers), added and removed together.
struct Phase {
  std::string name;
  std::vector<std::string> clocks;
};

} // namespace

static std::vector<Phase> clockPhases(const ir::Module &m) {
  std::vector<Phase> phases;
  llvm::SmallVector<llvm::StringRef, 4> items;
  std::string schedule =
      lowering::get(m.attrs, lowering::ClockPhases).value_or("");
  llvm::StringRef(schedule).split(items, ',', -1, false);
  for (llvm::StringRef item : items) {
    auto [name, clock] = item.split(':');
    Phase phase{name.str(), {clock.str()}};
    for (const ir::Species &s : m.allSpecies())
      if (s.role == ir::SpeciesRole::Clock && s.name != clock &&
          lowering::get(s.attrs, lowering::ClockPhase) == name.str())
        phase.clocks.push_back(s.name);
    phases.push_back(std::move(phase));
  }
  return phases;
}

static void add(Timeline &t, double minute, llvm::StringRef action,
                llvm::StringRef what, llvm::StringRef amount) {
  t.events.push_back({minute, action.str(), what.str(), amount.str()});
}

/// Which loads an addLoads call adds.
enum class Loads { All, Inputs, Target };

/// Loads: "X1" -> the species carrying feature/target rails, at `minute`
/// (`note`, when given, in each amount's parenthesis).
static llvm::Error addLoads(const ir::Module &m, Additions &adds, Loads which,
                            double minute, llvm::StringRef note, Timeline &t) {
  for (const ir::Species &s : m.allSpecies()) {
    std::optional<model::Load> load = model::get(s.attrs, model::SampleLoad);
    if (!load || (which == Loads::Inputs && load->isTarget) ||
        (which == Loads::Target && !load->isTarget))
      continue;
    double scale = model::get(s.attrs, model::LoadScale).value_or(1);
    std::string variable =
        (load->isTarget ? "y_" : "x_") + std::to_string(load->index + 1);
    std::optional<model::Rail> rail = model::get(s.attrs, model::SignalRail);
    std::vector<std::string> notes;
    if (rail)
      notes.push_back((*rail == model::Rail::Positive) == (scale > 0)
                          ? "when " + variable + " > 0"
                          : "when " + variable + " < 0; use |" + variable +
                                "|");
    if (!note.empty())
      notes.push_back(note.str());
    llvm::Expected<std::string> amount =
        adds.perUnit(s.name, std::fabs(scale), variable);
    if (!amount)
      return amount.takeError();
    add(t, minute, "add", s.name,
        *amount + (notes.empty() ? "" : " (" + llvm::join(notes, "; ") + ")"));
  }
  return llvm::Error::success();
}

static void addLearningNotes(const ir::Module &m, bool external, Timeline &t) {
  if (external)
    t.notes.push_back("Each trigger is switched off by its full complement "
                      "(anti_<trigger>, in the strand list) at 1.2x; from the "
                      "second sample on, add each trigger at 1.2x its level, "
                      "since the complement's 0.2x excess from the cycle "
                      "before takes that share.");
  if (!external)
    t.notes.push_back("The phases are driven by the design's own oscillator "
                      "(--gate=autonomous): no triggers are added, and the "
                      "phase times below are the designed horizons, not the "
                      "oscillator's measured period.");
  t.notes.push_back(
      "Repeat the cycle for every training sample (each cycle lasts " +
      minutes(t.cycleMinutes) +
      " min); for inference, run the first phase only and read the outputs.");
  // The formal module's amounts are in nM, free; the lab adds amount_factor
  // times that.
  double factor = t.addedNanomolarPerModelUnit / t.nanomolarPerModelUnit;
  std::vector<std::string> transient, restarted;
  for (const ir::Species &s : m.allSpecies())
    if (model::get(s.attrs, model::Transient).value_or(false)) {
      transient.push_back(s.name);
      if (s.initial != 0)
        restarted.push_back(s.name + " at " +
                            formatLabNumber(s.initial * factor, 4) + " nM");
    }
  t.notes.push_back(
      "The simulated protocol resets " + std::to_string(transient.size()) +
      " transient species to their starting amounts before each sample (" +
      llvm::join(transient, ", ") + "; zero" +
      (restarted.empty() ? "" : " except " + llvm::join(restarted, ", ")) +
      "); at the bench this takes a fresh reaction per sample or strands "
      "that sink them, which this design does not contain.");
}

/// The strand that sequesters trigger `clock`: its full complement (every
/// domain bound, toeholds too), added to the strands to order once.
static std::string antiTrigger(llvm::StringRef clock, Protocol &p) {
  std::string name = "anti_" + clock.str();
  const OrderStrand *trigger = nullptr;
  for (const OrderStrand &s : p.strands) {
    if (s.name == name)
      return name;
    if (s.name == clock)
      trigger = &s;
  }
  if (!trigger)
    return "";
  llvm::SmallVector<llvm::StringRef, 8> domains;
  llvm::StringRef(trigger->domains).split(domains, ' ', -1, false);
  std::string complement;
  for (auto it = domains.rbegin(); it != domains.rend(); ++it) {
    std::string flipped =
        it->endswith("*") ? it->drop_back().str() : it->str() + "*";
    complement += (complement.empty() ? "" : " ") + flipped;
  }
  p.strands.push_back(
      {name, complement, "", StrandRole::Trigger, trigger->length});
  return name;
}

/// Phase i of an external clock: switch the previous phase off by adding
/// its triggers' complements (1.2x), then add this phase's triggers.
static llvm::Error triggerEvents(const ir::Module &m,
                                 const std::vector<Phase> &phases, size_t i,
                                 double minute, Additions &adds, Protocol &p) {
  auto level = [&](const std::string &clock) {
    std::optional<ir::SpeciesId> id = m.lookupSpecies(clock);
    return id ? lowering::get(m.getSpecies(*id).attrs, lowering::ClockOn)
                    .value_or(1.0)
              : 1.0;
  };
  auto remove = [&](const Phase &phase, double at,
                    llvm::StringRef why) -> llvm::Error {
    for (const std::string &clock : phase.clocks) {
      std::string anti = antiTrigger(clock, p);
      if (anti.empty())
        continue;
      llvm::Expected<std::string> amount =
          adds.perUnit(anti, 1.2 * level(clock), "");
      if (!amount)
        return amount.takeError();
      add(p.timeline, at, "add", anti,
          *amount + " (sequesters " + clock + "; " + why.str() + ")");
    }
    return llvm::Error::success();
  };
  if (i > 0)
    if (llvm::Error e = remove(phases[i - 1], minute, "phase off"))
      return e;
  for (const std::string &clock : phases[i].clocks) {
    llvm::Expected<std::string> amount = adds.perUnit(clock, level(clock), "");
    if (!amount)
      return amount.takeError();
    add(p.timeline, minute, "add", clock,
        *amount + " (phase '" + phases[i].name + "' on)");
  }
  if (i + 1 < phases.size())
    return llvm::Error::success();
  return remove(phases[i], p.timeline.cycleMinutes,
                "phase off; the next sample starts");
}

/// Each phase's start, in minutes (the last entry: the cycle's end):
/// horizon x time_scale, times the measured pace where one was given.
static std::vector<double> phaseStarts(double phaseMinutes, size_t phases,
                                       llvm::ArrayRef<double> pace,
                                       Timeline &t) {
  std::vector<double> starts{0};
  std::vector<std::string> lengths;
  for (size_t i = 0; i < phases; ++i) {
    double length = phaseMinutes * (i < pace.size() ? pace[i] : 1.0);
    starts.push_back(starts.back() + length);
    lengths.push_back(minutes(length));
  }
  if (!pace.empty())
    t.notes.push_back("The phases last " + llvm::join(lengths, " and ") +
                      " min: the design's own pace, measured by crnc train "
                      "--level dna on this design (horizon x time_scale "
                      "gives " +
                      minutes(phaseMinutes) + " min each).");
  return starts;
}

static llvm::Error learningTimeline(const ir::Module &m, Additions &adds,
                                    const LabSettings &settings, Protocol &p) {
  llvm::ArrayRef<double> pace = settings.phasePace;
  Timeline &t = p.timeline;
  t.kind = "learning";
  double horizon = model::get(m.attrs, model::Horizon).value_or(1);
  double phaseMinutes = horizon * t.labSecondsPerModelTime / 60;
  std::vector<Phase> phases = clockPhases(m);
  std::vector<double> starts =
      phaseStarts(phaseMinutes, phases.size(), pace, t);
  t.cycleMinutes = starts.back();
  bool external = lowering::get(m.attrs, lowering::ClockStrategy) ==
                  lowering::GateStrategy::External;
  bool targetLater = settings.targetWithSecondPhase && phases.size() > 1;
  if (llvm::Error e =
          addLoads(m, adds, targetLater ? Loads::Inputs : Loads::All, 0, "", t))
    return e;
  std::vector<std::string> outputs;
  for (const ir::Species &s : m.allSpecies())
    if (ir::findAttribute(s.attrs, model::Output.name))
      outputs.push_back(s.name);
  for (size_t i = 0; i < phases.size(); ++i) {
    double start = starts[i];
    if (i == 1)
      add(t, start, "measure", llvm::join(outputs, ", "),
          "the prediction is the first output rail minus the second");
    if (external)
      if (llvm::Error e = triggerEvents(m, phases, i, start, adds, p))
        return e;
    if (i == 1 && targetLater)
      if (llvm::Error e = addLoads(m, adds, Loads::Target, start,
                                   "with phase '" + phases[1].name +
                                       "' on: the first phase does not "
                                       "read the target",
                                   t))
        return e;
  }
  // In time order; same-minute actions keep the order written above.
  std::stable_sort(t.events.begin(), t.events.end(),
                   [](const TimelineEvent &a, const TimelineEvent &b) {
                     return a.minute < b.minute;
                   });
  addLearningNotes(m, external, t);
  p.measure = outputs;
  return llvm::Error::success();
}

static void networkTimeline(const ir::Module &m, Protocol &p) {
  Timeline &t = p.timeline;
  t.kind = "reaction network";
  add(t, 0, "start", "reaction mix",
      "mix the signal strands in last; the network runs from this moment");
  for (const ir::Species &s : m.allSpecies())
    if (s.role == ir::SpeciesRole::Output)
      p.measure.push_back(s.name);
  if (p.measure.empty())
    for (const ir::Species &s : m.allSpecies())
      if (s.role == ir::SpeciesRole::Signal)
        p.measure.push_back(s.name);
  add(t, 0, "measure", llvm::join(p.measure, ", "),
      "continuously; model time t is t × " +
          formatLabNumber(t.labSecondsPerModelTime / 60, 4) + " min");
}

llvm::Error protocol::buildTimeline(const ir::Module &formal,
                                    const LabSettings &s, Protocol &p) {
  Timeline &t = p.timeline;
  double mapRates =
      lowering::get(formal.attrs, lowering::TimeScale).value_or(1);
  t.labSecondsPerModelTime = s.secondsPerModelTime.value_or(mapRates);
  t.timeAxis = s.secondsPerModelTime ? s.timeAxis : "";
  t.nanomolarPerModelUnit =
      lowering::get(formal.attrs, lowering::ConcScaleNM).value_or(1);
  double amountFactor =
      lowering::get(formal.attrs, lowering::AmountFactor).value_or(1);
  t.addedNanomolarPerModelUnit = t.nanomolarPerModelUnit * amountFactor;
  std::string axis =
      s.secondsPerModelTime
          ? s.timeAxis + "; map-rates' time_scale says " +
                formatLabNumber(mapRates) + " s"
          : "time_scale " + formatLabNumber(t.labSecondsPerModelTime) +
                " s, which includes the slow-down of the buffer modules";
  t.notes.push_back(
      "One model time unit lasts " +
      formatLabNumber(t.labSecondsPerModelTime / 60, 4) +
      " min at the bench (" + axis + "); one concentration unit is " +
      formatNumber(t.nanomolarPerModelUnit) + " nM" +
      (amountFactor != 1
           ? " free, and the lab adds " +
                 formatLabNumber(t.addedNanomolarPerModelUnit, 4) +
                 " nM per unit (" + formatLabNumber(amountFactor, 4) +
                 "x: the gates and buffer modules hold the "
                 "rest, as in the design's concentrations)."
           : "."));
  t.notes.push_back("Nothing in this design reports its outputs optically: "
                    "reporter complexes for the measured species are not yet "
                    "part of the design; sample and quantify them (e.g. by "
                    "gel) or add reporters.");
  bool learning = ir::findAttribute(formal.attrs, model::ModelKind.name) &&
                  lowering::clockPhaseCount(formal.attrs) > 0;
  if (!learning) {
    networkTimeline(formal, p);
    return llvm::Error::success();
  }
  Additions adds(s, t.addedNanomolarPerModelUnit, p);
  if (llvm::Error e = learningTimeline(formal, adds, s, p))
    return e;
  if (t.cycleMinutes > 24 * 60)
    p.warnings.push_back("one training cycle lasts " +
                         formatLabNumber(t.cycleMinutes / 60, 3) +
                         " h at the bench (time_scale " +
                         formatLabNumber(t.labSecondsPerModelTime, 4) +
                         " s per model time unit)");
  return llvm::Error::success();
}
