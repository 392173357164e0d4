/**
 * Java, .NET and Go functions in a template: reported with how to build them as a custom runtime
 * (an executable bootstrap on provided.al2023) instead of the generic "not supported"; Ruby loads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadWorkspace, type Workspace } from '../../../../electron/workspace/read/template-loader.js';
import { SUPPORTED_RUNTIMES } from '../../../../shared/lambda/runtimes.js';

const created: string[] = [];
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A workspace whose template has one function with this Runtime and Handler. */
async function loadFunction(runtime: string, handler: string): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faaslab-ws-'));
  created.push(dir);
  await mkdir(path.join(dir, 'src'));
  const template = [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src',
    `      Handler: ${handler}`,
    `      Runtime: ${runtime}`,
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'template.yaml'), template);
  return loadWorkspace(dir);
}

function errors(ws: Workspace): string[] {
  return ws.problems.filter((p) => p.severity === 'error').map((p) => p.message);
}

const BOOTSTRAP = 'put it in the CodeUri folder and set Runtime: provided.al2023 (the bootstrap reads the Handler, if it needs one, from _HANDLER)';

describe('runtimes of compiled languages', () => {
  it('go1.x: build a bootstrap binary for Linux and run it on provided.al2023', async () => {
    const ws = await loadFunction('go1.x', 'main');
    expect(errors(ws)).toEqual([
      `Runtime "go1.x" is not supported (Lambda retired it too): build the Go function as a custom runtime, an executable named bootstrap, with GOOS=linux go build -tags lambda.norpc -o bootstrap (GOARCH=amd64, or arm64 on an arm64 machine: the binary runs on this machine), ${BOOTSTRAP}`,
    ]);
    // On the Runtime line, as the generic message is.
    expect(ws.problems[0]!.line).toBe(8);
  });

  it.each(['java8.al2', 'java11', 'java17', 'java21'])('%s: a native bootstrap (GraalVM native image) on provided.al2023', async (runtime) => {
    const ws = await loadFunction(runtime, 'com.example.Handler::handleRequest');
    expect(errors(ws)).toEqual([
      `Runtime "${runtime}" (Java) needs a custom runtime build to run in faaslab, which has no JVM runtime: build the function into an executable named bootstrap, e.g. a GraalVM native image of it with aws-lambda-java-runtime-interface-client (Quarkus, Micronaut and Spring Boot build one), ${BOOTSTRAP}`,
    ]);
  });

  it.each(['dotnet6', 'dotnet8'])('%s: a native AOT bootstrap on provided.al2023', async (runtime) => {
    const ws = await loadFunction(runtime, 'Orders::Orders.Function::Handler');
    const [message] = errors(ws);
    expect(message).toMatch(
      new RegExp(
        `^Runtime "${runtime}" \\(\\.NET\\) needs a custom runtime build to run in faaslab, which has no \\.NET runtime: publish the function with native AOT as an executable named bootstrap `,
      ),
    );
    expect(message).toContain('dotnet publish -r linux-x64 -p:PublishAot=true -p:AssemblyName=bootstrap');
    expect(message!.endsWith(BOOTSTRAP)).toBe(true);
  });

  it('any other unknown runtime keeps the list of supported ones', async () => {
    const ws = await loadFunction('nodejs8.10', 'app.handler');
    expect(errors(ws)).toEqual([`Runtime "nodejs8.10" is not supported; supported runtimes: ${SUPPORTED_RUNTIMES.join(', ')}`]);
  });

  it('Ruby is supported: ruby3.2, ruby3.3 and ruby3.4 load without a problem', async () => {
    for (const runtime of ['ruby3.2', 'ruby3.3', 'ruby3.4']) {
      const ws = await loadFunction(runtime, 'app.handler');
      expect(ws.problems, runtime).toEqual([]);
      expect(ws.functions[0]!.runtime).toBe(runtime);
    }
  });
});
