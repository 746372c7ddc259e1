# SPDX-License-Identifier: Apache-2.0
# Tokenizer tests beyond the Catch2 area: the rank-file installer, offline (exit 77 = skipped when
# the npm fixtures of tests/tokenizer/setup.sh are absent and CI is not "true").
find_program(AIPERF_TOK_BASH bash)
if(AIPERF_TOK_BASH)
  add_test(NAME "tokenizer: install-tokenizers.sh" COMMAND ${AIPERF_TOK_BASH} ${PROJECT_SOURCE_DIR}/tests/tokenizer/install_tokenizers.sh)
  set_tests_properties("tokenizer: install-tokenizers.sh" PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()
