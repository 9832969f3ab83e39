//===- ScaleSearch.cpp - the concentration scale a lab can mix and run ----===//

#include "backends/protocol/ScaleSearch.h"
#include "backends/dsd/RateCalibration.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include <cmath>
#include <tuple>

using namespace crnc;
using namespace crnc::protocol;

bool protocol::satisfiesAll(const ScaleTrial &t) {
  return t.modulesOff == 0 && t.mix.fits;
}

llvm::Expected<ScaleTrial> protocol::assessDesign(const ir::Module &formal,
                                                  const dna::Design &design,
                                                  const LabSettings &lab) {
  ScaleTrial t;
  t.concScaleNM =
      ir::lowering::get(formal.attrs, ir::lowering::ConcScaleNM).value_or(0);
  t.cmaxNM = ir::lowering::get(formal.attrs, ir::lowering::CmaxNM).value_or(0);
  t.modules = design.modules.size();
  for (const dna::ReactionModule &rm : design.modules) {
    std::optional<double> miss = dsd::rateMiss(rm);
    if (!miss || *miss - 1 <= dsd::RealisedRateTolerance)
      continue;
    ++t.modulesOff;
    if (*miss > t.worstMiss || t.worstModule.empty())
      t.worstMiss = *miss, t.worstModule = rm.equation;
  }
  llvm::Expected<MixFit> mix = reactionMixFit(formal, design, lab);
  if (!mix)
    return mix.takeError();
  t.mix = *mix;
  dna::LabTime time = design.labTime.value_or(dna::LabTime{});
  t.stepSeconds = time.secondsPerPhase.value_or(time.secondsPerTimeUnit);
  t.stepUnit = time.secondsPerPhase ? "phase" : "model time unit";
  t.labSeconds = time.secondsPerTrainingSample.value_or(t.stepSeconds);
  t.labUnit = time.secondsPerTrainingSample ? "training sample" : t.stepUnit;
  t.baseLabSeconds = t.labSeconds;
  return t;
}

//===----------------------------------------------------------------------===//
// Wording
//===----------------------------------------------------------------------===//

/// "5 nM per unit, C_max 1000 nM" (the scale only for a dimensionless
/// module).
static std::string setting(const ScaleTrial &t, bool dimensionless) {
  std::string cmax = "C_max " + formatLabNumber(t.cmaxNM, 4) + " nM";
  if (!dimensionless)
    return cmax;
  return formatLabNumber(t.concScaleNM, 3) + " nM per unit, " + cmax;
}

/// "5/1000: 39 off, 1289 µL, 5.17 h" (scale / C_max: modules off their
/// rate, what the mix needs, lab time).
static std::string triedPart(const ScaleTrial &t, bool dimensionless) {
  std::string where = formatLabNumber(t.cmaxNM, 4);
  if (dimensionless)
    where = formatLabNumber(t.concScaleNM, 3) + "/" + where;
  return where + ": " + std::to_string(t.modulesOff) + " off, " +
         formatLabNumber(t.mix.requiredUL, 4) + " µL, " +
         formatDuration(t.labSeconds);
}

/// Which constraints `t` fails, and by how much.
static std::string failures(const ScaleTrial &t) {
  std::vector<std::string> parts;
  if (t.modulesOff)
    parts.push_back(
        std::to_string(t.modulesOff) + " of " + std::to_string(t.modules) +
        " DNA modules do not realise map-rates' rate within " +
        formatNumber(100 * dsd::RealisedRateTolerance) + " % (the worst, '" +
        t.worstModule + "', " +
        (std::isinf(t.worstMiss)
             ? std::string("realises none)")
             : "by a factor " + formatSignificant(t.worstMiss, 3) + ")"));
  if (!t.mix.fits)
    parts.push_back(
        "the reaction mix needs " + formatSignificant(t.mix.requiredUL, 4) +
        " µL of the " + formatSignificant(t.mix.preparedUL, 4) +
        " µL prepared" +
        (t.mix.fuelFraction > 0
             ? " (its fuels fit at C_max " +
                   formatSignificant(fittingCmax(t.mix, t.cmaxNM), 3) + " nM)"
             : ""));
  return llvm::join(parts, "; ");
}

//===----------------------------------------------------------------------===//
// The search
//===----------------------------------------------------------------------===//

namespace {
/// How far below the C_max of a trial the search lowers it to let a mix
/// that is just over its volume fit at the same scale (step 3).
constexpr double MixSqueeze = 0.1;
/// The least it lowers C_max per step there.
constexpr double MixSqueezeStep = 0.02;

class Search {
public:
  Search(const ScaleSearchOptions &o, ScaleTrialFn fn, ScaleChoice &out)
      : o(o), fn(fn), out(out) {}

  /// The trial at (scale, cmax), built once.
  std::optional<size_t> run(double scale, double cmax) {
    for (size_t i = 0; i < asked.size(); ++i)
      if (asked[i] == std::make_pair(scale, cmax))
        return index[i];
    asked.push_back({scale, cmax});
    std::optional<ScaleTrial> t = fn(scale, cmax);
    index.push_back(std::nullopt);
    if (!t)
      return std::nullopt;
    out.tried.push_back(std::move(*t));
    index.back() = out.tried.size() - 1;
    return index.back();
  }

