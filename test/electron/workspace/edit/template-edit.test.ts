import { describe, expect, it } from 'vitest';
import { TemplateEditor } from '../../../../electron/workspace/edit/template-edit.js';
import { lineDiff } from '../../services/line-diff.js';

const BLOCK = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: >
  A template with everything a round trip can lose.

Parameters:
  Stage:
    Type: String
    Default: dev

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 3    # seconds
    Environment:
      Variables:
        STAGE: !Ref Stage

Resources:
  # The API function.
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/api/
      Handler: index.handler
      MemorySize: 128   # keep it small
      FunctionName: !Sub '\${AWS::StackName}-api'
      Environment:
        Variables:
          TABLE: !Ref Table
          URL: !GetAtt Queue.Arn
          MODE: "fast"

  # The worker.
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/worker/
      Handler: index.handler

  Table:
    Type: AWS::DynamoDB::Table

Outputs:
  Api:
    Value: !GetAtt ApiFunction.Arn
`;

const FLOW = `Globals:
  Function: {Timeout: 3, Architectures: [x86_64]}
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler, Architectures: [ x86_64 ], Layers: [!Ref Layer] }
  Layer:
    Type: AWS::Serverless::LayerVersion
`;

function edit(text: string, f: (e: TemplateEditor) => void): string {
  const editor = new TemplateEditor(text, 'template.yaml');
  f(editor);
  return editor.toString();
}

describe('TemplateEditor on a block template', () => {
  it('changes only the lines of changed values, keeping comments and tags', () => {
    const out = edit(BLOCK, (e) => {
      e.set(['Resources', 'ApiFunction', 'Properties', 'MemorySize'], 512);
      e.set(['Resources', 'ApiFunction', 'Properties', 'Handler'], 'src/app.main');
      e.set(['Resources', 'ApiFunction', 'Properties', 'Environment', 'Variables', 'MODE'], 'slow');
    });
    expect(lineDiff(BLOCK, out)).toEqual({
      removed: ['      Handler: index.handler', '      MemorySize: 128   # keep it small', '          MODE: "fast"'],
      added: ['      Handler: src/app.main', '      MemorySize: 512   # keep it small', '          MODE: "slow"'],
    });
  });

  it('adds a missing property, nested maps included, at the end of the map with its indentation', () => {
    const out = edit(BLOCK, (e) => {
      e.set(['Resources', 'WorkerFunction', 'Properties', 'LoggingConfig', 'LogFormat'], 'JSON');
      e.set(['Resources', 'WorkerFunction', 'Properties', 'Architectures'], ['arm64']);
    });
    expect(lineDiff(BLOCK, out)).toEqual({ removed: [], added: ['      LoggingConfig:', '        LogFormat: JSON', '      Architectures: [arm64]'] });
    expect(out).toContain('      Handler: index.handler\n      LoggingConfig:\n        LogFormat: JSON\n      Architectures: [arm64]\n\n  Table:');
  });

  it('replaces a tagged value and removes keys, pruning emptied maps', () => {
    const out = edit(BLOCK, (e) => {
      e.set(['Resources', 'ApiFunction', 'Properties', 'Environment', 'Variables', 'TABLE'], 'orders');
      e.delete(['Resources', 'ApiFunction', 'Properties', 'Environment', 'Variables', 'URL'], { pruneDownTo: 3 });
    });
    expect(lineDiff(BLOCK, out)).toEqual({ removed: ['          TABLE: !Ref Table', '          URL: !GetAtt Queue.Arn'], added: ['          TABLE: orders'] });
    const all = edit(BLOCK, (e) => {
      for (const k of ['TABLE', 'URL', 'MODE']) e.delete(['Resources', 'ApiFunction', 'Properties', 'Environment', 'Variables', k], { pruneDownTo: 3 });
    });
    expect(all).not.toContain('TABLE');
    expect(all).toContain("      FunctionName: !Sub '${AWS::StackName}-api'\n\n  # The worker.");
  });

  it('quotes strings YAML would read as something else', () => {
    const out = edit(BLOCK, (e) => {
      const vars = ['Resources', 'WorkerFunction', 'Properties', 'Environment', 'Variables'];
      for (const [k, v] of Object.entries({ A: '123', B: 'yes', C: 'a: b', D: 'x # y', E: '', F: 'plain text', G: 'line\nbreak' })) e.set([...vars, k], v);
    });
    expect(out).toContain(`          A: "123"\n          B: "yes"\n          C: "a: b"\n          D: "x # y"\n          E: ""\n          F: plain text\n          G: "line\\nbreak"\n`);
  });

  it('adds, renames and deletes resources with their comments', () => {
    const added = edit(BLOCK, (e) =>
      e.set(['Resources', 'NewFunction'], { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'functions/new-function/', Handler: 'index.handler' } }, { blankLineBefore: true }),
    );
    expect(lineDiff(BLOCK, added).removed).toEqual([]);
    expect(added).toContain(
      '    Type: AWS::DynamoDB::Table\n\n  NewFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/new-function/\n      Handler: index.handler\n\nOutputs:',
    );

    const renamed = edit(BLOCK, (e) => e.renameKey(['Resources', 'WorkerFunction'], 'JobFunction'));
    expect(lineDiff(BLOCK, renamed)).toEqual({ removed: ['  WorkerFunction:'], added: ['  JobFunction:'] });

    const deleted = edit(BLOCK, (e) => e.delete(['Resources', 'WorkerFunction'], { withComments: true }));
    expect(lineDiff(BLOCK, deleted)).toEqual({
      removed: ['  # The worker.', '  WorkerFunction:', '    Type: AWS::Serverless::Function', '    Properties:', '      CodeUri: functions/worker/', '      Handler: index.handler', ''],
      added: [],
    });
  });

  it("inserts after a map's own lines, not into the comment that introduces the next key", () => {
    const text = 'Resources:\n  A:\n    Properties:\n      Environment:\n        Variables:\n          MODE: fast\n          # about MODE\n\n  # The worker.\n  B:\n    Type: X';
    const out = edit(text, (e) => {
      e.set(['Resources', 'A', 'Properties', 'Timeout'], 5);
      e.set(['Resources', 'A', 'Properties', 'Environment', 'Variables', 'NEW'], 'v');
      e.set(['Resources', 'B', 'Properties', 'Timeout'], 5);
    });
    expect(out).toBe(
      'Resources:\n  A:\n    Properties:\n      Environment:\n        Variables:\n          MODE: fast\n          # about MODE\n          NEW: v\n      Timeout: 5\n\n  # The worker.\n  B:\n    Type: X\n    Properties:\n      Timeout: 5\n',
    );
  });

  it('refuses to edit inside an intrinsic', () => {
    const text = 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: !If [Prod, {Variables: {A: b}}, !Ref AWS::NoValue]\n';
    expect(() => edit(text, (e) => e.set(['Resources', 'F', 'Properties', 'Environment', 'Variables', 'X'], 'y'))).toThrow(/not a plain map/);
  });
});

describe('TemplateEditor on flow collections', () => {
  it('changes a list item and adds to a flow map without reformatting the line', () => {
    const out = edit(FLOW, (e) => {
      e.set(['Resources', 'ApiFunction', 'Properties', 'Architectures'], ['arm64']);
      e.set(['Resources', 'ApiFunction', 'Properties', 'MemorySize'], 256);
      e.set(['Globals', 'Function', 'Timeout'], 10);
    });
    expect(lineDiff(FLOW, out)).toEqual({
      removed: ['  Function: {Timeout: 3, Architectures: [x86_64]}', '    Properties: { CodeUri: src/, Handler: app.handler, Architectures: [ x86_64 ], Layers: [!Ref Layer] }'],
      added: ['  Function: {Timeout: 10, Architectures: [x86_64]}', '    Properties: { CodeUri: src/, Handler: app.handler, Architectures: [ arm64 ], Layers: [!Ref Layer], MemorySize: 256 }'],
    });
  });

  it('removes from a flow map and turns an empty one into a block when adding', () => {
    const out = edit(FLOW, (e) => e.delete(['Resources', 'ApiFunction', 'Properties', 'Architectures']));
    expect(out).toContain('Properties: { CodeUri: src/, Handler: app.handler, Layers: [!Ref Layer] }');
    const empty = edit('Resources: {}\n', (e) => e.set(['Resources', 'Fn'], { Type: 'AWS::Serverless::Function' }));
    expect(empty).toBe('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n');
  });

  it('edits a JSON template as JSON', () => {
    const json = '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Serverless::Function",\n      "Properties": { "Handler": "index.handler", "MemorySize": 128 }\n    }\n  }\n}\n';
    const out = edit(json, (e) => {
      e.set(['Resources', 'Fn', 'Properties', 'MemorySize'], 1024);
      e.set(['Resources', 'Fn', 'Properties', 'Runtime'], 'nodejs20.x');
    });
    expect(JSON.parse(out)).toEqual({ Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', MemorySize: 1024, Runtime: 'nodejs20.x' } } } });
  });

  it('writes route paths plain in a block map, as SAM users do, and quotes what only flow context or a leading brace would misread', () => {
    const out = edit('Resources: {}\n', (e) => e.set(['Resources', 'Fn', 'Properties', 'Events', 'Get'], { Type: 'HttpApi', Properties: { Path: '/items/{id}', Method: 'GET' } }));
    expect(out).toContain('            Path: /items/{id}\n');
    const flow = edit(FLOW, (e) => e.set(['Resources', 'ApiFunction', 'Properties', 'Description'], '/a/{b}'));
    expect(flow).toContain('Description: "/a/{b}"');
    const leading = edit('Resources: {}\n', (e) => e.set(['Resources', 'Fn', 'Type'], '{x}'));
    expect(leading).toContain('Type: "{x}"');
  });
});

describe('TemplateEditor on a repeated key', () => {
  it('edits the last one, whose value the loader and sam deploy use', () => {
    const text = 'Resources:\n  Fn:\n    Properties:\n      MemorySize: 128\n      MemorySize: 256\n';
    const out = edit(text, (e) => e.set(['Resources', 'Fn', 'Properties', 'MemorySize'], 1024));
    expect(out).toBe('Resources:\n  Fn:\n    Properties:\n      MemorySize: 128\n      MemorySize: 1024\n');
  });
});
