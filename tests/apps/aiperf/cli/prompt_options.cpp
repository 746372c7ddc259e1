// SPDX-License-Identifier: Apache-2.0
// apps/aiperf/cli/cli.cpp: the synthetic prompt options (--seq-dist, the prefix pool, the shared
// system and user-context prompts) with the spec's messages (load-generation §3.3, §7.3) and the
// warnings for combinations that would silently do nothing.
#include "support.hpp"

#include <string>
#include <vector>

using cli_test::err;
using cli_test::ok;
using cli_test::profile;

namespace {

bool has_warning(aiperf::driver::parse_result const& r, std::string_view needle) {
  for (auto const& w : r.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

std::string const trace = AIPERF_SOURCE_DIR "/tests/data/traces/mooncake_small.jsonl";

}  // namespace

TEST_CASE("profile: --seq-dist is checked when parsed, with AIPerf's messages", "[cli][validate][prompt]") {
  CHECK(ok(profile({"--seq-dist", "256,128:60;512,256:40"})).options.input.sequence_distribution ==
        "256,128:60;512,256:40");
  CHECK(ok(profile({"--sequence-distribution", "[(256|10,128|5):60,(512,256):40]"})).was_set("sequence_distribution"));
  CHECK(ok(profile({"--seq-dist", R"({"pairs":[{"isl":256,"osl":128,"prob":100}]})"})).was_set("sequence_distribution"));
  CHECK(err(profile({"--seq-dist", "256,128:60;512,256:30"})) ==
        "aiperf: error: Invalid sequence distribution format: Failed to parse distribution string "
        "'256,128:60;512,256:30': Probabilities must sum to 100.0, got 90.000000. Pairs: ['(256,128):60.0%', "
        "'(512,256):30.0%']\n");
  CHECK(err(profile({"--seq-dist", "256;128:100"})) ==
        "aiperf: error: Invalid sequence distribution format: Failed to parse distribution string '256;128:100': "
        "Invalid pair format: '256'. Expected 'ISL[|ISL_STDDEV],OSL[|OSL_STDDEV]:PROB'\n");
  CHECK(err(profile({"--seq-dist", "0,128:100"})) ==
        "aiperf: error: Invalid sequence distribution format: Failed to parse distribution string '0,128:100': "
        "Input sequence length must be positive, got 0\n");
  CHECK(err(profile({"--seq-dist", " "})) ==
        "aiperf: error: Invalid sequence distribution format: Distribution string cannot be empty\n");
}

TEST_CASE("profile: prefix pool, shared system and user context rules (spec §3.3)", "[cli][validate][prompt]") {
  // User context: one prompt per dataset entry, so the entries must be given.
  CHECK(err(profile({"--user-context-prompt-length", "20"})) ==
        "aiperf: error: --user-context-prompt-length requires --num-dataset-entries to be specified. Each dataset "
        "entry needs a unique user context prompt, so the number of dataset entries must be defined.\n");
  CHECK(ok(profile({"--user-context-prompt-length", "20", "--num-dataset-entries", "100"}))
            .options.input.user_context_prompt_length == 20);
  // Context prompts and prefix prompts are exclusive modes.
  std::string const exclusive =
      "aiperf: error: Cannot use both `--shared-system-prompt-length`/`--user-context-prompt-length` and "
      "`--prefix-prompt-length`/`--prefix-prompt-pool-size`. These are mutually exclusive prompt configuration "
      "modes.\n";
  CHECK(err(profile({"--shared-system-prompt-length", "10", "--prefix-prompt-pool-size", "2"})) == exclusive);
  CHECK(err(profile({"--user-context-prompt-length", "10", "--num-dataset-entries", "5", "--prefix-prompt-length",
                     "8"})) == exclusive);
  // A prefix needs a pool (AIPerf fails when the dataset is built; here before anything starts).
  CHECK(err(profile({"--prefix-prompt-length", "16"})) ==
        "aiperf: error: Attempted to sample a prefix prompt but the prefix prompts pool is empty. Please ensure "
        "that the prefix prompts pool is initialized. (--prefix-prompt-length 16 needs --prefix-prompt-pool-size "
        "of at least 1)\n");
  // Lower bounds of the declarations.
  CHECK(err(profile({"--shared-system-prompt-length", "0"})).find("--shared-system-prompt-length") != std::string::npos);
  CHECK(err(profile({"--prefix-prompt-pool-size", "-1"})).find("--prompt-prefix-pool-size") != std::string::npos);
  // Accepted together: a prefix pool with a sequence mixture; system with user context.
  auto const both = ok(profile({"--concurrency", "1", "--request-count", "5", "--prefix-prompt-pool-size", "3",
                                "--prefix-prompt-length", "16", "--seq-dist", "64,8:100"}));
  CHECK(both.options.input.prefix_prompt_pool_size == 3);
  CHECK(both.options.input.prefix_prompt_length == 16);
  CHECK(both.warnings.empty());
  CHECK(ok(profile({"--concurrency", "1", "--request-count", "5", "--shared-system-prompt-length", "10",
                    "--user-context-prompt-length", "5", "--num-dataset-entries", "4"}))
            .warnings.empty());
}

TEST_CASE("profile: prompt options that would do nothing say so", "[cli][validate][prompt]") {
  CHECK(has_warning(ok(profile({"--prefix-prompt-pool-size", "3"})),
                    "--prefix-prompt-pool-size has no effect without --prefix-prompt-length"));
  // Completions sends only the prompt (spec §8.5): no system or user context is generated.
  CHECK(has_warning(ok(profile({"--endpoint-type", "completions", "--shared-system-prompt-length", "10"})),
                    "--endpoint-type completions sends only the prompt: no system or user-context prompt is generated"));
  CHECK(ok(profile({"--concurrency", "1", "--request-count", "5", "--endpoint-type", "completions",
                    "--prefix-prompt-pool-size", "2", "--prefix-prompt-length", "4"}))
            .warnings.empty());  // a prefix is part of the prompt
  // A file dataset is not synthetic.
  auto const file = ok({"profile", "-m", "m", "--input-file", trace, "--seq-dist", "64,8:100"});
  CHECK(has_warning(file, "shape synthetic prompts only: they have no effect with --input-file or --public-dataset"));
}

TEST_CASE("profile: --batch-size and its aliases; the rankings options and their rules (spec §2.5, §2.8, §3.3)",
          "[cli][validate][prompt][rankings]") {
  CHECK(ok(profile({})).options.input.batch_size == 1);
  for (char const* flag : {"-b", "--batch-size", "--batch-size-text", "--prompt-batch-size"})
    CHECK(ok(profile({flag, "4", "--endpoint-type", "embeddings"})).options.input.batch_size == 4);
  CHECK(err(profile({"--batch-size", "-1"})) == "aiperf: error: --prompt-batch-size: must be >= 0, got '-1'\n");

  auto const r = ok(profile({"--endpoint-type", "cohere_rankings", "--rankings-passages-mean", "5",
                             "--rankings-passages-stddev", "1", "--rankings-passages-prompt-token-mean", "64",
                             "--rankings-query-prompt-token-mean", "16"}));
  CHECK(r.options.input.rankings_passages_mean == 5);
  CHECK(r.options.input.rankings_passages_stddev == 1);
  CHECK(r.options.input.rankings_passages_prompt_token_mean == 64);
  CHECK(r.options.input.rankings_query_prompt_token_mean == 16);
  CHECK(ok(profile({})).options.input.rankings_query_prompt_token_mean == 550);

  std::string const flags =
      "(`--rankings-passages-mean`, `--rankings-passages-stddev`, `--rankings-passages-prompt-token-mean`, "
      "`--rankings-passages-prompt-token-stddev`, `--rankings-query-prompt-token-mean`, "
      "`--rankings-query-prompt-token-stddev`)";
  std::string const types = "(hf_tei_rankings, nim_rankings, cohere_rankings)";
  CHECK(err(profile({"--endpoint-type", "chat", "--rankings-passages-mean", "3"})) ==
        "aiperf: error: Rankings-specific options " + flags +
            " can only be used with rankings endpoint types Rankings endpoints: " + types + ".\n");
  std::string const isl = "aiperf: error: The `--prompt-input-tokens-mean`/`--prompt-input-tokens-stddev` options "
                          "cannot be used together with rankings-specific token options or the rankings "
                          "endpointsRanking options: " +
                          flags + ". Rankings endpoints: " + types + ".Please use only one set of options.\n";
  CHECK(err(profile({"--endpoint-type", "nim_rankings", "--isl", "100"})) == isl);
  CHECK(err(profile({"--endpoint-type", "hf_tei_rankings", "--isl-stddev", "3"})) == isl);
  CHECK(has_warning(ok(profile({"--endpoint-type", "nim_rankings", "--batch-size", "2"})), "--batch-size has no effect"));
}

TEST_CASE("profile: --streaming is ignored, with a warning, by endpoint types that do not stream", "[cli][validate]") {
  for (char const* type : {"embeddings", "nim_embeddings", "chat_embeddings", "hf_tei_rankings", "nim_rankings",
                           "cohere_rankings"}) {
    auto const r = ok(profile({"--endpoint-type", type, "--streaming"}));
    CHECK_FALSE(r.options.endpoint.streaming);
    CHECK(has_warning(r, std::string("--streaming is ignored: --endpoint-type ") + type + " does not stream"));
  }
  CHECK(ok(profile({"--endpoint-type", "chat", "--streaming"})).options.endpoint.streaming);
}
