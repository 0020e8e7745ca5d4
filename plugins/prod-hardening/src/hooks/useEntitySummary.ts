import { getCompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { prodHardeningApiRef } from '../api';

/** The entity's posture, cost and throttling from the backend's caches. */
export function useEntitySummary(entity: Entity) {
  const api = useApi(prodHardeningApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntitySummary({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
