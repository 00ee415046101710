// The staging manifest pins the agent's dependencies to the lockfile and copies workspaces; the
// node_modules filter keeps only the board's onnxruntime binaries.
import { describe, expect, it } from 'vitest';
import {
  isRuntimeJs,
  keepInNodeModules,
  stagedManifest,
  workspaceCopyDir,
  workspaceCopyManifest,
} from './staged-package.js';

describe('stagedManifest', () => {
  const agent = {
    name: '@retail/edge-agent',
    version: '1.2.3',
    dependencies: { zod: '^4.6.7', '@retail/contracts': '0.1.0', mqtt: '^5.16.0', sharp: '^0.34.5' },
    devDependencies: { aedes: '^1.2.0' },
  };
  const lock = {
    packages: {
      'node_modules/zod': { version: '4.6.9' },
      'node_modules/mqtt': { version: '5.16.1' },
      'node_modules/@retail/contracts': { version: '0.1.0', link: true },
    },
  };

  it('pins locked versions, links workspaces as local copies, and leaves dev dependencies out', () => {
    const { manifest, unpinned } = stagedManifest({ agent, lock, workspaces: ['@retail/contracts'] });
    expect(manifest.dependencies).toEqual({
      '@retail/contracts': 'file:./workspaces/retail-contracts',
      mqtt: '5.16.1',
      sharp: '^0.34.5',
      zod: '4.6.9',
    });
    expect(unpinned).toEqual(['sharp']);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.type).toBe('module');
    expect(manifest).not.toHaveProperty('devDependencies');
  });

  it('does not pin a workspace link found in the lockfile when it is not declared a workspace', () => {
    const { manifest, unpinned } = stagedManifest({ agent, lock, workspaces: [] });
    expect(manifest.dependencies?.['@retail/contracts']).toBe('0.1.0');
    expect(unpinned).toContain('@retail/contracts');
  });

  it('copies a workspace with its runtime fields only', () => {
    const m = workspaceCopyManifest({
      name: '@retail/contracts',
      version: '0.1.0',
      type: 'module',
      exports: { '.': './dist/src/index.js' },
      dependencies: { zod: '^4' },
      devDependencies: { 'fast-check': '^4' },
    });
    expect(m).toEqual({
      name: '@retail/contracts',
      version: '0.1.0',
      private: true,
      type: 'module',
      exports: { '.': './dist/src/index.js' },
      dependencies: { zod: '^4' },
      files: ['dist'],
    });
    expect(workspaceCopyDir('@retail/contracts')).toBe('workspaces/retail-contracts');
  });
});

describe('what goes into the bundle', () => {
  it('keeps only the target linux binaries of onnxruntime-node, and no .bin links', () => {
    const napi = 'onnxruntime-node/bin/napi-v6';
    expect(keepInNodeModules(`${napi}/linux/arm64/libonnxruntime.so.1`, 'arm64')).toBe(true);
    expect(keepInNodeModules(`${napi}/linux/arm64`, 'arm64')).toBe(true);
    expect(keepInNodeModules(`${napi}/linux/x64`, 'arm64')).toBe(false);
    expect(keepInNodeModules(`${napi}/darwin/arm64`, 'arm64')).toBe(false);
    expect(keepInNodeModules(`${napi}/win32/x64/onnxruntime.dll`, 'x64')).toBe(false);
    expect(keepInNodeModules(`${napi}/linux/x64/onnxruntime_binding.node`, 'x64')).toBe(true);
    expect(keepInNodeModules('onnxruntime-node/dist/index.js', 'arm64')).toBe(true);
    expect(keepInNodeModules('.bin', 'x64')).toBe(false);
    expect(keepInNodeModules('.bin/mqtt', 'x64')).toBe(false);
    expect(keepInNodeModules('@img/sharp-linux-arm64/lib/sharp-linux-arm64.node', 'arm64')).toBe(true);
  });

  it('ships compiled JavaScript without tests', () => {
    expect(isRuntimeJs('cli.js')).toBe(true);
    expect(isRuntimeJs('vision/detect/onnx-detector.js')).toBe(true);
    expect(isRuntimeJs('vision/detect/onnx-detector.test.js')).toBe(false);
    expect(isRuntimeJs('cli.js.map')).toBe(false);
    expect(isRuntimeJs('cli.d.ts')).toBe(false);
  });
});
