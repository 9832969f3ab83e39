//===- CrnBisimulation.cpp - CRN bisimulation: conditions and search ------===//
//
// The search for an interpretation follows the paper's two phases:
//  1. Columns: every formal reaction must be implemented by some reaction, so
//     each formal reaction in turn (fewest candidates first) is matched with
//     each implementation reaction that can still interpret as it, and that
//     reaction's unassigned species take every assignment making it so.
//  2. Rows: an implementation reaction with unassigned species (the one with
//     fewest choices; one that may be trivial with unassigned species on both
//     sides last) is made to interpret as a formal reaction (every
//     assignment) or as a trivial one. For a trivial one the unassigned
//     species take the formal species the reaction would otherwise create or
//     destroy, plus at most one further formal species shared by both sides:
//     the bounded space of the paper's algorithm.
// Every partial interpretation is pruned by the delimiting condition (some
// target for each reaction, some reaction for each formal one); complete ones
// are checked for atomic and permissive. Visited partial interpretations are
// remembered, so each is expanded once whatever the order of assignments.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/CrnBisimulation.h"
#include "lib/verify/PermissiveCheck.h"
#include <algorithm>
#include <unordered_set>

namespace crnc::verify {

llvm::StringRef verdictName(Verdict verdict) {
  switch (verdict) {
  case Verdict::Correct:
    return "correct";
  case Verdict::Incorrect:
    return "incorrect";
  case Verdict::Unknown:
    return "unknown";
  }
  return "unknown";
}

namespace {

/// An implementation reaction under a partial interpretation.
struct RowView {
  Multiset knownReactants, knownProducts; ///< formal species so far
  llvm::SmallVector<std::pair<SpeciesIndex, unsigned>, 2> unknownReactants,
      unknownProducts; ///< unassigned species with their counts
  bool complete() const {
    return unknownReactants.empty() && unknownProducts.empty();
  }
};

using Assignment = llvm::SmallVector<std::pair<SpeciesIndex, Multiset>, 2>;

RowView viewOf(const CrnReaction &r, const Interpretation &m) {
  RowView v;
  auto side = [&](const Multiset &in, Multiset &known, auto &unknown) {
    for (size_t i = 0; i < in.size();) {
      size_t end = i;
      while (end < in.size() && in[end] == in[i])
        ++end;
      unsigned count = static_cast<unsigned>(end - i);
      if (m[in[i]])
        for (unsigned c = 0; c < count; ++c)
          known.append(m[in[i]]->begin(), m[in[i]]->end());
      else
        unknown.push_back({in[i], count});
      i = end;
    }
    canonicalize(known);
  };
  side(r.reactants, v.knownReactants, v.unknownReactants);
  side(r.products, v.knownProducts, v.unknownProducts);
  return v;
}

/// Assignments of `unknown` whose weighted sum is `target`.
std::vector<Assignment>
sideAssignments(llvm::ArrayRef<std::pair<SpeciesIndex, unsigned>> unknown,
                const Multiset &target) {
  if (unknown.empty())
    return target.empty() ? std::vector<Assignment>(1)
                          : std::vector<Assignment>();
  llvm::SmallVector<unsigned, 2> weights;
  for (auto &u : unknown)
    weights.push_back(u.second);
  std::vector<Assignment> out;
  for (auto &parts : distribute(target, weights)) {
    Assignment a;
    for (size_t j = 0; j < unknown.size(); ++j)
      a.push_back({unknown[j].first, parts[j]});
    out.push_back(std::move(a));
  }
  return out;
}

/// Joins left and right assignments that agree on shared species.
void join(const std::vector<Assignment> &left,
          const std::vector<Assignment> &right, std::vector<Assignment> &out,
          size_t limit) {
  for (const Assignment &l : left)
    for (const Assignment &r : right) {
      if (out.size() >= limit)
        return;
      Assignment merged = l;
      bool consistent = true;
      for (auto &[s, value] : r) {
        auto it = llvm::find_if(merged, [&](auto &p) { return p.first == s; });
        if (it == merged.end())
          merged.push_back({s, value});
        else if (it->second != value)
          consistent = false;
      }
      if (consistent)
        out.push_back(std::move(merged));
    }
}

/// Assignments making the row interpret as the formal reaction `target`.
std::vector<Assignment> solveFormal(const RowView &v, const CrnReaction &target,
                                    size_t limit) {
  if (!multisetContains(target.reactants, v.knownReactants) ||
      !multisetContains(target.products, v.knownProducts))
    return {};
  std::vector<Assignment> out;
  join(sideAssignments(v.unknownReactants,
                       multisetDifference(target.reactants, v.knownReactants)),
       sideAssignments(v.unknownProducts,
                       multisetDifference(target.products, v.knownProducts)),
       out, limit);
  return out;
}

/// Assignments making the row trivial, within the bounded space (see top).
std::vector<Assignment> solveTrivial(const RowView &v,
                                     llvm::ArrayRef<SpeciesIndex> formalSpecies,
                                     size_t limit) {
  if (v.complete())
    return v.knownReactants == v.knownProducts ? std::vector<Assignment>(1)
                                               : std::vector<Assignment>();
  Multiset destroyed = multisetDifference(v.knownReactants, v.knownProducts);
  Multiset created = multisetDifference(v.knownProducts, v.knownReactants);
  std::vector<Assignment> out;
  join(sideAssignments(v.unknownReactants, created),
       sideAssignments(v.unknownProducts, destroyed), out, limit);
  if (v.unknownReactants.empty() || v.unknownProducts.empty())
    return out;
  for (SpeciesIndex atom : formalSpecies) {
    if (out.size() >= limit)
      break;
    join(sideAssignments(v.unknownReactants, multisetSum(created, {atom})),
         sideAssignments(v.unknownProducts, multisetSum(destroyed, {atom})),
         out, limit);
  }
  return out;
}

/// A failed partial interpretation, kept to explain an Incorrect verdict.
struct Failure {
  size_t assigned = 0;
  Counterexample counterexample;
};

class BisimulationSearch {
public:
  BisimulationSearch(const Crn &formal, const Crn &implementation,
                     const Deadline &deadline, AcceptInterpretation accept)
      : formal(formal), implementation(implementation), deadline(deadline),
        accept(std::move(accept)), formalSpecies(formal.usedSpecies()),
        implSpecies(implementation.usedSpecies()) {}

