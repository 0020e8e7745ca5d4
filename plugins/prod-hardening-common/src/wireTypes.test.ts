import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The wire types have one description, openapi.yaml: a type of the same name as one of
// its component schemas must be the generated model, re-exported, never written again.

const SRC = __dirname;
const MODELS = join(SRC, 'schema/openapi/generated/models.ts');

/** The component schema names, from the aliases at the end of the generated models. */
function componentNames(models: string): string[] {
  return [
    ...models.matchAll(/^export type (\w+) = components\['schemas'\]/gm),
  ].map(match => match[1]);
}

/** Names a source file declares itself, as an interface or a type with its own shape. */
function declaredShapes(source: string): string[] {
  return [
    ...source.matchAll(
      /^export (?:interface (\w+)|type (\w+)(?:<[^>]*>)? = \{)/gm,
    ),
  ].map(match => match[1] ?? match[2]);
}

describe('wire types in -common', () => {
  it('finds the declarations this check relies on', () => {
    expect(
      declaredShapes(
        'export interface A {}\nexport type B = {\nexport type C = D;\n',
      ),
    ).toEqual(['A', 'B']);
    expect(
      componentNames(
        "export type Finding = components['schemas']['Finding'];\nexport type X = Y;",
      ),
    ).toEqual(['Finding']);
  });

  it('declares no shape the contract already describes', () => {
    const components = new Set(componentNames(readFileSync(MODELS, 'utf8')));
    expect(components.size).toBeGreaterThan(50);
    const repeats = readdirSync(SRC)
      .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .flatMap(file =>
        declaredShapes(readFileSync(join(SRC, file), 'utf8'))
          .filter(name => components.has(name))
          .map(name => `${file}: ${name}`),
      );
    expect(repeats).toEqual([]);
  });
});
