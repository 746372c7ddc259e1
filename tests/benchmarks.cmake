# SPDX-License-Identifier: Apache-2.0
# Smoke runs of the benchmark scripts (PERFORMANCE.md: CI runs benchmarks only in a short
# form and never judges timing).  They check that the pipeline works end to end: servers
# start, aiperf and the peers run, and the figures can be computed from what aiperf wrote.
if(TARGET aiperf-cli AND TARGET aiperf-mock-server)
  find_program(AIPERF_NGINX nginx PATHS /usr/sbin /sbin)
  find_program(AIPERF_WRK wrk)
  if(AIPERF_NGINX AND AIPERF_WRK)
    add_test(NAME "benchmark smoke: g1"
             COMMAND bash ${PROJECT_SOURCE_DIR}/benchmarks/g1_request_ceiling.sh --smoke --build ${PROJECT_BINARY_DIR})
    set_tests_properties("benchmark smoke: g1" PROPERTIES RUN_SERIAL TRUE TIMEOUT 180)
  else()
    message(STATUS "benchmark smoke g1 skipped: nginx or wrk not found")
  endif()
  add_test(NAME "benchmark smoke: g3"
           COMMAND bash ${PROJECT_SOURCE_DIR}/benchmarks/g3_open_loop.sh --smoke --build ${PROJECT_BINARY_DIR})
  set_tests_properties("benchmark smoke: g3" PROPERTIES RUN_SERIAL TRUE TIMEOUT 180)
  # Issue #6's client cost (minimal main vs driver); about 10 s.  benchmarks/ is configured after
  # tests/, so the minimal client's target is looked for by its source, not with if(TARGET).
  if(AIPERF_BUILD_BENCHMARKS AND EXISTS ${PROJECT_SOURCE_DIR}/benchmarks/client_cost/minimal_client.cpp)
    add_test(NAME "benchmark smoke: client cost"
             COMMAND bash ${PROJECT_SOURCE_DIR}/benchmarks/client_cost.sh --smoke --build ${PROJECT_BINARY_DIR})
    set_tests_properties("benchmark smoke: client cost" PROPERTIES RUN_SERIAL TRUE TIMEOUT 180)
  endif()
  # Issue #7's trace replay (start-up, memory per unique prompt byte, fidelity) on the fixture.
  add_test(NAME "benchmark smoke: trace replay"
           COMMAND bash ${PROJECT_SOURCE_DIR}/benchmarks/trace_replay.sh --smoke --build ${PROJECT_BINARY_DIR})
  set_tests_properties("benchmark smoke: trace replay" PROPERTIES RUN_SERIAL TRUE TIMEOUT 180
                       PASS_REGULAR_EXPRESSION "mooncake_small: 10 rows; start to first request [0-9.]+ s")
  # Issue #12's soak in its short form: 20 s against four mocks with mixed faults.  It fails
  # when a record is lost (records != requests the mocks received) and prints the RSS slope,
  # which it does not judge (benchmarks/soak.sh runs the 10-minute form).
  add_test(NAME "benchmark smoke: soak"
           COMMAND bash ${PROJECT_SOURCE_DIR}/benchmarks/soak.sh --duration 20 --build ${PROJECT_BINARY_DIR})
  set_tests_properties("benchmark smoke: soak" PROPERTIES RUN_SERIAL TRUE TIMEOUT 180)
endif()
