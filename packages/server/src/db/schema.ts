/** Every table, for code that needs them all (backup, tests). One schema file per module. */
export * from '../modules/access/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/directory/schema.js';
export * from '../modules/plans/schema.js';
export * from '../modules/system/schema.js';
export * from '../modules/reporting/schema.js';
export * from '../modules/supervision/schema.js';
