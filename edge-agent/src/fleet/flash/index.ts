// `edge-agent flash`: an SD card's boot partition prepared to install and enrol the gateway on first boot.
export * from './boot-files.js';
export * from './boot-volume.js';
export * from './bundle-info.js';
export * from './cmdline-txt.js';
export * from './dir-volume.js';
export * from './firstboot-script.js';
export * from './flash-card.js';
export * from './flash-inputs.js';
export * from './image-volume.js';
export * from './mbr.js';
