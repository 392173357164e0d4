/**
 * Layers of the template (AWS::Serverless::LayerVersion with ContentUri, AWS::Lambda::LayerVersion
 * with Content) that live in a local folder: what Lambda extracts into /opt for the functions that
 * name them in Layers. Functions refer to them with !Ref, which resolves to the logical id here.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateLocator } from '../template/cfn-tags.js';
import type { WorkspaceProblem } from './template-loader.js';

export interface LayerDefinition {
  logicalId: string;
  /** The layer's folder: its contents are what /opt holds. */
  dir: string;
  compatibleRuntimes?: string[];
}

const LAYER_TYPES: Record<string, string> = { 'AWS::Serverless::LayerVersion': 'ContentUri', 'AWS::Lambda::LayerVersion': 'Content' };

export async function readLayers(resources: Record<string, unknown>, root: string, loc: TemplateLocator, problems: WorkspaceProblem[]): Promise<Map<string, LayerDefinition>> {
  const layers = new Map<string, LayerDefinition>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const key = LAYER_TYPES[resource.Type];
    if (!key) continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    const where = ['Resources', logicalId, 'Properties', key];
    const report = (message: string) => problems.push({ logicalId, severity: 'error', message, line: loc.line(where) ?? loc.line(['Resources', logicalId]) });
    const content = props[key];
    if (typeof content !== 'string') {
      report(`${key} must be a local folder: faaslab cannot fetch a layer from S3 (${JSON.stringify(content ?? null)})`);
      continue;
    }
    const dir = path.resolve(root, content);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) {
      report(`${key} folder "${content}" of layer ${logicalId} does not exist (${dir})`);
      continue;
    }
    const runtimes = props.CompatibleRuntimes;
    layers.set(logicalId, { logicalId, dir, ...(Array.isArray(runtimes) ? { compatibleRuntimes: runtimes.filter((r): r is string => typeof r === 'string') } : {}) });
  }
  return layers;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
