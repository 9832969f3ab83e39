//===- Moves.cpp - the domain-level reaction types ------------------------===//
//
// Positions are flat domain indices of a Complex. A loop is walked the way
// Peppercorn walks it: step along the strand, record a strand break (-1)
// when crossing from one strand to the next, jump across every stem. The
// `before` and `after` stretches of a move feed the rate model.
//
//===----------------------------------------------------------------------===//

#include "lib/enumerate/Moves.h"
#include <algorithm>
#include <cassert>
#include <numeric>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

llvm::StringRef crnc::enumerate::reactionKindName(ReactionKind kind) {
  switch (kind) {
  case ReactionKind::Bind11:
    return "bind11";
  case ReactionKind::Bind21:
    return "bind21";
  case ReactionKind::Open:
    return "open";
  case ReactionKind::Branch3Way:
    return "branch-3way";
  case ReactionKind::Branch4Way:
    return "branch-4way";
  case ReactionKind::Condensed:
    return "condensed";
  }
  return "";
}

namespace {
constexpr int Break = -1;
using Stretch = std::vector<int>; ///< loop entries: positions or Break

/// Fast access to one complex's positions.
class View {
public:
  View(const Complex &c, const DomainTable &domains)
      : c(c), domains(domains), strandIndex(c.domainCount()),
        flat(c.domainCount()) {
    for (size_t s = 0; s < c.strandCount(); ++s)
      for (size_t i = 0; i < c.strand(s).size(); ++i) {
        strandIndex[c.strandStart(s) + i] = static_cast<unsigned>(s);
        flat[c.strandStart(s) + i] = c.strand(s)[i];
      }
  }
  int size() const { return static_cast<int>(c.domainCount()); }
  int partner(int p) const { return c.partner(static_cast<unsigned>(p)); }
  bool paired(int p) const { return partner(p) != Complex::Unpaired; }
  DomainRef domain(int p) const { return flat[p]; }
  unsigned length(int p) const { return domains.length(domain(p)); }
  unsigned strandOf(int p) const { return strandIndex[p]; }
  int first(unsigned s) const { return static_cast<int>(c.strandStart(s)); }
  int last(unsigned s) const {
    return first(s) + static_cast<int>(c.strand(s).size()) - 1;
  }
  /// The next position around the loop in `dir`; sets `crossed` when the
  /// step leaves a strand end.
  int step(int p, int dir, bool &crossed) const {
    unsigned s = strandOf(p), n = static_cast<unsigned>(c.strandCount());
    crossed = dir > 0 ? p == last(s) : p == first(s);
    if (!crossed)
      return p + dir;
    return dir > 0 ? first((s + 1) % n) : last((s + n - 1) % n);
  }
  /// True when q is p +- 1 on the same strand (in range).
  bool onSameStrand(int p, int q) const {
    return q >= 0 && q < size() && strandOf(p) == strandOf(q);
  }
  const Complex &c;
  const DomainTable &domains;

private:
  std::vector<unsigned> strandIndex;
  std::vector<DomainRef> flat; ///< domain at each position
};

using Pattern = bool (*)(const View &, int start, int target);

bool bindPattern(const View &v, int s, int t) {
  return !v.paired(s) && !v.paired(t) &&
         v.domain(t).isComplementOf(v.domain(s));
}
bool branch3Pattern(const View &v, int s, int t) {
  return !v.paired(s) && v.paired(t) && v.domain(t).isComplementOf(v.domain(s));
}
bool branch4Pattern(const View &v, int s, int t) {
  return v.paired(s) && v.paired(t) &&
         v.domain(t).perfect() == v.domain(s).perfect();
}

/// A match found on a loop: the reacting domains (aligned pairwise) and the
/// loop stretches between them.
struct Match {
  std::vector<int> invader, target;
  Stretch before, after;
};

/// Walks the loop of `start` in `dir` (the loop enclosed by `start` when it
/// is paired and dir < 0) and returns every position matching `pattern`.
std::vector<Match> findOnLoop(const View &v, int start, int dir,
                              Pattern pattern) {
  Stretch loop;
  loop.reserve(v.size() + v.c.strandCount());
  std::vector<std::pair<int, size_t>> hits;
  int p = v.paired(start) ? v.partner(start) : start;
  for (;;) {
    bool crossed = false;
    p = v.step(p, dir, crossed);
    if (crossed)
      loop.push_back(Break);
    if (p == start)
      break;
    if (pattern(v, start, p))
      hits.push_back({p, loop.size()});
    loop.push_back(p);
    if (v.paired(p))
      p = v.partner(p);
  }
  std::vector<Match> matches;
  for (auto [target, i] : hits)
    matches.push_back(Match{{start},
                            {target},
                            Stretch(loop.begin(), loop.begin() + i),
                            Stretch(loop.begin() + i + 1, loop.end())});
  return matches;
}

int sign(int x) { return (x > 0) - (x < 0); }

/// Extends a match to the whole helix (max-helix semantics), moving the
/// invader by `sdir` and the target by `bdir` while `pattern` holds and the
/// stems stay adjacent; shortens `before`/`after` as Peppercorn does.
void extendMatch(const View &v, Match &m, int sdir, int bdir, Pattern pattern,
                 bool trackLoops) {
  int s = sdir > 0 ? m.invader.back() : m.invader.front();
  int b = bdir > 0 ? m.target.front() : m.target.back();
  for (;;) {
    int sl = s + sdir, bl = b + bdir;
    if (!v.onSameStrand(s, sl) || !v.onSameStrand(b, bl))
      return;
    int sp = v.partner(s), bp = v.partner(b);
    int spair = v.partner(sl), bpair = v.partner(bl);
    if ((sp < 0) != (spair < 0) || (bp < 0) != (bpair < 0))
      return;
    if (sl == sp || bl == bp)
      return;
    if (sign(sl - b) != sign(s - b) || sign(bl - s) != sign(b - s))
      return;
    if (sp >= 0 && !(v.onSameStrand(sp, spair) && sp == spair + sdir))
      return;
    if (bp >= 0 && !(v.onSameStrand(bp, bpair) && bp == bpair + bdir))
      return;
    if (!pattern(v, sl, bl))
      return;
    if (sdir > 0) {
      m.invader.push_back(sl);
      if (trackLoops && !m.before.empty() && m.before.front() == sl)
        m.before.erase(m.before.begin());
    } else {
      m.invader.insert(m.invader.begin(), sl);
      if (trackLoops && !m.after.empty() && m.after.back() == sl)
        m.after.pop_back();
    }
    if (bdir > 0) {
      m.target.insert(m.target.begin(), bl);
      if (trackLoops && !m.after.empty() && m.after.front() == bl)
        m.after.erase(m.after.begin());
    } else {
      m.target.push_back(bl);
      if (trackLoops && !m.before.empty() && m.before.back() == bl)
        m.before.pop_back();
    }
    s = sl, b = bl;
  }
}

/// Max-helix zippering: the invader and target grow in both directions for
/// binding and 3-way moves (antiparallel), in one for 4-way moves.
void zipper(const View &v, Match &m, Pattern pattern, bool fourWay) {
  if (fourWay) {
    extendMatch(v, m, +1, +1, pattern, /*trackLoops=*/false);
    std::reverse(m.target.begin(), m.target.end());
    return;
  }
  extendMatch(v, m, +1, -1, pattern, true);
  extendMatch(v, m, -1, +1, pattern, true);
}

LoopStats statsOf(const View &v, const Stretch &stretch) {
  LoopStats st;
  for (int p : stretch) {
    if (p == Break)
      st.open = true;
    else if (v.paired(p))
      ++st.stems;
    else
      st.bases += v.length(p);
  }
  return st;
}

unsigned lengthOf(const View &v, const std::vector<int> &positions) {
  unsigned n = 0;
  for (int p : positions)
    n += v.length(p);
  return n;
}

void pair(std::vector<int32_t> &partners, int a, int b) {
  partners[a] = b;
  partners[b] = a;
}

/// Collects moves; a product set reached by several pathways of one type
/// keeps the fastest pathway's rate (see Moves.h).
class MoveList {
public:
  void add(ReactionKind kind, std::vector<Complex> products, double rate) {
    for (Move &m : moves)
      if (m.kind == kind && sameProducts(m.products, products)) {
        m.rate = std::max(m.rate, rate);
        return;
      }
    moves.push_back(Move{kind, std::move(products), rate});
  }
  std::vector<Move> take() { return std::move(moves); }

private:
  /// The same multiset of (canonical) products.
  static bool sameProducts(const std::vector<Complex> &a,
                           const std::vector<Complex> &b) {
    return a.size() == b.size() &&
           std::is_permutation(a.begin(), a.end(), b.begin());
  }
  std::vector<Move> moves;
};

void bind11Moves(const View &v, const MoveOptions &options, MoveList &out) {
  for (int p = 0; p < v.size(); ++p) {
    if (v.paired(p))
      continue;
    for (Match &m : findOnLoop(v, p, +1, bindPattern)) {
      if (options.maxHelix)
        zipper(v, m, bindPattern, false);
      std::vector<int32_t> partners = v.c.allPartners();
      for (size_t k = 0; k < m.invader.size(); ++k)
        pair(partners, m.invader[k], m.target[k]);
      double rate = unimolecularBindingRate(
          lengthOf(v, m.invader), statsOf(v, m.before), statsOf(v, m.after));
      out.add(ReactionKind::Bind11,
              splitIntoComplexes(v.c.allStrands(), partners), rate);
    }
  }
}

/// The helix through pair (p, partner(p)) as [startA, endA] on p's strand
/// and its length in nt; nullopt unless p is at one end of the helix.
struct Helix {
  int startA, endA;
  unsigned length;
};
std::optional<Helix> helixAt(const View &v, int p) {
  int q = v.partner(p);
  if (q < p)
    return std::nullopt;
  Helix h{p, p, v.length(p)};
  bool forward = false, backward = false;
  for (int a = p + 1, b = q - 1;
       v.onSameStrand(p, a) && v.onSameStrand(q, b) && v.partner(a) == b;
       ++a, --b) {
    h.endA = a, h.length += v.length(a), forward = true;
  }
  for (int a = p - 1, b = q + 1;
       v.onSameStrand(p, a) && v.onSameStrand(q, b) && v.partner(a) == b;
       --a, ++b) {
    h.startA = a, h.length += v.length(a), backward = true;
  }
  if (forward && backward)
    return std::nullopt;
  return h;
}

/// kcal/mol the intended mismatches over both strands of helix `h` cost it.
double mismatchPenaltyIn(const View &v, const Helix &h,
                         const OpeningModel &model) {
  unsigned central = 0, end = 0, wobbles = 0;
  for (int a = h.startA; a <= h.endA; ++a)
    for (DomainRef d : {v.domain(a), v.domain(v.partner(a))}) {
      central += d.mismatches;
      end += d.endMismatch ? 1 : 0;
      wobbles += d.wobble ? 1 : 0;
    }
  return mismatchPenalty(central, end, wobbles, model);
}

void openMoves(const View &v, const MoveOptions &options, MoveList &out) {
  unsigned maxRelease =
      options.releaseCutoff11 && options.releaseCutoff1N
          ? std::max(options.releaseCutoff11, options.releaseCutoff1N)
          : 0;
  for (int p = 0; p < v.size(); ++p) {
    if (!v.paired(p))
      continue;
    if (maxRelease && v.length(p) > maxRelease)
      continue;
    std::optional<Helix> h = Helix{p, p, v.length(p)};
    if (options.maxHelix)
      h = helixAt(v, p);
    else if (v.partner(p) < p)
      h.reset();
    if (!h || (options.maxHelix && maxRelease && h->length > maxRelease))
      continue;
    std::vector<int32_t> partners = v.c.allPartners();
    for (int a = h->startA; a <= h->endA; ++a) {
      partners[partners[a]] = Complex::Unpaired;
      partners[a] = Complex::Unpaired;
    }
    std::vector<Complex> products =
        splitIntoComplexes(v.c.allStrands(), partners);
    unsigned cutoff = products.size() == 1 ? options.releaseCutoff11
                                           : options.releaseCutoff1N;
    if (cutoff && h->length > cutoff)
      continue;
    out.add(ReactionKind::Open, std::move(products),
            openingRateWithPenalty(h->length, options.opening,
                                   mismatchPenaltyIn(v, *h, options.opening)));
  }
}

void branch3Moves(const View &v, const MoveOptions &options, MoveList &out) {
  for (int p = 0; p < v.size(); ++p) {
    if (v.paired(p))
      continue;
    for (int dir : {+1, -1}) {
      for (Match &m : findOnLoop(v, p, dir, branch3Pattern)) {
        if (options.maxHelix)
          zipper(v, m, branch3Pattern, false);
        m.after.insert(m.after.end(), m.invader.begin(), m.invader.end());
        LoopStats before = statsOf(v, m.before), after = statsOf(v, m.after);
        if (options.rejectRemote && !before.isAdjacentStem())
          continue;
        std::vector<int32_t> partners = v.c.allPartners();
        for (size_t k = 0; k < m.invader.size(); ++k) {
          int displaced = partners[m.target[k]];
          partners[displaced] = Complex::Unpaired;
          pair(partners, m.invader[k], m.target[k]);
        }
        double rate = branch3WayRate(lengthOf(v, m.invader), before, after,
                                     m.after.front() == Break);
        out.add(ReactionKind::Branch3Way,
                splitIntoComplexes(v.c.allStrands(), partners), rate);
      }
    }
  }
}

void branch4Moves(const View &v, const MoveOptions &options, MoveList &out) {
  for (int p = 0; p < v.size(); ++p) {
    if (!v.paired(p))
      continue;
    for (Match &m : findOnLoop(v, p, +1, branch4Pattern)) {
      LoopStats before = statsOf(v, m.before), after = statsOf(v, m.after);
      if (options.maxHelix)
        zipper(v, m, branch4Pattern, true);
      if (options.rejectRemote &&
          !(after.isAdjacentStem() || before.isAdjacentStem()))
        continue;
      std::vector<int32_t> partners = v.c.allPartners();
      for (size_t k = 0; k < m.invader.size(); ++k) {
        int l1 = m.invader[k], l4 = m.target[k];
        int l2 = v.partner(l1), l3 = v.partner(l4);
        pair(partners, l1, l3);
        pair(partners, l2, l4);
      }
      double rate = branch4WayRate(lengthOf(v, m.invader), before, after);
      out.add(ReactionKind::Branch4Way,
              splitIntoComplexes(v.c.allStrands(), partners), rate);
    }
  }
}

/// The strand that follows the strand break on the loop of `p`, or nullopt
/// when that loop has no break (p is not on an exterior loop).
std::optional<unsigned> strandAfterBreak(const View &v, int p) {
  int q = p;
  for (;;) {
    bool crossed = false;
    q = v.step(q, +1, crossed);
    if (crossed)
      return v.strandOf(q);
    if (q == p)
      return std::nullopt;
    if (v.paired(q))
      q = v.partner(q);
  }
}

/// Unpaired positions on exterior loops, each with the rotation that puts
/// its loop outermost.
std::vector<std::pair<int, unsigned>> exteriorDomains(const View &v) {
  std::vector<std::pair<int, unsigned>> result;
  for (int p = 0; p < v.size(); ++p)
    if (!v.paired(p))
      if (std::optional<unsigned> s = strandAfterBreak(v, p))
        result.push_back({p, *s});
  return result;
}

/// Position of `p` after rotating so strand `first` comes first.
int rotatedPosition(const Complex &c, int p, unsigned first) {
  int total = static_cast<int>(c.domainCount());
  return (p - static_cast<int>(c.strandStart(first)) + total) % total;
}
} // namespace

