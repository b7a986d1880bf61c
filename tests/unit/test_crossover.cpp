// The stereo analyser's crossover bank (analysis/crossover.hpp), its eight filters in the lanes
// of one vector, at every instruction set this machine has (forced one at a time), against the
// filters run one by one as scalar biquads: the same band energies bit for bit, on random
// stereo, full-scale square waves, DC, alternating +-1 and single impulses, fed in blocks of 1,
// 7, 4096 frames and whole, with and without a high band.
#define BOOST_TEST_MODULE crossover
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "analysis/crossover.hpp"

// The reference must not fuse multiplies into adds either.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=off")
#endif

using namespace mixgrade;

namespace {

using Kind = BiquadCoefficients::Kind;

struct Biquad {  // transposed direct form II, one signal
  BiquadCoefficients c;
  double z1 = 0.0, z2 = 0.0;
  double operator()(double x) {
    const double y = c.b0 * x + z1;
    z1 = c.b1 * x - c.a1 * y + z2;
    z2 = c.b2 * x - c.a2 * y;
    return y;
  }
};

struct Reference {  // sums of squares {mid, side}
  std::array<double, 2> low{}, above_low{}, mid{}, high{};
};

// The four Linkwitz-Riley filters on mid and side, one sample and one filter at a time.
Reference reference(const std::vector<float>& lr, double low_hz, double high_hz, double rate) {
  Reference out;
  for (int k = 0; k < 2; ++k) {
    auto lr4 = [&](Kind kind, double f) {
      const auto c = BiquadCoefficients::butterworth(kind, f, rate);
      return std::array<Biquad, 2>{Biquad{c}, Biquad{c}};
    };
    auto low = lr4(Kind::lowpass, low_hz), hp = lr4(Kind::highpass, low_hz);
    auto mlp = lr4(Kind::lowpass, high_hz), high = lr4(Kind::highpass, high_hz);
    for (std::size_t i = 0; i + 1 < lr.size(); i += 2) {
      const double l = lr[i], r = lr[i + 1];
      const double x = k == 0 ? 0.5 * (l + r) : 0.5 * (l - r);
      const double yl = low[1](low[0](x));
      const double yh = hp[1](hp[0](x));
      const double ym = mlp[1](mlp[0](yh));
      const double yt = high[1](high[0](x));
      out.low[k] += yl * yl;
      out.above_low[k] += yh * yh;
      out.mid[k] += ym * ym;
      out.high[k] += yt * yt;
    }
  }
  return out;
}

bool same_bits(const std::array<double, 2>& a, const std::array<double, 2>& b) {
  return std::memcmp(a.data(), b.data(), sizeof(double) * 2) == 0;
}

void check(const std::vector<float>& lr, double rate, const std::string& what) {
  const double low_hz = 150.0, high_hz = std::min(5000.0, 0.45 * rate);
  const Reference ref = reference(lr, low_hz, high_hz, rate);
  const std::size_t frames = lr.size() / 2;
  for (const std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, frames}) {
    CrossoverBank bank(low_hz, high_hz, rate);
    for (std::size_t i = 0; i < frames; i += std::max<std::size_t>(block, 1))
      bank.add(lr.data() + 2 * i, std::min(block, frames - i), 2);
    bank.finish();
    BOOST_TEST_CONTEXT(what << " at " << rate << " Hz, blocks of " << block << ", target "
                            << CrossoverBank::target()) {
      BOOST_TEST(same_bits(bank.low(), ref.low));
      BOOST_TEST(same_bits(bank.above_low(), ref.above_low));
      BOOST_TEST(same_bits(bank.mid(), ref.mid));
      BOOST_TEST(same_bits(bank.high(), ref.high));
      // The test would notice a bank that does nothing.
      BOOST_TEST(bank.low()[0] + bank.low()[1] + bank.above_low()[0] + bank.above_low()[1] > 0.0);
    }
  }
}

template <class F>
void at_every_target(F f) {
  const auto targets = CrossoverBank::targets();
  BOOST_TEST_REQUIRE(!targets.empty());
  std::string names;
  for (const auto& t : targets) {
    CrossoverBank::force_target_for_test(t);
    BOOST_TEST(CrossoverBank::target() == t);
    f();
    names += t + " ";
  }
  CrossoverBank::force_target_for_test("");
  BOOST_TEST_MESSAGE("targets covered: " << names);
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_stereo_matches_the_scalar_filters) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> lr(2 * 9000);
  for (auto& x : lr) x = u(rng);
  at_every_target([&] {
    for (const double rate : {8000.0, 44100.0, 48000.0, 96000.0}) check(lr, rate, "random");
  });
}

BOOST_AUTO_TEST_CASE(worst_cases_match_the_scalar_filters) {
  const std::size_t frames = 5000;
  std::vector<std::pair<std::string, std::vector<float>>> signals;
  for (const std::size_t half : {1u, 2u, 50u}) {  // 1: alternating +-1
    std::vector<float> lr(2 * frames);
    for (std::size_t i = 0; i < frames; ++i) {
      lr[2 * i] = (i / half) % 2 ? -1.0f : 1.0f;
      lr[2 * i + 1] = -lr[2 * i];  // all side, then the same as mid below
    }
    signals.emplace_back("square, half period " + std::to_string(half), lr);
    for (std::size_t i = 0; i < frames; ++i) lr[2 * i + 1] = lr[2 * i];
    signals.emplace_back("square in both, half period " + std::to_string(half), lr);
  }
  signals.emplace_back("DC +1", std::vector<float>(2 * frames, 1.0f));
  signals.emplace_back("DC -1", std::vector<float>(2 * frames, -1.0f));
  std::vector<float> impulse(2 * frames, 0.0f);
  impulse[2 * 1234] = 1.0f;
  signals.emplace_back("impulse on the left", impulse);
  at_every_target([&] {
    for (const auto& [what, lr] : signals) check(lr, 48000.0, what);
  });
}
