/**
 * zod compiles object schemas with `new Function` when it may, and finds out whether it may by
 * trying: under the renderer's CSP (no 'unsafe-eval') that try is refused and reported as a
 * policy violation on every start. Told not to try, it parses the same way without compiling.
 * Imported first by main.tsx, before any schema parses.
 */
import { config } from 'zod';

config({ jitless: true });
