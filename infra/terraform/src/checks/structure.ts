import { referencesIn, stringsIn } from '../expressions';
import { outputs, TfModule, variables } from '../module';
import { violation, Violation } from '../violations';

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
