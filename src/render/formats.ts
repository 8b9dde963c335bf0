// The report formats, as a list the CLI can offer without loading any renderer.
export const FORMATS = ["pretty", "text", "json", "markdown", "mermaid", "perfetto"] as const;
export type Format = (typeof FORMATS)[number];
