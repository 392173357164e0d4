/** events.*: saved test events, plain JSON files under <workspace>/events/, and generated samples. */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EVENT_TEMPLATES, generateEvent } from '../../shared/events/templates.js';
import { EXPECT_SUFFIX, parseExpectation, type Expectation } from '../../shared/testing/expectation.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

export function setupEvents(registry: Registry, ctx: HostContext): void {
  const eventsDir = () => path.join(ctx.session().dir, 'events');
  // EventName already allows only letters, digits, spaces, dots, dashes and underscores; a name
  // of dots alone would still name a folder, not a file in this one.
  const fileOf = (name: string) => {
    if (/^\.+$/.test(name)) throw new HostError('ValidationError', `"${name}" is not a usable event name`, { name: 'an event name needs a letter or digit' });
    // <name>.expect.json is the expectation of <name>.json (regression runs), never an event.
    if (name.endsWith('.expect')) throw new HostError('ValidationError', `"${name}" is not a usable event name`, { name: 'an event name may not end with .expect' });
    return path.join(eventsDir(), `${name}.json`);
  };
  const sidecarOf = (eventFile: string) => `${eventFile.slice(0, -'.json'.length)}${EXPECT_SUFFIX}`;
  const exists = async (file: string) => (await stat(file).catch(() => undefined)) !== undefined;

  registry.register('events.list', async () => {
    const names = await readdir(eventsDir()).catch(() => [] as string[]);
    const events = await Promise.all(
      names
        .filter((n) => n.endsWith('.json') && !n.endsWith(EXPECT_SUFFIX))
        .map(async (n) => {
          const name = n.slice(0, -'.json'.length);
          const event: { name: string; body: string; expectation?: Expectation; expectationError?: string } = { name, body: await readFile(path.join(eventsDir(), n), 'utf8') };
          if (names.includes(`${name}${EXPECT_SUFFIX}`)) {
            const parsed = parseExpectation(await readFile(path.join(eventsDir(), `${name}${EXPECT_SUFFIX}`), 'utf8').catch(() => '{}'));
            if ('error' in parsed) event.expectationError = parsed.error;
            else event.expectation = parsed.expectation;
          }
          return event;
        }),
    );
    return events.sort((a, b) => a.name.localeCompare(b.name));
  });

  registry.register('events.save', async ({ name, body }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (err) {
      throw new HostError('ValidationError', `the event is not valid JSON: ${(err as Error).message}`, { body: (err as Error).message });
    }
    await mkdir(eventsDir(), { recursive: true });
    await writeFile(fileOf(name), `${JSON.stringify(parsed, null, 2)}\n`);
    return { ok: true as const };
  });

  registry.register('events.rename', async ({ name, newName }) => {
    const [from, to] = [fileOf(name), fileOf(newName)];
    if (!(await exists(from))) throw new HostError('NotFound', `no saved event named ${name}`);
    if (await exists(to)) throw new HostError('Conflict', `an event named ${newName} already exists`);
    await rename(from, to);
    await rename(sidecarOf(from), sidecarOf(to)).catch(() => {});
    return { ok: true as const };
  });

  registry.register('events.delete', async ({ name }) => {
    const file = fileOf(name);
    if (!(await exists(file))) throw new HostError('NotFound', `no saved event named ${name}`);
    await rm(file);
    await rm(sidecarOf(file), { force: true });
    return { ok: true as const };
  });

  registry.register('events.setExpectation', async ({ name, expectation }) => {
    const file = fileOf(name);
    if (!(await exists(file))) throw new HostError('NotFound', `no saved event named ${name}`);
    if (expectation === null) await rm(sidecarOf(file), { force: true });
    else await writeFile(sidecarOf(file), `${JSON.stringify(expectation, null, 2)}\n`);
    return { ok: true as const };
  });

  registry.register('events.templates', async () => EVENT_TEMPLATES.map(({ id, serviceTitle, title }) => ({ id, service: serviceTitle, title })));

  registry.register('events.generate', async ({ templateId }) => {
    const body = generateEvent(templateId);
    if (body === undefined) throw new HostError('NotFound', `no event template ${templateId}`);
    return { body };
  });
}
