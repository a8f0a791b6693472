#!/usr/bin/env bash
# `npm test`: sets up what is missing, builds, type-checks, lints, then runs every suite:
# unit (core, no VS Code) · protocol (real LSP over stdio) · CLI · browser (headless Chromium) · end-to-end (real
# VS Code = code-server, driven by Chromium). Timings are never asserted here; see `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Node 24 from the project (npm scripts already put node_modules/.bin first; this makes direct calls use it too).
export PATH="$PWD/node_modules/.bin:$PATH"
echo "test: node $(node --version)"

node scripts/build.mjs
# Every TypeScript project: the whole repo (tsconfig.json) and each runtime's own (src/, server/, server/core/, media/).
npm run -s typecheck
# Import boundaries between runtimes (ESLint) and formatting (Prettier --check).
npm run -s lint
node --import tsx scripts/generate-docs.ts --check

# Every suite except end-to-end in one run of node's test runner (one summary).
shopt -s nullglob
suites=(test/unit test/rules test/estimates test/server test/cli test/mermaid test/catalog test/language test/snippets test/scaffold test/preview test/caseStudies test/robustness test/browser test/examples)
files=()
for s in "${suites[@]}"; do files+=("$s"/*.test.ts); done
node --import tsx --test --test-reporter=spec --test-timeout=300000 "${files[@]}"

if [[ ${DESIGN_NOTES_SKIP_E2E:-} != 1 ]]; then
  npm run test:e2e
fi
