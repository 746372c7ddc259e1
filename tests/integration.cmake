# SPDX-License-Identifier: Apache-2.0
# End-to-end tests: the built `aiperf` driver against aiperf-mock-server and third-party peers.
if(TARGET aiperf-cli AND TARGET aiperf-mock-server)
  set(_it ${CMAKE_CURRENT_SOURCE_DIR}/integration)
  add_test(NAME "integration: profile vs aiperf-mock-server"
           COMMAND bash ${_it}/profile_vs_mock.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: profile vs @dwmkerr/mock-llm"
           COMMAND bash ${_it}/profile_vs_mock_llm.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: profile vs @dwmkerr/mock-llm" PROPERTIES SKIP_RETURN_CODE 77)
  add_test(NAME "integration: bad input" COMMAND bash ${_it}/bad_input.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: single_turn input file (file order, output lengths, think time)"
           COMMAND bash ${_it}/single_turn.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: multi-turn sessions carry ids and the server's answers (as the server saw them)"
           COMMAND bash ${_it}/multi_turn_history.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: synthetic system, user context, prefix pool and --seq-dist on the wire"
           COMMAND bash ${_it}/synthetic_prompts.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: responses, messages and huggingface_generate endpoints against the mock"
           COMMAND bash ${_it}/vendor_endpoints.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: multi_turn input file (history, system message, think time)"
           COMMAND bash ${_it}/multi_turn.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: input-file extra, media, payload and messages as the server received them"
           COMMAND bash ${_it}/input_fields.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: random_pool directory (seeded draws, one item per pool)"
           COMMAND bash ${_it}/random_pool.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  foreach(_type embeddings nim_embeddings chat_embeddings hf_tei_rankings nim_rankings cohere_rankings)
    add_test(NAME "integration: --endpoint-type ${_type} round trip (request bodies, no token metrics)"
             COMMAND bash ${_it}/embeddings_rankings.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${_type})
  endforeach()
  add_test(NAME "integration: server metrics and GPU telemetry from the mock's known-value pages"
           COMMAND bash ${_it}/telemetry.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: raw and template endpoints against the mock (verbatim payloads, rendered bodies, plugins)"
           COMMAND bash ${_it}/raw_template.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: image_generation against the mock (Images API body, no token metrics)"
           COMMAND bash ${_it}/image_generation.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: several --url, round robin per session (url_index, both servers, their paths)"
           COMMAND bash ${_it}/multi_url.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: --public-dataset sharegpt from a local copy (vLLM filter, no download)"
           COMMAND bash ${_it}/sharegpt.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: reliability limits (hostile server text, tiny rate, full disk, JSONL timer, drain bound)"
           COMMAND bash ${_it}/reliability_limits.sh ${PROJECT_BINARY_DIR})
  set_tests_properties("integration: reliability limits (hostile server text, tiny rate, full disk, JSONL timer, drain bound)"
                       PROPERTIES TIMEOUT 240)
  add_test(NAME "integration: request cancellation (share, delay after the write, 499 records)"
           COMMAND bash ${_it}/request_cancellation.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: mooncake trace replay (fixed schedule, hash-id blocks, sessions)"
           COMMAND bash ${_it}/trace_replay.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME "integration: --synthesis-*-multiplier transform a replayed trace (ISLs, output lengths, blocks)"
           COMMAND bash ${_it}/trace_synthesis_replay.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: --synthesis-*-multiplier transform a replayed trace (ISLs, output lengths, blocks)"
                       PROPERTIES TIMEOUT 120)
  add_test(NAME "integration: concurrency and request-rate ramps (in-flight steps, sparse early arrivals)"
           COMMAND bash ${_it}/ramps.sh ${PROJECT_BINARY_DIR})
  set_tests_properties("integration: concurrency and request-rate ramps (in-flight steps, sparse early arrivals)"
                       PROPERTIES TIMEOUT 120 RUN_SERIAL TRUE)
  add_test(NAME "integration: --num-profile-runs 3 aggregate equals an independent t computation; --concurrency sweeps"
           COMMAND bash ${_it}/multi_run.sh ${PROJECT_BINARY_DIR})
  set_tests_properties("integration: --num-profile-runs 3 aggregate equals an independent t computation; --concurrency sweeps"
                       PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
  add_test(NAME "integration: aiperf compare flags a 10 ms TTFT injection as worse and identical runs as within noise"
           COMMAND bash ${_it}/compare.sh ${PROJECT_BINARY_DIR} single)
  set_tests_properties("integration: aiperf compare flags a 10 ms TTFT injection as worse and identical runs as within noise"
                       PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
  add_test(NAME "integration: aiperf compare of two --num-profile-runs directories uses Welch; bad input names path and file"
           COMMAND bash ${_it}/compare.sh ${PROJECT_BINARY_DIR} multi)
  set_tests_properties("integration: aiperf compare of two --num-profile-runs directories uses Welch; bad input names path and file"
                       PROPERTIES TIMEOUT 180 RUN_SERIAL TRUE)
  add_test(NAME "integration: --slice-duration timeslices equal a re-bucketing of the JSONL"
           COMMAND bash ${_it}/timeslices.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: input_config as aiperf plot reads it; --profile-export-file names every file"
           COMMAND bash ${_it}/input_config_plot.sh ${PROJECT_BINARY_DIR})
  add_test(NAME "integration: SIGINT and SIGTERM drain and write everything"
           COMMAND bash ${_it}/sigint_drain.sh ${PROJECT_BINARY_DIR})
  set_tests_properties("integration: SIGINT and SIGTERM drain and write everything" PROPERTIES TIMEOUT 120 RUN_SERIAL TRUE)
  add_test(NAME "integration: --tokenizer tokenizer.json --isl 1000 is exact"
           COMMAND bash ${_it}/isl_with_tokenizer_json.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: --tokenizer tokenizer.json --isl 1000 is exact" PROPERTIES
                       SKIP_RETURN_CODE 77 TIMEOUT 300 RUN_SERIAL TRUE)
  # A real engine (scripts/build-llama-server.sh builds it into the peers cache); skipped when absent.
  add_test(NAME "integration: profile vs llama.cpp llama-server (tiny random-weight Llama)"
           COMMAND bash ${_it}/llama_server.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: profile vs llama.cpp llama-server (tiny random-weight Llama)" PROPERTIES
                       SKIP_RETURN_CODE 77 TIMEOUT 300 RUN_SERIAL TRUE)
  set_tests_properties("integration: profile vs aiperf-mock-server" "integration: profile vs @dwmkerr/mock-llm"
                       "integration: bad input" PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE)
endif()

# `aiperf analyze-trace` and `aiperf synthesize-trace` against independent Python computations
# (no server needed).
if(TARGET aiperf-cli)
  add_test(NAME "integration: analyze-trace matches an independent computation"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/analyze_trace.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: analyze-trace matches an independent computation" PROPERTIES TIMEOUT 120)
  add_test(NAME "integration: synthesize-trace matches an independent computation"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/synthesize_trace.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: synthesize-trace matches an independent computation" PROPERTIES TIMEOUT 120)
endif()

# Transport faults against the scripted hostile server (tests/support/hostile_server.py).
if(TARGET aiperf-cli)
  add_test(NAME "integration: transport faults from a hostile server (caps, truncation, codings, surrogates)"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/integration/transport_faults.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("integration: transport faults from a hostile server (caps, truncation, codings, surrogates)"
                       PROPERTIES TIMEOUT 300)
endif()
