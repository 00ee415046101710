#!/usr/bin/env -S node --max-semi-space-size=32
// --max-semi-space-size=32 doubles V8's young generation. Under ingest load every message in flight
// (decoded, waiting for its commit) lives through a scavenge, and fewer scavenges copy it less often:
// `bench ingest` stores ~6% more per second with it. Run as `node hub-server/bin/hub-server.js`, this
// line is skipped; pass the flag there yourself (scripts/start.mjs and `npm run bench:ingest` do).
import '../dist/src/cli.js';
