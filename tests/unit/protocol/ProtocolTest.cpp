// The protocol of a compiled design (rock-paper-scissors, as `crnc compile`
// lowers and translates it): strands named and deduplicated, every gate
// annealed once with its template strand limiting, every fuel and initial
// signal in the reaction mix at its concentration, and the JSON and
// Markdown renderings carrying the same pipetting volumes.
#include "backends/protocol/Protocol.h"
#include "backends/dsd/Scheme.h"
#include "compiler/frontend/Frontend.h"
#include "lib/passes/LoweringPipeline.h"
#include "llvm/Support/MemoryBuffer.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

using namespace crnc;
using namespace crnc::protocol;

namespace {

struct Compiled {
  std::unique_ptr<ir::Module> formal;
  dna::Design design;
};

Compiled compileExample(llvm::StringRef name,
                        llvm::StringRef schemeName = "soloveichik2010",
                        double cmax = 1000) {
  llvm::SourceMgr sm;
  std::string messages;
  llvm::raw_string_ostream os(messages);
  DiagnosticEngine diags(sm, os);
  diags.setWarningsSuppressed(true);
  auto buffer = llvm::MemoryBuffer::getFile(
      (llvm::Twine(CRNC_EXAMPLES_DIR) + "/" + name + ".crn").str());
  REQUIRE(buffer);
  unsigned id = sm.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  Compiled c;
  c.formal = frontend::compileSource(id, diags);
  REQUIRE(c.formal);
  PassManager pm;
  LoweringOptions lowering;
  lowering.mapRates.cmax = cmax;
  buildLoweringPipeline(pm, lowering);
  REQUIRE(succeeded(pm.run(*c.formal, diags)));
  dsd::SchemeOptions scheme;
  scheme.kind = dsd::lookupScheme(schemeName)->kind;
  llvm::Expected<dna::Design> design = dsd::compile(*c.formal, scheme, diags);
  INFO(os.str());
  REQUIRE(bool(design));
  c.design = std::move(*design);
  return c;
}

Protocol build(const Compiled &c, const LabSettings &s = {}) {
  llvm::Expected<Protocol> p = buildProtocol(*c.formal, c.design, s);
  if (!p)
    FAIL(llvm::toString(p.takeError()));
  return std::move(*p);
}

} // namespace

TEST_CASE("strands are distinct, uniquely named, shared ones named once") {
  Compiled c = compileExample("rock_paper_scissors");
  StrandSet set = collectStrands(c.design, *c.formal);
  std::set<std::string> names, domains;
  for (const OrderStrand &s : set.strands) {
    CHECK(names.insert(s.name).second);
    CHECK(domains.insert(s.domains).second);
    CHECK(s.length > 0);
  }
  // f2 = "d3 t4 t6" is also the first strand of gate f1: one strand, named
  // after the single-stranded fuel, and a gate strand (PAGE).
  auto f1 = c.design.lookup("f1");
  REQUIRE(f1);
  const OrderStrand &shared = set.strands[set.ofComplex[*f1][0]];
  CHECK(shared.name == "f2");
  CHECK(shared.role == StrandRole::Gate);
  auto a = c.design.lookup("A");
  REQUIRE(a);
  CHECK(set.strands[set.ofComplex[*a][0]].role == StrandRole::Signal);
}

TEST_CASE("every gate is annealed once, its template strand limiting") {
  Compiled c = compileExample("rock_paper_scissors");
  Protocol p = build(c);
  std::set<std::string> annealed;
  for (const AnnealRecipe &r : p.anneals)
    for (const std::vector<std::string> &g : r.gates) {
      CHECK(annealed.insert(g[0]).second);
      CHECK(g.size() == r.strandsPerGate + 1);
    }
  size_t gates = 0;
  for (const dna::NamedComplex &nc : c.design.allComplexes())
    gates += nc.role == dna::ComplexRole::Fuel && nc.complex.strandCount() > 1;
  CHECK(annealed.size() == gates);
  // f1 = d3( t4( t6( + d7( t8( h13 t6 h14 t6 + ) ) ) ) ) t2*: the third
  // strand pairs with all five bound domains.
  REQUIRE(!p.anneals.empty());
  CHECK(p.anneals[0].gates[0] ==
        std::vector<std::string>{"f1", "f1_3", "f2", "f1_2"});
  const Mix &m = p.anneals[0].mix;
  REQUIRE(m.lines.size() == 3);
  CHECK(m.lines[0].component.finalNM == Approx(20000));
  CHECK(m.lines[1].component.finalNM == Approx(24000));
}

