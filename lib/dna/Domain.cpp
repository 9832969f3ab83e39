//===- Domain.cpp - DNA domains and the table that names them -------------===//

#include "lib/dna/Domain.h"
#include <cassert>
#include <cctype>

using namespace crnc::dna;

llvm::StringRef crnc::dna::domainKindName(DomainKind kind) {
  switch (kind) {
  case DomainKind::Toehold:
    return "toehold";
  case DomainKind::Long:
    return "long";
  case DomainKind::History:
    return "history";
  }
  return "long";
}

DomainId DomainTable::add(llvm::StringRef name, unsigned length,
                          DomainKind kind) {
  assert(!byName.count(name) && "domain declared twice");
  DomainId id = static_cast<DomainId>(domains.size());
  domains.push_back(Domain{name.str(), length, kind, std::string()});
  byName[name] = id;
  return id;
}

DomainId DomainTable::fresh(llvm::StringRef prefix, unsigned length,
                            DomainKind kind) {
  std::string name;
  do
    name = prefix.str() + std::to_string(++counter);
  while (byName.count(name));
  return add(name, length, kind);
}

std::optional<DomainId> DomainTable::lookup(llvm::StringRef name) const {
  auto it = byName.find(name);
  if (it == byName.end())
    return std::nullopt;
  return it->second;
}

std::string DomainTable::spell(DomainRef ref) const {
  std::string s = domains[ref.id].name;
  if (ref.complement)
    s += '*';
  return s;
}

std::string DomainTable::spellMarked(DomainRef ref) const {
  std::string s = spell(ref);
  if (ref.mismatchCount())
    s += "[" + std::to_string(ref.mismatchCount()) + "mm]";
  return s;
}

bool crnc::dna::isDomainName(llvm::StringRef name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
      return false;
  return true;
}
