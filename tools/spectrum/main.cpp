// mixgrade-spectrum: spectral balance (third-octave and named bands, tilt, centroid, roll-off),
// optionally against a target curve or a reference track.
#include "cli/analysis_tool.hpp"

int main(int argc, char** argv) {
  return mixgrade::run_analysis_tool(
      {.name = "mixgrade-spectrum",
       .summary = "Measure the tonal balance of each file from its long-term average spectrum "
                  "(Welch, 16384-point Hann windows, channels summed as power): third-octave "
                  "band levels 25 Hz-20 kHz and six named bands relative to the file's in-band "
                  "energy, spectral tilt, centroid and 85 % roll-off. With --target or "
                  "--reference, also how far each band is from the target curve.",
       .spectrum = true},
      argc, argv);
}
