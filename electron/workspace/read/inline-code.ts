/**
 * Inline code (SAM's InlineCode, CloudFormation's Code.ZipFile): Lambda writes the text to
 * index.js (Node.js) or index.py (Python) in the task root. faaslab writes it to a folder of the
 * workspace's own state, <workspace>/.faaslab/inline/<LogicalId>/, rewritten only when it changed
 * so the file watcher sees no change on a plain reload. CloudFormation's cfn-response module goes
 * beside it, as Lambda has it there for inline code.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runtimeInfo } from '../../../shared/lambda/runtimes.js';
import { cfnResponseFiles } from './cfn-response-module.js';

const FILE_BY_FAMILY: Record<string, string> = { nodejs: 'index.js', python: 'index.py' };

export async function inlineCodeDir(root: string, logicalId: string, runtime: string, code: string): Promise<{ dir: string } | { error: string }> {
  const family = runtimeInfo(runtime)?.family;
  const name = family ? FILE_BY_FAMILY[family] : undefined;
  if (!name) return { error: `Inline code runs on Node.js and Python runtimes only, not ${runtime || '(no runtime)'}: put the code in a folder and point CodeUri at it` };
  const dir = path.join(root, '.faaslab', 'inline', logicalId);
  const files: Record<string, string> = { ...cfnResponseFiles(family!), [name]: code };
  for (const [relative, text] of Object.entries(files)) await writeIfChanged(path.join(dir, relative), text);
  return { dir };
}

async function writeIfChanged(file: string, text: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
