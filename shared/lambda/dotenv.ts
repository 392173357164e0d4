/**
 * .env files, for importing and exporting a function's variables in the UI. The dialect of the
 * `dotenv` package: `KEY=VALUE`, an optional `export ` prefix, `#` comments, and single-, double-
 * or backtick-quoted values that may span lines (escapes only inside double quotes). Pure: the
 * renderer parses what the user pastes; whether a key suits Lambda is checkEnvironment's job.
 */

export interface DotenvError {
  /** 1-based line of the problem. */
  line: number;
  message: string;
}

export interface DotenvResult {
  variables: Record<string, string>;
  errors: DotenvError[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function parseDotenv(text: string): DotenvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const variables: Record<string, string> = {};
  const errors: DotenvError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq < 0) {
      errors.push({ line: lineNo, message: `expected KEY=VALUE, got "${truncate(body)}"` });
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      errors.push({ line: lineNo, message: `"${truncate(key)}" is not a variable name` });
      continue;
    }
    const raw = body.slice(eq + 1).trimStart();
    const quote = raw[0];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      // Unquoted: a comment starts at a # after whitespace, as in the dotenv package.
      variables[key] = raw.replace(/(^|\s+)#.*$/, '').trim();
      continue;
    }
    // A quoted value runs to its closing quote, on this line or a later one.
    let value = raw.slice(1);
    let end = closingQuote(value, quote);
    while (end < 0 && i + 1 < lines.length) {
      value += `\n${lines[++i]}`;
      end = closingQuote(value, quote);
    }
    if (end < 0) {
      errors.push({ line: lineNo, message: `the ${quote} quote opened here is never closed` });
      continue;
    }
    const rest = value.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) errors.push({ line: i + 1, message: `unexpected text after the closing quote: "${truncate(rest)}"` });
    const inner = value.slice(0, end);
    variables[key] = quote === '"' ? inner.replace(/\\(.)/g, (m, c: string) => ESCAPES[c] ?? m) : inner;
  }
  return { variables, errors };
}

function closingQuote(text: string, quote: string): number {
  for (let j = 0; j < text.length; j++) {
    if (quote === '"' && text[j] === '\\') j++;
    else if (text[j] === quote) return j;
  }
  return -1;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

/** One `KEY=VALUE` line per variable; values that need it are double-quoted so parseDotenv reads them back. */
export function formatDotenv(vars: Record<string, string>): string {
  const lines = Object.entries(vars).map(([key, value]) => {
    // Without whitespace, quotes, # or backslashes a value reads back as written.
    if (/^[^\s"'`#\\]*$/.test(value)) return `${key}=${value}`;
    const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    return `${key}="${escaped}"`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
