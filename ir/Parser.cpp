//===- Parser.cpp - reads the textual IR ----------------------------------===//

#include "ir/Parser.h"
#include "lib/support/TokenCursor.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace crnc;
using namespace crnc::ir;

namespace {

/// Upper bound on one stoichiometric coefficient.
constexpr uint32_t MaxStoichiometry = 1000;

class IRParser {
public:
  IRParser(llvm::StringRef buffer, DiagnosticEngine &diags)
      : cursor(buffer, diags) {}

  std::unique_ptr<Module> parse();

private:
  LogicalResult parseItem(Module &m);
  LogicalResult parseName(std::string &out, llvm::StringRef what,
                          Token *tok = nullptr);
  LogicalResult parseSignedNumber(double &out);
  LogicalResult parseAttributes(AttributeList &attrs);
  LogicalResult parseLocation(Location &loc);
  LogicalResult parseSpecies(Module &m);
  LogicalResult parsePhase(Module &m);
  LogicalResult parseReaction(Module &m);
  LogicalResult parseTerms(Module &m, TermList &terms);
  LogicalResult parseRates(Reaction &r);
  LogicalResult endOfItem();

  TokenCursor cursor;
};

} // namespace

LogicalResult IRParser::parseName(std::string &out, llvm::StringRef what,
                                  Token *tokOut) {
  Token tok = cursor.peek();
  if (tokOut)
    *tokOut = tok;
  if (cursor.at(TokenKind::Identifier)) {
    out = cursor.take().spelling.str();
    return success();
  }
  if (cursor.at(TokenKind::String)) {
    out = Lexer::unquote(cursor.take().spelling);
    if (!out.empty())
      return success();
    cursor.errorAt(tok, "a " + what + " name cannot be empty");
    return failure();
  }
  cursor.errorExpected(what.str() + " name");
  return failure();
}

LogicalResult IRParser::parseSignedNumber(double &out) {
  bool negative = cursor.consumeIf(TokenKind::Minus);
  Token tok;
  if (failed(cursor.expect(TokenKind::Number, "number", &tok)))
    return failure();
  std::optional<double> value = cursor.numberValue(tok);
  if (!value)
    return failure();
  out = negative ? -*value : *value;
  return success();
}

LogicalResult IRParser::parseAttributes(AttributeList &attrs) {
  if (!cursor.consumeIf(TokenKind::LBrace))
    return success();
  do {
    Attribute attr;
    Token valueTok;
    if (failed(parseName(attr.key, "attribute")) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(cursor.expect(TokenKind::String, "string value", &valueTok)))
      return failure();
    attr.value = Lexer::unquote(valueTok.spelling);
    attrs.push_back(std::move(attr));
  } while (cursor.consumeIf(TokenKind::Comma));
  return cursor.expect(TokenKind::RBrace, "',' or '}'");
}

LogicalResult IRParser::parseLocation(Location &loc) {
  if (!cursor.atKeyword("loc"))
    return success();
  cursor.take();
  Token file, line, col;
  if (failed(cursor.expect(TokenKind::LParen, "'('")) ||
      failed(cursor.expect(TokenKind::String, "file name", &file)) ||
      failed(cursor.expect(TokenKind::Colon, "':'")) ||
      failed(cursor.expect(TokenKind::Number, "line number", &line)) ||
      failed(cursor.expect(TokenKind::Colon, "':'")) ||
      failed(cursor.expect(TokenKind::Number, "column number", &col)) ||
      failed(cursor.expect(TokenKind::RParen, "')'")))
    return failure();
  uint32_t lineNo = 0, colNo = 0;
  if (line.spelling.getAsInteger(10, lineNo) ||
      col.spelling.getAsInteger(10, colNo)) {
    cursor.errorAt(line, "malformed location");
    return failure();
  }
  loc = Location::get(Lexer::unquote(file.spelling), lineNo, colNo);
  return success();
}

LogicalResult IRParser::endOfItem() {
  if (cursor.at(TokenKind::Newline) || cursor.at(TokenKind::Semicolon) ||
      cursor.at(TokenKind::RBrace)) {
    cursor.skipSeparators();
    return success();
  }
  cursor.errorExpected("end of line");
  return failure();
}

