// Helpers for the buffer-module tests: A + B -> C with map-rates' buffer of
// A (A + LS_A <=> HS_A + BS_A), compiled with one scheme, and the condensed
// reactions of its enumerated design around the buffer gate.
#ifndef CRNC_TESTS_UNIT_DSD_BUFFERTESTSUPPORT_H
#define CRNC_TESTS_UNIT_DSD_BUFFERTESTSUPPORT_H

#include "DsdTestSupport.h"
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Enumerator.h"
#include <algorithm>

namespace crnc::test {

/// .crnir of A + B -> C (k = 0.0002 /nM/s) and A's buffer module
/// (kf = 0.00018, kr = 0.0002; LS_A at 1000 nM, BS_A at `bs` nM).
inline std::string bufferedModule(llvm::StringRef bs) {
  return R"(module "m" {
  unit nM
  attr cmax_nM = "1000"
  species A : signal = 10
  species B : signal = 10
  species C : signal = 0
  species LS_A : fuel = 1000 constant {buffer_of = "A"}
  species BS_A : fuel = )" +
         bs.str() + R"( constant
  species HS_A : intermediate = 0
  reaction A + B -> C [k = 0.0002]
  reaction A + LS_A <=> HS_A + BS_A [kf = 0.00018, kr = 0.0002]
})";
}

/// bufferedModule(bs) compiled with `kind`; fails the test on an error.
/// `warnings`, if given, receives the number of warnings compile gave.
inline dna::Design compileBuffered(llvm::StringRef bs, dsd::SchemeKind kind,
                                   unsigned *warnings = nullptr) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  std::unique_ptr<ir::Module> module = parseModule(bufferedModule(bs), diags);
  dsd::SchemeOptions options;
  options.kind = kind;
  llvm::Expected<dna::Design> design = dsd::compile(*module, options, diags);
  REQUIRE(bool(design));
  if (warnings)
    *warnings = diags.warningCount();
  return std::move(*design);
}

/// Complex `i` of `d` in kernel notation.
inline std::string kernel(const dna::Design &d, dna::ComplexIndex i) {
  return dna::printKernel(d.getComplex(i).complex, d.domains);
}

/// The macrostate called `name`; fails the test if there is none.
inline enumerate::MacrostateId
macrostateNamed(const enumerate::EnumeratedSystem &system,
                llvm::StringRef name) {
  for (enumerate::MacrostateId m = 0; m < system.macrostates.size(); ++m)
    if (system.macrostates[m].name == name)
      return m;
  FAIL("no macrostate " << name.str());
  return enumerate::MacrostateId(0);
}

/// Whether `m` is among the reactants (or products) `side`.
inline bool sideHas(const std::vector<enumerate::MacrostateId> &side,
                    enumerate::MacrostateId m) {
  return std::count(side.begin(), side.end(), m) > 0;
}

/// The fraction of A the buffer gate holds, [HS] / [A] = k [gate] /
/// (k' [BS]), from its two condensed rates and the design's levels.
inline double heldByGate(const dna::Design &d, dna::ComplexIndex gate,
                         double forward, double backward) {
  return forward * *d.getComplex(gate).concentration /
         (backward * *d.getComplex(*d.lookup("BS_A")).concentration);
}

/// For BS at 1000 and 500 nM: the gate of `kind`'s buffer module reacts
/// with A and BS only, at equal condensed rates both ways (1e-9 relative),
/// so it holds A by kf [LS] / (kr [BS]), the formal buffer's (1e-9
/// relative).
inline void checkBufferGateMirrors(dsd::SchemeKind kind) {
  for (const char *bs : {"1000", "500"}) {
    INFO("[BS] = " << bs << " nM");
    dna::Design d = compileBuffered(bs, kind);
    dna::ComplexIndex gate = d.modules[1].fuels[0];
    llvm::Expected<enumerate::EnumeratedSystem> system =
        enumerate::enumerateDesign(d, enumerate::EnumerateOptions());
    REQUIRE(bool(system));
    enumerate::MacrostateId a = macrostateNamed(*system, "A"),
                            g = macrostateNamed(*system,
                                                d.getComplex(gate).name),
                            bsm = macrostateNamed(*system, "BS_A");
    std::optional<double> forward, backward;
    size_t touching = 0;
    for (const enumerate::CondensedReaction &r : system->condensed) {
      if (!sideHas(r.reactants, g) && !sideHas(r.products, g))
        continue;
      ++touching;
      if (sideHas(r.reactants, a) && sideHas(r.products, bsm))
        forward = r.rate;
      if (sideHas(r.reactants, bsm) && sideHas(r.products, a))
        backward = r.rate;
    }
    // B and C bind the shared toehold only transiently: the gate reacts
    // with A and BS alone.
    CHECK(touching == 2);
    REQUIRE(forward);
    REQUIRE(backward);
    CHECK(*forward == Approx(*backward).epsilon(1e-9));
    CHECK(heldByGate(d, gate, *forward, *backward) ==
          Approx(0.00018 * 1000 / (0.0002 * std::stod(bs))).epsilon(1e-9));
  }
}

} // namespace crnc::test

#endif
