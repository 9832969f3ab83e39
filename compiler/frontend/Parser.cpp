//===- Parser.cpp - the .crn parser ---------------------------------------===//

#include "compiler/frontend/Parser.h"
#include "lib/support/TokenCursor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace crnc;
using namespace crnc::frontend;

namespace {

constexpr uint32_t MaxStoichiometry = 1000;
constexpr unsigned MaxExpressionDepth = 200;
constexpr unsigned MaxIncludeDepth = 32;
constexpr unsigned MaxErrors = 20;

class CrnParser {
public:
  CrnParser(unsigned bufferId, DiagnosticEngine &diags, ProgramAST &program,
            std::vector<std::string> &includeStack)
      : bufferId(bufferId), diags(diags), program(program),
        includeStack(includeStack),
        cursor(diags.sourceMgr().getMemoryBuffer(bufferId)->getBuffer(),
               diags) {}

  void parse();

private:
  // Statements.
  LogicalResult parseStatement(const std::string &phase);
  LogicalResult parseReaction(const std::string &phase);
  LogicalResult parseTerms(std::vector<TermAST> &terms);
  LogicalResult parseRateBlock(ReactionAST &reaction);
  LogicalResult parseSpeciesDecls();
  LogicalResult parseParam();
  LogicalResult parsePhaseBlock(const Token &keyword);
  LogicalResult parseInclude();
  LogicalResult parseModel(const Token &keyword);
  LogicalResult parseModelValue(ModelValueAST &out);
  LogicalResult endOfStatement();
  // Values.
  LogicalResult parseValue(ValueAST &out);
  std::unique_ptr<Expr> parseExpr(unsigned depth);
  std::unique_ptr<Expr> parseProduct(unsigned depth);
  std::unique_ptr<Expr> parseUnary(unsigned depth);
  std::unique_ptr<Expr> parsePrimary(unsigned depth);
  bool atUnitStart() const;
  LogicalResult parseUnit(UnitSpec &unit);

  llvm::SMRange rangeFrom(llvm::SMLoc start) const;
  /// A keyword starts a declaration unless the line is a reaction that uses
  /// the word as a species name (`species + A -> B`, `model -> X`).
  bool startsReaction() const {
    TokenKind next = cursor.peekSecond().kind;
    return next == TokenKind::Plus || next == TokenKind::Arrow ||
           next == TokenKind::ReversibleArrow;
  }
  bool tooManyErrors() const { return diags.errorCount() >= MaxErrors; }

  unsigned bufferId;
  DiagnosticEngine &diags;
  ProgramAST &program;
  std::vector<std::string> &includeStack;
  TokenCursor cursor;
  llvm::SMLoc lastEnd; ///< end of the last token taken, for ranges
};

} // namespace

bool frontend::isUnitKeyword(llvm::StringRef word) {
  return parseConcUnit(word).has_value() ||
         parseTimeUnitSeconds(word).has_value();
}

llvm::SMRange CrnParser::rangeFrom(llvm::SMLoc start) const {
  return llvm::SMRange(start, cursor.peek().loc());
}

void CrnParser::parse() {
  while (!tooManyErrors()) {
    cursor.skipSeparators();
    if (cursor.at(TokenKind::Eof))
      return;
    if (succeeded(parseStatement("")))
      continue;
    cursor.skipLine();
  }
}

LogicalResult CrnParser::endOfStatement() {
  if (cursor.at(TokenKind::Newline) || cursor.at(TokenKind::Semicolon) ||
      cursor.at(TokenKind::Eof) || cursor.at(TokenKind::RBrace))
    return success();
  cursor.errorExpected("end of statement (a new line or ';')");
  return failure();
}

LogicalResult CrnParser::parseStatement(const std::string &phase) {
  const Token &tok = cursor.peek();
  if (tok.is(TokenKind::Identifier) && phase.empty() && !startsReaction()) {
    llvm::StringRef word = tok.spelling;
    if (word == "species")
      return cursor.take(), parseSpeciesDecls();
    if (word == "param")
      return cursor.take(), parseParam();
    if (word == "include")
      return cursor.take(), parseInclude();
    if (word == "phase") {
      Token keyword = cursor.take();
      return parsePhaseBlock(keyword);
    }
    if (word == "model") {
      Token keyword = cursor.take();
      return parseModel(keyword);
    }
    if (word == "unit" || word == "module") {
      Token keyword = cursor.take();
      Token nameTok;
      if (failed(cursor.expect(TokenKind::Identifier,
                               word == "unit" ? "a unit (M, mM, uM, nM, pM)"
                                              : "module name",
                               &nameTok)))
        return failure();
      if (word == "unit")
        program.statements.push_back(
            UnitDeclAST{nameTok.spelling.str(), nameTok.range()});
      else
        program.statements.push_back(
            ModuleNameAST{nameTok.spelling.str(), nameTok.range()});
      return endOfStatement();
    }
  }
  return parseReaction(phase);
}

