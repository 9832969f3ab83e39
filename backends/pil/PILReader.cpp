//===- PILReader.cpp - Pepper Internal Language input ---------------------===//

#include "backends/pil/PILReader.h"
#include "lib/dna/KernelNotation.h"
#include "lib/support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <cctype>
#include <functional>

using namespace crnc;
using namespace crnc::dna;

namespace {
/// A cursor over one statement's text (comments already cut off).
struct Cursor {
  const char *p, *end;
  void skipSpace() {
    while (p < end && std::isspace(static_cast<unsigned char>(*p)))
      ++p;
  }
  bool atEnd() {
    skipSpace();
    return p == end;
  }
  bool consume(char c) {
    skipSpace();
    if (p < end && *p == c)
      return ++p, true;
    return false;
  }
  /// A word of name characters (plus '*', '.', '+', '-' for numbers/units).
  llvm::StringRef word(bool numberLike = false) {
    skipSpace();
    const char *start = p;
    while (p < end && (std::isalnum(static_cast<unsigned char>(*p)) ||
                       *p == '_' || *p == '-' || *p == '*' ||
                       (numberLike && (*p == '.' || *p == '+' || *p == '/'))))
      ++p;
    return llvm::StringRef(start, static_cast<size_t>(p - start));
  }
  llvm::StringRef rest() {
    skipSpace();
    return llvm::StringRef(p, static_cast<size_t>(end - p));
  }
};

class Reader {
public:
  Reader(DiagnosticEngine &diags) : diags(diags) {}
  bool run(llvm::StringRef buffer);
  Design design;

private:
  bool error(const char *at, const llvm::Twine &message) {
    diags.report(Severity::Error, llvm::SMLoc::getFromPointer(at), message);
    return false;
  }
  Location loc(const char *at) {
    return diags.locationOf(llvm::SMLoc::getFromPointer(at));
  }
  bool statement(Cursor c, std::vector<Cursor> &lines, size_t &next);
  bool domainDecl(Cursor c, llvm::StringRef keyword);
  bool kernelComplex(llvm::StringRef name, Cursor c);
  bool dotParenComplex(llvm::StringRef name, llvm::StringRef sequence,
                       llvm::StringRef structure);
  bool reaction(Cursor c);
  bool macrostate(Cursor c);
  bool compositeDecl(Cursor c);
  std::optional<std::string> expandComposites(llvm::StringRef text) const;
  bool addComplex(llvm::StringRef name, Complex complex,
                  std::optional<double> conc, bool constant);
  bool knownComplex(llvm::StringRef name) {
    return design.lookup(name).has_value();
  }

  DiagnosticEngine &diags;
  bool unitSet = false;
  /// `sup-sequence`/`strand` names and the domains they stand for.
  llvm::StringMap<std::vector<DomainRef>> composites;
};
} // namespace

static ComplexRole roleFromName(llvm::StringRef name) {
  switch (name.front()) {
  case 'f':
    return ComplexRole::Fuel;
  case 'w':
    return ComplexRole::Waste;
  case 'i':
    return ComplexRole::Intermediate;
  default:
    return ComplexRole::Signal;
  }
}

static bool isStructureText(llvm::StringRef text) {
  return !text.empty() &&
         text.find_first_not_of("(.)+ \t") == llvm::StringRef::npos;
}

bool Reader::domainDecl(Cursor c, llvm::StringRef keyword) {
  c.skipSpace();
  const char *at = c.p;
  llvm::StringRef name = c.word();
  if (!isDomainName(name))
    return error(at, "expected a domain name after '" + keyword + "'");
  if (!c.consume('=') && !c.consume(':'))
    return error(c.p, "expected '=' after the domain name");
  const char *valueAt = c.p;
  llvm::StringRef value = c.word();
  unsigned length = 0;
  bool toehold = false;
  if (value == "short") {
    length = 5, toehold = true;
  } else if (value == "long") {
    length = 15;
  } else if (!value.getAsInteger(10, length)) {
    toehold = length < 10;
  } else if (!value.empty() &&
             std::isalpha(static_cast<unsigned char>(value[0]))) {
    // A sequence constraint (IUPAC letters), optionally `: length`.
    length = static_cast<unsigned>(value.size());
    if (c.consume(':') || c.consume('=')) {
      llvm::StringRef n = c.word();
      if (n.getAsInteger(10, length))
        return error(n.data(), "expected a domain length");
    }
    toehold = length < 10;
  } else {
    return error(valueAt, "expected a domain length, 'short' or 'long'");
  }
  if (!c.atEnd())
    return error(c.p, "unexpected text after the domain declaration");
  if (design.domains.lookup(name))
    return error(at, "domain '" + name + "' is declared twice");
  DomainKind kind = toehold               ? DomainKind::Toehold
                    : name.front() == 'h' ? DomainKind::History
                                          : DomainKind::Long;
  DomainId id = design.domains.add(name, length, kind);
  if (value.size() == length &&
      value.find_first_not_of("ACGT") == llvm::StringRef::npos)
    design.domains.get(id).sequence = value.str();
  return true;
}