  const ScaleTrial &at(size_t i) const { return out.tried[i]; }
  bool ok(std::optional<size_t> i) const { return i && satisfiesAll(at(*i)); }

  /// The trial at (scale, cmax); where only the mix fails there, by a
  /// margin that C_max at most MixSqueeze lower absorbs, the trial at the
  /// C_max where the fuels fit when that one satisfies both. A line that
  /// crosses the smallest pipetted volume costs a dilution's larger volume,
  /// so the mix's need does not fall smoothly with the scale: without this,
  /// a setting 0.1 % over the volume ends the bisection at a smaller,
  /// slower scale.
  std::optional<size_t> runFitting(double scale, double cmax) {
    std::optional<size_t> i = run(scale, cmax);
    std::optional<size_t> j = i;
    // fittingCmax lowers the fuels alone, and a design at another C_max
    // calibrates its gates anew: each step lowers C_max by at least 2 %.
    for (unsigned step = 0; step < 4 && o.searchCmax && j && !ok(j) &&
                            !at(*j).modulesOff && !at(*j).mix.fits;
         ++step) {
      double lower = std::min(fittingCmax(at(*j).mix, at(*j).cmaxNM),
                              std::stod(formatSignificant(
                                  at(*j).cmaxNM * (1 - MixSqueezeStep), 3)));
      if (!(lower > 0) || lower >= at(*j).cmaxNM ||
          lower < cmax * (1 - MixSqueeze))
        break;
      j = run(scale, lower);
    }
    return ok(j) ? j : i;
  }

  /// Step 2: C_max down to where the mix fits; returns the trial to go on
  /// from.
  size_t lowerCmax(size_t cur) {
    for (unsigned round = 0; round < o.cmaxRounds && !at(cur).mix.fits;
         ++round) {
      double scale = at(cur).concScaleNM;
      if (o.searchScale)
        if (std::optional<size_t> low = run(smallest(scale), at(cur).cmaxNM);
            low && at(*low).mix.fits)
          return cur; // a smaller scale fits: step 3 finds it
      double cmax = fittingCmax(at(cur).mix, at(cur).cmaxNM);
      if (!(cmax > 0) || cmax >= at(cur).cmaxNM)
        return cur;
      std::optional<size_t> next = run(o.searchScale ? 0 : scale, cmax);
      if (!next)
        return cur;
      cur = *next;
    }
    return cur;
  }

  /// Step 3 from trial `start` (its C_max kept).
  void lowerScale(size_t start) {
    double first = at(start).concScaleNM, cmax = at(start).cmaxNM;
    std::vector<double> ladder = seriesBelow(first);
    size_t hi = start;
    std::optional<size_t> lo =
        ok(start) ? std::optional<size_t>(start) : std::nullopt;
    size_t next = 0;
    for (; !lo && next < ladder.size(); ++next) {
      std::optional<size_t> i = runFitting(ladder[next], cmax);
      if (ok(i))
        lo = i;
      else if (i)
        hi = *i;
    }
    if (!lo)
      return;
    bisect(first, hi, *lo, cmax);
    // An axis 3b slowed may cost more than a smaller scale on its own axis.
    double best = bestLab();
    for (; slowedBest() && next < ladder.size(); ++next) {
      std::optional<size_t> i = runFitting(ladder[next], cmax);
      if (i && at(*i).baseLabSeconds >= best)
        return;
    }
  }

  /// Step 4.
  void choose() {
    for (size_t i = 0; i < out.tried.size(); ++i)
      if (!out.chosen || better(at(i), at(*out.chosen)))
        out.chosen = i;
    if (out.chosen)
      out.satisfied = satisfiesAll(at(*out.chosen));
  }

private:
  const ScaleSearchOptions &o;
  ScaleTrialFn fn;
  ScaleChoice &out;
  std::vector<std::pair<double, double>> asked;
  std::vector<std::optional<size_t>> index;

  double smallest(double scale) const {
    return std::stod(formatSignificant(scale / o.scaleRange, 3));
  }

  /// The 1-2-5 series strictly below `scale`, down to scale / scaleRange.
  std::vector<double> seriesBelow(double scale) const {
    std::vector<double> out;
    double floor = scale / o.scaleRange * (1 - 1e-9);
    double decade = std::pow(10, std::floor(std::log10(scale)) + 1);
    for (; decade > floor; decade /= 10)
      for (double m : {5.0, 2.0, 1.0}) {
        double v = std::stod(formatSignificant(decade * m / 10, 3));
        if (v < scale * (1 - 1e-9) && v >= floor)
          out.push_back(v);
      }
    return out;
  }

