//===- LabOptions.cpp - `crnc compile`'s bench settings -------------------===//

#include "compiler/driver/LabOptions.h"
#include "compiler/driver/Commands.h"
#include "llvm/ADT/StringExtras.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {

const protocol::LabSettings defaults;

#define LAB_OPT cl::sub(driver::compileCommand), cl::cat(crncCategory)

cl::opt<double> volume("volume", cl::desc("Reaction volume in uL"),
                       cl::init(defaults.reactionVolumeUL), LAB_OPT);
cl::opt<double> stockConc("stock-conc",
                          cl::desc("Strand stock concentration in uM"),
                          cl::init(defaults.strandStockUM), LAB_OPT);
cl::opt<double> gateStock("gate-stock",
                          cl::desc("Purified gate stock concentration in uM"),
                          cl::init(defaults.gateStockUM), LAB_OPT);
cl::opt<double> deadVolume("dead-volume",
                           cl::desc("Dead-volume overage per mix in percent"),
                           cl::init(defaults.deadVolumePercent), LAB_OPT);
cl::opt<double>
    minPipette("min-pipette",
               cl::desc("Smallest volume pipetted directly, in uL (smaller "
                        "ones go through a dilution)"),
               cl::init(defaults.minPipetteUL), LAB_OPT);
cl::opt<unsigned> plateSize("plate-size",
                            cl::desc("Wells per order plate: 96 or 384"),
                            cl::init(defaults.order.plateSize), LAB_OPT);
cl::opt<std::string>
    scale("scale",
          cl::desc("IDT synthesis scale for every strand (25nm, 100nm, "
                   "250nm, 1um, 5um, 10um); default by purification"),
          LAB_OPT);
cl::opt<std::string> purification(
    "purification",
    cl::desc("Purification of every strand: STD, PAGE or HPLC (default: "
             "PAGE for gate and long strands, STD otherwise)"),
    LAB_OPT);
cl::list<std::string>
    purify("purify",
           cl::desc("Per-strand purification: name=PAGE (repeatable, or "
                    "comma-separated)"),
           cl::CommaSeparated, LAB_OPT);

#undef LAB_OPT

llvm::Error usage(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 message.str().c_str());
}

} // namespace

llvm::Expected<protocol::LabSettings> driver::readLabOptions() {
  protocol::LabSettings s;
  s.reactionVolumeUL = volume;
  s.strandStockUM = stockConc;
  s.gateStockUM = gateStock;
  s.deadVolumePercent = deadVolume;
  s.minPipetteUL = minPipette;
  s.order.plateSize = plateSize;
  s.order.scale = scale;
  if (!purification.empty()) {
    s.order.purification = protocol::parsePurification(purification);
    if (!s.order.purification)
      return usage("--purification must be STD, PAGE or HPLC, not '" +
                   purification + "'");
  }
  for (llvm::StringRef item : purify) {
    auto [name, kind] = item.split('=');
    std::optional<protocol::Purification> p = protocol::parsePurification(kind);
    if (name.trim().empty() || !p)
      return usage("--purify: expected 'strand=STD|PAGE|HPLC', not '" + item +
                   "'");
    s.order.perStrand[name.trim().str()] = *p;
  }
  if (llvm::Error e = protocol::checkLabSettings(s))
    return e;
  return s;
}
