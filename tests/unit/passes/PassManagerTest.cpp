// Pipeline parsing, options and the registry.
#include "lib/passes/PassManager.h"
#include <catch2/catch.hpp>

using namespace crnc;

TEST_CASE("every registered pass is constructible and named as listed") {
  for (const std::string &name : registeredPassNames()) {
    auto pass = createPassByName(name);
    REQUIRE(pass);
    CHECK(pass->name() == name);
    CHECK_FALSE(pass->summary().empty());
  }
}

TEST_CASE("unknown passes and malformed options are reported") {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  CapturedDiagnostics captured(diags);
  PassManager pm;
  CHECK(failed(pm.addPipeline("canonicalize,no-such-pass", diags)));
  CHECK(captured.hasError("unknown pass 'no-such-pass'"));
  PassManager pm2;
  CHECK(failed(pm2.addPipeline("canonicalize{nope=1}", diags)));
  CHECK(captured.hasError("has no option 'nope'"));
  PassManager pm3;
  CHECK(succeeded(pm3.addPipeline(" canonicalize , canonicalize ", diags)));
  CHECK(pm3.size() == 2);
}