LogicalResult CrnParser::parseTerms(std::vector<TermAST> &terms) {
  if (cursor.at(TokenKind::Arrow) || cursor.at(TokenKind::ReversibleArrow) ||
      cursor.at(TokenKind::Newline) || cursor.at(TokenKind::Semicolon) ||
      cursor.at(TokenKind::Eof) || cursor.at(TokenKind::LBracket) ||
      cursor.at(TokenKind::RBrace))
    return success();
  do {
    TermAST term;
    llvm::SMLoc start = cursor.peek().loc();
    if (cursor.at(TokenKind::Number)) {
      std::optional<uint32_t> count =
          cursor.countValue(cursor.take(), MaxStoichiometry);
      if (!count)
        return failure();
      term.count = *count;
    }
    Token nameTok;
    if (failed(cursor.expect(TokenKind::Identifier, "species name", &nameTok)))
      return failure();
    term.species = nameTok.spelling.str();
    term.range = llvm::SMRange(start, nameTok.range().End);
    terms.push_back(std::move(term));
  } while (cursor.consumeIf(TokenKind::Plus));
  return success();
}

LogicalResult CrnParser::parseReaction(const std::string &phase) {
  ReactionAST reaction;
  reaction.loc = cursor.peek().loc();
  reaction.phase = phase;
  if (failed(parseTerms(reaction.reactants)))
    return failure();
  Token arrow = cursor.peek();
  if (cursor.consumeIf(TokenKind::ReversibleArrow)) {
    reaction.reversible = true;
  } else if (!cursor.consumeIf(TokenKind::Arrow)) {
    cursor.errorExpected(reaction.reactants.empty()
                             ? "a reaction or declaration"
                             : "'+', '->' or '<=>'");
    return failure();
  }
  reaction.arrowRange = arrow.range();
  if (failed(parseTerms(reaction.products)))
    return failure();
  if (cursor.at(TokenKind::LBracket) && failed(parseRateBlock(reaction)))
    return failure();
  if (failed(endOfStatement()))
    return failure();
  program.statements.push_back(std::move(reaction));
  return success();
}

LogicalResult CrnParser::parseRateBlock(ReactionAST &reaction) {
  cursor.take(); // '['
  do {
    RateArgAST arg;
    Token keyTok;
    arg.loc = cursor.peek().loc();
    if (failed(cursor.expect(TokenKind::Identifier, "'k', 'kf' or 'kr'",
                             &keyTok)) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(parseValue(arg.value)))
      return failure();
    arg.key = keyTok.spelling.str();
    reaction.rates.push_back(std::move(arg));
  } while (cursor.consumeIf(TokenKind::Comma));
  return cursor.expect(TokenKind::RBracket, "',' or ']'");
}

LogicalResult CrnParser::parseSpeciesDecls() {
  do {
    SpeciesDeclAST decl;
    Token nameTok;
    if (failed(cursor.expect(TokenKind::Identifier, "species name", &nameTok)))
      return failure();
    decl.name = nameTok.spelling.str();
    llvm::SMLoc start = nameTok.loc();
    if (cursor.consumeIf(TokenKind::Colon)) {
      Token roleTok;
      if (failed(
              cursor.expect(TokenKind::Identifier, "species role", &roleTok)))
        return failure();
      decl.role = roleTok.spelling.str();
      decl.roleRange = roleTok.range();
    }
    if (cursor.consumeIf(TokenKind::Equal)) {
      ValueAST amount;
      if (failed(parseValue(amount)))
        return failure();
      decl.amount = std::move(amount);
    }
    while (cursor.atKeyword("constant") || cursor.atKeyword("signed")) {
      Token flag = cursor.take();
      (flag.spelling == "constant" ? decl.constant : decl.isSigned) = true;
    }
    decl.range = rangeFrom(start);
    program.statements.push_back(std::move(decl));
  } while (cursor.consumeIf(TokenKind::Comma));
  return endOfStatement();
}

