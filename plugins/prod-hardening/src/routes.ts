import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the prod-hardening page in apps on the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'prod-hardening' });
