export { migrateDatabase, isPostgres } from './migrateDatabase';
export { databaseUnavailable, guardQuery } from './unavailable';
export { isUniqueViolation } from './uniqueViolation';
