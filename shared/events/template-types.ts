/**
 * A sample event, as `faaslab events generate <service> <type>` and the Test tab's "from a
 * template" offer it: named by service and type the way `sam local generate-event` names them,
 * with a few fields that can be overridden (`--bucket`, `--key`, ...).
 */
export interface EventField {
  /** The option name without dashes: `bucket` is `--bucket`. Lower-case, words joined by '-'. */
  name: string;
  description: string;
  /** The value used when the field is not given. */
  default: string;
}

export interface EventTemplate {
  /** The stable id (the Test tab uses it): `s3-put`. Templates that predate service/type keep their old id. */
  id: string;
  /** The service as sam spells it: `apigateway`, `s3`, `events`, ... */
  service: string;
  /** The event type within the service: `aws-proxy`, `put`, ... */
  type: string;
  /** The service's display name, for grouping in the UI: `Amazon API Gateway`. */
  serviceTitle: string;
  /** Other names that find this template: ids (`apigateway-aws-proxy`) or "service type" pairs (`cloudwatch scheduled-event`). */
  aliases: readonly string[];
  /** One line: what the event is. */
  title: string;
  /** A little more: which trigger sends it and what the handler usually does with it. */
  description: string;
  fields: readonly EventField[];
  /**
   * A fresh payload: new ids and current times on every call. `fields` overrides defaults by
   * name; an unknown field, or a value a field cannot take, throws EventFieldError.
   */
  build(fields?: Readonly<Record<string, string>>): object;
}

/** A field the template does not have, or a value it cannot use (`--size abc`). */
export class EventFieldError extends Error {
  /** The field's name. */
  readonly field: string;
  /** What is wrong, to follow the field's name: "must be a whole number, not 'abc'". */
  readonly problem: string;

  constructor(field: string, problem: string) {
    super(`field '${field}' ${problem}`);
    this.name = 'EventFieldError';
    this.field = field;
    this.problem = problem;
  }
}

interface TemplateSpec<N extends string, T extends object> extends Omit<EventTemplate, 'aliases' | 'fields' | 'build'> {
  aliases?: readonly string[];
  fields: ReadonlyArray<EventField & { name: N }>;
  /** Builds the event from every field's value (given or default). */
  make(values: Record<N, string>): T;
}

/** A template whose build() has the event's own type, so tests can hold it against @types/aws-lambda. */
export type TypedEventTemplate<T extends object> = Omit<EventTemplate, 'build'> & { build(fields?: Readonly<Record<string, string>>): T };

export function defineTemplate<const N extends string, T extends object>(spec: TemplateSpec<N, T>): TypedEventTemplate<T> {
  const { make, aliases = [], ...rest } = spec;
  return {
    ...rest,
    aliases,
    build(overrides = {}) {
      const values: Record<string, string> = {};
      for (const field of spec.fields) values[field.name] = field.default;
      for (const [name, value] of Object.entries(overrides)) {
        if (!Object.hasOwn(values, name)) {
          const known = spec.fields.map((f) => f.name).join(', ') || '(none)';
          throw new EventFieldError(name, `is not one of ${spec.service} ${spec.type}'s fields: ${known}`);
        }
        values[name] = value;
      }
      return make(values as Record<N, string>);
    },
  };
}

/** A field value that must be a whole number (`--size 1024`). */
export function intField(value: string, field: string): number {
  if (!/^\d+$/.test(value.trim())) throw new EventFieldError(field, `must be a whole number, not '${value}'`);
  return Number(value);
}

/** A field value that must be JSON (`--detail '{"a":1}'`). */
export function jsonField(value: string, field: string): unknown {
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new EventFieldError(field, `must be JSON: ${(err as Error).message}`);
  }
}

/** A field value that must be one of a few words (`--stream-view-type NEW_IMAGE`). */
export function oneOfField<const W extends string>(value: string, field: string, words: readonly W[]): W {
  if (!(words as readonly string[]).includes(value)) throw new EventFieldError(field, `must be one of ${words.join(', ')}, not '${value}'`);
  return value as W;
}
