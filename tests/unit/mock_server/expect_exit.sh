#!/usr/bin/env bash
# usage: expect_exit.sh CODE TEXT BINARY ARGS... — runs BINARY ARGS, passes iff it exits with
# CODE and its output contains TEXT.
code=$1 text=$2; shift 2
out=$(timeout 20 "$@" 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" -eq "$code" ] || { echo "FAIL: exit $rc, expected $code"; exit 1; }
case $out in *"$text"*) ;; *) echo "FAIL: output lacks '$text'"; exit 1 ;; esac
echo "ok: exit $rc, output names '$text'"
