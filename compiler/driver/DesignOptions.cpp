//===- DesignOptions.cpp - `crnc compile`'s lowering and DSD flags --------===//

#include "compiler/driver/DesignOptions.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {
#define DESIGN_OPT cl::sub(driver::compileCommand), cl::cat(crncCategory)
cl::opt<std::string>
    schemeName("scheme",
               cl::desc("DSD translation scheme (see crnc --list-schemes; "
                        "default soloveichik2010)"),
               DESIGN_OPT);
cl::opt<std::string> gateStrategy(
    "gate",
    cl::desc("How phases become chemistry: external (default) or autonomous"),
    DESIGN_OPT);
cl::opt<double> cmax("cmax",
                     cl::desc("Fuel concentration C_max in nM (default 1000)"),
                     cl::init(ir::lowering::DefaultCmaxNM), DESIGN_OPT);
cl::opt<double>
    qmax("qmax",
         cl::desc("Fastest realisable bimolecular rate in /M/s (default: "
                  "what the scheme's full toehold realises at C_max, "
                  "6.5e5 for soloveichik2010)"),
         cl::init(MapRatesOptions().qmaxPerMolar), DESIGN_OPT);
cl::opt<std::string> concScale(
    "conc-scale",
    cl::desc("nM per unit of concentration of a unitless model, or 'auto' "
             "(default): the scale (and, without --cmax, C_max) of least lab "
             "time at which every DNA module realises its rate and the "
             "reaction mix fits"),
    cl::init("auto"), DESIGN_OPT);
cl::opt<BufferMode> bufferMode(
    "buffers", cl::desc("SSW buffer modules that equalise sequestration"),
    cl::values(clEnumValN(BufferMode::Auto, "auto",
                          "only where sequestration changes a ratio of rates"),
               clEnumValN(BufferMode::On, "on", "for every formal species"),
               clEnumValN(BufferMode::Off, "off", "none")),
    cl::init(MapRatesOptions().buffers), DESIGN_OPT);
cl::opt<unsigned>
    toeholdLength("toehold-length",
                  cl::desc("Nucleotides per toehold domain (default 5)"),
                  cl::init(dsd::SchemeOptions().toeholdLength), DESIGN_OPT);
cl::opt<unsigned> domainLength(
    "domain-length",
    cl::desc("Nucleotides per long (branch-migration and history) domain "
             "(default 15)"),
    cl::init(dsd::SchemeOptions().domainLength), DESIGN_OPT);
cl::opt<uint64_t> maxNucleotides(
    "max-nucleotides",
    cl::desc("Refuse a DNA design with more nucleotides (0: no limit; "
             "above 10^6 nt a warning either way)"),
    cl::init(0), DESIGN_OPT);
cl::opt<double> maxSlowdown(
    "max-slowdown",
    cl::desc("Slow the lab time axis at most this many times so that every "
             "DNA module realises map-rates' rate where its gate cannot "
             "(default 4; 1: never)"),
    cl::init(dsd::SchemeOptions().maxSlowdown), DESIGN_OPT);
#undef DESIGN_OPT
} // namespace

llvm::Error driver::checkDesignNames() {
  if (schemeName.getNumOccurrences())
    if (llvm::Error e = dsd::parseScheme(schemeName).takeError())
      return e;
  if (gateStrategy.getNumOccurrences() &&
      !ir::lowering::parseGateStrategy(gateStrategy))
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "--gate must be 'external' or 'autonomous', not '" + gateStrategy +
            "'");
  return llvm::Error::success();
}

std::optional<double> driver::readConcScale(const std::string &text,
                                            double cmaxNM) {
  if (text == "auto")
    return 0.0;
  std::optional<double> value = parseNumber(text);
  if (!value) {
    reportUsageError("--conc-scale must be 'auto' or a number of nM, not '" +
                     text + "'");
    return std::nullopt;
  }
  if (!checkRange("conc-scale", *value, 1e-6, cmaxNM, "nM"))
    return std::nullopt;
  return value;
}

bool driver::readDesignOptions(CompileOptions &options) {
  // C_max: 1 pM to 100 uM; q_max: at most the diffusion limit (~1e9 /M/s);
  // toeholds of 3 to 15 nt bind reversibly; a long domain must be longer
  // than a toehold (it may not fall off on its own) and at most 60 nt.
  if (!checkRange("cmax", cmax, 1e-3, 1e5, "nM") ||
      !checkRange("qmax", qmax, 1, 1e9, "/M/s") ||
      !checkRange("max-slowdown", maxSlowdown, 1, 1e6, "") ||
      !checkRange("toehold-length", toeholdLength, 3, 15, "nt") ||
      !checkRange("domain-length", domainLength, toeholdLength + 1, 60, "nt"))
    return false;
  std::optional<double> scale = readConcScale(concScale, cmax);
  if (!scale)
    return false;
  if (schemeName.getNumOccurrences())
    options.scheme.kind = llvm::cantFail(dsd::parseScheme(schemeName));
  if (gateStrategy.getNumOccurrences())
    options.lowering.gatePhases.strategy =
        *ir::lowering::parseGateStrategy(gateStrategy);
  options.lowering.mapRates.cmax = cmax;
  options.lowering.mapRates.qmaxPerMolar = qmax;
  options.qmaxFromScheme = !qmax.getNumOccurrences();
  options.cmaxGiven = cmax.getNumOccurrences() > 0;
  options.lowering.mapRates.concScale = *scale;
  options.concScaleGiven = concScale.getNumOccurrences() > 0;
  options.lowering.mapRates.buffers = bufferMode;
  options.maxNucleotides = maxNucleotides;
  options.scheme.maxSlowdown = maxSlowdown;
  options.scheme.toeholdLength = toeholdLength;
  options.scheme.domainLength = domainLength;
  return true;
}