LogicalResult CrnParser::parseParam() {
  ParamDeclAST decl;
  Token nameTok;
  if (failed(cursor.expect(TokenKind::Identifier, "parameter name", &nameTok)))
    return failure();
  if (isUnitKeyword(nameTok.spelling)) {
    cursor.errorAt(nameTok, "'" + nameTok.spelling +
                                "' is a unit and cannot name a parameter");
    return failure();
  }
  decl.name = nameTok.spelling.str();
  if (failed(cursor.expect(TokenKind::Equal, "'='")) ||
      failed(parseValue(decl.value)))
    return failure();
  decl.range = rangeFrom(nameTok.loc());
  program.statements.push_back(std::move(decl));
  return endOfStatement();
}

LogicalResult CrnParser::parsePhaseBlock(const Token &keyword) {
  Token nameTok;
  if (failed(cursor.expect(TokenKind::Identifier, "phase name", &nameTok)))
    return failure();
  program.statements.push_back(
      PhaseDeclAST{nameTok.spelling.str(), nameTok.range()});
  cursor.consumeIf(TokenKind::Newline);
  if (failed(cursor.expect(TokenKind::LBrace, "'{'")))
    return failure();
  std::string phase = nameTok.spelling.str();
  while (!tooManyErrors()) {
    cursor.skipSeparators();
    if (cursor.consumeIf(TokenKind::RBrace))
      return endOfStatement();
    if (cursor.at(TokenKind::Eof)) {
      cursor.errorAt(keyword,
                     "phase '" + phase + "' is missing its closing '}'");
      return failure();
    }
    if (failed(parseStatement(phase)))
      cursor.skipLine();
  }
  return failure();
}

LogicalResult CrnParser::parseInclude() {
  Token pathTok;
  if (failed(cursor.expect(TokenKind::String, "a quoted file name", &pathTok)))
    return failure();
  if (failed(endOfStatement()))
    return failure();
  std::string relative = Lexer::unquote(pathTok.spelling);
  llvm::SmallString<256> path;
  if (llvm::sys::path::is_absolute(relative)) {
    path = relative;
  } else {
    llvm::StringRef current =
        diags.sourceMgr().getMemoryBuffer(bufferId)->getBufferIdentifier();
    path = llvm::sys::path::parent_path(current);
    llvm::sys::path::append(path, relative);
  }
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real))
    real = path;
  for (const std::string &open : includeStack)
    if (open == real.str()) {
      cursor.errorAt(pathTok, "file '" + relative + "' includes itself");
      return failure();
    }
  if (includeStack.size() >= MaxIncludeDepth) {
    cursor.errorAt(pathTok, "includes nested more than " +
                                llvm::Twine(MaxIncludeDepth) + " deep");
    return failure();
  }
  bool regular = false;
  if (!llvm::sys::fs::is_regular_file(path, regular) && !regular) {
    cursor.errorAt(pathTok,
                   "included file '" + relative + "' is not a regular file");
    return failure();
  }
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) {
    cursor.errorAt(pathTok, "cannot open included file '" + relative +
                                "': " + buffer.getError().message());
    return failure();
  }
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), pathTok.loc());
  includeStack.push_back(real.str().str());
  CrnParser(id, diags, program, includeStack).parse();
  includeStack.pop_back();
  return success();
}

LogicalResult CrnParser::parseModel(const Token &keyword) {
  ModelDeclAST decl;
  Token nameTok, kindTok;
  if (failed(cursor.expect(TokenKind::Identifier, "model name", &nameTok)) ||
      failed(cursor.expect(TokenKind::Colon, "':' and the model kind")) ||
      failed(cursor.expect(TokenKind::Identifier, "model kind", &kindTok)))
    return failure();
  decl.name = nameTok.spelling.str();
  decl.kind = kindTok.spelling.str();
  decl.range = nameTok.range();
  decl.kindRange = kindTok.range();
  cursor.consumeIf(TokenKind::Newline);
  if (failed(cursor.expect(TokenKind::LBrace, "'{'")))
    return failure();
  while (true) {
    while (cursor.at(TokenKind::Newline) || cursor.at(TokenKind::Semicolon) ||
           cursor.at(TokenKind::Comma))
      cursor.take();
    if (cursor.consumeIf(TokenKind::RBrace))
      break;
    if (cursor.at(TokenKind::Eof)) {
      cursor.errorAt(keyword,
                     "model '" + decl.name + "' is missing its closing '}'");
      return failure();
    }
    ModelParamAST param;
    Token keyTok;
    if (failed(
            cursor.expect(TokenKind::Identifier, "parameter name", &keyTok)) ||
        failed(cursor.expect(TokenKind::Equal, "'='")) ||
        failed(parseModelValue(param.value)))
      return failure();
    param.key = keyTok.spelling.str();
    param.range = rangeFrom(keyTok.loc());
    decl.params.push_back(std::move(param));
  }
  program.statements.push_back(std::move(decl));
  return endOfStatement();
}

