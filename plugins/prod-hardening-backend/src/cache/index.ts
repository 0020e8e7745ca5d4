export { KeyedTimedCache, TimedCache } from './TimedCache';