TEST_CASE("the reaction mix holds every fuel and initial signal") {
  Compiled c = compileExample("rock_paper_scissors");
  Protocol p = build(c);
  std::set<std::string> mixed;
  for (const MixLine &l : p.reaction.lines) {
    mixed.insert(l.component.name);
    double stock =
        l.dilution ? l.dilution->concentrationNM : l.component.stockNM;
    CHECK(stock * l.volumeUL / p.reaction.preparedUL ==
          Approx(l.component.finalNM).epsilon(0.01));
  }
  for (const dna::NamedComplex &nc : c.design.allComplexes())
    CHECK(mixed.count(nc.name) == (nc.concentration.value_or(0) > 0));
  CHECK(p.reaction.fits);
  CHECK(p.reaction.finalMagnesiumMM == Approx(12.5).epsilon(0.002));
  CHECK(p.timeline.kind == "reaction network");
  // Lab seconds per model time unit: map-rates' time_scale.
  CHECK(p.timeline.labSecondsPerModelTime ==
        Approx(std::stod(
            ir::findAttribute(c.formal->attrs, "time_scale").value().str())));
}

TEST_CASE("the timeline runs on the axis verification measured") {
  Compiled c = compileExample("rock_paper_scissors");
  double mapRates =
      std::stod(ir::findAttribute(c.formal->attrs, "time_scale").value().str());
  LabSettings s;
  s.secondsPerModelTime = 1.25 * mapRates; // any axis the settings give
  s.timeAxis = "the design's own time axis";
  Protocol p = build(c, s);
  CHECK(p.timeline.labSecondsPerModelTime == 1.25 * mapRates);
  CHECK(p.timeline.timeAxis == "the design's own time axis");
  // The readout line and the note state it in minutes, map-rates' beside.
  REQUIRE(!p.timeline.events.empty());
  std::string minutes = std::to_string(1.25 * mapRates / 60).substr(0, 5);
  CHECK(p.timeline.events.back().amount.find(minutes) != std::string::npos);
  REQUIRE(!p.timeline.notes.empty());
  CHECK(p.timeline.notes[0].find("the design's own time axis; map-rates' "
                                 "time_scale says") != std::string::npos);
  // Without it: map-rates' time_scale, as before.
  Protocol plain = build(c);
  CHECK(plain.timeline.labSecondsPerModelTime == mapRates);
  CHECK(plain.timeline.timeAxis.empty());
}

TEST_CASE("JSON and Markdown carry the same pipetting volumes") {
  Compiled c = compileExample("rock_paper_scissors");
  Protocol p = build(c);
  std::string json, md;
  llvm::raw_string_ostream js(json), ms(md);
  writeProtocolJSON(p, js);
  writeProtocolMarkdown(p, ms);
  nlohmann::json j = nlohmann::json::parse(js.str());
  REQUIRE(j["mixes"].size() == 1 + p.workingDilutions.size());
  for (const auto &line : j["mixes"][0]["lines"]) {
    double v = line["volume_uL"].get<double>();
    std::string row = "| " + line["name"].get<std::string>() + " | " +
                      formatLabNumber(line["stock_nM"].get<double>()) + " | ";
    size_t at = ms.str().find(row, ms.str().find("## Reaction mix"));
    REQUIRE(at != std::string::npos);
    std::string rowText = ms.str().substr(at, ms.str().find('\n', at) - at);
    INFO(rowText);
    CHECK(rowText.find("| " + formatLabNumber(v, 6) + " |") !=
          std::string::npos);
  }
}

