//===- SequenceReport.cpp - measuring and writing a sequence design -------===//

#include "backends/sequences/SequenceReport.h"
#include "lib/support/Format.h"
#include "lib/support/Units.h"
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace crnc;
using namespace crnc::sequences;

static ConstraintResult countConstraint(llvm::StringRef name,
                                        llvm::StringRef unit,
                                        unsigned violations) {
  ConstraintResult c;
  c.name = name.str(), c.unit = unit.str();
  c.worst = violations, c.limit = 0;
  c.margin = violations ? -double(violations) : 0.0;
  c.violations = violations;
  return c;
}

static void fillDomains(const dna::Design &design,
                        const std::vector<std::string> &seqs,
                        const SearchProblem &problem,
                        const thermo::Conditions &cond, SequenceDesign &out) {
  for (unsigned d = 0; d < design.domains.size(); ++d) {
    const dna::Domain &domain = design.domains.get(d);
    DomainSequence row;
    row.name = domain.name, row.kind = domain.kind, row.sequence = seqs[d];
    row.gcPercent = 100.0 * thermo::gcFraction(seqs[d]);
    row.dGComplement =
        seqs[d].size() >= 2 ? thermo::duplexDG(seqs[d], cond) : 0;
    row.fixed = !problem.fixed[d].empty();
    out.domains.push_back(row);
  }
}

static void fillStrands(const dna::Design &design, const DesignModel &model,
                        const std::vector<std::string> &seqs,
                        SequenceDesign &out) {
  for (const StrandInfo &s : model.strands) {
    StrandSequence row{s.name, "", strandSequence(s.domains, seqs), s.role};
    if (std::any_of(s.domains.begin(), s.domains.end(),
                    [](dna::DomainRef d) { return d.mismatchCount() > 0; }))
      out.mismatchedStrands.push_back(s.name);
    for (size_t i = 0; i < s.domains.size(); ++i)
      row.domains += (i ? " " : "") + design.domains.spellMarked(s.domains[i]);
    out.strands.push_back(row);
  }
}

/// GC window and toehold window over the domains.
static void windowConstraints(const DesignModel &model,
                              const DesignOptions &options, double target,
                              SequenceDesign &out) {
  ConstraintResult alphabet =
      countConstraint("three-letter code", "domains", 0);
  ConstraintResult gc{"GC content of long domains",
                      "%",
                      0,
                      options.gcMinPercent,
                      INFINITY,
                      0,
                      true,
                      true};
  ConstraintResult toe{"toehold dG window",
                       "kcal/mol",
                       0,
                       options.toeholdToleranceDG,
                       0,
                       0,
                       true,
                       true};
  out.toeholdMinDG = INFINITY, out.toeholdMaxDG = -INFINITY;
  for (unsigned d = 0; d < out.domains.size(); ++d) {
    const DomainSequence &row = out.domains[d];
    if (!fitsAlphabet(row.sequence, model.alphabets[d]))
      ++alphabet.violations;
    if (row.kind == dna::DomainKind::Toehold) {
      double off = std::abs(row.dGComplement - target);
      toe.worst = std::max(toe.worst, off);
      toe.violations += off > options.toeholdToleranceDG + 1e-9;
      out.toeholdMinDG = std::min(out.toeholdMinDG, row.dGComplement);
      out.toeholdMaxDG = std::max(out.toeholdMaxDG, row.dGComplement);
      continue;
    }
    double margin = std::min(row.gcPercent - options.gcMinPercent,
                             options.gcMaxPercent - row.gcPercent);
    if (margin < gc.margin)
      gc.margin = margin, gc.worst = row.gcPercent,
      gc.limit =
          row.gcPercent < 50 ? options.gcMinPercent : options.gcMaxPercent;
    gc.violations += margin < -1e-9;
  }
  if (gc.margin == INFINITY)
    gc.margin = 0, gc.checked = false;
  if (out.toeholdMinDG == INFINITY)
    out.toeholdMinDG = out.toeholdMaxDG = 0, toe.checked = false;
  toe.margin = options.toeholdToleranceDG - toe.worst;
  alphabet.worst = alphabet.violations;
  alphabet.margin = alphabet.violations ? -double(alphabet.violations) : 0.0;
  out.constraints.push_back(alphabet);
  out.constraints.push_back(gc);
  out.constraints.push_back(toe);
}

