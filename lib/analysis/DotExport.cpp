//===- DotExport.cpp - the reaction graph in GraphViz DOT -----------------===//

#include "lib/analysis/DotExport.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::analysis;
using namespace crnc::ir;

/// A DOT string literal (quotes and backslashes escaped).
static std::string dotQuote(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

static std::string rateLabel(const Reaction &r) {
  if (r.isReversible())
    return formatNumber(r.rate) + " / " + formatNumber(*r.reverseRate);
  return formatNumber(r.rate);
}

/// The attribute list of one edge: a stoichiometry label above 1 and a
/// double head for reversible reactions.
static std::string edgeAttributes(const Reaction &r, const Term &t) {
  std::string attrs;
  if (t.count != 1)
    attrs += "label=\"" + std::to_string(t.count) + "\"";
  if (r.isReversible())
    attrs += std::string(attrs.empty() ? "" : ", ") + "dir=both";
  return attrs;
}

static void printEdges(const Reaction &r, size_t index, llvm::raw_ostream &os) {
  for (const Term &t : r.reactants)
    os << "  s" << t.species << " -> r" << index << " [" << edgeAttributes(r, t)
       << "];\n";
  for (const Term &t : r.products)
    os << "  r" << index << " -> s" << t.species << " [" << edgeAttributes(r, t)
       << "];\n";
}

static void printReactionNode(const Reaction &r, size_t index,
                              llvm::raw_ostream &os, const char *indent) {
  os << indent << "r" << index
     << " [shape=box, height=0.2, fontsize=9, label=" << dotQuote(rateLabel(r))
     << "];\n";
}

void analysis::printReactionGraphDot(const Module &module,
                                     llvm::raw_ostream &os) {
  os << "digraph " << dotQuote(module.name) << " {\n";
  os << "  rankdir=LR;\n";
  for (SpeciesId s = 0; s < module.speciesCount(); ++s) {
    const Species &sp = module.getSpecies(s);
    os << "  s" << s << " [shape=ellipse, label=" << dotQuote(sp.name)
       << ", xlabel=" << dotQuote(roleName(sp.role)) << "];\n";
  }
  const std::vector<Reaction> &reactions = module.allReactions();
  for (size_t i = 0; i < reactions.size(); ++i)
    if (reactions[i].phase == NoPhase)
      printReactionNode(reactions[i], i, os, "  ");
  for (PhaseId p = 0; p < module.allPhases().size(); ++p) {
    os << "  subgraph cluster_phase" << p
       << " {\n    label=" << dotQuote("phase " + module.allPhases()[p].name)
       << ";\n";
    for (size_t i = 0; i < reactions.size(); ++i)
      if (reactions[i].phase == p)
        printReactionNode(reactions[i], i, os, "    ");
    os << "  }\n";
  }
  for (size_t i = 0; i < reactions.size(); ++i)
    printEdges(reactions[i], i, os);
  os << "}\n";
}
