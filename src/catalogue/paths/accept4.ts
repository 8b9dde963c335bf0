// accept4(): the same kernel code as accept() (see accept.ts); only the flags of the new fd differ.
import type { PathSetInput } from "../schema.js";
import { acceptPaths } from "./accept.js";

export const ACCEPT4: PathSetInput = acceptPaths("accept4");
