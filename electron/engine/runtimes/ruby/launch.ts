/**
 * How a rubyX.Y function starts: faaslab's Ruby runtime (faaslab_runtime.rb, standard library
 * only) as a spare process of the resolved interpreter, told where the function's gems are.
 */
import os from 'node:os';
import path from 'node:path';
import type { FunctionConfig } from '../../../../shared/domain/function-config.js';
import { runtimeAsset } from '../../assets.js';
import type { Launcher } from '../../runtime-launcher.js';
import { resolveRuby } from './interpreter.js';

export function rubyLauncher(fn: FunctionConfig, baseEnv: Record<string, string>): Launcher | { error: string } {
  const ruby = resolveRuby(fn.runtime);
  if ('error' in ruby) return ruby;
  return {
    kind: 'spare',
    launch: {
      key: `ruby\u0000${ruby.path}`,
      name: `Ruby ${ruby.version}`,
      command: ruby.path,
      args: [...plainMessages(ruby.version), runtimeAsset('ruby/faaslab_runtime.rb')],
      env: { ...baseEnv, HOME: os.tmpdir() },
    },
    runtimeVersion: `${fn.runtime.replace('ruby', 'ruby:')}.local-ruby-${ruby.version}`,
    ...(ruby.note ? { note: ruby.note } : {}),
    extras: rubyPaths(fn, ruby.version),
  };
}

/**
 * Since Ruby 3.2 an exception's message is plain, and did_you_mean's suggestions and
 * error_highlight's code excerpt are in its detailed_message: Lambda's errorMessage is the plain
 * message. Older interpreters put both into the message itself, so faaslab turns them off there.
 */
function plainMessages(version: string): string[] {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const at = major * 100 + minor;
  if (at >= 302) return [];
  return at === 301 ? ['--disable-error_highlight', '--disable-did_you_mean'] : ['--disable-did_you_mean'];
}

/**
 * Lambda's GEM_PATH and RUBYLIB for a function: gems the function vendored with Bundler
 * (vendor/bundle/ruby/X.Y.0), then its layers' ruby/gems/X.Y.0, and the layers' ruby/lib on the
 * load path. X.Y.0 is the interpreter's: gems installed locally are installed for it. When it is
 * not the runtime's, the runtime's folders follow, so pure-Ruby gems bundled for Lambda load too.
 */
export function rubyPaths(fn: FunctionConfig, interpreterVersion: string): { gemPaths: string[]; rubyLib: string[] } {
  const abi = (version: string) => `${version.split('.').slice(0, 2).join('.')}.0`;
  const abis = [...new Set([abi(interpreterVersion), abi(fn.runtime.replace(/^ruby/, ''))])];
  // Lambda extracts layers into /opt in order, a later one overwriting: so the later come first.
  const layers = [...(fn.layers ?? [])].reverse();
  return {
    gemPaths: [...abis.map((v) => path.join(fn.codeDir, 'vendor', 'bundle', 'ruby', v)), ...layers.flatMap((l) => abis.map((v) => path.join(l, 'ruby', 'gems', v)))],
    rubyLib: layers.map((l) => path.join(l, 'ruby', 'lib')),
  };
}
