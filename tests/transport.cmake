# SPDX-License-Identifier: Apache-2.0
# Transport tests: compile llhttp's C sources (Debian node-llhttp) into test_transport only,
# as the reference for the response-parser differential fuzz test.
if(TARGET test_transport)
  set(_llhttp_dir /usr/share/llhttp)
  set(_llhttp_inc /usr/share/include/llhttp)
  if(EXISTS ${_llhttp_dir}/llhttp.c AND EXISTS ${_llhttp_inc}/llhttp.h)
    set(_llhttp_srcs ${_llhttp_dir}/llhttp.c ${_llhttp_dir}/api.c ${_llhttp_dir}/http.c)
    target_sources(test_transport PRIVATE ${_llhttp_srcs})
    # Third-party generated C: not ours to warn about.
    set_source_files_properties(${_llhttp_srcs} TARGET_DIRECTORY test_transport PROPERTIES COMPILE_OPTIONS "-w")
    target_include_directories(test_transport SYSTEM PRIVATE ${_llhttp_inc})
    target_compile_definitions(test_transport PRIVATE AIPERF_HAVE_LLHTTP=1)
  else()
    message(STATUS "llhttp sources not found (apt-get install node-llhttp): differential test reports missing fixture")
  endif()
endif()
