/**
 * Layers (AWS::Serverless::LayerVersion / AWS::Lambda::LayerVersion with a local folder), inline
 * code (InlineCode, Code.ZipFile) and AWS::Lambda::Function with a local Code folder, from a real
 * template through the loader into the engine: Node.js, ES modules, Python and a custom runtime
 * whose bootstrap comes from a layer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../../../electron/engine/engine.js';
import { loadWorkspace, problemsByFunction, type Workspace } from '../../../electron/workspace/read/template-loader.js';
import { makeTempDir, payloadJson, removeTempDir, writeFiles } from '../../helpers/functions.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  CommonLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/common/
      CompatibleRuntimes: [nodejs20.x, nodejs22.x, python3.12]
  OverrideLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: layers/override/
  RuntimeLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/runtime/
  NodeFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/node/
      Handler: index.handler
      Runtime: nodejs20.x
      Layers: [!Ref CommonLayer, !Ref OverrideLayer]
  EsmFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/esm/
      Handler: index.handler
      Runtime: nodejs22.x
      Layers: [!Ref CommonLayer]
  PythonFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/py/
      Handler: app.handler
      Runtime: python3.12
      Layers: [!Ref CommonLayer, !Ref OverrideLayer]
  LayerRuntimeFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/empty/
      Handler: unused
      Runtime: provided.al2023
      Layers: [!Ref RuntimeLayer]
  InlineNode:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: |
        exports.handler = async (event) => ({ inline: 'node', got: event.n });
  InlinePython:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: |
        def handler(event, context):
            return {"inline": "python", "got": event["n"]}
  PlainLambda:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: src/node/
      Layers: [!Ref CommonLayer]
  ZipFileLambda:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: |
          def handler(event, context):
              return "zipfile"
  TooManyLayers:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/node/
      Handler: index.handler
      Runtime: nodejs20.x
      Layers: [!Ref CommonLayer, !Ref CommonLayer, !Ref CommonLayer, !Ref CommonLayer, !Ref CommonLayer, !Ref CommonLayer]
  PublishedLayer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/node/
      Handler: index.handler
      Runtime: nodejs20.x
      Layers: [arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7]
`;

const FILES: Record<string, string> = {
  'template.yaml': TEMPLATE,
  'layers/common/nodejs/node_modules/greet/index.js': "module.exports = (n) => 'hello ' + n; module.exports.from = 'common';\n",
  'layers/common/nodejs/node_modules/shared/index.js': "module.exports = 'common';\n",
  'layers/common/nodejs/node_modules/esm-only/package.json': '{"name":"esm-only","type":"module","exports":"./index.js"}\n',
  'layers/common/nodejs/node_modules/esm-only/index.js': 'export const shout = (s) => s.toUpperCase();\n',
  'layers/common/python/greet_py.py': 'def greet(n):\n    return "hello " + n\n',
  'layers/common/python/shared_py.py': 'WHO = "common"\n',
  'layers/common/bin/layer-tool': '#!/bin/sh\necho tool\n',
  'layers/override/nodejs/node_modules/shared/index.js': "module.exports = 'override';\n",
  'layers/override/python/lib/python3.12/site-packages/shared_py.py': 'WHO = "override"\n',
  'layers/runtime/bootstrap': `#!/bin/sh
set -eu
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  curl -sS -D "$HEADERS" -o /dev/null "$API/invocation/next"
  ID="$(tr -d '\\r' < "$HEADERS" | awk -F': *' 'tolower($1) == "lambda-runtime-aws-request-id" { print $2 }')"
  curl -sS -o /dev/null -X POST -d '"from the layer bootstrap"' "$API/invocation/$ID/response"
done
`,
  'src/empty/README': 'the runtime comes from a layer\n',
  'src/node/index.js': `const greet = require('greet');
exports.handler = async (event) => ({ greeting: greet('node'), shared: require('shared'), path: process.env.PATH.split(':').some((p) => p.endsWith('common/bin')) });
`,
  'src/esm/index.mjs': "import { shout } from 'esm-only';\nimport greet from 'greet';\nexport const handler = async () => shout(greet('esm'));\n",
  'src/py/app.py': 'import greet_py\nimport shared_py\n\ndef handler(event, context):\n    return {"greeting": greet_py.greet("python"), "shared": shared_py.WHO}\n',
};

describe('layers and inline code', { timeout: 30_000 }, () => {
  let dir: string;
  let ws: Workspace;
  let engine: Engine;
  beforeAll(async () => {
    dir = writeFiles(makeTempDir(), FILES);
    chmodSync(path.join(dir, 'layers/runtime/bootstrap'), 0o755);
    chmodSync(path.join(dir, 'layers/common/bin/layer-tool'), 0o755);
    ws = await loadWorkspace(dir);
    engine = new Engine({ functions: ws.functions, problems: problemsByFunction(ws) });
  });
  afterAll(async () => {
    await engine?.close();
    removeTempDir(dir);
  });

  it('resolves !Ref to a layer into its folder, in order; a published layer and a sixth layer are reported', () => {
    const fn = (id: string) => ws.functions.find((f) => f.logicalId === id)!;
    expect(fn('NodeFunction').layers).toEqual([path.join(dir, 'layers/common'), path.join(dir, 'layers/override')]);
    expect(fn('PlainLambda').codeDir).toBe(path.join(dir, 'src/node'));
    expect(ws.problems).toContainEqual(expect.objectContaining({ logicalId: 'TooManyLayers', severity: 'error', message: 'Layers has 6 layers; Lambda allows at most 5' }));
    expect(ws.problems).toContainEqual(expect.objectContaining({ logicalId: 'PublishedLayer', severity: 'warning', message: expect.stringContaining('faaslab cannot fetch it') }));
    expect(ws.problems.filter((p) => p.severity === 'error').map((p) => p.logicalId)).toEqual(['TooManyLayers']);
  });

  it("Node.js finds a layer's packages, the later layer wins, and its bin is on PATH", async () => {
    for (const id of ['NodeFunction', 'PlainLambda']) {
      const { record, payload } = await engine.invoke(id);
      expect(record.status, JSON.stringify(record.error)).toBe('success');
      expect(payloadJson(payload)).toEqual({ greeting: 'hello node', shared: id === 'NodeFunction' ? 'override' : 'common', path: true });
    }
  });

  it('an ES module imports packages from a layer', async () => {
    const { record, payload } = await engine.invoke('EsmFunction');
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toBe('HELLO ESM');
  });

  it('Python imports from python/ and python/lib/python3.x/site-packages of its layers', async () => {
    const { record, payload } = await engine.invoke('PythonFunction');
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toEqual({ greeting: 'hello python', shared: 'override' });
  });

  it('a custom runtime finds its bootstrap in a layer (/opt/bootstrap)', async () => {
    const { record, payload } = await engine.invoke('LayerRuntimeFunction');
    expect(record.status, JSON.stringify(record.error)).toBe('success');
    expect(payloadJson(payload)).toBe('from the layer bootstrap');
  });

  it('runs InlineCode and Code.ZipFile as index.js / index.py', async () => {
    expect(payloadJson((await engine.invoke('InlineNode', { payload: '{"n":1}' })).payload)).toEqual({ inline: 'node', got: 1 });
    expect(payloadJson((await engine.invoke('InlinePython', { payload: '{"n":2}' })).payload)).toEqual({ inline: 'python', got: 2 });
    expect(payloadJson((await engine.invoke('ZipFileLambda')).payload)).toBe('zipfile');
    expect(readFileSync(path.join(dir, '.faaslab/inline/InlinePython/index.py'), 'utf8')).toContain('"inline": "python"');
  });
});