LogicalResult IRParser::parseSpecies(Module &m) {
  Species s;
  Token nameTok;
  s.loc = cursor.locationOf(cursor.peek());
  if (failed(parseName(s.name, "species", &nameTok)))
    return failure();
  Token roleTok;
  if (failed(cursor.expect(TokenKind::Colon, "':'")) ||
      failed(cursor.expect(TokenKind::Identifier, "species role", &roleTok)))
    return failure();
  std::optional<SpeciesRole> role = parseRole(roleTok.spelling);
  if (!role) {
    cursor.errorAt(roleTok, "unknown species role '" + roleTok.spelling + "'");
    return failure();
  }
  s.role = *role;
  if (failed(cursor.expect(TokenKind::Equal, "'='")) ||
      failed(parseSignedNumber(s.initial)))
    return failure();
  s.constant = cursor.consumeKeywordIf("constant");
  s.isSigned = cursor.consumeKeywordIf("signed");
  if (failed(parseAttributes(s.attrs)) || failed(parseLocation(s.loc)))
    return failure();
  if (m.lookupSpecies(s.name)) {
    cursor.errorAt(nameTok, "species '" + s.name + "' is declared twice");
    return failure();
  }
  m.addSpecies(std::move(s));
  return success();
}

LogicalResult IRParser::parsePhase(Module &m) {
  Phase p;
  Token nameTok;
  p.loc = cursor.locationOf(cursor.peek());
  if (failed(parseName(p.name, "phase", &nameTok)) ||
      failed(parseAttributes(p.attrs)) || failed(parseLocation(p.loc)))
    return failure();
  if (m.lookupPhase(p.name)) {
    cursor.errorAt(nameTok, "phase '" + p.name + "' is declared twice");
    return failure();
  }
  m.addPhase(std::move(p));
  return success();
}

LogicalResult IRParser::parseTerms(Module &m, TermList &terms) {
  if (cursor.at(TokenKind::Arrow) || cursor.at(TokenKind::ReversibleArrow) ||
      cursor.at(TokenKind::LBracket))
    return success();
  do {
    uint32_t count = 1;
    if (cursor.at(TokenKind::Number)) {
      std::optional<uint32_t> value =
          cursor.countValue(cursor.take(), MaxStoichiometry);
      if (!value)
        return failure();
      count = *value;
    }
    std::string name;
    Token nameTok;
    if (failed(parseName(name, "species", &nameTok)))
      return failure();
    std::optional<SpeciesId> id = m.lookupSpecies(name);
    if (!id) {
      cursor.errorAt(nameTok, "use of undeclared species '" + name + "'");
      return failure();
    }
    terms.push_back(Term{*id, count});
  } while (cursor.consumeIf(TokenKind::Plus));
  return success();
}

LogicalResult IRParser::parseRates(Reaction &r) {
  if (failed(cursor.expect(TokenKind::LBracket, "'['")))
    return failure();
  const char *forwardKey = r.isReversible() ? "kf" : "k";
  if (failed(cursor.expectKeyword(forwardKey)) ||
      failed(cursor.expect(TokenKind::Equal, "'='")) ||
      failed(parseSignedNumber(r.rate)))
    return failure();
  if (r.isReversible()) {
    double reverse = 0;
    if (failed(cursor.expect(TokenKind::Comma, "','")) ||
        failed(cursor.expectKeyword("kr")) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(parseSignedNumber(reverse)))
      return failure();
    r.reverseRate = reverse;
  }
  return cursor.expect(TokenKind::RBracket, "']'");
}

