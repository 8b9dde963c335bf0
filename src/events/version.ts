// The JSON-lines schema version ("v" on every line), in a module of its own so that the pipeline
// can stamp events without loading zod (the schemas validate at the boundaries and in the tests).
export const SCHEMA_VERSION = 1;
