//===- NetworkBuilder.h - signed chemistry emitted as dual-rail -*- C++ -*-===//
//
// The Neural CRN lowerings describe their chemistry over *signals*: abstract
// quantities that may be signed. NetworkBuilder emits each signed signal as
// two non-negative rails X_p, X_n (value X_p - X_n, annihilated by
// X_p + X_n -> 0) and expands each abstract reaction into the exact
// non-negative reactions for every sign combination of its catalysts, so the
// lowered IR is an ordinary mass-action CRN. It counts abstract signals and
// reactions (the compact signed circuit) beside the dual-rail ones.
//
// The trainer contract (read by lib/train/ModelInterface.h) is the set of
// typed attributes of ir/ModelAttributes.h.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_MODELS_NETWORKBUILDER_H
#define CRNC_FRONTEND_MODELS_NETWORKBUILDER_H

#include "ir/ModelAttributes.h"
#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/LogicalResult.h"
#include <string>
#include <vector>

namespace crnc::frontend {

/// Handle of a signal inside a NetworkBuilder.
using SignalId = uint32_t;

/// One signal and its rails.
struct Signal {
  std::string name;
  bool isSigned = false;
  ir::SpeciesId pos = 0; ///< the species (unsigned) or the positive rail
  ir::SpeciesId neg = 0; ///< the negative rail (signed only)
};

/// A product of an abstract reaction: `sign` * flux goes to `signal`.
struct SignedTerm {
  SignalId signal;
  int sign = 1;
};

class NetworkBuilder {
public:
  NetworkBuilder(ir::Module &module, DiagnosticEngine &diags, Location loc);

  /// Adds a signal with `role` and initial value `initial` (split over the
  /// rails when signed). Reports a name clash with an existing species.
  SignalId addSignal(llvm::StringRef name, ir::SpeciesRole role, bool isSigned,
                     double initial = 0);
  const Signal &signal(SignalId id) const { return signals[id]; }
  /// Sets an attribute on every species of the signal.
  template <typename T>
  void setAttr(SignalId id, const ir::model::Key<T> &key,
               const typename ir::model::Key<T>::Value &value) {
    setAttrText(id, key.name, ir::model::formatValue(value));
  }
  /// Marks the signal as loaded from feature `index` of the sample (and
  /// transient).
  void loadInput(SignalId id, uint64_t index) {
    setLoad(id, ir::model::Load{false, index}, 1);
  }
  /// Marks the signal as loaded from target component `index`, times
  /// `scale` (and transient).
  void loadTarget(SignalId id, uint64_t index, double scale) {
    setLoad(id, ir::model::Load{true, index}, scale);
  }
  void setTransient(SignalId id) { setAttr(id, ir::model::Transient, true); }
  /// Marks the signal as prediction `index`.
  void setOutput(SignalId id, uint64_t index) {
    setAttr(id, ir::model::Output, index);
  }

  /// Abstract reaction: fires at rate * prod(catalysts) and adds sign * flux
  /// to each product; the catalysts are unchanged. Expands to one reaction
  /// per sign combination of the signed catalysts (0, 1 or 2 catalysts).
  void catalytic(llvm::ArrayRef<SignalId> catalysts,
                 llvm::ArrayRef<SignedTerm> products, double rate,
                 ir::PhaseId phase);
  /// Abstract reaction `2Z -> Z`: dz/dt -= rate * z^2, and each observer gets
  /// sign * rate * z^2 (exact for a signed z through three rail reactions).
  void squareDecay(SignalId z, llvm::ArrayRef<SignedTerm> observers,
                   double rate, ir::PhaseId phase);
  /// Abstract reaction `Z + R -> Z`: dr/dt -= rate * z * r for unsigned r.
  void relax(SignalId z, SignalId r, double rate, ir::PhaseId phase);
  /// Abstract reaction `G + W -> G + 2W` (sign > 0) or `G + W -> G`
  /// (sign < 0): dw/dt += sign * rate * g * w for an unsigned w; a signed g
  /// swaps growth and decay on its negative rail.
  void growth(SignalId gain, SignalId w, int sign, double rate,
              ir::PhaseId phase);
  /// Adds X_p + X_n -> 0 at `rate` for every signed signal (always active).
  void annihilateSignedSignals(double rate);

  /// Records the abstract counts and `extra` hyper-parameters on the module.
  void finish();
  size_t abstractSpeciesCount() const { return signals.size(); }
  size_t abstractReactionCount() const { return abstractReactions; }
  bool hadError() const { return clash; }

private:
  void setAttrText(SignalId id, llvm::StringRef key, llvm::StringRef value);
  void setLoad(SignalId id, const ir::model::Load &load, double scale);
  ir::SpeciesId addRail(llvm::StringRef name, ir::SpeciesRole role,
                        double initial);
  ir::SpeciesId railFor(SignalId id, int sign) const;
  void emit(ir::TermList reactants, ir::TermList products, double rate,
            ir::PhaseId phase);

  ir::Module &m;
  DiagnosticEngine &diags;
  Location loc;
  std::vector<Signal> signals;
  size_t abstractReactions = 0;
  bool clash = false;
};

/// Adds (or finds) the phases "forward" and "backward"; returns their ids.
std::pair<ir::PhaseId, ir::PhaseId> addLearningPhases(ir::Module &module,
                                                      Location loc);

/// Uniform initial weights in [-scale, scale] from a seeded generator
/// (splitmix64), the same on every platform.
std::vector<double> seededWeights(uint64_t seed, size_t count, double scale);

} // namespace crnc::frontend

#endif
