// The lessons whose programs are C (fixtures/lessons/*.c, compiled with the machine's cc when the
// lesson runs): the calls they make are exactly the ones the lesson is about.
import type { Lesson } from "./lesson.js";

export const cLessons: Lesson[] = [];
