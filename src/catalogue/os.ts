// The systems --os can compare with, as a list the CLI can offer without loading the catalogue.
export const OS_NAMES = ["linux", "windows", "macos", "freebsd", "lwip", "plan9"] as const;
export type Os = (typeof OS_NAMES)[number];
