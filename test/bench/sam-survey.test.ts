/**
 * The SAM survey's verdicts, on tiny templates run through the real loader, engine and Node.js
 * runtime: a handler that throws on {} still counts as reached; a missing module and a syntax
 * error are not reached, each with its reason; a template that does not load counts its
 * functions as not reached.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { surveyTemplate } from '../../bench/survey/survey-template.js';
import { summarize } from '../../bench/survey/summary.js';
import { makeTempDir, removeTempDir, writeFiles } from '../helpers/functions.js';

const corpus = makeTempDir();
const cacheDir = makeTempDir();
afterAll(() => {
  removeTempDir(corpus);
  removeTempDir(cacheDir);
});

const template = (fns: Record<string, string>) =>
  [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    ...Object.entries(fns).flatMap(([id, handler]) => [
      `  ${id}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      `      Handler: ${handler}`,
      '      Runtime: nodejs20.x',
    ]),
    '',
  ].join('\n');

writeFiles(path.join(corpus, 'reaching'), {
  'template.yaml': template({ Fine: 'ok.handler', Throws: 'throws.handler' }),
  'src/ok.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
  // Reads a property of what the empty event lacks: the handler ran, then threw.
  'src/throws.js': 'exports.handler = async (event) => event.Records[0].body;\n',
});
writeFiles(path.join(corpus, 'missing-module'), {
  'template.yaml': template({ NeedsLib: 'app.handler' }),
  'src/app.js': "const lib = require('faaslab-survey-absent-lib');\nexports.handler = async () => lib();\n",
});
writeFiles(path.join(corpus, 'syntax-error'), {
  'template.yaml': template({ Broken: 'app.handler' }),
  'src/app.js': 'exports.handler = async () => { return {;\n',
});
writeFiles(path.join(corpus, 'needs-parameter'), {
  'template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Parameters:',
    '  TableName:',
    '    Type: String',
    'Resources:',
    '  Reader:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src/',
    '      Handler: app.handler',
    '      Runtime: python3.12',
    '      Environment:',
    '        Variables:',
    '          TABLE: !Ref TableName',
    '',
  ].join('\n'),
  // Fails at import without the variable, as a deployed function never would.
  'src/app.py': 'import os\nTABLE = os.environ["TABLE"]\ndef handler(event, context):\n    return TABLE\n',
});
writeFiles(path.join(corpus, 'bad-template'), { 'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n  Fn: [\n' });

const survey = (name: string) => surveyTemplate(path.join(corpus, name, 'template.yaml'), { corpus, cacheDir });

describe('surveyTemplate', () => {
  it('counts a handler that returned and one that threw on {} as reached', async () => {
    const results = await survey('reaching');
    expect(results.map((r) => [r.function, r.reached, r.reason])).toEqual([
      ['Fine', true, 'reached'],
      ['Throws', true, 'reached'],
    ]);
    expect(results[1]!.detail).toMatch(/^TypeError: /);
    expect(results.every((r) => r.template === 'reaching' && r.family === 'nodejs')).toBe(true);
  });

  it('names the module a function could not import', async () => {
    const [result] = await survey('missing-module');
    expect(result).toMatchObject({ function: 'NeedsLib', reached: false, reason: 'Runtime.ImportModuleError (faaslab-survey-absent-lib)' });
  });

  it('reports a syntax error in the handler module as not reached', async () => {
    const [result] = await survey('syntax-error');
    expect(result).toMatchObject({ function: 'Broken', reached: false, reason: 'Runtime.UserCodeSyntaxError' });
    expect(result!.detail).toMatch(/SyntaxError/);
  });

  it('gives a parameter without a Default a value, as a deployer would', async () => {
    const [result] = await survey('needs-parameter');
    expect(result).toMatchObject({ function: 'Reader', family: 'python', reached: true, reason: 'reached' });
  });

  it('counts a template that does not load once per Runtime line, as not reached', async () => {
    const results = await survey('bad-template');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ family: 'python', reached: false, reason: 'template did not load' });
  });

  it('summarizes per runtime family', async () => {
    const results = [...(await survey('reaching')), ...(await survey('syntax-error')), ...(await survey('bad-template'))];
    const summary = summarize(results);
    expect(summary.nodejs).toMatchObject({ functions: 3, reached: 2, notReached: 1, byReason: { 'Runtime.UserCodeSyntaxError': 1 } });
    expect(summary.python).toMatchObject({ functions: 1, reached: 0, byReason: { 'template did not load': 1 } });
    expect(summary.nodejs.failures).toEqual([expect.objectContaining({ template: 'syntax-error', function: 'Broken' })]);
  });
});
