/**
 * The routes an Express router has registered, and those an OpenAPI document
 * declares, in one comparable form (`GET /findings/:id`), so a test can hold the
 * router and the contract to each other.
 */

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
];

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** `METHOD /path` for every route registered directly on the router. */
export function registeredRoutes(router: { stack: unknown[] }): string[] {
  const routes: string[] = [];
  for (const layer of router.stack as Layer[]) {
    if (!layer.route) continue;
    const paths = ([] as string[]).concat(layer.route.path);
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (!on) continue;
      for (const path of paths) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

/** `METHOD /path` for every operation of the document, `{param}` as `:param`. */
export function declaredRoutes(spec: {
  paths: Record<string, Record<string, unknown>>;
}): string[] {
  const routes: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const expressPath = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of Object.keys(item)) {
      if (HTTP_METHODS.includes(method)) {
        routes.push(`${method.toUpperCase()} ${expressPath}`);
      }
    }
  }
  return routes.sort();
}
