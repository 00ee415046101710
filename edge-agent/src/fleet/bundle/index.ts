// The edge-agent bundle: a self-contained tar.gz (Node, agent, production modules, models, systemd
// unit, install.sh) for a linux-arm64 or linux-x64 board. See bundle-layout.ts for what is inside.
export * from './build-bundle.js';
export * from './bundle-layout.js';
export * from './elf-machine.js';
export * from './install-script.js';
export * from './sha256-sums.js';
export * from './staged-package.js';
export * from './systemd-unit.js';
