# SPDX-License-Identifier: Apache-2.0
# Every example is built and run as a test against aiperf-mock-server (STYLE §5.6).  Each prints
# its console report and then "N requests ok, M failed"; the regexes check real values (the
# mock answers every request with exactly the asked number of tokens).

# aiperf_example_test(NAME REGEX [mock flags...])
function(aiperf_example_test name regex)
  if(TARGET example_${name} AND TARGET aiperf-mock-server)
    add_test(NAME "example: ${name}"
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/run_example.sh ${PROJECT_BINARY_DIR}
                     example_${name} ${ARGN})
    set_tests_properties("example: ${name}" PROPERTIES TIMEOUT 120 PASS_REGULAR_EXPRESSION "${regex}")
  endif()
endfunction()

# Three values of a console row (avg, min, max).
set(_osl32 "Output Sequence Length \\(tokens\\)[^0-9\n]+32\\.00[^0-9\n]+32\\.00[^0-9\n]+32\\.00")
aiperf_example_test(minimal_main
  "Time to First Token \\(ms\\).*${_osl32}.*\n40 requests ok, 0 failed\n"
  --ttft 20 --itl 2)
aiperf_example_test(custom_metric
  "Tokens Per Chunk \\(tokens\\)[^0-9\n]+2\\.00[^0-9\n]+2\\.00[^0-9\n]+2\\.00.*\n30 requests ok, 0 failed\n"
  --ttft 20 --itl 2 --tokens-per-chunk 2)
# A user Schedule (a linear rate ramp, two shards) with the built-in chat endpoint and dataset.
aiperf_example_test(custom_schedule
  "Request Latency \\(ms\\).*${_osl32}.*Request Count[^0-9\n]+40\\.00.*\n40 requests ok, 0 failed\n"
  --ttft 20 --itl 2)
# A user Endpoint (a /v1/completions client written from scratch): max_tokens 16.
aiperf_example_test(custom_endpoint
  "Inter Token Latency \\(ms\\).*Output Sequence Length \\(tokens\\)[^0-9\n]+16\\.00[^0-9\n]+16\\.00[^0-9\n]+16\\.00.*\n40 requests ok, 0 failed\n"
  --ttft 20 --itl 2)
# A user Dataset (embedded prompts, max_tokens 24, no tokenizer): OSL from the server's usage.
aiperf_example_test(custom_dataset
  "Output Sequence Length \\(tokens\\)[^0-9\n]+24\\.00[^0-9\n]+24\\.00[^0-9\n]+24\\.00.*\n40 requests ok, 0 failed\n"
  --ttft 20 --itl 2)
# Trace replay from a custom main: the 10-row Mooncake fixture at 4x, every row sent once.
aiperf_example_test(trace_replay
  "Input Sequence Length \\(tokens\\).*Send Lateness.*\n10 requests ok, 0 failed\n"
  --ttft 5 --itl 1)

# A custom Metric reaches all four artifacts (console, profile_export_aiperf.json/.csv,
# profile_export.jsonl): examples/custom_metric.cpp with an artifact directory.
if(TARGET example_custom_metric AND TARGET aiperf-mock-server)
  add_test(NAME "example: custom_metric reaches every artifact"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/custom_metric_artifacts.sh ${PROJECT_BINARY_DIR})
  set_tests_properties("example: custom_metric reaches every artifact" PROPERTIES TIMEOUT 120
    PASS_REGULAR_EXPRESSION "custom metrics in every artifact: ok")
endif()
