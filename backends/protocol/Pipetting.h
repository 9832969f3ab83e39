//===- Pipetting.h - volumes for a mix from stock solutions -----*- C++ -*-===//
//
// The arithmetic of making a mix at the bench. Component i at final
// concentration c_i from a stock at s_i takes V_i = c_i * V / s_i of the
// prepared volume V (the usable volume plus a dead-volume overage). A volume
// under the smallest pipettable volume is taken from an intermediate
// dilution instead (factor 2, 5, 10, 20, 50, ... made in 1x buffer). The
// buffer stock (10x TAE / 125 mM Mg2+ by default) makes up what the strand
// stocks do not bring of the final 1x, and water the rest; the final Mg2+ is
// accounted line by line.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_PIPETTING_H
#define CRNC_BACKENDS_PROTOCOL_PIPETTING_H

#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::protocol {

/// The reaction buffer: a concentrated stock diluted to its final strength.
struct BufferSpec {
  std::string name = "TAE/Mg2+";
  double stockStrength = 10;   ///< x (10x TAE)
  double finalStrength = 1;    ///< x (1x TAE)
  double magnesiumAt1x = 12.5; ///< mM Mg2+ in 1x buffer
};

/// One thing to pipette into a mix.
struct Component {
  std::string name;
  double finalNM = 0; ///< wanted concentration in the mix
  double stockNM = 0; ///< concentration of its stock
  /// Strength (x) of the buffer the stock is in: 0 for water or TE, 1 for a
  /// gate purified into 1x buffer.
  double stockBuffer = 0;
  /// A pool of other components: finalNM and stockNM are then strengths
  /// (1 and the pool's factor), not concentrations.
  bool isPool = false;
};

struct MixSettings {
  double volumeUL = 100;      ///< usable volume of the mix
  double overagePercent = 10; ///< dead-volume overage added to it
  double minPipetteUL = 0.5;  ///< smallest volume pipetted directly
};

/// An intermediate dilution of a stock, made in 1x buffer.
struct Dilution {
  double factor = 1;
  double stockUL = 0;   ///< of the original stock
  double diluentUL = 0; ///< of 1x buffer
  double concentrationNM = 0;
};

struct MixLine {
  Component component;
  double volumeUL = 0;              ///< pipetted into the mix
  std::optional<Dilution> dilution; ///< when taken from a dilution
  double magnesiumMM = 0;           ///< Mg2+ this line brings to the mix
};

struct Mix {
  std::string name;
  double preparedUL = 0; ///< volume made (usable + overage)
  double usableUL = 0;
  std::vector<MixLine> lines;
  double bufferUL = 0; ///< of the buffer stock
  double waterUL = 0;
  double bufferMagnesiumMM = 0; ///< Mg2+ the buffer stock brings
  double finalMagnesiumMM = 0;
  double finalBufferStrength = 0;
  /// False when the components alone need more than the prepared volume;
  /// `requiredUL` is what they need (then water is 0 and buffer is short).
  bool fits = true;
  double requiredUL = 0;
};

/// Plans a mix. Volumes are rounded to 0.01 uL; water takes up the rounding
/// so the lines, buffer and water add up to the prepared volume.
/// Errors: a non-positive volume, a negative concentration, or a component
/// whose stock is weaker than its final concentration (unreachable).
llvm::Expected<Mix> planMix(std::string name,
                            const std::vector<Component> &components,
                            const BufferSpec &buffer,
                            const MixSettings &settings);

/// Components premixed at `factor` x their final concentrations, so the
/// target mix takes one line (its prepared volume / factor) instead of one
/// small line each.
struct Pool {
  Mix mix;
  double factor = 1;
  /// The line for the target mix.
  Component asComponent() const {
    return {mix.name, 1, factor, mix.finalBufferStrength, true};
  }
};

/// Plans a pool for a target mix of `targetPreparedUL`. The factor is the
/// largest of the 1-2-5 series with every component reachable (factor x
/// final <= stock) and room for them and the buffer stock (sum of factor x
/// final / stock <= 1 - 1/buffer strength); nullopt when it is below 2. The
/// pool's usable volume is what the target takes, at least the first of 20,
/// 50, 100, 200, 500, 1000 uL in which its lines (small ones through
/// dilutions, as in any mix) fit; nullopt when none does.
llvm::Expected<std::optional<Pool>>
planPool(std::string name, const std::vector<Component> &components,
         double targetPreparedUL, const BufferSpec &buffer,
         const MixSettings &settings);

/// A number as a bench protocol prints it: `significant` digits, plain
/// decimal notation (100000, 0.0735), no trailing zeros.
std::string formatLabNumber(double value, int significant = 4);

/// The smallest factor of the 1-2-5 series (2, 5, 10, 20, ...) that lifts
/// `volumeUL` to at least `minUL`.
double dilutionFactor(double volumeUL, double minUL);

} // namespace crnc::protocol

#endif