TEST_CASE("bad lab settings are refused with the setting's name") {
  auto message = [](LabSettings s) {
    llvm::Error e = checkLabSettings(s);
    REQUIRE(bool(e));
    return llvm::toString(std::move(e));
  };
  LabSettings volume;
  volume.reactionVolumeUL = 0;
  CHECK(message(volume) ==
        "reaction volume 0 uL is out of range (above 0, at most 10000)");
  LabSettings excess;
  excess.annealExcess = 0.9;
  CHECK(message(excess).find("annealing excess 0.9 x") == 0);
  LabSettings gate;
  gate.gateStockUM = 50;
  CHECK(message(gate).find("gate stock concentration 50 uM is unreachable") ==
        0);
  LabSettings plate;
  plate.order.plateSize = 100;
  CHECK(message(plate) == "unknown plate size 100 (known: 96, 384)");
  CHECK_FALSE(bool(checkLabSettings(LabSettings())));
}

/// Every mix of `p` that fits adds up to its prepared volume and reaches
/// each concentration (within the 0.01 uL rounding: 1% at 0.5 uL).
static void checkMix(const Mix &m, const LabSettings &s) {
  INFO(m.name);
  double sum = m.bufferUL + m.waterUL;
  for (const MixLine &l : m.lines) {
    sum += l.volumeUL;
    CHECK(l.volumeUL >= s.minPipetteUL - 1e-9);
    if (l.component.isPool)
      continue;
    double stock =
        l.dilution ? l.dilution->concentrationNM : l.component.stockNM;
    CHECK(stock * l.volumeUL / m.preparedUL ==
          Approx(l.component.finalNM).epsilon(0.01));
  }
  if (!m.fits)
    return;
  CHECK(std::fabs(sum - m.preparedUL) < 1e-6);
  CHECK(m.finalMagnesiumMM == Approx(12.5).epsilon(0.003));
}

TEST_CASE("every mix of small examples under every scheme adds up") {
  for (const char *scheme :
       {"soloveichik2010", "srinivas2015", "qian2011", "cardelli2013"})
    for (const char *example :
         {"rock_paper_scissors", "approximate_majority", "bimolecular_cascade",
          "reversible_binding", "linear_regression"})
      for (double cmax : {1000.0, 50.0}) {
        INFO(scheme << " " << example << " cmax " << cmax);
        Compiled c = compileExample(example, scheme, cmax);
        LabSettings s;
        Protocol p = build(c, s);
        for (const AnnealRecipe &r : p.anneals)
          checkMix(r.mix, s);
        for (const Mix &m : p.pools)
          checkMix(m, s);
        checkMix(p.reaction, s);
        for (const Mix &m : p.workingDilutions)
          checkMix(m, s);
        size_t gates = 0, annealed = 0;
        for (const dna::NamedComplex &nc : c.design.allComplexes())
          gates +=
              nc.role == dna::ComplexRole::Fuel && nc.complex.strandCount() > 1;
        for (const AnnealRecipe &r : p.anneals)
          annealed += r.gates.size();
        CHECK(annealed == gates);
        CHECK((p.reaction.fits || !p.warnings.empty()));
      }
}

TEST_CASE("reactionMixFit is the fit of the protocol's reaction mix") {
  // rock-paper-scissors fits 110 uL; the regression's 78 gates at C_max
  // from 10 uM stocks do not (crnc compile warns: 1289 uL at 100 nM per
  // unit; here map-rates' default scale).
  for (llvm::StringRef name : {"rock_paper_scissors", "linear_regression"}) {
    INFO(name.str());
    Compiled c = compileExample(name);
    Protocol p = build(c);
    llvm::Expected<MixFit> fit = reactionMixFit(*c.formal, c.design, {});
    REQUIRE(bool(fit));
    CHECK(fit->fits == p.reaction.fits);
    CHECK(fit->requiredUL == p.reaction.requiredUL);
    CHECK(fit->preparedUL == p.reaction.preparedUL);
    if (fit->fits) {
      CHECK(fit->fuelFraction == 1);
      continue;
    }
    // The C_max the warning suggests is the one fittingCmax gives.
    REQUIRE(fit->fuelFraction > 0);
    REQUIRE(fit->fuelFraction < 1);
    std::string suggested =
        "about --cmax " + formatLabNumber(fittingCmax(*fit, 1000), 3) + " ";
    REQUIRE(p.warnings.size() >= 1);
    CHECK(p.warnings[0].find(suggested) != std::string::npos);
  }
}
