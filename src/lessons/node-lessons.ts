// The lessons whose programs run on sockscope's own Node (fixtures/lessons/*.mjs): every machine
// that runs sockscope can run them.
import type { Lesson } from "./lesson.js";

export const nodeLessons: Lesson[] = [];
