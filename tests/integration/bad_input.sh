#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bad input gives ONE clear line on stderr and exit code 1, with no crash noise, and writes
# no artifacts.  usage: bad_input.sh BUILD_DIR
source "$(dirname "$0")/lib.sh"
build=$1
aiperf="$build/apps/aiperf/aiperf"
dead_port=$(free_port)   # nothing listens here
base=(profile --model m --endpoint-type chat --request-count 5 --tokenizer builtin --artifact-dir "$work/art")
fails=0
expect_error() {   # expect_error NAME REGEX ARGS...
  local name=$1 regex=$2; shift 2
  set +e
  "$aiperf" "$@" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  set -e
  local lines
  lines=$(grep -c . "$work/stderr" || true)
  if [ "$rc" -ne 1 ] || [ "$lines" -ne 1 ] || ! grep -Eq -- "$regex" "$work/stderr" ||
     grep -Eq "terminate called|what\(\)|Traceback|Segmentation|Aborted" "$work/stderr" "$work/stdout"; then
    echo "FAIL $name: rc=$rc stderr lines=$lines"; sed 's/^/  stderr: /' "$work/stderr"; fails=$((fails+1))
  else
    echo "ok   $name: $(cat "$work/stderr")"
  fi
  if [ -e "$work/art/profile_export_aiperf.json" ]; then
    echo "FAIL $name: wrote a summary"; fails=$((fails+1)); rm -rf "$work/art"
  fi
}
expect_error "unknown flag" "--no-such-flag" "${base[@]}" --url "http://127.0.0.1:$dead_port" --no-such-flag
expect_error "missing model" "model" profile --endpoint-type chat --url "http://127.0.0.1:$dead_port"
expect_error "bad url scheme" "url|URL" "${base[@]}" --url "ftp://127.0.0.1:$dead_port"
expect_error "bad url host" "url|URL" "${base[@]}" --url "http://"
expect_error "non-numeric concurrency" "concurrency" "${base[@]}" --url "http://127.0.0.1:$dead_port" --concurrency abc
expect_error "non-numeric rate" "request-rate" "${base[@]}" --url "http://127.0.0.1:$dead_port" --request-rate fast
expect_error "unreachable server" "127.0.0.1:$dead_port" "${base[@]}" --url "http://127.0.0.1:$dead_port"
expect_error "missing tokenizer file" "tokenizer" "${base[@]}" --url "http://127.0.0.1:$dead_port" --tokenizer /nonexistent/tok.json
# The artifact directory is checked against a live server (the server check comes first):
# a path that is a file, one below a file, and (unprivileged only: root writes anyway) one in a
# read-only directory.  Each is one line naming the directory, exit 1, and nothing is written.
start_mock "$build" --ttft 1 --itl 1
live=(profile --model m --endpoint-type chat --request-count 2 --tokenizer builtin --url "http://127.0.0.1:$MOCK_PORT")
: >"$work/a_file"
expect_error "artifact dir is a file" "cannot create artifact directory $work/a_file: " "${live[@]}" --artifact-dir "$work/a_file"
expect_error "artifact dir below a file" "cannot create artifact directory $work/a_file/sub: Not a directory" \
  "${live[@]}" --artifact-dir "$work/a_file/sub"
[ -f "$work/a_file" ] && [ ! -s "$work/a_file" ] || { echo "FAIL the file in the way was changed"; fails=$((fails+1)); }
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$work/read_only" && chmod 555 "$work/read_only"
  expect_error "artifact dir not writable" "artifact directory $work/read_only/x|$work/read_only/x" \
    "${live[@]}" --artifact-dir "$work/read_only/x"
  chmod 755 "$work/read_only"
else
  echo "skip artifact dir not writable: running as root, which may write anywhere"
fi
[ "$fails" -eq 0 ] || { echo "$fails bad-input case(s) failed"; exit 1; }
echo "bad_input: OK"
