//===- Summary.cpp - pass, fail or incomplete, and why --------------------===//

#include "backends/report/ReportData.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::report;

const char *report::statusName(Summary::Status status) {
  switch (status) {
  case Summary::Status::Pass:
    return "pass";
  case Summary::Status::Fail:
    return "fail";
  case Summary::Status::Incomplete:
    return "incomplete";
  }
  return "incomplete";
}

static std::string percent(double fraction) {
  return formatSignificant(100 * fraction, 3) + " %";
}

/// Adds the verdicts' reasons; true when any is incorrect.
static bool checkVerdicts(const ReportData &d, Summary &s, bool &unknown) {
  bool failed = false;
  if (!d.verification.ran()) {
    s.reasons.push_back("formal verification not run: " +
                        d.verification.notRun);
    unknown = true;
    return false;
  }
  for (const Check &c : d.verification->checks) {
    s.reasons.push_back(c.notion + ": " + c.verdict);
    failed = failed || c.verdict == "incorrect";
    unknown = unknown || c.verdict != "correct";
  }
  if (d.verification->checks.empty())
    unknown = true;
  return failed;
}

static bool checkResimulation(const ReportData &d, Summary &s) {
  if (!d.resimulation.ran()) {
    s.reasons.push_back("re-simulation not run: " + d.resimulation.notRun);
    return false;
  }
  const Resimulation &r = *d.resimulation;
  s.reasons.push_back("re-simulation: max deviation " +
                      percent(r.maxDeviation) + " (threshold " +
                      percent(r.threshold) +
                      "): " + (r.pass ? "pass" : "fail"));
  return !r.pass;
}

static bool checkSequences(const ReportData &d, Summary &s) {
  if (!d.strands.ran()) {
    s.reasons.push_back("sequences not designed: " + d.strands.notRun);
    return false;
  }
  unsigned v = d.strands->hardViolations;
  s.reasons.push_back("sequences: " + std::to_string(v) +
                      " hard-constraint violations");
  for (const ConstraintRow &c : d.strands->constraints)
    if (!c.hard && c.checked && c.violations)
      s.reasons.push_back("warning: soft constraint '" + c.name + "' not met " +
                          std::to_string(c.violations) + " times (worst " +
                          formatSignificant(c.worst, 3) + ", limit " +
                          formatSignificant(c.limit, 3) + " " + c.unit + ")");
  return v > 0;
}

Summary report::summarize(const ReportData &d) {
  Summary s;
  bool unknown = false;
  bool failed = checkVerdicts(d, s, unknown);
  failed = checkResimulation(d, s) || failed;
  if (!d.resimulation.ran())
    unknown = true;
  failed = checkSequences(d, s) || failed;
  if (d.kinetics.ran()) {
    unsigned slow = 0;
    for (const KineticsRow &r : d.kinetics->rows)
      slow += !r.toehold.empty() && r.ratio < 1;
    if (slow)
      s.reasons.push_back("warning: the toeholds of " + std::to_string(slow) +
                          " reaction(s) predict a rate below the q they need");
  }
  for (const std::string &w : d.warnings)
    s.reasons.push_back("warning: " + w);
  s.status = failed    ? Summary::Status::Fail
             : unknown ? Summary::Status::Incomplete
                       : Summary::Status::Pass;
  return s;
}
