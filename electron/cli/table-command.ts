/**
 * `faaslab table put|delete|scan <Table> ...`: writes to (or reads) a local DynamoDB table of
 * the workspace a running host serves (faaslab serve, faaslab ui), through the host API, so the
 * write goes to the table's stream and its functions run there, as they would on AWS.
 */
import { readFileSync } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.js';
import { connectHost } from './host-client.js';

export const TABLE_HELP = `Usage: faaslab table put <Table> <item-json> [--workspace DIR]
       faaslab table delete <Table> <key-json> [--workspace DIR]
       faaslab table scan <Table> [--workspace DIR]

Writes to or reads a local DynamoDB table (an AWS::DynamoDB::Table or AWS::Serverless::SimpleTable
of template.yaml, kept in .faaslab/tables/<TableName>.json) of the workspace a running faaslab
serves (faaslab serve, or the workbench). A write goes to the table's stream, so functions with
a DynamoDB event on it run, as on AWS. <Table> is the logical id or the TableName.

Items and keys are JSON, plain ({"id": "1", "count": 2}) or DynamoDB JSON ({"id": {"S": "1"}});
'-' reads it from standard input. put replaces the item with the same key (PutItem); delete
takes the key attributes only (DeleteItem). Output is JSON: put and delete print the item
written or deleted, scan prints {"Items": [...], "Count": N} in DynamoDB JSON, as aws dynamodb scan.

Options:
  -w, --workspace DIR   The folder with template.yaml (default: the current folder)
  -h, --help            Show this help

Exit status: 0 on success; 1 when the host refuses the item (a missing key attribute, a key of
the wrong type), when there is no such table, or when no faaslab serves the workspace; 2 for a
usage mistake.`;

const USAGE = 'faaslab table put|delete|scan <Table> ...';

export async function tableCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { workspace: { type: 'string', short: 'w' } });
  if (values.help) {
    process.stdout.write(`${TABLE_HELP}\n`);
    return 0;
  }
  const [action, table, json, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`missing the action: ${USAGE}`);
  if (action !== 'put' && action !== 'delete' && action !== 'scan') throw new UsageError(`unknown action '${action}'; the actions are put, delete and scan`);
  if (table === undefined) throw new UsageError(`missing the table: faaslab table ${action} <Table>${action === 'scan' ? '' : action === 'put' ? ' <item-json>' : ' <key-json>'}`);
  if (action !== 'scan' && json === undefined)
    throw new UsageError(`missing the ${action === 'put' ? 'item' : 'key'}: faaslab table ${action} ${table} ${action === 'put' ? '\'{"id": "1"}\'' : '\'{"id": "1"}\''}`);
  const rest = action === 'scan' ? [json, ...extra].filter((x) => x !== undefined) : extra;
  if (rest.length) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const text = json === '-' ? readFileSync(0, 'utf8') : json;

  const client = await connectHost(values.workspace);
  try {
    if (action === 'put') {
      const result = await client.call('tables.put', { table, item: text });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else if (action === 'delete') {
      const result = await client.call('tables.delete', { table, key: text });
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (!result.deleted) process.stderr.write(`faaslab table: ${table} had no item with that key (nothing deleted)\n`);
    } else {
      const result = await client.call('tables.scan', { table });
      process.stdout.write(`${JSON.stringify({ Items: result.items, Count: result.count }, null, 2)}\n`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
