# SPDX-License-Identifier: Apache-2.0
# Every example is built and run as a test against aiperf-mock-server (STYLE §5.6).
if(TARGET example_minimal_main AND TARGET aiperf-mock-server)
  add_test(NAME "example: minimal_main"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_example.sh ${PROJECT_BINARY_DIR}
                   example_minimal_main --ttft 20 --itl 2)
  set_tests_properties("example: minimal_main" PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "Time to First Token \\(ms\\).*40 requests ok, 0 failed")
endif()
if(TARGET example_custom_metric AND TARGET aiperf-mock-server)
  add_test(NAME "example: custom_metric"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_example.sh ${PROJECT_BINARY_DIR}
                   example_custom_metric --ttft 20 --itl 2 --tokens-per-chunk 2)
  set_tests_properties("example: custom_metric" PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "Tokens Per Chunk \\(tokens\\)[^0-9]+2\\.00[^0-9]+2\\.00[^0-9]+2\\.00.*30 requests ok, 0 failed")
endif()
