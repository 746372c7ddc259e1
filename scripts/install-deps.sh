#!/usr/bin/env bash
# Installs every Debian package aiperf needs to build, test and benchmark (Debian 12).
# Idempotent; safe to rerun. Test-only npm packages are installed by scripts/install-test-peers.sh.
set -euo pipefail
pkgs=(
  g++ cmake make ninja-build pkg-config git ca-certificates python3 python3-numpy python3-yaml
  libasio-dev libboost-dev librange-v3-dev libfmt-dev libsimdjson-dev catch2
  libssl-dev libcli11-dev libutf8proc-dev
  wrk nginx-light openssl
  node-llhttp
  clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer + ASan/UBSan runtimes (a Recommends of clang-14 only)
  libcairo2-dev fonts-dejavu-core libyaml-cpp-dev  # aiperf plot: PNG charts, their font, --config YAML
  chromium                                       # the HTML report's headless-browser test
  libginac-dev                                   # accuracy: the math grader's symbolic equivalence
  libopenmpi-dev openmpi-bin                     # scale-out: mpirun -n N aiperf profile
)
missing=()
# node/npm may come from another source on the image (npm 11 ships with it); take Debian's only if absent.
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
