# SPDX-License-Identifier: Apache-2.0
# Structural tests for a header-only library (STYLE.md §5.6): every public header compiles on
# its own; misuse of a concept fails to compile with the expected diagnostic; the installed
# package works from a separate project.

# -- header self-containment ------------------------------------------------------------
file(GLOB_RECURSE _hdrs RELATIVE ${PROJECT_SOURCE_DIR}/include CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/include/aiperf/*.hpp)
set(_hdr_srcs)
foreach(h IN LISTS _hdrs)
  string(MAKE_C_IDENTIFIER "${h}" id)
  file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/hdr/${id}.cpp CONTENT "#include <${h}>\n")
  list(APPEND _hdr_srcs ${CMAKE_CURRENT_BINARY_DIR}/hdr/${id}.cpp)
endforeach()
add_library(aiperf_header_check OBJECT EXCLUDE_FROM_ALL ${_hdr_srcs})
target_link_libraries(aiperf_header_check PRIVATE aiperf::aiperf aiperf_project_options)
target_compile_options(aiperf_header_check PRIVATE -fsyntax-only)
add_test(NAME "structure: every header compiles on its own"
         COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target aiperf_header_check)
set_tests_properties("structure: every header compiles on its own" PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE)

# -- compile-fail tests -----------------------------------------------------------------
function(aiperf_compile_fail name src regex)
  add_executable(${name} EXCLUDE_FROM_ALL ${src})
  target_link_libraries(${name} PRIVATE aiperf::aiperf)
  add_test(NAME "compile-fail: ${name}" COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target ${name})
  set_tests_properties("compile-fail: ${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${regex}" TIMEOUT 300)
endfunction()
aiperf_compile_fail(cf_schedule_wrong_return ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/schedule_wrong_return.cpp
                    "must model aiperf::Schedule")
aiperf_compile_fail(cf_endpoint_missing_on_event ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/endpoint_missing_on_event.cpp
                    "must model aiperf::Endpoint")
# Self-checks: a program that compiles must make a compile-fail test fail (the second is
# endpoint_missing_on_event.cpp with on_event: it fails for that member alone).
aiperf_compile_fail(cf_selfcheck ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/schedule_ok.cpp "must model aiperf::Schedule")
set_tests_properties("compile-fail: cf_selfcheck" PROPERTIES WILL_FAIL TRUE)
aiperf_compile_fail(cf_endpoint_selfcheck ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/endpoint_ok.cpp
                    "must model aiperf::Endpoint")
set_tests_properties("compile-fail: cf_endpoint_selfcheck" PROPERTIES WILL_FAIL TRUE)

aiperf_compile_fail(cf_metric_not_a_metric ${CMAKE_CURRENT_SOURCE_DIR}/compile_fail/metric_not_a_metric.cpp
                    "every argument must model aiperf::Metric")
