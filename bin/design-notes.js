#!/usr/bin/env node
// Thin launcher so `npx design-notes` / a global install finds the bundled CLI.
require('../dist/cli.js');
