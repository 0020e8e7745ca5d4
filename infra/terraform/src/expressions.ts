import { getExpressionAst, getReferencesInExpression } from '@cdktf/hcl2json';
import { isBody, TfModule, variableDefault } from './module';

/**
 * Inner expression when `value` is exactly one interpolation (`${...}`), otherwise
 * undefined. `"${a}-${b}"` is a template, not one interpolation.
 */
export function singleInterpolation(value: unknown): string | undefined {
  if (
    typeof value !== 'string' ||
    !value.startsWith('${') ||
    !value.endsWith('}')
  ) {
    return undefined;
  }
  let depth = 0;
  let quote = false;
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0)
        return i === value.length - 1 ? value.slice(2, -1) : undefined;
    }
  }
  return undefined;
}

/** Every string in a parsed body (deep), for reference scanning. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => stringsIn(v, out));
  else if (isBody(value)) Object.values(value).forEach(v => stringsIn(v, out));
  return out;
}

/** References (`aws_x.y.attr`, `var.z`, `local.w`, ...) in one attribute value. */
export async function referencesIn(
  file: string,
  value: string,
): Promise<string[]> {
  if (!value.includes('${')) return [];
  const refs = await getReferencesInExpression(file, value);
  return refs.map(r => r.value);
}

type AstNode = {
  type: string;
  children?: AstNode[];
  meta?: Record<string, unknown>;
  range: { start: { byte: number }; end: { byte: number } };
};

/**
 * Evaluates the static part of an expression such as `jsonencode({ Statement = [...] })`
 * into plain data. Literals, tuples, objects and templates of literals become values;
 * anything dynamic becomes its source text wrapped in `${...}`, e.g. `"${aws_q.x.arn}"`.
 * `jsonencode(x)` evaluates to x (its JSON is what the policy or pattern means).
 */
export async function staticValue(
  file: string,
  value: unknown,
): Promise<unknown> {
  const inner = singleInterpolation(value);
  if (inner === undefined) return value;
  const ast = (await getExpressionAst(file, inner)) as AstNode | null;
  if (!ast) return value;
  return evaluate(ast, Buffer.from(inner, 'utf8'));
}

function sourceOf(node: AstNode, source: Buffer): string {
  return source
    .subarray(node.range.start.byte, node.range.end.byte)
    .toString('utf8');
}

function evaluate(node: AstNode, source: Buffer): unknown {
  const children = node.children ?? [];
  const meta = node.meta ?? {};
  switch (node.type) {
    case 'literalValue':
      if (meta.type === 'number') return Number(meta.value);
      if (meta.type === 'bool') return meta.value === 'true';
      if (meta.type === 'null') return null;
      return meta.value;
    case 'template': {
      if (children.every(c => c.type === 'literalValue')) {
        return children.map(c => String(c.meta?.value ?? '')).join('');
      }
      const text = String(meta.value ?? '');
      return text.startsWith('"') && text.endsWith('"')
        ? text.slice(1, -1)
        : `\${${text}}`;
    }
    case 'tuple':
      return children.map(c => evaluate(c, source));
    case 'object': {
      const result: Record<string, unknown> = {};
      for (let i = 0; i + 1 < children.length; i += 2) {
        result[objectKey(children[i], source)] = evaluate(
          children[i + 1],
          source,
        );
      }
      return result;
    }
    case 'function':
      if (meta.name === 'jsonencode' && children.length === 1) {
        return evaluate(children[0], source);
      }
      return `\${${String(meta.value ?? '')}}`;
    case 'unaryOp':
      if (
        String(meta.value).startsWith('-') &&
        children[0]?.type === 'literalValue'
      ) {
        return -Number(children[0].meta?.value);
      }
      return `\${${String(meta.value ?? '')}}`;
    case 'scopeTraversal':
      return `\${${String(meta.fullAccessor ?? meta.value)}}`;
    default:
      return `\${${String(meta.value ?? sourceOf(node, source))}}`;
  }
}

function objectKey(node: AstNode, source: Buffer): string {
  const child = node.children?.[0];
  if (!child) return sourceOf(node, source);
  if (child.type === 'template' || child.type === 'literalValue') {
    const value = evaluate(child, source);
    return typeof value === 'string' ? value : String(value);
  }
  // (expression) keys and nested key wrappers
  const inner = child.children?.[0] ?? child;
  return `\${${String(
    inner.meta?.fullAccessor ?? inner.meta?.value ?? sourceOf(inner, source),
  )}}`;
}

/**
 * Resolves a value through locals and variable defaults, statically: `"${local.names.x}"`,
 * `"${var.name_prefix}-trail"`, `["${local.a}", "b"]`. Returns undefined when any part is
 * dynamic (a resource attribute, a function call, ...).
 */
export function resolveStatic(
  mod: TfModule,
  value: unknown,
  depth = 0,
): unknown {
  if (depth > 20) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(v => resolveStatic(mod, v, depth + 1));
    return items.some(i => i === undefined) ? undefined : items;
  }
  if (isBody(value)) {
    const entries = Object.entries(value).map(
      ([k, v]) => [k, resolveStatic(mod, v, depth + 1)] as const,
    );
    return entries.some(([, v]) => v === undefined)
      ? undefined
      : Object.fromEntries(entries);
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;

  const whole = singleInterpolation(value);
  if (whole !== undefined) return resolveTraversal(mod, whole.trim(), depth);

  let failed = false;
  const text = value.replace(/\$\{([^${}"]+)\}/g, (_, expr: string) => {
    const resolved = resolveTraversal(mod, expr.trim(), depth);
    if (typeof resolved === 'string' || typeof resolved === 'number')
      return String(resolved);
    failed = true;
    return '';
  });
  return failed || text.includes('${') ? undefined : text;
}

function resolveTraversal(mod: TfModule, expr: string, depth: number): unknown {
  const match = /^(var|local)\.([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+)*)$/.exec(
    expr,
  );
  if (!match) return undefined;
  const [, root, name, rest] = match;
  // Navigate the raw value first, so one unresolvable sibling (e.g. a name built from a
  // variable without default) does not hide the member asked for.
  let current: unknown =
    root === 'var' ? variableDefault(mod, name) : mod.locals.get(name)?.value;
  for (const key of rest.split('.').filter(Boolean)) {
    if (!isBody(current)) current = resolveStatic(mod, current, depth + 1);
    if (!isBody(current)) return undefined;
    current = current[key];
  }
  current = resolveStatic(mod, current, depth + 1);
  return current;
}
