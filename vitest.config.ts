import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  test: {
    // Real sockets and real SQLite files: give slow machines room, but bound every test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'Asia/Tehran' },
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/component/**', '**/node_modules/**'],
          // Tests that run the built CLI as a process test this checkout's sources, never a stale dist/.
          globalSetup: ['test/support/build-main.global.ts'],
        },
      },
      {
        // Svelte components in jsdom: compiled for the browser, cleaned up after each test.
        extends: true,
        plugins: [svelte(), svelteTesting()],
        test: { name: 'component', include: ['test/component/**/*.test.ts'], environment: 'jsdom' },
      },
    ],
  },
});
