/** functions.*: adding, renaming and removing AWS::Serverless::Function resources in place. */
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { functionProperties, kebabCase, writeFunctionCode } from './function-scaffold.js';
import type { HostContext } from './host-context.js';
import { HostError } from './host-types.js';
import type { Registry } from './registry.js';

export function setupFunctions(registry: Registry, ctx: HostContext): void {
  registry.register('functions.create', async ({ logicalId, template }) => {
    const session = ctx.session();
    const codeUri = `functions/${kebabCase(logicalId)}/`;
    const codeDir = path.join(session.dir, codeUri);
    if (await exists(codeDir)) throw new HostError('Conflict', `${codeUri} already exists: pick another logical id, or add the resource to the template by hand`);
    // Any resource, not only functions: a logical id is unique in the whole template.
    if ((await session.template()).has(['Resources', logicalId])) throw new HostError('Conflict', `Resources.${logicalId} already exists`);
    // Code first: the template reload that follows then finds the folder and reports no problem.
    await writeFunctionCode(codeDir, logicalId, template);
    try {
      await session.editTemplate((editor) => {
        if (editor.has(['Resources', logicalId])) throw new HostError('Conflict', `Resources.${logicalId} already exists`);
        editor.set(['Resources', logicalId], { Type: 'AWS::Serverless::Function', Properties: functionProperties(template, codeUri) }, { blankLineBefore: true });
      });
    } catch (err) {
      await rm(codeDir, { recursive: true, force: true });
      throw err;
    }
    return session.summary(logicalId);
  });

  registry.register('functions.rename', async ({ logicalId, newLogicalId }) => {
    const session = ctx.session();
    session.fn(logicalId);
    // Only the key: a !Ref or !GetAtt naming the old id elsewhere is the user's to change.
    await session.editTemplate((editor) => {
      if (editor.has(['Resources', newLogicalId])) throw new HostError('Conflict', `Resources.${newLogicalId} already exists`);
      editor.renameKey(['Resources', logicalId], newLogicalId);
    });
    return session.summary(newLogicalId);
  });

  registry.register('functions.delete', async ({ logicalId, deleteCode }) => {
    const session = ctx.session();
    const fn = session.fn(logicalId);
    if (deleteCode) {
      const sharedWith = session.workspace.functions.filter((f) => f.logicalId !== logicalId && f.codeDir === fn.codeDir);
      const inside = fn.codeDir.startsWith(session.dir + path.sep);
      if (!inside || sharedWith.length) {
        const why = !inside ? 'it is not a folder inside the workspace' : `${sharedWith.map((f) => f.logicalId).join(', ')} use it too`;
        throw new HostError('Conflict', `the code folder ${fn.codeDir} cannot be deleted: ${why}`);
      }
    }
    await session.editTemplate((editor) => {
      editor.delete(['Resources', logicalId], { withComments: true });
    });
    if (deleteCode) await rm(fn.codeDir, { recursive: true, force: true });
    return { ok: true as const };
  });
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined)) !== undefined;
}