bool Reader::addComplex(llvm::StringRef name, Complex complex,
                        std::optional<double> conc, bool constant) {
  if (knownComplex(name))
    return error(name.data(), "complex '" + name + "' is defined twice");
  NamedComplex entry;
  entry.name = name.str();
  entry.complex = std::move(complex);
  entry.role = roleFromName(name);
  entry.concentration = conc;
  entry.constant = constant;
  entry.loc = loc(name.data());
  design.add(std::move(entry));
  return true;
}

/// `sup-sequence S = a b* T : 20` or `strand S = ...`: S stands for the
/// listed domains (and composites) in kernel and dot-paren complexes.
bool Reader::compositeDecl(Cursor c) {
  llvm::StringRef name = c.word();
  if (name.empty() || (!c.consume('=') && !c.consume(':')))
    return error(c.p, "expected 'name = domains'");
  std::vector<DomainRef> domains;
  while (!c.atEnd() && *c.p != ':') {
    const char *at = c.p;
    llvm::StringRef token = c.word();
    bool complement = token.consume_back("*");
    if (token.empty())
      return error(at, "expected a domain name");
    std::vector<DomainRef> part;
    if (auto id = design.domains.lookup(token))
      part.push_back(DomainRef{*id, false});
    else if (composites.count(token))
      part = composites.lookup(token);
    else
      return error(at, "unknown domain '" + token + "'");
    if (complement) {
      std::reverse(part.begin(), part.end());
      for (DomainRef &d : part)
        d = d.complemented();
    }
    domains.insert(domains.end(), part.begin(), part.end());
  }
  composites[name] = std::move(domains);
  return true;
}

/// Kernel or sequence text with composite names replaced by their domains
/// (`S(` opens every domain of S, the matching `)` closes them all);
/// nullopt when the text names no composite.
std::optional<std::string>
Reader::expandComposites(llvm::StringRef text) const {
  if (composites.empty())
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 32> tokens;
  text.split(tokens, ' ', -1, /*KeepEmpty=*/false);
  std::string out;
  std::vector<size_t> open;
  bool used = false;
  for (llvm::StringRef token : tokens) {
    token = token.trim();
    if (token.empty())
      continue;
    if (token == ")") {
      size_t n = open.empty() ? 1 : open.back();
      if (!open.empty())
        open.pop_back();
      for (size_t i = 0; i < n; ++i)
        out += ") ";
      continue;
    }
    bool opens = token.consume_back("(");
    llvm::StringRef base = token;
    bool complement = base.consume_back("*");
    auto it = composites.find(base);
    if (it == composites.end() || design.domains.lookup(base)) {
      out += token.str() + (opens ? "( " : " ");
      if (opens)
        open.push_back(1);
      continue;
    }
    used = true;
    std::vector<DomainRef> part = it->second;
    if (complement) {
      std::reverse(part.begin(), part.end());
      for (DomainRef &d : part)
        d = d.complemented();
    }
    for (DomainRef d : part)
      out += design.domains.spell(d) + (opens ? "( " : " ");
    if (opens)
      open.push_back(part.size());
  }
  if (!used)
    return std::nullopt;
  return out;
}