  std::optional<Interpretation> run(const Interpretation &partial) {
    std::vector<size_t> columns;
    for (size_t c = 0; c < formal.reactions.size(); ++c)
      columns.push_back(c);
    return searchColumns(partial, columns);
  }

  size_t visited() const { return seen.size(); }
  std::optional<Failure> failure;

private:
  /// Targets per row: formal reaction indices, and formal.reactions.size()
  /// for trivial. Returns false (and records why) if delimiting fails.
  bool tabulate(const Interpretation &m,
                std::vector<llvm::SmallVector<size_t, 4>> &targets);
  std::optional<Interpretation> searchColumns(const Interpretation &m,
                                              std::vector<size_t> columns);
  std::optional<Interpretation> searchRows(const Interpretation &m);
  std::optional<Interpretation> descend(
      std::vector<std::pair<size_t, Interpretation>> &children,
      llvm::function_ref<std::optional<Interpretation>(const Interpretation &)>
          next);
  void fail(const Interpretation &m, Counterexample counterexample);
  size_t assignedCount(const Interpretation &m) const;
  std::string describeRow(size_t k, const Interpretation &m) const;

  const Crn &formal, &implementation;
  const Deadline &deadline;
  AcceptInterpretation accept;
  std::vector<SpeciesIndex> formalSpecies, implSpecies;
  std::unordered_set<std::string> seen;
};

size_t BisimulationSearch::assignedCount(const Interpretation &m) const {
  size_t n = 0;
  for (SpeciesIndex s : implSpecies)
    n += m[s].has_value();
  return n;
}

void BisimulationSearch::fail(const Interpretation &m,
                              Counterexample counterexample) {
  size_t n = assignedCount(m);
  if (failure && failure->assigned >= n)
    return;
  failure = Failure{n, std::move(counterexample)};
}

std::string BisimulationSearch::describeRow(size_t k,
                                            const Interpretation &m) const {
  RowView v = viewOf(implementation.reactions[k], m);
  auto side = [&](const Multiset &known, auto &unknown) {
    std::string text = known.empty() && unknown.empty()
                           ? formal.format(known)
                           : (known.empty() ? "" : formal.format(known));
    for (auto &[s, count] : unknown) {
      if (!text.empty())
        text += " + ";
      text += (count > 1 ? std::to_string(count) + " " : "") + "m(" +
              implementation.speciesNames[s] + ")";
    }
    return text;
  };
  return side(v.knownReactants, v.unknownReactants) + " -> " +
         side(v.knownProducts, v.unknownProducts);
}

bool BisimulationSearch::tabulate(
    const Interpretation &m,
    std::vector<llvm::SmallVector<size_t, 4>> &targets) {
  targets.assign(implementation.reactions.size(), {});
  std::vector<bool> covered(formal.reactions.size(), false);
  for (size_t k = 0; k < implementation.reactions.size(); ++k) {
    RowView v = viewOf(implementation.reactions[k], m);
    for (size_t c = 0; c < formal.reactions.size(); ++c)
      if (!solveFormal(v, formal.reactions[c], 1).empty()) {
        targets[k].push_back(c);
        covered[c] = true;
      }
    if (!solveTrivial(v, formalSpecies, 1).empty())
      targets[k].push_back(formal.reactions.size());
    if (targets[k].empty()) {
      fail(m, {"delimiting",
               "interprets as " + describeRow(k, m) +
                   ", which is neither a formal reaction nor trivial",
               implementation.format(implementation.reactions[k])});
      return false;
    }
  }
  for (size_t c = 0; c < formal.reactions.size(); ++c)
    if (!covered[c]) {
      fail(m, {"delimiting",
               "no implementation reaction can interpret as the formal "
               "reaction " +
                   formal.format(formal.reactions[c]),
               ""});
      return false;
    }
  return true;
}

static std::string keyOf(char phase, const Interpretation &m,
                         llvm::ArrayRef<size_t> columns) {
  std::string key(1, phase);
  for (const std::optional<Multiset> &value : m) {
    if (value)
      appendKey(key, *value);
    key += value ? ';' : '?';
  }
  for (size_t c : columns)
    key += std::to_string(c) + ",";
  return key;
}

static size_t levelOf(const Assignment &a) {
  size_t level = 0;
  for (auto &entry : a)
    level = std::max(level, entry.second.size());
  return level;
}

std::optional<Interpretation> BisimulationSearch::descend(
    std::vector<std::pair<size_t, Interpretation>> &children,
    llvm::function_ref<std::optional<Interpretation>(const Interpretation &)>
        next) {
  std::stable_sort(children.begin(), children.end(),
                   [](auto &a, auto &b) { return a.first < b.first; });
  for (auto &child : children)
    if (std::optional<Interpretation> found = next(child.second))
      return found;
  return std::nullopt;
}

std::optional<Interpretation>
BisimulationSearch::searchColumns(const Interpretation &m,
                                  std::vector<size_t> columns) {
  if (deadline.expired())
    throw DeadlineExpired();
  if (!seen.insert(keyOf('C', m, columns)).second)
    return std::nullopt;
  std::vector<llvm::SmallVector<size_t, 4>> targets;
  if (!tabulate(m, targets))
    return std::nullopt;
  if (columns.empty())
    return searchRows(m);
  auto candidates = [&](size_t c) {
    size_t n = 0;
    for (auto &t : targets)
      n += llvm::is_contained(t, c);
    return n;
  };
  auto best =
      std::min_element(columns.begin(), columns.end(), [&](size_t a, size_t b) {
        return candidates(a) < candidates(b);
      });
  size_t c = *best;
  columns.erase(best);
  std::vector<std::pair<size_t, Interpretation>> children;
  for (size_t k = 0; k < implementation.reactions.size(); ++k) {
    if (!llvm::is_contained(targets[k], c))
      continue;
    if (deadline.expired()) // the children may take much memory
      throw DeadlineExpired();
    RowView v = viewOf(implementation.reactions[k], m);
    for (const Assignment &a : solveFormal(v, formal.reactions[c], SIZE_MAX)) {
      Interpretation child = m;
      for (auto &[s, value] : a)
        child[s] = value;
      children.push_back({levelOf(a), std::move(child)});
    }
  }
  return descend(children, [&](const Interpretation &child) {
    return searchColumns(child, columns);
  });
}

std::optional<Interpretation>
BisimulationSearch::searchRows(const Interpretation &m) {
  if (deadline.expired())
    throw DeadlineExpired();
  if (!seen.insert(keyOf('R', m, {})).second)
    return std::nullopt;
  std::vector<llvm::SmallVector<size_t, 4>> targets;
  if (!tabulate(m, targets))
    return std::nullopt;
  // Branch on one reaction: the one with fewest assignments, a reaction
  // that may be trivial with unassigned species on both sides last (its
  // assignment depends on what the others fixed first).
  std::vector<std::pair<size_t, Interpretation>> children;
  std::pair<bool, size_t> bestRank{true, SIZE_MAX};
  bool unknownRows = false;
  for (size_t k = 0; k < implementation.reactions.size(); ++k) {
    RowView v = viewOf(implementation.reactions[k], m);
    if (v.complete())
      continue;
    unknownRows = true;
    if (deadline.expired())
      throw DeadlineExpired();
    bool open = !v.unknownReactants.empty() && !v.unknownProducts.empty() &&
                llvm::is_contained(targets[k], formal.reactions.size());
    std::vector<std::pair<size_t, Interpretation>> rowChildren;
    for (size_t target : targets[k]) {
      std::vector<Assignment> solutions =
          target == formal.reactions.size()
              ? solveTrivial(v, formalSpecies, SIZE_MAX)
              : solveFormal(v, formal.reactions[target], SIZE_MAX);
      for (const Assignment &a : solutions) {
        Interpretation child = m;
        for (auto &[s, value] : a)
          child[s] = value;
        rowChildren.push_back({levelOf(a), std::move(child)});
      }
    }
    std::pair<bool, size_t> rank{open, rowChildren.size()};
    if (rank < bestRank) {
      bestRank = rank;
      children = std::move(rowChildren);
    }
  }
  if (!unknownRows) {
    if (std::optional<Counterexample> problem =
            checkInterpretation(formal, implementation, m, deadline)) {
      fail(m, *problem);
      return std::nullopt;
    }
    if (accept && !accept(m))
      return std::nullopt;
    return m;
  }
  return descend(
      children, [&](const Interpretation &child) { return searchRows(child); });
}

} // namespace

std::optional<Counterexample>
checkInterpretation(const Crn &formal, const Crn &implementation,
                    const Interpretation &interpretation,
                    const Deadline &deadline) {
  std::vector<SpeciesIndex> implSpecies = implementation.usedSpecies();
  for (SpeciesIndex f : formal.usedSpecies())
    if (llvm::none_of(implSpecies, [&](SpeciesIndex s) {
          return *interpretation[s] == Multiset{f};
        }))
      return Counterexample{"atomic",
                            "no implementation species stands for the formal "
                            "species " +
                                formal.speciesNames[f] + " alone",
                            ""};
  std::vector<bool> covered(formal.reactions.size(), false);
  for (const CrnReaction &r : implementation.reactions) {
    Multiset in = interpretMultiset(interpretation, r.reactants);
    Multiset out = interpretMultiset(interpretation, r.products);
    if (in == out)
      continue;
    bool matched = false;
    for (size_t c = 0; c < formal.reactions.size(); ++c)
      if (formal.reactions[c].reactants == in &&
          formal.reactions[c].products == out)
        matched = covered[c] = true;
    if (!matched)
      return Counterexample{"delimiting",
                            "interprets as " + formal.format(in) + " -> " +
                                formal.format(out) +
                                ", which is neither a formal reaction nor "
                                "trivial",
                            implementation.format(r)};
  }
  for (size_t c = 0; c < formal.reactions.size(); ++c)
    if (!covered[c])
      return Counterexample{"delimiting",
                            "no implementation reaction implements the formal "
                            "reaction " +
                                formal.format(formal.reactions[c]),
                            ""};
  std::optional<PermissiveFailure> stuck =
      checkPermissive(formal, implementation, interpretation, deadline);
  if (!stuck)
    return std::nullopt;
  const CrnReaction &fr = formal.reactions[stuck->formalReaction];
  return Counterexample{
      "permissive",
      "the formal reaction " + formal.format(fr) +
          " cannot happen from the implementation state " +
          implementation.format(stuck->state) + " (interpreted as " +
          formal.format(interpretMultiset(interpretation, stuck->state)) +
          "): no trivial reactions lead to a reaction that implements it",
      ""};
}

BisimulationResult checkCrnBisimulation(const Crn &formal,
                                        const Crn &implementation,
                                        const BisimulationOptions &options,
                                        const AcceptInterpretation &accept) {
  Deadline deadline(options.timeLimitSeconds);
  Interpretation partial = options.partial;
  partial.resize(implementation.speciesCount());
  BisimulationResult result;
  BisimulationSearch search(formal, implementation, deadline, accept);
  try {
    std::optional<Interpretation> found = search.run(partial);
    result.interpretationsTried = search.visited();
    if (found) {
      result.verdict = Verdict::Correct;
      result.interpretation = *found;
      return result;
    }
  } catch (DeadlineExpired &) {
    result.interpretationsTried = search.visited();
    result.verdict = Verdict::Unknown;
    result.unknownReason = deadline.reason();
    return result;
  }
  result.verdict = Verdict::Incorrect;
  if (search.failure)
    result.counterexample = search.failure->counterexample;
  return result;
}

} // namespace crnc::verify
