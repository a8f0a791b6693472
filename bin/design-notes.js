#!/usr/bin/env node
// Launcher for `npx design-notes` and global installs: runs the bundled CLI (dist/cli.js, built by `npm run build`).
require('../dist/cli.js').run();
