//===- Printer.cpp - the textual IR ---------------------------------------===//

#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "lib/support/Lexer.h"

using namespace crnc;
using namespace crnc::ir;

static void printName(llvm::StringRef name, llvm::raw_ostream &os) {
  if (isIdentifier(name))
    os << name;
  else
    os << quoteString(name);
}

static void printAttributes(const AttributeList &attrs, llvm::raw_ostream &os) {
  if (attrs.empty())
    return;
  os << " {";
  for (size_t i = 0; i < attrs.size(); ++i) {
    os << (i ? ", " : "");
    printName(attrs[i].key, os);
    os << " = " << quoteString(attrs[i].value);
  }
  os << "}";
}

static void printLocation(Location loc, const PrintOptions &options,
                          llvm::raw_ostream &os) {
  if (!options.printLocations || !loc.isKnown())
    return;
  os << " loc(" << quoteString(loc.fileName()) << ":" << loc.line << ":"
     << loc.col << ")";
}

static void printTerms(const Module &module, const TermList &terms,
                       llvm::raw_ostream &os) {
  for (size_t i = 0; i < terms.size(); ++i) {
    os << (i ? " + " : "");
    if (terms[i].count != 1)
      os << terms[i].count << " ";
    printName(module.getSpecies(terms[i].species).name, os);
  }
}

void ir::printReactionEquation(const Module &module, const Reaction &reaction,
                               llvm::raw_ostream &os) {
  printTerms(module, reaction.reactants, os);
  if (!reaction.reactants.empty())
    os << " ";
  os << (reaction.isReversible() ? "<=>" : "->");
  if (!reaction.products.empty())
    os << " ";
  printTerms(module, reaction.products, os);
}

std::string ir::reactionEquation(const Module &module,
                                 const Reaction &reaction) {
  std::string text;
  llvm::raw_string_ostream os(text);
  printReactionEquation(module, reaction, os);
  return os.str();
}

static void printReaction(const Module &module, const Reaction &r,
                          const PrintOptions &options, llvm::raw_ostream &os) {
  os << "  reaction ";
  printReactionEquation(module, r, os);
  if (r.isReversible())
    os << " [kf = " << formatNumber(r.rate)
       << ", kr = " << formatNumber(*r.reverseRate) << "]";
  else
    os << " [k = " << formatNumber(r.rate) << "]";
  if (r.phase != NoPhase) {
    os << " phase ";
    printName(module.allPhases()[r.phase].name, os);
  }
  printLocation(r.loc, options, os);
  os << "\n";
}

static void printSpecies(const Species &s, const PrintOptions &options,
                         llvm::raw_ostream &os) {
  os << "  species ";
  printName(s.name, os);
  os << " : " << roleName(s.role) << " = " << formatNumber(s.initial);
  if (s.constant)
    os << " constant";
  if (s.isSigned)
    os << " signed";
  printAttributes(s.attrs, os);
  printLocation(s.loc, options, os);
  os << "\n";
}

void ir::printModule(const Module &module, llvm::raw_ostream &os,
                     const PrintOptions &options) {
  os << "module " << quoteString(module.name) << " {\n";
  if (module.unit != ConcUnit::None)
    os << "  unit " << concUnitName(module.unit) << "\n";
  for (const Attribute &a : module.attrs) {
    os << "  attr ";
    printName(a.key, os);
    os << " = " << quoteString(a.value) << "\n";
  }
  for (const Parameter &p : module.allParameters()) {
    os << "  param ";
    printName(p.name, os);
    os << " = " << formatNumber(p.value);
    printLocation(p.loc, options, os);
    os << "\n";
  }
  for (const Phase &p : module.allPhases()) {
    os << "  phase ";
    printName(p.name, os);
    printAttributes(p.attrs, os);
    printLocation(p.loc, options, os);
    os << "\n";
  }
  for (const Species &s : module.allSpecies())
    printSpecies(s, options, os);
  for (const Reaction &r : module.allReactions())
    printReaction(module, r, options, os);
  os << "}\n";
}

std::string ir::printModuleToString(const Module &module,
                                    const PrintOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  printModule(module, os, options);
  return os.str();
}
