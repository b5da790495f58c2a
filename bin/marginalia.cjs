#!/usr/bin/env node
// The `marginalia` command: runs the built CLI (npm run build). During development use `npm run cli --`.
require('../out/cli/index.js')
