export * from './format';
export { ImportFileError, type ImportRow, parseImportFile, readHeader } from './parse';
export * from './records';
export { failImport, PROGRESS_EVERY_ROWS, runImport } from './run';
