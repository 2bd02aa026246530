/** Bring-your-own-data importers: each reads one input kind into an ImportBatch; runImport stores it. */
export { importStravaExport, type ExportOptions } from './strava-export.ts';
export { importStravaApi, type ApiOptions } from './strava-api.ts';
export { importCsv, type CsvImportOptions } from './csv-import.ts';
export { loadMapping, type CsvMapping } from './mapping.ts';
export { runImport, type StoreOptions } from './run-import.ts';
export { formatReport, rejectionsByReason, type ImportReport } from './report.ts';
export { DEFAULT_IMPORT_SCHEMA } from './silver-store.ts';
export { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
