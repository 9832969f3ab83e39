// Pipeline parsing, options and the registry.
#include "lib/passes/PassManager.h"
#include "lib/passes/Passes.h"
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

TEST_CASE("typed options and pipeline text reach the same fields") {
  // A pass built from its options struct lists those values as defaults;
  // the same pass built from text with the same values lists them too.
  MapRatesOptions o;
  o.cmax = 250;
  o.buffers = BufferMode::Off;
  std::unique_ptr<Pass> typed = createMapRatesPass(o);
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  PassManager pm;
  REQUIRE(succeeded(pm.addPipeline("map-rates{cmax=250,buffers=off}", diags)));
  auto text = [](const Pass &p, llvm::StringRef name) {
    for (const PassOption &opt : p.options())
      if (opt.name == name)
        return opt.kind == PassOption::Kind::Number
                   ? std::to_string(*opt.number)
                   : opt.defaultText;
    return std::string("?");
  };
  CHECK(text(*typed, "cmax") == text(pm.pass(0), "cmax"));
  CHECK(text(*typed, "buffers") == "off");
  // The struct's initialiser is the one default of C_max.
  CHECK(MapRatesOptions().cmax == ir::lowering::DefaultCmaxNM);
  std::unique_ptr<Pass> plain = createMapRatesPass();
  CHECK(text(*plain, "cmax") == std::to_string(ir::lowering::DefaultCmaxNM));
}

TEST_CASE("an enum option refuses names outside its set") {
  std::unique_ptr<Pass> pass = createGatePhasesPass();
  std::optional<std::string> problem = pass->setOption("strategy", "sometimes");
  REQUIRE(problem);
  CHECK(problem->find("takes one of external, autonomous") !=
        std::string::npos);
  CHECK_FALSE(pass->setOption("strategy", "autonomous"));
}
