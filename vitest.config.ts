import { defineConfig } from 'vitest/config';

// One vitest project per workspace; unit tests sit beside the code, integration tests in <app>/test/.
export default defineConfig({
  test: {
    projects: [
      ...['contracts', 'edge-agent', 'hub-server'].map((name) => ({
        test: {
          name,
          root: `./${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      })),
      // models/ is plain ESM run at install time (before any build), so its tests are .mjs.
      {
        test: {
          name: 'models',
          root: './models',
          include: ['scripts/**/*.test.mjs'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
