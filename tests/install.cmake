# SPDX-License-Identifier: Apache-2.0
# The researcher's drop-in path (README "Writing your own benchmark main"), both ways: the
# installed CMake package after its prefix was moved, and plain `-I include` with the README's
# g++ line. Each builds examples/minimal_main.cpp and runs it against aiperf-mock-server.
if(TARGET aiperf-mock-server)
  add_test(NAME "install: moved package, find_package(aiperf), README main runs"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/relocated_package.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_SOURCE_DIR} ${CMAKE_GENERATOR} ${CMAKE_CXX_COMPILER})
  add_test(NAME "install: plain -I include, README g++ line, README main runs"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/plain_headers.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_SOURCE_DIR})
  set_tests_properties("install: moved package, find_package(aiperf), README main runs"
                       "install: plain -I include, README g++ line, README main runs"
                       PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)
endif()
