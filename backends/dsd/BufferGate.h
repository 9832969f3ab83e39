//===- BufferGate.h - map-rates' buffer module as one reversible gate -*- C++
//-*-===//
//
// Map-rates' buffer module X + LS <=> HS + BS (Soloveichik, Seelig & Winfree
// 2010: a reversible reaction that holds X by a set fraction) built as ONE
// toehold-exchange gate rather than a gate module per direction: LS is the
// gate `m( o( + ) ) e*` (X's entry toehold e open, X's branch-migration
// domain m and a toehold o that only buffers use, paired with the strand
// `m o`), BS is that strand, HS the gate holding X. X binds e* and displaces
// BS; BS binds o* and displaces X. The two directions are mirror images (same
// toehold length, same branch migration), so the gate holds X by
// [gate] / [BS]; the gate is put at [LS] kf / kr, which holds X by the
// fraction the formal buffer does (kf [LS] / (kr [BS])). Its strands are in
// no other gate. The schemes whose signals carry an entry toehold and a
// long domain (cardelli2013, qian2011, soloveichik2010,
// srinivas2015) share this construction.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_BUFFERGATE_H
#define CRNC_BACKENDS_DSD_BUFFERGATE_H

#include "backends/dsd/SchemeBuilder.h"
#include <optional>

namespace crnc::dsd {

/// A buffer module X + LS <=> HS + BS of map-rates.
struct BufferModule {
  ir::SpeciesId x = 0, ls = 0, hs = 0, bs = 0;
  double gateLevel = 0; ///< [LS] kf / kr: the gate's concentration
  /// BS's 5' history domain (a `dangling` entry), set by addSignals.
  std::optional<dna::DomainRef> bsHistory;
};

/// The domains of X a buffer gate uses: the toehold X binds first and the
/// domain it then displaces along.
struct BufferEntry {
  dna::DomainRef toehold, migration;
  /// X's migration domain continues into a dangling domain (soloveichik's
  /// `h a b c`): BS then starts with a history domain of its own, so that
  /// each direction displaces a strand that continues past the branch point
  /// (Peppercorn's branch migration starts 30 times slower beside a strand
  /// break; without it, X would enter 30 times slower than BS).
  bool dangling = false;
};

class BufferGates {
public:
  /// Finds the buffer modules of `builder`'s module: reversible reactions
  /// with one reactant marked buffer_of (LS); the other reactant is X, the
  /// constant product BS.
  explicit BufferGates(SchemeBuilder &builder);

  /// True for LS, HS and BS of a buffer: LS and HS are the gate (no signal
  /// strand), BS gets its strand from addSignals.
  bool isBufferSpecies(ir::SpeciesId id) const { return buffered[id]; }

  /// Adds BS = `m o` (`h m o` when X's entry is `dangling`) for every buffer
  /// (o, the buffers' own toehold, is made for the first). `entryOf(X)` gives
  /// X's domains.
  template <typename EntryOf> void addSignals(EntryOf entryOf) {
    for (BufferModule &b : buffers)
      addSignal(b, entryOf(b.x));
  }

  /// Replaces each buffer's forward direction in `steps` by one reversible
  /// step (its gate fuel level the buffer's gateLevel) and drops the
  /// backward direction: the gate builds both. A buffer already kept as one
  /// reversible step (SchemeBuilder::steps(true)) gets its gate's level.
  std::vector<Step> merged(std::vector<Step> steps) const;

  /// When `step` is a buffer's reversible step (from merged()), begins its
  /// module, adds its gate and returns true; otherwise returns false.
  template <typename EntryOf> bool build(const Step &step, EntryOf entryOf) {
    const BufferModule *b = bufferOf(step);
    if (!b)
      return false;
    buildGate(step, *b, entryOf(b->x));
    return true;
  }

  /// The buffer whose reversible step `step` is, or null.
  const BufferModule *bufferOf(const Step &step) const;

private:
  void addSignal(BufferModule &b, const BufferEntry &x);
  void buildGate(const Step &step, const BufferModule &b, const BufferEntry &x);

  SchemeBuilder &builder;
  std::vector<BufferModule> buffers;
  std::vector<bool> buffered;
  std::optional<dna::DomainRef> ownToehold;
};

} // namespace crnc::dsd

#endif
