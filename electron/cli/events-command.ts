/** faaslab events: list the sample event templates, or print one as JSON (like sam local generate-event). */
import { EVENT_TEMPLATES, EventFieldError, eventServices, findEventTemplate, type EventTemplate } from '../../shared/events/templates.js';
import { parseCommandArgs, UsageError } from './args.js';
import { textTable } from './text-table.js';
import { EVENTS_GENERATE_HELP, EVENTS_HELP } from './help.js';

export async function eventsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined) {
    // As `faaslab` alone: the help, but a non-zero exit, since nothing was done.
    process.stdout.write(`${EVENTS_HELP}\n`);
    return 2;
  }
  if (sub === '--help' || sub === '-h' || sub === 'help') return print(EVENTS_HELP);
  if (sub === 'list') return list(rest);
  if (sub === 'generate') return generate(rest);
  throw new UsageError(`unknown events command '${sub}'; the commands are: list, generate`);
}

function list(argv: string[]): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) return print(EVENTS_HELP);
  if (positionals.length > 1) throw new UsageError(`expected at most one service, got ${positionals.length}: ${positionals.join(' ')}`);
  const service = positionals[0];
  if (service !== undefined) checkService(service);
  const templates = EVENT_TEMPLATES.filter((t) => service === undefined || t.service === service || aliasPairs(t).some(([s]) => s === service));
  if (values.json) {
    const out = templates.map(({ id, service, type, serviceTitle, aliases, title, description, fields }) => ({ id, service, type, serviceTitle, aliases, title, description, fields }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const rows = [['SERVICE', 'TYPE', 'DESCRIPTION'], ...templates.map((t) => [t.service, t.type, t.title])];
  for (const line of textTable(rows, '   ')) process.stdout.write(`${line}\n`);
  const aliases = templates.flatMap((t) => aliasPairs(t).map(([s, type]) => `${s} ${type} (${t.service} ${t.type})`));
  if (aliases.length) process.stdout.write(`\nAlso known as: ${aliases.join(', ')}\n`);
  return 0;
}

function generate(argv: string[]): number {
  const { positionals, fields, help } = parseGenerateArgs(argv);
  if (positionals.length === 0) {
    if (help) return print(`${EVENTS_GENERATE_HELP}\n\n${servicesText()}`);
    throw new UsageError(`name the event: faaslab events generate <service> <type>\n${servicesText()}`);
  }
  if (positionals.length > 2) throw new UsageError(`expected <service> <type>, got ${positionals.length} arguments: ${positionals.join(' ')}`);
  const template = resolve(positionals[0]!, positionals[1]);
  if (help) return print(templateHelp(template));

  const known = new Set(template.fields.map((f) => f.name));
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) throw new UsageError(`${template.service} ${template.type} has no field --${name}; its fields are: ${fieldList(template)}`);
  }
  let event: object;
  try {
    event = template.build(fields);
  } catch (err) {
    if (err instanceof EventFieldError) throw new UsageError(`--${err.field} ${err.problem}`);
    throw err;
  }
  process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
  return 0;
}

/**
 * Positionals, `--field VALUE` / `--field=VALUE` pairs and --help. Not parseCommandArgs: the
 * options depend on the template, and a value may itself start with a dash (`--body -1`).
 */
function parseGenerateArgs(argv: string[]) {
  const positionals: string[] = [];
  const fields: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (!name) throw new UsageError(`'${arg}' names no field`);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (Object.hasOwn(fields, name)) throw new UsageError(`--${name} is given twice`);
      fields[name] = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'; fields are given as --<field> VALUE`);
    else positionals.push(arg);
  }
  return { positionals, fields, help };
}

/** The template for `<service> <type>`, or for an id or alias given alone (`s3-put`). */
function resolve(first: string, type: string | undefined): EventTemplate {
  if (type === undefined) {
    const byId = findEventTemplate(first);
    if (byId) return byId;
    const service = checkService(first);
    throw new UsageError(`name the type of ${service.service} event: faaslab events generate ${service.service} <type>; its types are: ${service.types.join(', ')}`);
  }
  const service = checkService(first);
  const template = findEventTemplate(first, type);
  if (!template) throw new UsageError(`${service.service} has no event type '${type}'; its types are: ${service.types.join(', ')}`);
  return template;
}

function checkService(name: string) {
  const service = eventServices().find((s) => s.service === name.toLowerCase());
  if (!service)
    throw new UsageError(
      `unknown service '${name}'; the services are: ${eventServices()
        .map((s) => s.service)
        .join(', ')}`,
    );
  return service;
}

/** The aliases that are "service type" pairs: sam's names for the same event. */
function aliasPairs(t: EventTemplate): Array<[string, string]> {
  return t.aliases.flatMap((a) => {
    const [s, type] = a.split(' ');
    return s && type ? [[s, type] as [string, string]] : [];
  });
}

function fieldList(t: EventTemplate): string {
  return t.fields.map((f) => `--${f.name}`).join(', ') || '(none)';
}

function servicesText(): string {
  const services = eventServices();
  const width = Math.max(...services.map((s) => s.service.length));
  return `Services and their types:\n${services.map((s) => `  ${s.service.padEnd(width)}   ${s.types.join(', ')}`).join('\n')}`;
}

function templateHelp(t: EventTemplate): string {
  const names = [t.id, ...t.aliases].filter((n) => n !== `${t.service}-${t.type}`);
  const width = Math.max(0, ...t.fields.map((f) => f.name.length + 2));
  const fields = t.fields.flatMap((f) => [`  ${`--${f.name}`.padEnd(width)}   ${f.description}`, ...(f.default === '' ? [] : [`  ${' '.repeat(width)}   default: ${f.default}`])]);
  return [
    `Usage: faaslab events generate ${t.service} ${t.type}${t.fields.length ? ' [--<field> VALUE ...]' : ''}`,
    '',
    `${t.title}.`,
    wrap(t.description),
    ...(names.length ? ['', `Also named: ${names.join(', ')}`] : []),
    '',
    t.fields.length ? 'Fields (--<field> VALUE or --<field>=VALUE):' : 'This event has no fields.',
    ...fields,
  ].join('\n');
}

/** Word-wraps text to 96 columns. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > 96) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
