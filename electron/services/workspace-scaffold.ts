/** The files of a new workspace: a SAM template `sam deploy` accepts as it is. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WORKSPACE_TEMPLATES } from '../../shared/api/contract.js';
import { nodeHandlerSource } from './function-scaffold.js';

const HEADER = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: A faaslab workspace. Runs locally in faaslab and deploys with \`sam deploy\`.

Globals:
  Function:
    Timeout: 3
    MemorySize: 128
`;

const HELLO = `${HEADER}
Resources:
  # Returns a greeting; invoke it with events/hello.json.
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/hello/
      Handler: index.handler
      Runtime: nodejs20.x
`;

// Resources may not be missing, so an empty workspace starts with an empty map; the first
// functions.create turns it into a block.
const EMPTY = `${HEADER}
Resources: {}
`;

/** Machine-local state (history, buckets, UI state) and local overrides stay out of git. */
const GITIGNORE = `.faaslab/
node_modules/
.aws-sam/
`;

export async function writeWorkspaceScaffold(dir: string, template: (typeof WORKSPACE_TEMPLATES)[number]): Promise<void> {
  await mkdir(path.join(dir, 'events'), { recursive: true });
  await writeFile(path.join(dir, '.gitignore'), GITIGNORE);
  if (template === 'empty') {
    await writeFile(path.join(dir, 'template.yaml'), EMPTY);
    return;
  }
  await writeFile(path.join(dir, 'template.yaml'), HELLO);
  await mkdir(path.join(dir, 'functions', 'hello'), { recursive: true });
  await writeFile(path.join(dir, 'functions', 'hello', 'index.mjs'), nodeHandlerSource('HelloFunction'));
  await writeFile(path.join(dir, 'events', 'hello.json'), `${JSON.stringify({ name: 'faaslab' }, null, 2)}\n`);
}
