//===- ASTPrinter.cpp - `--emit=ast`
//---------------------------------------===//
//
// One node per line, indented by depth, each with its line:col, so a golden
// test can check both the structure and the locations the parser recorded.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/AST.h"
#include "lib/support/Format.h"
#include "llvm/Support/SourceMgr.h"

using namespace crnc;
using namespace crnc::frontend;

namespace {

class ASTPrinter {
public:
  ASTPrinter(const llvm::SourceMgr &sm, llvm::raw_ostream &os)
      : sm(sm), os(os) {}

  void print(const StatementAST &statement) {
    std::visit([this](const auto &node) { printNode(node); }, statement);
  }

private:
  void head(unsigned depth, llvm::StringRef kind, llvm::SMLoc loc) {
    os.indent(2 * depth) << kind;
    if (loc.isValid()) {
      auto [line, col] = sm.getLineAndColumn(loc);
      os << " <" << line << ":" << col << ">";
    }
  }
  void printExpr(const Expr &e, unsigned depth) {
    static const char *names[] = {"Number",   "Name",     "Negate", "Add",
                                  "Subtract", "Multiply", "Divide"};
    head(depth, names[static_cast<int>(e.kind)], e.range.Start);
    if (e.kind == Expr::Kind::Number)
      os << " " << formatNumber(e.number);
    if (e.kind == Expr::Kind::Name)
      os << " " << e.name;
    os << "\n";
    if (e.lhs)
      printExpr(*e.lhs, depth + 1);
    if (e.rhs)
      printExpr(*e.rhs, depth + 1);
  }
  void printValue(const ValueAST &v, unsigned depth) {
    printExpr(*v.expr, depth);
    if (!v.unit)
      return;
    const UnitSpec &u = *v.unit;
    head(depth, "Unit", u.range.Start);
    if (u.numerator != ConcUnit::None)
      os << " " << concUnitName(u.numerator);
    if (u.denominatorPower)
      os << " /" << concUnitName(u.denominator) << "^" << u.denominatorPower;
    if (u.timeSeconds)
      os << " per " << formatNumber(*u.timeSeconds) << " s";
    os << "\n";
  }
  void printTerms(llvm::StringRef side, const std::vector<TermAST> &terms) {
    for (const TermAST &t : terms) {
      head(1, side, t.range.Start);
      os << " " << t.count << " " << t.species << "\n";
    }
  }
  void printNode(const ReactionAST &r) {
    head(0, "Reaction", r.loc);
    os << (r.reversible ? " reversible" : "");
    if (!r.phase.empty())
      os << " phase=" << r.phase;
    os << "\n";
    printTerms("Reactant", r.reactants);
    printTerms("Product", r.products);
    for (const RateArgAST &arg : r.rates) {
      head(1, "Rate", arg.loc);
      os << " " << arg.key << "\n";
      printValue(arg.value, 2);
    }
  }
  void printNode(const SpeciesDeclAST &d) {
    head(0, "Species", d.range.Start);
    os << " " << d.name;
    if (d.role)
      os << " role=" << *d.role;
    os << (d.constant ? " constant" : "") << (d.isSigned ? " signed" : "")
       << "\n";
    if (d.amount)
      printValue(*d.amount, 1);
  }
  void printNode(const ParamDeclAST &d) {
    head(0, "Param", d.range.Start);
    os << " " << d.name << "\n";
    printValue(d.value, 1);
  }
  void printNode(const UnitDeclAST &d) {
    head(0, "Unit", d.range.Start);
    os << " " << d.unit << "\n";
  }
  void printNode(const ModuleNameAST &d) {
    head(0, "Module", d.range.Start);
    os << " " << d.name << "\n";
  }
  void printNode(const PhaseDeclAST &d) {
    head(0, "Phase", d.range.Start);
    os << " " << d.name << "\n";
  }
  void printNode(const ModelDeclAST &d) {
    head(0, "Model", d.range.Start);
    os << " " << d.name << " kind=" << d.kind << "\n";
    for (const ModelParamAST &p : d.params) {
      head(1, "ModelParam", p.range.Start);
      os << " " << p.key;
      switch (p.value.kind) {
      case ModelValueAST::Kind::Identifier:
        os << " identifier " << p.value.text << "\n";
        break;
      case ModelValueAST::Kind::String:
        os << " string " << quoteString(p.value.text) << "\n";
        break;
      case ModelValueAST::Kind::List:
        os << " list of " << p.value.list.size() << "\n";
        for (const ValueAST &item : p.value.list)
          printValue(item, 2);
        break;
      case ModelValueAST::Kind::Value:
        os << "\n";
        printValue(p.value.value, 2);
        break;
      }
    }
  }

  const llvm::SourceMgr &sm;
  llvm::raw_ostream &os;
};

} // namespace

void frontend::printAST(const ProgramAST &program,
                        const llvm::SourceMgr &sourceMgr,
                        llvm::raw_ostream &os) {
  ASTPrinter printer(sourceMgr, os);
  for (const StatementAST &statement : program.statements)
    printer.print(statement);
}
