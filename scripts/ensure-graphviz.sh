#!/usr/bin/env bash
# Make sure Graphviz's `dot` is on PATH: install it with the system package
# manager when it is missing, or stop with a message saying how to install it.
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
echo "Graphviz 'dot' not found; installing it..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
elif command -v brew >/dev/null 2>&1; then
  brew install graphviz
elif command -v dnf >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  $SUDO dnf install -y graphviz
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
