#!/usr/bin/env bash
# Make sure Graphviz's `dot` is on PATH: install it with the system package
# manager when it is missing, or stop with a message saying how to install it.
set -uo pipefail
command -v dot >/dev/null 2>&1 && exit 0

echo "Graphviz 'dot' not found; installing it..." >&2
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }
if command -v apt-get >/dev/null 2>&1; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
elif command -v dnf >/dev/null 2>&1; then
  as_root dnf install -y graphviz
elif command -v brew >/dev/null 2>&1; then
  brew install graphviz
fi

if ! command -v dot >/dev/null 2>&1; then
  cat >&2 <<'MSG'
archadvisor needs Graphviz's 'dot' to draw diagrams, and it could not be installed automatically.
Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install graphviz
  Fedora:         sudo dnf install graphviz
  macOS:          brew install graphviz
MSG
  exit 1
fi
