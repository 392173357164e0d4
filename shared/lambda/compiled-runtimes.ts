/**
 * Lambda's runtimes for compiled languages (Java, .NET, Go), which faaslab has no runtime for:
 * what to say instead of "not supported". Each of them runs in faaslab (and on Lambda) as a
 * custom runtime, an executable `bootstrap` on provided.al2023, and that is how to build it.
 */

const PROVIDED = 'put it in the CodeUri folder and set Runtime: provided.al2023 (the bootstrap reads the Handler, if it needs one, from _HANDLER)';

const ADVICE: Array<[RegExp, (runtime: string) => string]> = [
  [
    /^go1\.x$/,
    (runtime) =>
      `Runtime "${runtime}" is not supported (Lambda retired it too): build the Go function as a custom runtime, an executable named bootstrap, with GOOS=linux go build -tags lambda.norpc -o bootstrap (GOARCH=amd64, or arm64 on an arm64 machine: the binary runs on this machine), ${PROVIDED}`,
  ],
  [
    /^java(8|8\.al2|\d\d)$/,
    (runtime) =>
      `Runtime "${runtime}" (Java) needs a custom runtime build to run in faaslab, which has no JVM runtime: build the function into an executable named bootstrap, e.g. a GraalVM native image of it with aws-lambda-java-runtime-interface-client (Quarkus, Micronaut and Spring Boot build one), ${PROVIDED}`,
  ],
  [
    /^dotnet(core)?\d+(\.\d+)?$/,
    (runtime) =>
      `Runtime "${runtime}" (.NET) needs a custom runtime build to run in faaslab, which has no .NET runtime: publish the function with native AOT as an executable named bootstrap (an executable project whose Main runs Amazon.Lambda.RuntimeSupport's LambdaBootstrapBuilder; dotnet publish -r linux-x64 -p:PublishAot=true -p:AssemblyName=bootstrap), ${PROVIDED}`,
  ],
];

/** How to run a Java, .NET or Go function here; undefined for any other runtime. */
export function compiledRuntimeAdvice(runtime: string): string | undefined {
  for (const [pattern, advice] of ADVICE) if (pattern.test(runtime)) return advice(runtime);
  return undefined;
}
