#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run setup`).
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    console.error(err?.message ?? err);
    process.exit(1);
  });
