/** Log levels of Lambda's advanced logging controls, lowest first. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type SystemLogLevel = 'DEBUG' | 'INFO' | 'WARN';
export type Architecture = 'x86_64' | 'arm64';

/** SAM's Metadata BuildProperties for BuildMethod esbuild (paths relative to the code folder). */
export interface EsbuildProperties {
  entryPoints?: string[];
  format?: 'cjs' | 'esm';
  target?: string;
  sourcemap?: boolean;
  external?: string[];
  minify?: boolean;
}

/** A function as the engine runs it: every value resolved, every path absolute. */
export interface FunctionConfig {
  /** The template's logical id, e.g. HelloFunction. */
  logicalId: string;
  /** FunctionName from the template, or the logical id (as `sam local` names it). */
  functionName: string;
  /** Absolute path of the code folder: the function's LAMBDA_TASK_ROOT. */
  codeDir: string;
  handler: string;
  runtime: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  architecture: Architecture;
  ephemeralStorageMb: number;
  environment: Record<string, string>;
  logFormat: 'Text' | 'JSON';
  /** Only honoured with the JSON log format, as on Lambda. */
  applicationLogLevel?: LogLevel;
  systemLogLevel?: SystemLogLevel;
  /** Custom log group (LoggingConfig.LogGroup); defaults to /aws/lambda/<name>. */
  logGroup?: string;
  reservedConcurrency?: number;
  /** ProvisionedConcurrencyConfig: environments initialised ahead and kept, never reclaimed. */
  provisionedConcurrency?: number;
  /** The folders of the function's layers (Layers), in order: what Lambda extracts into /opt. */
  layers?: string[];
  /** Metadata BuildMethod esbuild: the code is built before it runs, as sam build does. */
  esbuild?: EsbuildProperties;
}