std::vector<Move>
crnc::enumerate::unimolecularMoves(const Complex &complex,
                                   const DomainTable &domains,
                                   const MoveOptions &options) {
  View v(complex, domains);
  MoveList out;
  bind11Moves(v, options, out);
  openMoves(v, options, out);
  branch3Moves(v, options, out);
  branch4Moves(v, options, out);
  return out.take();
}

std::vector<Move>
crnc::enumerate::bimolecularMoves(const Complex &a, const Complex &b,
                                  const DomainTable &domains,
                                  const MoveOptions &options) {
  View va(a, domains), vb(b, domains);
  MoveList out;
  auto exteriorB = exteriorDomains(vb);
  for (auto [pa, firstA] : exteriorDomains(va)) {
    for (auto [pb, firstB] : exteriorB) {
      if (!va.domain(pa).isComplementOf(vb.domain(pb)))
        continue;
      Complex ra = a.rotated(firstA), rb = b.rotated(firstB);
      std::vector<Strand> strands = ra.allStrands();
      strands.insert(strands.end(), rb.allStrands().begin(),
                     rb.allStrands().end());
      int offset = static_cast<int>(ra.domainCount());
      std::vector<int32_t> partners = ra.allPartners();
      for (int32_t q : rb.allPartners())
        partners.push_back(q == Complex::Unpaired ? q : q + offset);
      Complex joined(strands, partners);
      View vj(joined, domains);
      Match m{{rotatedPosition(a, pa, firstA)},
              {offset + rotatedPosition(b, pb, firstB)},
              {},
              {}};
      if (options.maxHelix)
        zipper(vj, m, bindPattern, false);
      for (size_t k = 0; k < m.invader.size(); ++k)
        pair(partners, m.invader[k], m.target[k]);
      out.add(ReactionKind::Bind21, splitIntoComplexes(strands, partners),
              bimolecularBindingRate(lengthOf(vj, m.invader)));
    }
  }
  return out.take();
}