  /// Bisection on the 1.25-fold grid below `first`, strictly between the
  /// scales of trials `hi` (fails) and `lo` (satisfies).
  void bisect(double first, size_t hi, size_t lo, double cmax) {
    std::vector<double> grid;
    double top = at(hi).concScaleNM, bottom = at(lo).concScaleNM;
    for (double u = first / 1.25; u > bottom * (1 + 1e-9); u /= 1.25) {
      double v = std::stod(formatSignificant(u, 3));
      if (v < top * (1 - 1e-9) && v > bottom * (1 + 1e-9))
        grid.push_back(v);
    }
    size_t a = 0, b = grid.size(); // candidates grid[a, b), descending
    while (a < b) {
      size_t mid = (a + b) / 2;
      std::optional<size_t> i = runFitting(grid[mid], cmax);
      if (ok(i))
        b = mid;
      else
        a = mid + 1;
    }
  }

  /// Whether the setting of least lab time that satisfies both is on an
  /// axis the caller slowed.
  bool slowedBest() const {
    const ScaleTrial *best = nullptr;
    for (const ScaleTrial &t : out.tried)
      if (satisfiesAll(t) && (!best || t.labSeconds < best->labSeconds))
        best = &t;
    return best && best->baseLabSeconds < best->labSeconds * (1 - 1e-9);
  }

  double bestLab() const {
    double best = INFINITY;
    for (const ScaleTrial &t : out.tried)
      if (satisfiesAll(t))
        best = std::min(best, t.labSeconds);
    return best;
  }

  static bool better(const ScaleTrial &a, const ScaleTrial &b) {
    auto key = [](const ScaleTrial &t) {
      return std::make_tuple(int(t.modulesOff > 0) + int(!t.mix.fits),
                             t.modulesOff, t.labSeconds);
    };
    return key(a) < key(b);
  }
};
} // namespace

/// The note on the setting kept: what it is, why, and what was tried.
static std::string noteFor(const ScaleChoice &c, const ScaleSearchOptions &o) {
  const ScaleTrial &t = c.tried[*c.chosen];
  std::string note = "lab scale: " + setting(t, o.dimensionless) + ", " +
                     formatDuration(t.labSeconds) + " per " + t.labUnit + ": ";
  if (c.satisfied)
    note += std::string(o.searchScale ? "the setting of least lab time tried"
                                      : "the setting") +
            " at which every DNA module realises map-rates' rate within " +
            formatNumber(100 * dsd::RealisedRateTolerance) +
            " % and the reaction mix fits its " +
            formatSignificant(t.mix.preparedUL, 4) + " µL";
  else
    note += "no setting tried satisfies both constraints; kept the one "
            "nearest";
  if (t.cmaxNM < o.cmaxNM * (1 - 1e-9))
    note += " (C_max lowered from " + formatSignificant(o.cmaxNM, 4) +
            " nM, where the mix does not fit)";
  if (c.tried.size() > 1) {
    std::vector<std::string> tried;
    for (size_t i = 0; i < c.tried.size(); ++i)
      if (i != *c.chosen)
        tried.push_back(triedPart(c.tried[i], o.dimensionless));
    note += std::string("; also tried (") +
            (o.dimensionless ? "nM per unit/C_max" : "C_max") +
            ": modules off their rate, µL the mix needs, lab time) " +
            llvm::join(tried, "; ");
  }
  return note + "; --conc-scale and --cmax fix the setting";
}

static void warn(ScaleChoice &c, const ScaleSearchOptions &o) {
  const ScaleTrial &t = c.tried[*c.chosen];
  if (!c.satisfied && c.searched)
    c.warnings.push_back("lab scale: no setting tried lets every DNA module "
                         "realise its rate and the reaction mix fit; at " +
                         setting(t, o.dimensionless) + ", " + failures(t));
  if (t.stepSeconds > LongestStepSeconds)
    c.warnings.push_back(
        "lab scale: the design takes " + formatDuration(t.stepSeconds) +
        " per " + t.stepUnit + " (" + formatDuration(t.labSeconds) + " per " +
        t.labUnit +
        "): no lab runs a step of days; more concentrated stocks "
        "(--gate-stock, --stock-conc) let the mix fit at a larger C_max, "
        "which runs faster");
}

ScaleChoice protocol::chooseLabScale(const ScaleSearchOptions &o,
                                     ScaleTrialFn trial) {
  ScaleChoice c;
  Search s(o, trial, c);
  std::optional<size_t> first = s.run(o.concScaleNM, o.cmaxNM);
  if (!first)
    return c;
  size_t from = *first;
  if ((o.searchScale || o.searchCmax) &&
      c.tried[from].nucleotides > o.largestSearchedNucleotides) {
    c.chosen = from;
    c.satisfied = satisfiesAll(c.tried[from]);
    c.searched = true;
    c.note = "lab scale: not searched: the design has " +
             std::to_string(c.tried[from].nucleotides) + " nt, above " +
             formatSignificant(double(o.largestSearchedNucleotides), 3) +
             " (each setting tried would cost a design of that size); "
             "--conc-scale and --cmax fix the setting";
    warn(c, o);
    return c;
  }
  if (o.searchCmax)
    from = s.lowerCmax(from);
  if (o.searchScale)
    s.lowerScale(from);
  s.choose();
  c.searched = o.searchScale || c.tried.size() > 1;
  c.note = noteFor(c, o);
  warn(c, o);
  return c;
}
