// The JSON Schema (draft 2020-12) of the JSON-lines events, generated from the zod schemas, so
// consumers can validate what `--json` writes with any standard validator.
import { z } from "zod";
import { EventSchema, SCHEMA_VERSION } from "../events/schema.js";

export function eventsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(EventSchema, { io: "output", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: `https://sockscope.invalid/schema/events-v${SCHEMA_VERSION}.json`,
    title: `sockscope JSON-lines events, version ${SCHEMA_VERSION}`,
    description:
      "One object per line. Every object has `v` (this version) and `type`; see README 'JSON events'.",
    ...schema,
  };
}