/// Forbidden runs in strands; shared unique k-mers; crosstalk k-mers.
static void kmerConstraints(const std::vector<std::string> &seqs,
                            const DesignOptions &options, unsigned uniqueK,
                            SequenceDesign &out) {
  unsigned runs = 0;
  for (const StrandSequence &s : out.strands)
    runs += forbiddenRunCount(s.sequence);
  out.constraints.push_back(
      countConstraint("no GGGG, CCCC, AAAAA, TTTTT", "runs", runs));
  KmerIndex unique(uniqueK), cross(options.crosstalkK);
  unsigned shared = 0, sharedX;
  uint64_t pairs = 0, pairsU;
  for (const std::string &s : seqs) {
    unsigned u;
    uint64_t p;
    unique.costOfAdding(unique.familyKmers(s), u, pairsU);
    cross.costOfAdding(cross.familyKmers(s), sharedX, p);
    shared += u, pairs += p;
    unique.add(unique.familyKmers(s));
    cross.add(cross.familyKmers(s));
  }
  out.constraints.push_back(countConstraint("no " + std::to_string(uniqueK) +
                                                "-mer shared between families",
                                            "k-mers", shared));
  ConstraintResult x = countConstraint(std::to_string(options.crosstalkK) +
                                           "-mer crosstalk (minimised)",
                                       "family pairs", unsigned(pairs));
  x.hard = false;
  out.crosstalkScore = double(pairs);
  out.constraints.push_back(x);
}

static void spuriousConstraints(SpuriousCheck &check,
                                const std::vector<std::string> &seqs,
                                const DesignOptions &options,
                                SequenceDesign &out) {
  // Hard, from what a structure does to the rates (DesignOptions): the
  // duplex limit at the highest strand concentration, the hairpin limit for
  // a unimolecular fold; the check collected every structure below them.
  ConstraintResult duplex{"spurious duplex between exposed regions",
                          "kcal/mol",
                          0,
                          out.spuriousLimitDG,
                          0,
                          0,
                          true,
                          options.checkSpurious};
  ConstraintResult hairpin{"spurious hairpin in exposed regions",
                           "kcal/mol",
                           0,
                           out.hairpinLimitDG,
                           0,
                           0,
                           true,
                           options.checkSpurious};
  ConstraintResult reference{"spurious duplex vs half the toehold target "
                             "(reported)",
                             "kcal/mol",
                             0,
                             out.spuriousReferenceDG,
                             0,
                             0,
                             false,
                             options.checkSpurious};
  if (options.checkSpurious) {
    check.update(seqs);
    SpuriousSummary s = check.evaluateAll();
    duplex.worst = reference.worst = s.worstDuplex.dG;
    hairpin.worst = s.worstHairpin.dG;
    for (const SpuriousHit &hit : s.violations) {
      if (hit.hairpin)
        hairpin.violations += hit.dG < hairpin.limit;
      else
        duplex.violations += hit.dG < duplex.limit;
    }
    duplex.margin = duplex.worst - duplex.limit;
    hairpin.margin = hairpin.worst - hairpin.limit;
    reference.margin = reference.worst - reference.limit;
    reference.violations = reference.margin < 0;
    out.worstDuplexAt = check.describe(s.worstDuplex);
    out.worstHairpinAt = check.describe(s.worstHairpin);
  }
  out.constraints.push_back(duplex);
  out.constraints.push_back(hairpin);
  out.constraints.push_back(reference);
}

SpuriousLimits sequences::spuriousLimits(const dna::Design &design,
                                         const DesignOptions &options,
                                         double toeholdTarget) {
  SpuriousLimits l;
  double toNanoMolar = concUnitInMolar(design.unit) / 1e-9;
  for (const dna::NamedComplex &c : design.allComplexes())
    l.highestNanoMolar =
        std::max(l.highestNanoMolar, c.concentration.value_or(0) * toNanoMolar);
  if (!(l.highestNanoMolar > 0))
    l.highestNanoMolar = 1000; // no amounts given: a typical C_max, 1 uM
  double rt = thermo::GasConstant / 1000.0 * options.conditions.temperatureK();
  double allowed = std::expm1(options.toeholdToleranceDG / rt);
  l.duplex = rt * std::log(l.highestNanoMolar * 1e-9 / allowed);
  l.hairpin = -rt * std::log(allowed);
  l.reference = options.spuriousFraction * toeholdTarget;
  return l;
}