LogicalResult CrnParser::parseModelValue(ModelValueAST &out) {
  llvm::SMLoc start = cursor.peek().loc();
  if (cursor.at(TokenKind::String)) {
    out.kind = ModelValueAST::Kind::String;
    out.text = Lexer::unquote(cursor.take().spelling);
  } else if (cursor.consumeIf(TokenKind::LBracket)) {
    out.kind = ModelValueAST::Kind::List;
    if (!cursor.at(TokenKind::RBracket)) {
      do {
        ValueAST item;
        if (failed(parseValue(item)))
          return failure();
        out.list.push_back(std::move(item));
      } while (cursor.consumeIf(TokenKind::Comma));
    }
    if (failed(cursor.expect(TokenKind::RBracket, "',' or ']'")))
      return failure();
  } else if (cursor.at(TokenKind::Identifier) &&
             !isUnitKeyword(cursor.peek().spelling)) {
    Token word = cursor.take();
    out.kind = ModelValueAST::Kind::Identifier;
    out.text = word.spelling.str();
  } else {
    out.kind = ModelValueAST::Kind::Value;
    if (failed(parseValue(out.value)))
      return failure();
  }
  out.range = rangeFrom(start);
  return success();
}

LogicalResult CrnParser::parseValue(ValueAST &out) {
  llvm::SMLoc start = cursor.peek().loc();
  out.expr = parseExpr(0);
  if (!out.expr)
    return failure();
  if (atUnitStart()) {
    UnitSpec unit;
    if (failed(parseUnit(unit)))
      return failure();
    out.unit = unit;
  }
  out.range = rangeFrom(start);
  return success();
}

bool CrnParser::atUnitStart() const {
  const Token &tok = cursor.peek();
  if (tok.is(TokenKind::Slash))
    return true; // `/M/s`, `/s`: a division by a unit keyword, checked below
  return tok.is(TokenKind::Identifier) && parseConcUnit(tok.spelling);
}

LogicalResult CrnParser::parseUnit(UnitSpec &unit) {
  llvm::SMLoc start = cursor.peek().loc();
  if (cursor.at(TokenKind::Identifier))
    unit.numerator = *parseConcUnit(cursor.take().spelling);
  while (cursor.consumeIf(TokenKind::Slash)) {
    Token word;
    if (failed(cursor.expect(TokenKind::Identifier,
                             "a unit after '/' (M, mM, uM, nM, pM, s, min, h)",
                             &word)))
      return failure();
    if (std::optional<double> seconds = parseTimeUnitSeconds(word.spelling)) {
      if (unit.timeSeconds) {
        cursor.errorAt(word, "a rate unit has one time unit");
        return failure();
      }
      unit.timeSeconds = *seconds;
      continue;
    }
    std::optional<ConcUnit> conc = parseConcUnit(word.spelling);
    if (!conc || unit.timeSeconds) {
      cursor.errorAt(word, conc ? "the time unit comes last in a rate unit"
                                : "unknown unit '" + word.spelling + "'");
      return failure();
    }
    if (unit.denominatorPower && unit.denominator != *conc) {
      cursor.errorAt(word, "mixed concentration units in one rate unit");
      return failure();
    }
    unsigned power = 1;
    if (cursor.consumeIf(TokenKind::Caret)) {
      Token exponent;
      if (failed(cursor.expect(TokenKind::Number, "an exponent", &exponent)))
        return failure();
      std::optional<uint32_t> value = cursor.countValue(exponent, 8);
      if (!value)
        return failure();
      power = *value;
    }
    unit.denominator = *conc;
    unit.denominatorPower += power;
  }
  unit.range = rangeFrom(start);
  if (unit.denominatorPower && !unit.timeSeconds) {
    diags.report(Severity::Error, start,
                 "a rate unit needs a time unit ('/s', '/min' or '/h')",
                 {unit.range});
    return failure();
  }
  return success();
}

/// `lhs <kind> rhs`, spanning both operands.
static std::unique_ptr<Expr> binaryExpr(Expr::Kind kind,
                                        std::unique_ptr<Expr> lhs,
                                        std::unique_ptr<Expr> rhs) {
  auto node = std::make_unique<Expr>();
  node->kind = kind;
  node->range = llvm::SMRange(lhs->range.Start, rhs->range.End);
  node->lhs = std::move(lhs);
  node->rhs = std::move(rhs);
  return node;
}