std::vector<DomainRef>
crnc::enumerate::exteriorUnpairedDomains(const Complex &complex,
                                         const DomainTable &domains) {
  View v(complex, domains);
  std::vector<DomainRef> result;
  for (auto [p, first] : exteriorDomains(v))
    result.push_back(v.domain(p));
  return result;
}

static size_t findRoot(std::vector<size_t> &parent, size_t x) {
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

std::vector<Complex>
crnc::enumerate::splitIntoComplexes(const std::vector<Strand> &strands,
                                    const std::vector<int32_t> &partners) {
  std::vector<unsigned> strandOf;
  for (size_t s = 0; s < strands.size(); ++s)
    for (size_t i = 0; i < strands[s].size(); ++i)
      strandOf.push_back(static_cast<unsigned>(s));
  std::vector<size_t> parent(strands.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (size_t p = 0; p < partners.size(); ++p)
    if (partners[p] > int32_t(p))
      parent[findRoot(parent, strandOf[p])] =
          findRoot(parent, strandOf[partners[p]]);
  std::vector<size_t> roots;
  for (size_t s = 0; s < strands.size(); ++s)
    if (std::find(roots.begin(), roots.end(), findRoot(parent, s)) ==
        roots.end())
      roots.push_back(findRoot(parent, s));
  if (roots.size() == 1)
    return {Complex(strands, partners).canonical()};
  std::vector<size_t> starts(strands.size());
  for (size_t s = 1; s < strands.size(); ++s)
    starts[s] = starts[s - 1] + strands[s - 1].size();
  std::vector<Complex> result;
  for (size_t root : roots) {
    std::vector<Strand> part;
    std::vector<size_t> newStart(strands.size(), 0);
    size_t total = 0;
    for (size_t s = 0; s < strands.size(); ++s)
      if (findRoot(parent, s) == root) {
        newStart[s] = total;
        total += strands[s].size();
        part.push_back(strands[s]);
      }
    std::vector<int32_t> pairs(total, Complex::Unpaired);
    for (size_t s = 0; s < strands.size(); ++s) {
      if (findRoot(parent, s) != root)
        continue;
      for (size_t i = 0; i < strands[s].size(); ++i) {
        int32_t q = partners[starts[s] + i];
        if (q == Complex::Unpaired)
          continue;
        unsigned qs = strandOf[q];
        pairs[newStart[s] + i] =
            static_cast<int32_t>(newStart[qs] + (q - starts[qs]));
      }
    }
    result.push_back(Complex(std::move(part), std::move(pairs)).canonical());
  }
  return result;
}
