//===- VerifyOptions.cpp - the verification flags -------------------------===//

#include "compiler/driver/VerifyOptions.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/verify/VerifyDesign.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {
#define VERIFY_OPT cl::sub(driver::compileCommand), cl::cat(crncCategory)
cl::opt<bool> noVerify("no-verify",
                       cl::desc("Skip enumeration and verification (steps 5 "
                                "and 6)"),
                       VERIFY_OPT);
cl::opt<double> verifyTimeLimit(
    "verify-time-limit",
    cl::desc("Seconds per verification check before it answers 'unknown' "
             "(wall clock; default 30, as crnc verify; 0: none)"),
    cl::init(30), VERIFY_OPT);
cl::opt<size_t> verifyMaxComplexes(
    "verify-max-complexes",
    cl::desc("Most complexes the enumeration may find, in the whole system "
             "or in one module, before verification answers 'unknown' "
             "(default 300000, as crnc verify; Nuskell stops at 5000)"),
    cl::init(verify::DefaultMaxComplexes), VERIFY_OPT);
cl::opt<size_t> verifyMaxReactions(
    "verify-max-reactions",
    cl::desc("Most detailed reactions the enumeration may find, in the whole "
             "system or in one module (default 1000000, as crnc verify; "
             "Nuskell stops at 10000)"),
    cl::init(verify::DefaultMaxReactions), VERIFY_OPT);
cl::opt<size_t> verifyMaxUnionComplexes(
    "verify-max-union-complexes",
    cl::desc("When the whole system exceeds a limit it is enumerated module "
             "by module, each within the limits above: most complexes over "
             "all modules (default 1000000; 0: no modular enumeration)"),
    cl::init(verify::DefaultMaxUnionComplexes), VERIFY_OPT);
cl::opt<double> resimulateTEnd(
    "resimulate-t-end",
    cl::desc("Re-simulation horizon in the model's time unit (default: five "
             "times its slowest reaction's time)"),
    cl::init(0), VERIFY_OPT);
cl::opt<double> resimulateThreshold(
    "resimulate-threshold",
    cl::desc("Largest re-simulation deviation that passes, in % of each "
             "species' range (default 5)"),
    cl::init(5), VERIFY_OPT);
cl::opt<double> resimulateTimeLimit(
    "resimulate-time-limit",
    cl::desc("Wall-clock seconds re-simulation may take before it answers "
             "'unknown' with where it stopped (default 120; 0: none)"),
    cl::init(verify::DefaultResimulationSeconds), VERIFY_OPT);
#undef VERIFY_OPT

#define VERIFY_CMD_OPT cl::sub(driver::verifyCommand), cl::cat(crncCategory)
cl::opt<size_t> maxComplexCount("max-complex-count",
                                cl::desc("<model.crn>: most complexes the "
                                         "enumeration may find, in the whole "
                                         "system or in one module (default "
                                         "300000, as compile; Nuskell's 5000)"),
                                cl::init(verify::DefaultMaxComplexes),
                                VERIFY_CMD_OPT);
cl::opt<size_t> maxReactionCount("max-reaction-count",
                                 cl::desc("<model.crn>: most detailed "
                                          "reactions, in the whole system or "
                                          "in one module (default 1000000, as "
                                          "compile; Nuskell's 10000)"),
                                 cl::init(verify::DefaultMaxReactions),
                                 VERIFY_CMD_OPT);
cl::opt<size_t> maxUnionComplexes(
    "max-union-complexes",
    cl::desc("<model.crn>: when the whole system exceeds a limit it is "
             "enumerated module by module, each within the limits above: "
             "most complexes over all modules (default 1000000, as compile; "
             "0: no modular enumeration)"),
    cl::init(verify::DefaultMaxUnionComplexes), VERIFY_CMD_OPT);
cl::opt<size_t>
    listLimit("list-limit",
              cl::desc("Most names of the fuels and wastes, and lines of the "
                       "interpretation, printed (default 40; 0: all)"),
              cl::init(40), VERIFY_CMD_OPT);
#undef VERIFY_CMD_OPT
} // namespace

bool driver::readVerifyOptions(CompileOptions &options) {
  if (!checkRange("verify-time-limit", verifyTimeLimit, 0, 86400, "s") ||
      !checkRange("resimulate-t-end", resimulateTEnd, 0, 1e12, "") ||
      !checkRange("resimulate-threshold", resimulateThreshold, 0, 100, "%") ||
      !checkRange("resimulate-time-limit", resimulateTimeLimit, 0, 86400,
                  "s") ||
      !checkRange("verify-max-complexes", double(verifyMaxComplexes), 1, 1e7,
                  "") ||
      !checkRange("verify-max-reactions", double(verifyMaxReactions), 1, 1e8,
                  "") ||
      !checkRange("verify-max-union-complexes", double(verifyMaxUnionComplexes),
                  0, 1e7, ""))
    return false;
  options.verify = !noVerify;
  options.verification.secondsPerCheck = verifyTimeLimit;
  enumerate::EnumerateOptions &limits = options.enumerationLimits;
  limits.maxComplexCount = verifyMaxComplexes;
  limits.complexCountFlag = "--verify-max-complexes";
  limits.maxReactionCount = verifyMaxReactions;
  limits.reactionCountFlag = "--verify-max-reactions";
  limits.maxUnionComplexCount = verifyMaxUnionComplexes;
  limits.unionComplexCountFlag = "--verify-max-union-complexes";
  if (resimulateTEnd > 0)
    options.verification.tEnd = resimulateTEnd;
  options.verification.threshold = resimulateThreshold / 100;
  options.verification.resimulationSeconds = resimulateTimeLimit;
  return true;
}

size_t driver::verifyListLimit() { return listLimit; }

std::optional<enumerate::EnumerateOptions> driver::readVerifyCommandLimits() {
  if (!checkRange("max-complex-count", double(maxComplexCount), 1, 1e9, "") ||
      !checkRange("max-reaction-count", double(maxReactionCount), 1, 1e10,
                  "") ||
      !checkRange("max-union-complexes", double(maxUnionComplexes), 0, 1e9, ""))
    return std::nullopt;
  enumerate::EnumerateOptions limits = verify::nuskellEnumerateOptions();
  limits.maxComplexCount = maxComplexCount;
  limits.complexCountFlag = "--max-complex-count";
  limits.maxReactionCount = maxReactionCount;
  limits.reactionCountFlag = "--max-reaction-count";
  limits.maxUnionComplexCount = maxUnionComplexes;
  limits.unionComplexCountFlag = "--max-union-complexes";
  return limits;
}