bool Reader::kernelComplex(llvm::StringRef name, Cursor c) {
  llvm::StringRef text = c.rest();
  size_t at = text.find('@');
  llvm::StringRef kernel = text.substr(0, at);
  KernelParseOptions options;
  options.declareUnknown = false;
  std::optional<std::string> expanded = expandComposites(kernel);
  auto complex =
      expanded ? parseKernelString(*expanded, design.domains, diags,
                                   "kernel of '" + name.str() + "'", options)
               : parseKernel(kernel, design.domains, diags, options);
  if (!complex)
    return false;
  std::optional<double> conc;
  bool constant = false;
  if (at != llvm::StringRef::npos) {
    Cursor cc{text.data() + at + 1, text.end()};
    const char *modeAt = cc.p;
    llvm::StringRef mode = cc.word();
    if (mode == "constant" || mode == "c")
      constant = true;
    else if (mode != "initial" && mode != "i")
      return error(modeAt, "expected 'initial' or 'constant' after '@'");
    const char *numAt = cc.p;
    cc.skipSpace();
    numAt = cc.p;
    auto value = parseNumber(cc.word(/*numberLike=*/true));
    if (!value || *value < 0)
      return error(numAt, "expected a non-negative concentration");
    const char *unitAt = (cc.skipSpace(), cc.p);
    auto unit = parseConcUnit(cc.word());
    if (!unit)
      return error(unitAt, "expected a concentration unit (M, mM, uM, nM, pM)");
    if (!cc.atEnd())
      return error(cc.p, "unexpected text after the concentration");
    if (!unitSet)
      design.unit = *unit, unitSet = true;
    conc = convertConcentration(*value, *unit, design.unit);
  }
  return addComplex(name, std::move(*complex), conc, constant);
}

bool Reader::dotParenComplex(llvm::StringRef name, llvm::StringRef sequence,
                             llvm::StringRef structure) {
  KernelParseOptions options;
  options.declareUnknown = false;
  std::optional<std::string> expanded = expandComposites(sequence);
  if (expanded) {
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
        *expanded, "strands of '" + name.str() + "'");
    sequence = buffer->getBuffer();
    diags.sourceMgr().AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  }
  auto complex =
      parseDotParen(sequence, structure, design.domains, diags, options);
  if (!complex)
    return false;
  return addComplex(name, std::move(*complex), std::nullopt, false);
}

/// Reads `a + b + c` up to `stop` (or the end); names must be known.
static bool speciesList(Cursor &c, llvm::StringRef stop,
                        std::vector<std::string> &names,
                        const std::function<bool(llvm::StringRef)> &check) {
  while (!c.atEnd() && !c.rest().startswith(stop)) {
    llvm::StringRef name = c.word();
    if (name.empty() || !check(name))
      return false;
    names.push_back(name.str());
    if (!c.consume('+'))
      break;
  }
  return true;
}

bool Reader::reaction(Cursor c) {
  DomainReaction r;
  r.loc = loc(c.p);
  if (c.consume('[')) {
    Cursor probe = c;
    llvm::StringRef first = probe.word();
    if (!first.empty() && std::isalpha(static_cast<unsigned char>(first[0])) &&
        (probe.consume('=') || probe.consume(':'))) {
      r.rateType = first.str();
      c = probe;
    }
    c.skipSpace();
    const char *numAt = c.p;
    llvm::StringRef number = c.word(/*numberLike=*/true);
    r.rate = parseNumber(number);
    if (!r.rate)
      return error(numAt, "expected a rate constant");
    if (c.rest().startswith("+/-")) {
      c.p += 3;
      c.word(/*numberLike=*/true);
    }
    c.skipSpace();
    const char *close = std::find(c.p, c.end, ']');
    if (close == c.end)
      return error(c.p, "expected ']' after the rate");
    r.rateUnits =
        llvm::StringRef(c.p, static_cast<size_t>(close - c.p)).trim().str();
    c.p = close + 1;
  }
  auto check = [&](llvm::StringRef name) {
    if (knownComplex(name))
      return true;
    return error(name.data(), "unknown complex '" + name + "' in reaction");
  };
  if (!speciesList(c, "->", r.reactants, check))
    return false;
  c.skipSpace();
  if (!c.rest().startswith("->"))
    return error(c.p, "expected '->' in reaction");
  c.p += 2;
  if (!speciesList(c, "\n", r.products, check))
    return false;
  if (!c.atEnd())
    return error(c.p, "unexpected text in reaction");
  design.reactions.push_back(std::move(r));
  return true;
}

