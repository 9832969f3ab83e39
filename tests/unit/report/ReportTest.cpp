//===- ReportTest.cpp - the report's HTML and JSON, and its summary -------===//

#include "backends/report/Report.h"
#include "lib/support/Json.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::report;

static ReportData sample() {
  ReportData d;
  d.name = "x<y>";
  d.inputs.source = "model & co.crn";
  d.inputs.reactions = {"A + B -> 2 B   k = 0.001"};
  d.inputs.species = {{"A", "signal", 12, false}};
  d.lowering = Lowering{3, 3, 2, {{"map-rates", "map", 3, 3, 2, 0.001}}, {}};
  d.strands = Part<Strands>::skipped("sequences were not designed <here>");
  d.crosstalk = Part<Crosstalk>::skipped("no sequences");
  Kinetics k;
  KineticsRow row;
  row.equation = "A + B -> 2 B";
  row.formalRate = 0.001;
  row.formalUnit = "/nM/s";
  row.qPerMS = 1e6;
  row.toehold = "t2*";
  row.toeholdDG = -4.43;
  row.predictedPerMS = 6.6e5;
  row.ratio = 0.66;
  k.rows.push_back(row);
  d.kinetics = k;
  d.verification = Part<Verification>::skipped("--no-verify");
  d.resimulation = Part<Resimulation>::skipped("--no-verify");
  d.training = Part<Training>::skipped("not a learning network");
  d.costs.nucleotides = 900;
  d.costs.strands = 21;
  d.costs.pricePerNt = 0.05;
  d.costs.orderCost = 45;
  return d;
}

static std::string html(const ReportData &d) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writeReportHTML(d, os);
  return os.str();
}

static Json json(const ReportData &d) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writeReportJSON(d, os);
  return Json::parse(os.str());
}

TEST_CASE("every section is present, run or not", "[report]") {
  ReportData d = sample();
  std::string page = html(d);
  Json doc = json(d);
  for (const char *id : sectionIds) {
    INFO(id);
    CHECK(doc.contains(id));
    if (std::string(id) != "warnings")
      CHECK(page.find("<section id=\"" + std::string(id) + "\">") !=
            std::string::npos);
  }
  CHECK(doc["verification"]["not_run"] == "--no-verify");
  CHECK(page.find("Not run: --no-verify") != std::string::npos);
  CHECK(page.find("Not run: sequences were not designed &lt;here&gt;") !=
        std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("text is escaped in the page", "[report]") {
  std::string page = html(sample());
  CHECK(page.find("Verification report: x&lt;y&gt;") != std::string::npos);
  CHECK(page.find("model &amp; co.crn") != std::string::npos);
  CHECK(page.find("A + B -&gt; 2 B") != std::string::npos);
  CHECK(page.find("x<y>") == std::string::npos);
}

TEST_CASE("the JSON carries the page's figures", "[report]") {
  ReportData d = sample();
  Json doc = json(d);
  std::string page = html(d);
  CHECK(doc["costs"]["order_cost_usd"] == 45);
  CHECK(page.find("order cost 45 USD at 0.05 USD per nt") != std::string::npos);
  const Json &row = doc["kinetics"]["reactions"][0];
  CHECK(row["q_per_M_s"] == 1000000);
  CHECK(row["predicted_per_M_s"] == 660000);
  CHECK(page.find("<td>1e+06</td><td>t2*</td><td>-4.43</td><td>6.6e+05</td>"
                  "<td>0.66</td>") != std::string::npos);
  CHECK(doc["lowering"]["passes"][0]["pass"] == "map-rates");
}

TEST_CASE("the summary says pass, fail or incomplete and why", "[report]") {
  ReportData d = sample();
  Summary s = summarize(d);
  CHECK(s.status == Summary::Status::Incomplete);
  CHECK(s.reasons.front() == "formal verification not run: --no-verify");
  CHECK(json(d)["summary"]["status"] == "incomplete");

  Verification v;
  v.checks = {{"crn-bisimulation", "correct", ""},
              {"pathway-decomposition", "correct", ""}};
  d.verification = v;
  Resimulation r;
  r.maxDeviation = 0.01;
  r.pass = true;
  d.resimulation = r;
  Strands st;
  d.strands = st;
  CHECK(summarize(d).status == Summary::Status::Pass);
  CHECK(html(d).find("<div class=\"summary pass\"") != std::string::npos);

  v.checks[1] = {"pathway-decomposition", "incorrect", "w -> A"};
  d.verification = v;
  s = summarize(d);
  CHECK(s.status == Summary::Status::Fail);
  CHECK(s.reasons[1] == "pathway-decomposition: incorrect");

  d.verification = Verification{};
  st.hardViolations = 2;
  d.strands = st;
  CHECK(summarize(d).status == Summary::Status::Fail);
}

TEST_CASE("re-simulation plots each species on shared axes", "[report]") {
  ReportData d = sample();
  Resimulation r;
  r.times = {0, 60, 120};
  r.species = {{"A", {10, 5, 2}, {10, 5.5, 2.1}, 0.0625, {"A", "i3"}},
               {"B & C", {0, 5, 8}, {0, 4.9, 8}, 0.0125, {"B"}}};
  r.maxDeviation = 0.0625;
  r.pass = false;
  r.note = "reference: the model as written";
  d.resimulation = r;
  Verification v;
  v.checks = {{"crn-bisimulation", "incorrect", "atomic: i3 stands for A"}};
  v.interpretation = {"i3 -> A"};
  d.verification = v;
  std::string page = html(d);
  Json doc = json(d);
  CHECK(page.find("<title>A (deviation 6.25 %)</title>") != std::string::npos);
  CHECK(page.find("<title>B &amp; C (deviation 1.25 %)</title>") !=
        std::string::npos);
  CHECK(page.find(">time (s)</text>") != std::string::npos);
  CHECK(page.find(">concentration (nM)</text>") != std::string::npos);
  CHECK(page.find("<td>A</td><td>6.25</td><td>A + i3</td>") !=
        std::string::npos);
  CHECK(page.find("atomic: i3 stands for A") != std::string::npos);
  CHECK(doc["resimulation"]["species"][0]["dna"][1] == 5.5);
  CHECK(doc["resimulation"]["times"][2] == 120);
  CHECK(doc["verification"]["interpretation"][0] == "i3 -> A");
  CHECK(summarize(d).status == Summary::Status::Fail);
}
