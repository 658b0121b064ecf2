#!/usr/bin/env bash
# One entry point that sets everything up, then runs what you ask:
#   ./dev.sh design [WORKLOAD.yaml]   render a blueprint (default: three-tier web) into out/
#   ./dev.sh test [PYTEST ARGS]       run the whole test suite
#   ./dev.sh gallery | bench | shell  render every blueprint / time rendering / open a shell in the venv
# It creates .venv with Python 3.11, installs archadvisor with its test extras,
# and installs Graphviz's `dot` through the system package manager when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3.11}
VENV=${VENV:-.venv}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }

ensure_python() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PYTHON=python3
    else
      echo "archadvisor needs Python 3.11 or newer ($PYTHON not found)." >&2; exit 1
    fi
  fi
}

ensure_venv() {
  if [ -x "$VENV/bin/python" ] && [ "$VENV/.installed" -nt pyproject.toml ]; then return; fi
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    echo "Python's venv module is missing; installing it..." >&2
    rm -rf "$VENV"
    version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      "python${version}-venv" >/dev/null || {
      echo "Could not install the venv module: run 'sudo apt-get install python${version}-venv' and retry." >&2
      exit 1; }
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
  touch "$VENV/.installed"
}

ensure_python
ensure_venv
scripts/ensure-graphviz.sh

command=${1:-help}
[ $# -gt 0 ] && shift
case "$command" in
  design)  exec "$VENV/bin/archadvisor" design "${1:-blueprints/three-tier-web.yaml}" -o out "${@:2}" ;;
  test)    exec "$VENV/bin/python" -m pytest "$@" ;;
  gallery) exec "$VENV/bin/archadvisor" gallery blueprints -o out/gallery "$@" ;;
  bench)   exec "$VENV/bin/python" benchmarks/bench_design.py "$@" ;;
  shell)   exec bash --rcfile <(echo "source $VENV/bin/activate") ;;
  *)       sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