bool Reader::macrostate(Cursor c) {
  Macrostate m;
  m.loc = loc(c.p);
  m.name = c.word().str();
  if (m.name.empty() || !c.consume('=') || !c.consume('['))
    return error(c.p, "expected 'name = [complex, ...]'");
  while (!c.consume(']')) {
    llvm::StringRef name = c.word();
    if (name.empty())
      return error(c.p, "expected a complex name or ']'");
    if (!knownComplex(name))
      return error(name.data(), "unknown complex '" + name + "' in macrostate");
    m.complexes.push_back(name.str());
    c.consume(',');
  }
  if (!c.atEnd())
    return error(c.p, "unexpected text after the macrostate");
  design.macrostates.push_back(std::move(m));
  return true;
}

/// `complex NAME =` followed by a sequence line and a structure line (either
/// may share the first line).
static bool takeLine(std::vector<Cursor> &lines, size_t &next, Cursor &out) {
  while (next < lines.size() && lines[next].atEnd())
    ++next;
  if (next == lines.size())
    return false;
  out = lines[next++];
  return true;
}

bool Reader::statement(Cursor c, std::vector<Cursor> &lines, size_t &next) {
  const char *start = (c.skipSpace(), c.p);
  llvm::StringRef keyword = c.word();
  if (keyword == "length" || keyword == "domain" || keyword == "sequence")
    return domainDecl(c, keyword);
  if (keyword == "strand" || keyword == "sup-sequence") {
    design.otherStatements.push_back(
        llvm::StringRef(start, static_cast<size_t>(c.end - start)).str());
    return compositeDecl(c);
  }
  if (keyword == "reaction" || keyword == "kinetic")
    return reaction(c);
  if (keyword == "macrostate" || keyword == "state")
    return macrostate(c);
  if (keyword == "complex" || keyword == "structure") {
    llvm::StringRef name = c.word();
    if (name.empty() || !c.consume('='))
      return error(c.p, "expected '" + keyword + " name ='");
    if (keyword == "structure") {
      llvm::StringRef rest = c.rest();
      size_t split = rest.find_first_of(":=");
      if (split == llvm::StringRef::npos)
        return error(c.p, "expected 'domains : structure'");
      return dotParenComplex(name, rest.substr(0, split),
                             rest.substr(split + 1));
    }
    Cursor seq = c, st;
    if (seq.atEnd() && !takeLine(lines, next, seq))
      return error(c.p, "expected the domains of complex '" + name + "'");
    if (!takeLine(lines, next, st) || !isStructureText(st.rest()))
      return error(seq.end, "expected the structure of complex '" + name + "'");
    return dotParenComplex(name, seq.rest(), st.rest());
  }
  if (c.consume('=')) {
    if (!isDomainName(keyword))
      return error(start, "invalid complex name '" + keyword + "'");
    return kernelComplex(keyword, c);
  }
  return error(start, "expected a PIL statement (length, complex, reaction, "
                      "macrostate, or 'name = kernel')");
}

bool Reader::run(llvm::StringRef buffer) {
  std::vector<Cursor> lines;
  const char *p = buffer.begin();
  while (p < buffer.end()) {
    const char *eol = std::find(p, buffer.end(), '\n');
    const char *hash = std::find(p, eol, '#');
    lines.push_back(Cursor{p, hash});
    p = eol == buffer.end() ? eol : eol + 1;
  }
  bool ok = true;
  size_t next = 0;
  while (next < lines.size()) {
    Cursor line = lines[next++];
    if (line.atEnd())
      continue;
    ok &= statement(line, lines, next);
  }
  return ok;
}

std::optional<Design> crnc::pil::readPIL(unsigned bufferId,
                                         DiagnosticEngine &diags) {
  Reader reader(diags);
  llvm::StringRef buffer =
      diags.sourceMgr().getMemoryBuffer(bufferId)->getBuffer();
  if (!reader.run(buffer))
    return std::nullopt;
  return std::move(reader.design);
}

std::optional<Design> crnc::pil::readPILString(llvm::StringRef text,
                                               DiagnosticEngine &diags,
                                               llvm::StringRef bufferName) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(text, bufferName);
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return readPIL(id, diags);
}
