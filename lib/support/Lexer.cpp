//===- Lexer.cpp - tokens shared by the .crn language and textual IR ------===//

#include "lib/support/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace crnc;

llvm::StringRef crnc::tokenKindName(TokenKind kind) {
  switch (kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Newline:
    return "end of line";
  case TokenKind::Identifier:
    return "identifier";
  case TokenKind::Number:
    return "number";
  case TokenKind::String:
    return "string";
  case TokenKind::Arrow:
    return "'->'";
  case TokenKind::ReversibleArrow:
    return "'<=>'";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::Slash:
    return "'/'";
  case TokenKind::Caret:
    return "'^'";
  case TokenKind::Equal:
    return "'='";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Semicolon:
    return "';'";
  case TokenKind::Colon:
    return "':'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::LBrace:
    return "'{'";
  case TokenKind::RBrace:
    return "'}'";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::At:
    return "'@'";
  case TokenKind::Error:
    return "invalid token";
  }
  return "token";
}

static bool isIdentStart(char c) { return llvm::isAlpha(c) || c == '_'; }
static bool isIdentBody(char c) { return llvm::isAlnum(c) || c == '_'; }

bool crnc::isIdentifier(llvm::StringRef text) {
  if (text.empty() || !isIdentStart(text.front()))
    return false;
  for (char c : text)
    if (!isIdentBody(c))
      return false;
  return true;
}

Lexer::Lexer(llvm::StringRef buffer) : cur(buffer.begin()), end(buffer.end()) {}

Token Lexer::make(TokenKind kind, const char *start) {
  Token tok;
  tok.kind = kind;
  tok.spelling = llvm::StringRef(start, cur - start);
  return tok;
}

Token Lexer::makeError(const char *start, const char *stop,
                       std::string message) {
  cur = stop;
  Token tok;
  tok.kind = TokenKind::Error;
  tok.spelling = llvm::StringRef(start, stop - start);
  tok.errorMessage = std::move(message);
  return tok;
}

unsigned Lexer::utf8Length(const char *p) const {
  auto byte = [&](const char *q) { return static_cast<unsigned char>(*q); };
  unsigned char lead = byte(p);
  unsigned length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
  if (length == 0 || end - p < length)
    return 0;
  for (unsigned i = 1; i < length; ++i)
    if ((byte(p + i) >> 6) != 0x2)
      return 0;
  return length;
}

void Lexer::skipComment() {
  while (cur != end && *cur != '\n')
    ++cur;
}

Token Lexer::next() {
  while (cur != end) {
    char c = *cur;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++cur;
      continue;
    }
    if (c == '#') {
      const char *start = cur;
      skipComment();
      for (const char *p = start; p < cur;) {
        unsigned length = utf8Length(p);
        if (length == 0)
          return makeError(p, p + 1, "invalid UTF-8 byte in comment");
        p += length;
      }
      continue;
    }
    break;
  }
  const char *start = cur;
  if (cur == end)
    return make(TokenKind::Eof, start);
  char c = *cur;
  if (isIdentStart(c))
    return lexIdentifier(start);
  if (llvm::isDigit(c) || (c == '.' && cur + 1 != end && llvm::isDigit(cur[1])))
    return lexNumber(start);
  if (c == '"')
    return lexString(start);
  ++cur;
  auto follows = [&](llvm::StringRef rest) {
    return llvm::StringRef(cur, end - cur).startswith(rest);
  };
  switch (c) {
  case '\n':
    return make(TokenKind::Newline, start);
  case '-':
    if (follows(">")) {
      ++cur;
      return make(TokenKind::Arrow, start);
    }
    return make(TokenKind::Minus, start);
  case '<':
    if (follows("=>")) {
      cur += 2;
      return make(TokenKind::ReversibleArrow, start);
    }
    return makeError(start, cur,
                     "unexpected character '<' (did you mean '<=>'?)");
  case '+':
    return make(TokenKind::Plus, start);
  case '*':
    return make(TokenKind::Star, start);
  case '/':
    return make(TokenKind::Slash, start);
  case '^':
    return make(TokenKind::Caret, start);
  case '=':
    return make(TokenKind::Equal, start);
  case ',':
    return make(TokenKind::Comma, start);
  case ';':
    return make(TokenKind::Semicolon, start);
  case ':':
    return make(TokenKind::Colon, start);
  case '[':
    return make(TokenKind::LBracket, start);
  case ']':
    return make(TokenKind::RBracket, start);
  case '{':
    return make(TokenKind::LBrace, start);
  case '}':
    return make(TokenKind::RBrace, start);
  case '(':
    return make(TokenKind::LParen, start);
  case ')':
    return make(TokenKind::RParen, start);
  case '@':
    return make(TokenKind::At, start);
  default:
    break;
  }
  unsigned char byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) {
    unsigned length = utf8Length(start);
    if (length == 0)
      return makeError(start, start + 1,
                       "invalid UTF-8 byte 0x" + llvm::utohexstr(byte));
    return makeError(start, start + length,
                     "unexpected character '" +
                         std::string(start, start + length) + "'");
  }
  if (byte < 0x20 || byte == 0x7F)
    return makeError(start, cur,
                     "unexpected control character 0x" + llvm::utohexstr(byte));
  return makeError(start, cur, std::string("unexpected character '") + c + "'");
}

Token Lexer::lexIdentifier(const char *start) {
  while (cur != end && isIdentBody(*cur))
    ++cur;
  return make(TokenKind::Identifier, start);
}

Token Lexer::lexNumber(const char *start) {
  auto digits = [&] {
    while (cur != end && llvm::isDigit(*cur))
      ++cur;
  };
  digits();
  if (cur != end && *cur == '.') {
    ++cur;
    digits();
  }
  // An exponent only when digits follow: `2e5` is a number, `2eA` is 2 then eA.
  if (cur != end && (*cur == 'e' || *cur == 'E')) {
    const char *p = cur + 1;
    if (p != end && (*p == '+' || *p == '-'))
      ++p;
    if (p != end && llvm::isDigit(*p)) {
      cur = p;
      digits();
    }
  }
  return make(TokenKind::Number, start);
}

Token Lexer::lexString(const char *start) {
  ++cur; // opening quote
  while (cur != end && *cur != '"' && *cur != '\n') {
    if (*cur == '\\' && cur + 1 != end && cur[1] != '\n')
      ++cur;
    ++cur;
  }
  if (cur == end || *cur == '\n')
    return makeError(start, cur, "unterminated string");
  ++cur;
  for (const char *p = start; p < cur;) {
    unsigned length = utf8Length(p);
    if (length == 0)
      return makeError(p, p + 1, "invalid UTF-8 byte in string");
    p += length;
  }
  return make(TokenKind::String, start);
}

std::string Lexer::unquote(llvm::StringRef spelling) {
  std::string out;
  llvm::StringRef body = spelling.drop_front().drop_back();
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 == body.size()) {
      out += c;
      continue;
    }
    char escaped = body[++i];
    switch (escaped) {
    case 'n':
      out += '\n';
      break;
    case 't':
      out += '\t';
      break;
    case 'x':
      if (i + 2 < body.size() + 1 && llvm::isHexDigit(body[i + 1]) &&
          i + 2 < body.size() && llvm::isHexDigit(body[i + 2])) {
        out +=
            static_cast<char>(llvm::hexFromNibbles(body[i + 1], body[i + 2]));
        i += 2;
        break;
      }
      out += 'x';
      break;
    default:
      out += escaped;
    }
  }
  return out;
}
