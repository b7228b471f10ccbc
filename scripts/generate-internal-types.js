#!/usr/bin/env node
// Regenerates src/generated/*.ts from src/schemas/*.schema.json (the types of
// sopaudit.json, waivers.json and the report document). Run by
// `npm run types` after a build. With --check it writes nothing and exits 1
// when a committed file differs from what the schemas generate.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { internalTypeSources } = require('../dist/workspace/internalTypes');

const check = process.argv.includes('--check');

(async () => {
  let stale = 0;
  for (const [file, source] of Object.entries(await internalTypeSources())) {
    const target = path.join(__dirname, '..', 'src', 'generated', file);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
      if (current !== source) {
        stale++;
        console.error(`src/generated/${file} is stale; run npm run types`);
      }
    } else {
      fs.writeFileSync(target, source);
      console.log(`wrote src/generated/${file}`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
})().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