LogicalResult IRParser::parseReaction(Module &m) {
  Reaction r;
  r.loc = cursor.locationOf(cursor.peek());
  if (failed(parseTerms(m, r.reactants)))
    return failure();
  if (cursor.consumeIf(TokenKind::ReversibleArrow)) {
    r.reverseRate = 0;
  } else if (failed(cursor.expect(TokenKind::Arrow, "'->' or '<=>'"))) {
    return failure();
  }
  if (failed(parseTerms(m, r.products)) || failed(parseRates(r)))
    return failure();
  if (cursor.consumeKeywordIf("phase")) {
    std::string name;
    Token nameTok;
    if (failed(parseName(name, "phase", &nameTok)))
      return failure();
    std::optional<PhaseId> phase = m.lookupPhase(name);
    if (!phase) {
      cursor.errorAt(nameTok, "use of undeclared phase '" + name + "'");
      return failure();
    }
    r.phase = *phase;
  }
  if (failed(parseLocation(r.loc)))
    return failure();
  m.addReaction(std::move(r));
  return success();
}

LogicalResult IRParser::parseItem(Module &m) {
  Token keyword = cursor.peek();
  if (!keyword.is(TokenKind::Identifier)) {
    cursor.errorExpected("'species', 'reaction', 'param', 'phase', 'attr', "
                         "'unit' or '}'");
    return failure();
  }
  cursor.take();
  llvm::StringRef word = keyword.spelling;
  if (word == "species")
    return parseSpecies(m);
  if (word == "reaction")
    return parseReaction(m);
  if (word == "phase")
    return parsePhase(m);
  if (word == "param") {
    Parameter p;
    p.loc = cursor.locationOf(cursor.peek());
    if (failed(parseName(p.name, "parameter")) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(parseSignedNumber(p.value)) || failed(parseLocation(p.loc)))
      return failure();
    m.allParameters().push_back(std::move(p));
    return success();
  }
  if (word == "attr") {
    Attribute a;
    Token valueTok;
    if (failed(parseName(a.key, "attribute")) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(cursor.expect(TokenKind::String, "string value", &valueTok)))
      return failure();
    a.value = Lexer::unquote(valueTok.spelling);
    m.attrs.push_back(std::move(a));
    return success();
  }
  if (word == "unit") {
    Token unitTok;
    if (failed(cursor.expect(TokenKind::Identifier, "unit", &unitTok)))
      return failure();
    std::optional<ConcUnit> unit = parseConcUnit(unitTok.spelling);
    if (!unit) {
      cursor.errorAt(unitTok, "unknown concentration unit '" +
                                  unitTok.spelling +
                                  "' (expected M, mM, uM, nM or pM)");
      return failure();
    }
    m.unit = *unit;
    return success();
  }
  cursor.errorAt(keyword, "unknown IR item '" + word + "'");
  return failure();
}

std::unique_ptr<Module> IRParser::parse() {
  cursor.skipSeparators();
  std::string name;
  if (failed(cursor.expectKeyword("module")) ||
      failed(parseName(name, "module")) ||
      failed(cursor.expect(TokenKind::LBrace, "'{'")))
    return nullptr;
  auto module = std::make_unique<Module>(name);
  cursor.skipSeparators();
  while (!cursor.at(TokenKind::RBrace)) {
    if (cursor.at(TokenKind::Eof)) {
      cursor.errorExpected("'}' to close the module");
      return nullptr;
    }
    if (failed(parseItem(*module)) || failed(endOfItem()))
      return nullptr;
  }
  cursor.take();
  cursor.skipSeparators();
  if (!cursor.at(TokenKind::Eof)) {
    cursor.errorExpected("end of file after the module");
    return nullptr;
  }
  return module;
}

std::unique_ptr<Module> ir::parseModule(unsigned bufferId,
                                        DiagnosticEngine &diags) {
  llvm::StringRef buffer =
      diags.sourceMgr().getMemoryBuffer(bufferId)->getBuffer();
  unsigned errorsBefore = diags.errorCount();
  IRParser parser(buffer, diags);
  std::unique_ptr<Module> module = parser.parse();
  if (diags.errorCount() != errorsBefore)
    return nullptr;
  return module;
}

std::unique_ptr<Module> ir::parseModuleFromString(llvm::StringRef text,
                                                  DiagnosticEngine &diags,
                                                  llvm::StringRef name) {
  unsigned id = diags.sourceMgr().AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, name), llvm::SMLoc());
  return parseModule(id, diags);
}
