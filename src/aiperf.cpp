// SPDX-License-Identifier: Apache-2.0
// src/aiperf.cpp — the body of aiperf::compiled: every impl/*.ipp, compiled once with
// AIPERF_SEPARATE_COMPILATION (see include/aiperf/config.hpp). One include per line, sorted.
#include <aiperf/datasets/impl/corpus.ipp>
#include <aiperf/datasets/impl/corpus_text.ipp>
#include <aiperf/datasets/impl/prompt_generator.ipp>
#include <aiperf/tokenizer/impl/bpe.ipp>
#include <aiperf/tokenizer/impl/pretokenizer.ipp>
#include <aiperf/tokenizer/impl/tokenizer.ipp>
#include <aiperf/tokenizer/impl/unicode.ipp>
