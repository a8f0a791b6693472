#!/usr/bin/env bash
# Everything a fresh machine needs before the tests or the demo run; quick when already done.
# - npm dependencies (npm ci) when node_modules is missing or older than package-lock.json;
# - Debian's chromium (the browser tests and the end-to-end tests drive it) when missing, if we may use apt.
# Node 24 comes from the `node` devDependency (node_modules/.bin/node), so the machine's own Node may be 20.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

# The installable CLI is tested on Node 20, 22 and 24 (test/cli/package.test.ts): 24 is the devDependency, 20 the
# machine's if it has one, the others are fetched once from the npm registry into ~/.cache/design-notes.
if [[ ${1:-} != --no-browser ]]; then
  node scripts/ensure-node.mjs >/dev/null
fi

# Debian's pre-commit, to test the pre-commit hook for real (test/cli/package.test.ts skips that one test without it).
if [[ ${1:-} != --no-browser ]] && ! command -v pre-commit >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's pre-commit"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null || echo "setup: pre-commit could not be installed; its test is skipped" >&2
fi

# The demo needs no browser of ours (you open the URL in yours): `setup.sh --no-browser`.
if [[ ${1:-} != --no-browser && ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install it (sudo apt-get install chromium) for the browser and end-to-end tests" >&2
    exit 1
  fi
fi
