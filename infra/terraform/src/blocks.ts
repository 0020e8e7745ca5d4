import { resolveStatic, singleInterpolation } from './expressions';
import { Body, isBody, TfModule } from './module';

/**
 * Nested blocks of a body, with `dynamic` blocks expanded when their `for_each` is
 * static (a local or variable default): `${gsi.value.name}` in the content becomes the
 * element's `name`. A dynamic block with a dynamic `for_each` yields its content as is.
 */
export function expandBlocks(mod: TfModule, body: Body, name: string): Body[] {
  const direct = Array.isArray(body[name])
    ? (body[name] as unknown[]).filter(isBody)
    : [];
  const dynamics = ((body.dynamic as Record<string, Body[]> | undefined)?.[
    name
  ] ?? []) as Body[];
  const expanded = dynamics.flatMap(d => {
    const content = ((d.content as Body[] | undefined) ?? [])[0] ?? {};
    const iterator = typeof d.iterator === 'string' ? d.iterator : name;
    const forEach = resolveStatic(mod, d.for_each);
    if (forEach === undefined) return [content];
    const items = Array.isArray(forEach)
      ? forEach.map((value, key) => ({ key, value }))
      : isBody(forEach)
      ? Object.entries(forEach).map(([key, value]) => ({ key, value }))
      : [];
    return items.map(item => substitute(content, iterator, item) as Body);
  });
  return [...direct, ...expanded];
}

function substitute(
  value: unknown,
  iterator: string,
  item: { key: unknown; value: unknown },
): unknown {
  if (Array.isArray(value))
    return value.map(v => substitute(v, iterator, item));
  if (isBody(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, iterator, item)]),
    );
  }
  const inner = singleInterpolation(value);
  if (inner === undefined) return value;
  const match = new RegExp(
    `^${iterator}\\.(key|value)((?:\\.[A-Za-z0-9_]+)*)$`,
  ).exec(inner.trim());
  if (!match) return value;
  let current: unknown = match[1] === 'key' ? item.key : item.value;
  for (const key of match[2].split('.').filter(Boolean)) {
    current = isBody(current) ? current[key] : undefined;
  }
  return current ?? value;
}

/** Follows `${local.x}` indirections (but nothing else), keeping resource references as text. */
export function deref(mod: TfModule, value: unknown, depth = 0): unknown {
  const inner = singleInterpolation(value);
  if (inner === undefined || depth > 20) return value;
  const match = /^local\.([A-Za-z0-9_]+)$/.exec(inner.trim());
  if (!match || !mod.locals.has(match[1])) return value;
  return deref(mod, mod.locals.get(match[1])!.value, depth + 1);
}

/**
 * The instances of a `for_each` resource whose `for_each` is static (a local or a
 * variable default), each with `each.key` / `each.value` substituted in its body.
 * Undefined when `for_each` is dynamic or absent.
 */
export function forEachInstances(
  mod: TfModule,
  block: { body: Body },
): Array<{ key: string; body: Body }> | undefined {
  if (block.body.for_each === undefined) return undefined;
  // toset(list) iterates the list's values, keyed by themselves.
  const set = /^toset\((.+)\)$/.exec(
    singleInterpolation(block.body.for_each)?.trim() ?? '',
  )?.[1];
  const forEach = resolveStatic(mod, set ? `\${${set}}` : block.body.for_each);
  if (forEach === undefined) return undefined;
  const items = Array.isArray(forEach)
    ? forEach.map(value => ({ key: String(value), value }))
    : isBody(forEach)
    ? Object.entries(forEach).map(([key, value]) => ({ key, value }))
    : [];
  return items.map(item => ({
    key: item.key,
    body: substitute(block.body, 'each', item) as Body,
  }));
}
