//===- LabRecord.cpp - a lab-level training run carried by the module -----===//

#include "lib/verify/LabRecord.h"
#include "lib/support/Format.h"
#include "lib/train/TrainingHistory.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <cmath>

namespace crnc::verify {

/// FNV-1a, 64 bits: stable across runs and platforms.
static uint64_t fnv1a(llvm::StringRef text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

static std::string termsText(const ir::Module &m, const ir::TermList &terms) {
  std::string text;
  for (const ir::Term &t : terms)
    text += std::to_string(t.count) + " " + m.getSpecies(t.species).name + " ";
  return text;
}

static double numberAttr(const ir::Module &m, llvm::StringRef key) {
  std::optional<llvm::StringRef> text = ir::findAttribute(m.attrs, key);
  std::optional<double> v = text ? parseNumber(*text) : std::nullopt;
  return v.value_or(0);
}

DesignIdentity designIdentity(const ir::Module &formal,
                              llvm::StringRef scheme) {
  std::string text;
  for (const ir::Species &s : formal.allSpecies())
    text += s.name + ":" + ir::roleName(s.role).str() +
            (s.constant ? " constant\n" : "\n");
  for (const ir::Reaction &r : formal.allReactions())
    text += termsText(formal, r.reactants) +
            (r.isReversible() ? "<=> " : "-> ") +
            termsText(formal, r.products) + "\n";
  DesignIdentity id;
  id.scheme = scheme.str();
  id.structure = llvm::utohexstr(fnv1a(text), /*LowerCase=*/true);
  id.structure.insert(0, 16 - id.structure.size(), '0');
  id.concScaleNM = numberAttr(formal, "conc_scale_nM");
  id.cmaxNM = numberAttr(formal, "cmax_nM");
  id.qmaxPerNMs = numberAttr(formal, "qmax_per_nM_s");
  return id;
}

/// Equal up to the last digits printed (the values went through text).
static bool same(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

std::vector<std::string> designDifferences(const DesignIdentity &trained,
                                           const DesignIdentity &now) {
  std::vector<std::string> out;
  if (trained.scheme != now.scheme)
    out.push_back("trained on the " + trained.scheme +
                  " design; this design uses " + now.scheme);
  if (trained.structure != now.structure)
    out.push_back("the lowered formal CRN differs (other species or "
                  "reactions: --buffers, --gate or reduce-order settings, "
                  "or the join order another scheme asks of map-rates)");
  auto compare = [&](const char *what, const char *flag, double a, double b) {
    if (!same(a, b))
      out.push_back(std::string(what) + " " + formatSignificant(a, 6) +
                    " when trained, " + formatSignificant(b, 6) + " now (" +
                    flag + "=" + formatNumber(a) + " builds the one trained)");
  };
  compare("nM per model unit", "--conc-scale", trained.concScaleNM,
          now.concScaleNM);
  compare("C_max (nM)", "--cmax", trained.cmaxNM, now.cmaxNM);
  // --qmax counts /M/s.
  compare("q_max (/M/s)", "--qmax", 1e9 * trained.qmaxPerNMs,
          1e9 * now.qmaxPerNMs);
  return out;
}

void recordLabTraining(ir::Module &module, const LabRecord &r) {
  clearLabRecord(module.attrs);
  ir::AttributeList &a = module.attrs;
  ir::setAttribute(a, "lab_level", r.level);
  ir::setAttribute(a, "lab_scheme", r.design.scheme);
  ir::setAttribute(a, "lab_network", r.network);
  ir::setAttribute(a, "lab_fuels", r.finiteFuels ? "finite" : "held");
  ir::setAttribute(a, "lab_design", r.design.structure);
  ir::setAttribute(a, "lab_conc_scale_nM", formatNumber(r.design.concScaleNM));
  ir::setAttribute(a, "lab_cmax_nM", formatNumber(r.design.cmaxNM));
  ir::setAttribute(a, "lab_qmax_per_nM_s", formatNumber(r.design.qmaxPerNMs));
  std::string levels;
  for (const auto &[load, level] : r.loadLevels)
    levels += (levels.empty() ? "" : ",") + load + "=" + formatNumber(level);
  if (!levels.empty())
    ir::setAttribute(a, "lab_load_levels", levels);
  ir::setAttribute(a, "lab_training_loss",
                   train::joinRecordedNumbers(r.trainLoss));
  ir::setAttribute(a, "lab_training_accuracy",
                   train::joinRecordedNumbers(r.trainAccuracy));
  ir::setAttribute(a, "lab_validation_loss",
                   train::joinRecordedNumbers(r.validationLoss));
  ir::setAttribute(a, "lab_validation_accuracy",
                   train::joinRecordedNumbers(r.validationAccuracy));
  if (r.testLoss)
    ir::setAttribute(a, "lab_test_loss", formatNumber(*r.testLoss));
  if (r.testAccuracy)
    ir::setAttribute(a, "lab_test_accuracy", formatNumber(*r.testAccuracy));
  std::string weights;
  for (size_t i = 0; i < r.weights.size() && i < r.weightNames.size(); ++i)
    weights +=
        (i ? "," : "") + r.weightNames[i] + ":" + formatNumber(r.weights[i]);
  ir::setAttribute(a, "lab_weights", weights);
  ir::setAttribute(a, "lab_first_model_outputs",
                   train::joinRecordedNumbers(r.firstModelOutputs));
  ir::setAttribute(a, "lab_first_outputs",
                   train::joinRecordedNumbers(r.firstOutputs));
  ir::setAttribute(a, "lab_first_model_changes",
                   train::joinRecordedNumbers(r.firstModelChanges));
  ir::setAttribute(a, "lab_first_changes",
                   train::joinRecordedNumbers(r.firstChanges));
  if (r.lowestFuelFraction)
    ir::setAttribute(a, "lab_lowest_fuel",
                     r.lowestFuelName + ":" +
                         formatNumber(*r.lowestFuelFraction));
  ir::setAttribute(a, "lab_phase_seconds", formatNumber(r.phaseSeconds));
  if (r.backwardPhaseSeconds() != r.phaseSeconds)
    ir::setAttribute(a, "lab_backward_phase_seconds",
                     formatNumber(r.backwardSeconds));
  if (!r.pace.empty())
    ir::setAttribute(a, "lab_pace", train::joinRecordedNumbers(r.pace));
  ir::setAttribute(a, "lab_training_samples",
                   std::to_string(r.trainingSamples));
  ir::setAttribute(a, "lab_evaluated_samples",
                   std::to_string(r.evaluatedSamples));
}

static bool readWeights(llvm::StringRef text, LabRecord &r) {
  llvm::SmallVector<llvm::StringRef, 16> items;
  text.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    auto [name, value] = item.rsplit(':');
    std::optional<double> v = train::readRecordedNumber(value);
    if (name.empty() || !v)
      return false;
    r.weightNames.push_back(name.str());
    r.weights.push_back(*v);
  }
  return true;
}

static bool readScalars(const ir::Module &m, LabRecord &r) {
  auto text = [&](llvm::StringRef key) {
    return ir::findAttribute(m.attrs, key).value_or("");
  };
  r.level = text("lab_level").str();
  r.network = text("lab_network").str();
  r.finiteFuels = text("lab_fuels") == "finite";
  r.design.scheme = text("lab_scheme").str();
  r.design.structure = text("lab_design").str();
  r.design.concScaleNM = numberAttr(m, "lab_conc_scale_nM");
  r.design.cmaxNM = numberAttr(m, "lab_cmax_nM");
  r.design.qmaxPerNMs = numberAttr(m, "lab_qmax_per_nM_s");
  llvm::SmallVector<llvm::StringRef, 8> levels;
  text("lab_load_levels").split(levels, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : levels) {
    auto [load, value] = item.split('=');
    std::optional<double> v = parseNumber(value);
    if (load.empty() || !v)
      return false;
    r.loadLevels[load.str()] = *v;
  }
  r.phaseSeconds = numberAttr(m, "lab_phase_seconds");
  if (ir::findAttribute(m.attrs, "lab_backward_phase_seconds"))
    r.backwardSeconds = numberAttr(m, "lab_backward_phase_seconds");
  if (text("lab_training_samples").getAsInteger(10, r.trainingSamples) ||
      text("lab_evaluated_samples").getAsInteger(10, r.evaluatedSamples))
    return false;
  if (ir::findAttribute(m.attrs, "lab_test_loss"))
    r.testLoss = train::readRecordedNumber(text("lab_test_loss"));
  if (ir::findAttribute(m.attrs, "lab_test_accuracy"))
    r.testAccuracy = train::readRecordedNumber(text("lab_test_accuracy"));
  if (ir::findAttribute(m.attrs, "lab_lowest_fuel")) {
    auto [name, value] = text("lab_lowest_fuel").rsplit(':');
    r.lowestFuelName = name.str();
    r.lowestFuelFraction = train::readRecordedNumber(value);
    if (!r.lowestFuelFraction)
      return false;
  }
  return !r.level.empty() && r.phaseSeconds > 0 &&
         readWeights(text("lab_weights"), r);
}

std::optional<LabRecord> readLabRecord(const ir::Module &module) {
  if (!ir::findAttribute(module.attrs, "lab_level"))
    return std::nullopt;
  LabRecord r;
  if (!readScalars(module, r) ||
      !train::readRecordedNumbers(module, "lab_training_loss", r.trainLoss) ||
      !train::readRecordedNumbers(module, "lab_training_accuracy",
                                  r.trainAccuracy) ||
      !train::readRecordedNumbers(module, "lab_validation_loss",
                                  r.validationLoss) ||
      !train::readRecordedNumbers(module, "lab_validation_accuracy",
                                  r.validationAccuracy))
    return std::nullopt;
  if (!train::readRecordedNumbers(module, "lab_first_model_outputs",
                                  r.firstModelOutputs) ||
      !train::readRecordedNumbers(module, "lab_first_outputs",
                                  r.firstOutputs) ||
      !train::readRecordedNumbers(module, "lab_first_model_changes",
                                  r.firstModelChanges) ||
      !train::readRecordedNumbers(module, "lab_first_changes",
                                  r.firstChanges) ||
      r.firstOutputs.size() != r.firstModelOutputs.size() ||
      r.firstChanges.size() != r.firstModelChanges.size())
    return std::nullopt;
  if (ir::findAttribute(module.attrs, "lab_pace") &&
      !train::readRecordedNumbers(module, "lab_pace", r.pace))
    return std::nullopt;
  size_t n = r.trainLoss.size();
  if (r.trainAccuracy.size() != n || r.validationLoss.size() != n ||
      r.validationAccuracy.size() != n)
    return std::nullopt;
  return r;
}

std::vector<double> measuredPace(const ir::Module &formal,
                                 llvm::StringRef scheme) {
  std::optional<LabRecord> r = readLabRecord(formal);
  if (!r || r->level != "dna" ||
      !designDifferences(r->design, designIdentity(formal, scheme)).empty())
    return {};
  return r->pace;
}

void clearLabRecord(ir::AttributeList &attrs) {
  llvm::erase_if(attrs, [](const ir::Attribute &a) {
    return llvm::StringRef(a.key).startswith("lab_");
  });
}

} // namespace crnc::verify
