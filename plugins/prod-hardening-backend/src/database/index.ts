export { migrateDatabase, isPostgres } from './migrateDatabase';
