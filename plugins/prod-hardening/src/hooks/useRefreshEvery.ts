import { useEffect } from 'react';

/** Calls `refresh` every `ms` milliseconds while the component is mounted. */
export function useRefreshEvery(refresh: () => void, ms: number): void {
  useEffect(() => {
    const timer = setInterval(refresh, ms);
    return () => clearInterval(timer);
  }, [refresh, ms]);
}
