#include "analysis/fft.hpp"

#include <fftw3.h>

#include <mutex>
#include <new>

namespace mixgrade {
namespace {

// FFTW's planner is not thread-safe (FFTW manual 5.4 "Thread safety": only fftw_execute is);
// the batch tool analyses files in parallel threads, so every plan creation and destruction
// goes through this lock. Executing a plan needs no lock.
std::mutex& planner_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

struct RealFft::Plan {
  explicit Plan(std::size_t n) {
    in = fftwf_alloc_real(n);
    out = fftwf_alloc_complex(n / 2 + 1);
    if (in == nullptr || out == nullptr) {
      release();
      throw std::bad_alloc();
    }
    std::lock_guard lock(planner_mutex());
    // FFTW_ESTIMATE: no timing runs, so start-up stays cheap and results do not depend on them.
    plan = fftwf_plan_dft_r2c_1d(static_cast<int>(n), in, out, FFTW_ESTIMATE);
    if (plan == nullptr) {
      release();
      throw std::bad_alloc();
    }
  }
  ~Plan() {
    std::lock_guard lock(planner_mutex());
    release();
  }
  Plan(const Plan&) = delete;
  Plan& operator=(const Plan&) = delete;

  void release() {
    if (plan != nullptr) fftwf_destroy_plan(plan);
    fftwf_free(in);
    fftwf_free(out);
    plan = nullptr;
    in = nullptr;
    out = nullptr;
  }

  float* in = nullptr;
  fftwf_complex* out = nullptr;
  fftwf_plan plan = nullptr;
};

RealFft::RealFft(std::size_t size) : size_(size), plan_(std::make_unique<Plan>(size)) {}
RealFft::~RealFft() = default;

std::span<float> RealFft::input() {
  return {plan_->in, size_};
}

std::span<const std::complex<float>> RealFft::forward() {
  fftwf_execute(plan_->plan);
  // fftwf_complex is float[2], layout-compatible with std::complex<float> (FFTW manual 4.1.1).
  return {reinterpret_cast<const std::complex<float>*>(plan_->out), size_ / 2 + 1};
}

}  // namespace mixgrade
