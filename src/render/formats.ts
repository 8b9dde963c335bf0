// The report formats, as a list the CLI can offer without loading any renderer.
export const FORMATS = ["pretty", "text", "json", "markdown", "mermaid", "perfetto", "pcap"] as const;
/** Formats whose report is bytes, not text: never written to a terminal. */
export const BINARY_FORMATS: ReadonlySet<Format> = new Set<Format>(["pcap"]);
export type Format = (typeof FORMATS)[number];
