import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** An HCL body as @cdktf/hcl2json returns it: nested blocks are arrays of bodies. */
export type Body = Record<string, unknown>;

export type BlockKind =
  | 'resource'
  | 'data'
  | 'variable'
  | 'output'
  | 'locals'
  | 'module'
  | 'provider'
  | 'terraform';

/** One top-level block of a .tf file. */
export interface Block {
  kind: BlockKind;
  /** Resource or data source type; empty for other kinds. */
  type: string;
  /** Block label (variable name, resource name, ...); empty for locals/terraform. */
  name: string;
  body: Body;
  /** File name relative to the module directory, e.g. `rds.tf`. */
  file: string;
}

export interface TfFile {
  /** Relative to the module directory. */
  name: string;
  source: string;
}

export interface TfModule {
  dir: string;
  files: TfFile[];
  blocks: Block[];
  /** Every local value by name, with the file that declares it. */
  locals: Map<string, { value: unknown; file: string }>;
}

/** Thrown when a file does not parse; the message starts with the file name. */
export class HclSyntaxError extends Error {}

const KINDS_WITH_TWO_LABELS = new Set<BlockKind>(['resource', 'data']);
const KINDS_WITH_ONE_LABEL = new Set<BlockKind>([
  'variable',
  'output',
  'module',
  'provider',
]);

/** The module's `.tf` files (not those of examples or nested directories), sorted. */
export function listTfFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.tf'))
    .sort();
}

export async function parseFile(
  fileName: string,
  source: string,
): Promise<Body> {
  try {
    return (await parse(fileName, source)) as Body;
  } catch (error) {
    throw new HclSyntaxError(`${fileName}: ${(error as Error).message}`);
  }
}

/** Parses every `.tf` file of a module directory into blocks. */
export async function loadModule(dir: string): Promise<TfModule> {
  const files: TfFile[] = listTfFiles(dir).map(name => ({
    name,
    source: fs.readFileSync(path.join(dir, name), 'utf8'),
  }));
  const blocks: Block[] = [];
  for (const file of files) {
    const json = await parseFile(file.name, file.source);
    blocks.push(...blocksOf(json, file.name));
  }
  const locals = new Map<string, { value: unknown; file: string }>();
  for (const block of blocks.filter(b => b.kind === 'locals')) {
    for (const [name, value] of Object.entries(block.body)) {
      locals.set(name, { value, file: block.file });
    }
  }
  return { dir, files, blocks, locals };
}

function blocksOf(json: Body, file: string): Block[] {
  const blocks: Block[] = [];
  for (const [key, value] of Object.entries(json)) {
    const kind = key as BlockKind;
    if (KINDS_WITH_TWO_LABELS.has(kind)) {
      for (const [type, byName] of Object.entries(
        value as Record<string, Record<string, Body[]>>,
      )) {
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of bodies)
            blocks.push({ kind, type, name, body, file });
        }
      }
    } else if (KINDS_WITH_ONE_LABEL.has(kind)) {
      for (const [name, bodies] of Object.entries(
        value as Record<string, Body[]>,
      )) {
        for (const body of bodies)
          blocks.push({ kind, type: '', name, body, file });
      }
    } else if (kind === 'locals' || kind === 'terraform') {
      for (const body of value as Body[])
        blocks.push({ kind, type: '', name: '', body, file });
    } else {
      throw new HclSyntaxError(`${file}: unexpected top-level block "${key}"`);
    }
  }
  return blocks;
}

/** `aws_sqs_queue.rate_limiter`, `data.aws_iam_policy_document.kms`, `var.x`, ... */
export function addressOf(block: Block): string {
  switch (block.kind) {
    case 'resource':
      return `${block.type}.${block.name}`;
    case 'data':
      return `data.${block.type}.${block.name}`;
    case 'variable':
      return `var.${block.name}`;
    case 'module':
      return `module.${block.name}`;
    default:
      return `${block.kind}.${block.name}`;
  }
}

export function resources(mod: TfModule, type?: string): Block[] {
  return mod.blocks.filter(
    b => b.kind === 'resource' && (!type || b.type === type),
  );
}

export function dataSources(mod: TfModule, type?: string): Block[] {
  return mod.blocks.filter(
    b => b.kind === 'data' && (!type || b.type === type),
  );
}

export function variables(mod: TfModule): Block[] {
  return mod.blocks.filter(b => b.kind === 'variable');
}

export function outputs(mod: TfModule): Block[] {
  return mod.blocks.filter(b => b.kind === 'output');
}

export function findResource(
  mod: TfModule,
  type: string,
  name: string,
): Block | undefined {
  return mod.blocks.find(
    b => b.kind === 'resource' && b.type === type && b.name === name,
  );
}

export function findData(
  mod: TfModule,
  type: string,
  name: string,
): Block | undefined {
  return mod.blocks.find(
    b => b.kind === 'data' && b.type === type && b.name === name,
  );
}

export function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Default value of a variable, or undefined when it has none. */
export function variableDefault(mod: TfModule, name: string): unknown {
  const block = variables(mod).find(v => v.name === name);
  return block?.body.default;
}