SequenceDesign
sequences::measureDesign(const dna::Design &design, const DesignModel &model,
                         const std::vector<std::string> &seqs,
                         const SearchProblem &problem, SpuriousCheck &check,
                         const DesignOptions &options, double target) {
  SequenceDesign out;
  out.toeholdTargetDG = target;
  SpuriousLimits limits = spuriousLimits(design, options, target);
  out.spuriousLimitDG = limits.duplex, out.hairpinLimitDG = limits.hairpin;
  out.spuriousReferenceDG = limits.reference;
  out.highestNanoMolar = limits.highestNanoMolar;
  fillDomains(design, seqs, problem, options.conditions, out);
  fillStrands(design, model, seqs, out);
  windowConstraints(model, options, target, out);
  kmerConstraints(seqs, options, problem.uniqueK, out);
  spuriousConstraints(check, seqs, options, out);
  for (const ConstraintResult &c : out.constraints)
    if (c.hard && c.checked)
      out.hardViolations += c.violations;
  return out;
}

void sequences::writeDomainsCSV(const SequenceDesign &d,
                                llvm::raw_ostream &os) {
  os << "name,length,kind,sequence,gc_percent,dG_complement_kcal\n";
  for (const DomainSequence &row : d.domains)
    os << row.name << "," << row.sequence.size() << ","
       << dna::domainKindName(row.kind) << "," << row.sequence << ","
       << formatSignificant(row.gcPercent, 4) << ","
       << formatSignificant(row.dGComplement, 4) << "\n";
}

void sequences::writeStrandsCSV(const SequenceDesign &d,
                                llvm::raw_ostream &os) {
  os << "name,domains,sequence,length,role\n";
  for (const StrandSequence &s : d.strands)
    os << s.name << "," << s.domains << "," << s.sequence << ","
       << s.sequence.size() << "," << s.role << "\n";
}

void sequences::writeStrandsFASTA(const SequenceDesign &d,
                                  llvm::raw_ostream &os) {
  for (const StrandSequence &s : d.strands)
    os << ">" << s.name << " role=" << s.role << " length=" << s.sequence.size()
       << " domains=" << s.domains << "\n"
       << s.sequence << "\n";
}

void sequences::writeSequencesJSON(const SequenceDesign &d,
                                   const DesignOptions &options,
                                   llvm::raw_ostream &os) {
  using nlohmann::ordered_json;
  auto num = [](double v) { return std::stod(formatSignificant(v, 6)); };
  ordered_json j;
  const thermo::Conditions &c = options.conditions;
  j["conditions"] = {{"temperature_C", num(c.temperatureC)},
                     {"na_mM", num(c.sodiumMilliMolar)},
                     {"mg_mM", num(c.magnesiumMilliMolar)}};
  j["seed"] = options.seed;
  j["restart_chosen"] = d.restartChosen;
  j["four_letter_long_domains"] = d.fourLetterDomains;
  j["toehold_dG_kcal"] = {{"target", num(d.toeholdTargetDG)},
                          {"tolerance", num(options.toeholdToleranceDG)},
                          {"min", num(d.toeholdMinDG)},
                          {"max", num(d.toeholdMaxDG)},
                          {"spread", num(d.toeholdMaxDG - d.toeholdMinDG)}};
  j["intended_toehold_mismatches"] = d.mismatchedStrands;
  j["unique_k"] = d.uniqueK;
  j["spurious_limit_kcal"] = num(d.spuriousLimitDG);
  j["hairpin_limit_kcal"] = num(d.hairpinLimitDG);
  j["spurious_limit_basis"] = {
      {"rate_factor_allowed",
       num(std::exp(options.toeholdToleranceDG /
                    (thermo::GasConstant / 1000.0 *
                     options.conditions.temperatureK())))},
      {"highest_concentration_nM", num(d.highestNanoMolar)},
      {"half_toehold_reference_kcal", num(d.spuriousReferenceDG)}};
  j["exposed_regions"] = d.exposedRegions;
  j["spurious_checked"] = d.spuriousChecked;
  if (!d.spuriousChecked)
    j["spurious_not_checked"] = d.spuriousNotChecked;
  j["worst_spurious_duplex"] = d.worstDuplexAt;
  j["worst_spurious_hairpin"] = d.worstHairpinAt;
  j["hard_violations"] = d.hardViolations;
  ordered_json list = ordered_json::array();
  for (const ConstraintResult &r : d.constraints)
    list.push_back({{"name", r.name},
                    {"unit", r.unit},
                    {"hard", r.hard},
                    {"checked", r.checked},
                    {"worst", num(r.worst)},
                    {"limit", num(r.limit)},
                    {"margin", num(r.margin)},
                    {"violations", r.violations},
                    {"holds", !r.checked || r.violations == 0}});
  j["constraints"] = list;
  j["domains"] = d.domains.size();
  j["strands"] = d.strands.size();
  os << j.dump(2) << "\n";
}
