// The schema lives in lib/config/schema/, one file per section; this name stays for existing imports.
export * from './config/schema';
