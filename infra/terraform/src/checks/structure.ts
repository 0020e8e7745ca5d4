import { referencesIn, stringsIn } from '../expressions';
import {
  addressOf,
  Block,
  Body,
  isBody,
  outputs,
  TfModule,
  variables,
} from '../module';
import { violation, Violation } from '../violations';

const BUILTIN_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform']);

/** Labels of dynamic blocks (and their `iterator` names) anywhere inside a body. */
function iteratorsIn(body: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(body)) body.forEach(b => iteratorsIn(b, out));
  else if (isBody(body)) {
    if (isBody(body.dynamic)) {
      for (const [label, dyns] of Object.entries(body.dynamic)) {
        out.add(label);
        for (const d of dyns as Body[])
          if (typeof d.iterator === 'string') out.add(d.iterator);
      }
    }
    Object.values(body).forEach(v => iteratorsIn(v, out));
  }
  return out;
}

/** Every reference in every block resolves to something the module declares. */
export async function checkReferences(mod: TfModule): Promise<Violation[]> {
  const declared = new Set(mod.blocks.map(addressOf));
  const found: Violation[] = [];
  for (const block of mod.blocks) {
    const iterators = iteratorsIn(block.body);
    const seen = new Set<string>();
    for (const text of stringsIn(referencingPart(block))) {
      for (const ref of await referencesIn(block.file, text)) {
        const problem = unresolved(mod, declared, iterators, block, ref);
        if (problem && !seen.has(ref)) {
          seen.add(ref);
          found.push(violation(block, problem));
        }
      }
    }
  }
  return found;
}

/**
 * The part of a block whose expressions are references: a variable's `type` is a type
 * expression and `lifecycle.ignore_changes` lists argument names.
 */
function referencingPart(block: Block): Body {
  const { type, lifecycle, ...rest } = block.body;
  const kept: Body = block.kind === 'variable' ? rest : { type, ...rest };
  if (Array.isArray(lifecycle)) {
    kept.lifecycle = lifecycle
      .filter(isBody)
      .map(({ ignore_changes, ...l }) => l);
  }
  return kept;
}

function unresolved(
  mod: TfModule,
  declared: Set<string>,
  iterators: Set<string>,
  block: Block,
  ref: string,
): string | undefined {
  const [root, second, third] = ref.split('.');
  if (root === 'each' && block.body.for_each === undefined && !iterators.size) {
    return `uses ${ref} without for_each`;
  }
  if (root === 'count' && block.body.count === undefined)
    return `uses ${ref} without count`;
  if (BUILTIN_ROOTS.has(root) || iterators.has(root)) return undefined;
  if (root === 'var')
    return declared.has(`var.${second}`)
      ? undefined
      : `references undeclared variable var.${second}`;
  if (root === 'local')
    return mod.locals.has(second)
      ? undefined
      : `references undeclared local.${second}`;
  if (root === 'module')
    return declared.has(`module.${second}`)
      ? undefined
      : `references undeclared module.${second}`;
  if (root === 'data') {
    return declared.has(`data.${second}.${third}`)
      ? undefined
      : `references undeclared data.${second}.${third}`;
  }
  return declared.has(`${root}.${second}`)
    ? undefined
    : `references undeclared ${root}.${second}`;
}

/** Variables are typed (never `any`), described and used; outputs are described. */
export async function checkVariablesAndOutputs(
  mod: TfModule,
): Promise<Violation[]> {
  const found: Violation[] = [];
  const used = new Set<string>();
  for (const block of mod.blocks.filter(b => b.kind !== 'variable')) {
    for (const text of stringsIn(block.body)) {
      for (const ref of await referencesIn(block.file, text)) {
        if (ref.startsWith('var.')) used.add(ref.split('.')[1]);
      }
    }
  }
  for (const v of variables(mod)) {
    const type = v.body.type;
    if (typeof type !== 'string') found.push(violation(v, 'has no type'));
    else if (/\bany\b/.test(type))
      found.push(violation(v, `is typed with any (${type})`));
    if (
      typeof v.body.description !== 'string' ||
      v.body.description.length < 10
    ) {
      found.push(violation(v, 'has no description'));
    }
    if (!used.has(v.name))
      found.push(violation(v, 'is declared but never used'));
  }
  for (const o of outputs(mod)) {
    if (typeof o.body.description !== 'string')
      found.push(violation(o, 'has no description'));
  }
  return found;
}

/** The seed's outputs exist. */
export function checkRequiredOutputs(
  mod: TfModule,
  required: string[],
): Violation[] {
  const names = new Set(outputs(mod).map(o => o.name));
  return required
    .filter(name => !names.has(name))
    .map(name => ({
      file: 'outputs.tf',
      message: `output "${name}" is missing`,
    }));
}
