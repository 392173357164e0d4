import { defineConfig } from 'vitest/config';
import config, { BENCH_TESTS } from './vite.config.js';

/** `npm run bench:test`: the tests `npm test` leaves out (vite.config.ts), with its settings otherwise. */
export default defineConfig({ ...config, test: { ...config.test, include: BENCH_TESTS, exclude: [] } });
