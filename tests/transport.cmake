# SPDX-License-Identifier: Apache-2.0
# Transport tests: compile llhttp's C sources (Debian node-llhttp) into the transport test
# executables (test_transport, and test_transport_compiled from delivery_modes.cmake) only,
# as the reference for the response-parser differential fuzz test.
set(_llhttp_dir /usr/share/llhttp)
set(_llhttp_inc /usr/share/include/llhttp)
foreach(_transport_test IN ITEMS test_transport test_transport_compiled)
  if(NOT TARGET ${_transport_test})
    continue()
  endif()
  if(EXISTS ${_llhttp_dir}/llhttp.c AND EXISTS ${_llhttp_inc}/llhttp.h)
    set(_llhttp_srcs ${_llhttp_dir}/llhttp.c ${_llhttp_dir}/api.c ${_llhttp_dir}/http.c)
    target_sources(${_transport_test} PRIVATE ${_llhttp_srcs})
    # Third-party generated C: not ours to warn about.
    set_source_files_properties(${_llhttp_srcs} TARGET_DIRECTORY ${_transport_test} PROPERTIES COMPILE_OPTIONS "-w")
    target_include_directories(${_transport_test} SYSTEM PRIVATE ${_llhttp_inc})
    target_compile_definitions(${_transport_test} PRIVATE AIPERF_HAVE_LLHTTP=1)
  else()
    message(STATUS "llhttp sources not found (apt-get install node-llhttp): differential test reports missing fixture")
  endif()
endforeach()