std::unique_ptr<Expr> CrnParser::parseExpr(unsigned depth) {
  auto lhs = parseProduct(depth);
  while (lhs && (cursor.at(TokenKind::Plus) || cursor.at(TokenKind::Minus))) {
    Token op = cursor.take();
    auto rhs = parseProduct(depth);
    if (!rhs)
      return nullptr;
    lhs = binaryExpr(op.is(TokenKind::Plus) ? Expr::Kind::Add
                                            : Expr::Kind::Subtract,
                     std::move(lhs), std::move(rhs));
  }
  return lhs;
}

std::unique_ptr<Expr> CrnParser::parseProduct(unsigned depth) {
  auto lhs = parseUnary(depth);
  while (lhs && (cursor.at(TokenKind::Star) || cursor.at(TokenKind::Slash))) {
    // `x / M / s` is a unit, not a division: stop before it.
    if (cursor.at(TokenKind::Slash)) {
      Token after = cursor.peekSecond();
      if (after.is(TokenKind::Identifier) && isUnitKeyword(after.spelling))
        break;
    }
    Token op = cursor.take();
    auto rhs = parseUnary(depth);
    if (!rhs)
      return nullptr;
    lhs = binaryExpr(op.is(TokenKind::Star) ? Expr::Kind::Multiply
                                            : Expr::Kind::Divide,
                     std::move(lhs), std::move(rhs));
  }
  return lhs;
}

std::unique_ptr<Expr> CrnParser::parseUnary(unsigned depth) {
  if (depth > MaxExpressionDepth) {
    cursor.errorAt(cursor.peek(), "expression nested too deeply");
    return nullptr;
  }
  if (!cursor.at(TokenKind::Minus))
    return parsePrimary(depth);
  Token minus = cursor.take();
  auto operand = parseUnary(depth + 1);
  if (!operand)
    return nullptr;
  auto node = std::make_unique<Expr>();
  node->kind = Expr::Kind::Negate;
  node->range = llvm::SMRange(minus.loc(), operand->range.End);
  node->lhs = std::move(operand);
  return node;
}

std::unique_ptr<Expr> CrnParser::parsePrimary(unsigned depth) {
  const Token &tok = cursor.peek();
  auto node = std::make_unique<Expr>();
  node->range = tok.range();
  if (tok.is(TokenKind::Number)) {
    std::optional<double> value = cursor.numberValue(tok);
    if (!value)
      return nullptr;
    node->number = *value;
    cursor.take();
    return node;
  }
  if (tok.is(TokenKind::Identifier) && !isUnitKeyword(tok.spelling)) {
    node->kind = Expr::Kind::Name;
    node->name = cursor.take().spelling.str();
    return node;
  }
  if (cursor.consumeIf(TokenKind::LParen)) {
    auto inner = parseExpr(depth + 1);
    if (!inner || failed(cursor.expect(TokenKind::RParen, "')'")))
      return nullptr;
    return inner;
  }
  cursor.errorExpected("a number or parameter name");
  return nullptr;
}

std::optional<ProgramAST> frontend::parseProgram(unsigned bufferId,
                                                 DiagnosticEngine &diags) {
  ProgramAST program;
  std::vector<std::string> includeStack;
  llvm::StringRef name =
      diags.sourceMgr().getMemoryBuffer(bufferId)->getBufferIdentifier();
  llvm::SmallString<256> real;
  includeStack.push_back(
      llvm::sys::fs::real_path(name, real) ? name.str() : real.str().str());
  unsigned errorsBefore = diags.errorCount();
  CrnParser(bufferId, diags, program, includeStack).parse();
  if (diags.errorCount() != errorsBefore)
    return std::nullopt;
  return program;
}

bool frontend::dumpTokens(unsigned bufferId, DiagnosticEngine &diags,
                          llvm::raw_ostream &os) {
  const llvm::SourceMgr &sm = diags.sourceMgr();
  Lexer lexer(sm.getMemoryBuffer(bufferId)->getBuffer());
  bool ok = true;
  for (Token tok = lexer.next();; tok = lexer.next()) {
    auto [line, col] = sm.getLineAndColumn(tok.loc(), bufferId);
    if (tok.is(TokenKind::Error)) {
      diags.report(Severity::Error, tok.loc(), tok.errorMessage, {tok.range()});
      ok = false;
      continue;
    }
    os << line << ":" << col << " " << tokenKindName(tok.kind);
    if (tok.is(TokenKind::Identifier) || tok.is(TokenKind::Number) ||
        tok.is(TokenKind::String))
      os << " " << tok.spelling;
    os << "\n";
    if (tok.is(TokenKind::Eof))
      return ok;
  }
}
