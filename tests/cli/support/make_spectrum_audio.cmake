# Generates the audio the spectrum/stereo command-line tests read (sox, as a user would).
#   cmake -DSOX=/usr/bin/sox -DDIR=<dir> -P make_spectrum_audio.cmake
# -R: sox seeds its noise generator the same way every run, so outputs repeat.
file(MAKE_DIRECTORY ${DIR})
set(jobs
  "pink.wav synth 4 pinknoise vol 0.3"
  "white.wav synth 4 whitenoise vol 0.3"
  "anti.wav synth 3 sine 440 vol 0.3 remix 1v1 1v-1")
foreach(job ${jobs})
  separate_arguments(args UNIX_COMMAND "${job}")
  list(POP_FRONT args name)
  execute_process(COMMAND ${SOX} -R -q -n -r 48000 -c 2 -b 16 ${DIR}/${name} ${args} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "sox failed for ${name}")
  endif()
endforeach()
execute_process(COMMAND ${SOX} -R -q -n -r 44100 -c 1 -b 16 ${DIR}/mono.wav synth 3 sine 1000 vol 0.3
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sox failed for mono.wav")
endif()
