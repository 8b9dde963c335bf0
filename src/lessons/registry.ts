// Every lesson, in order: the Node ones and the C ones, merged and sorted by their `order`.
import { cLessons } from "./c-lessons.js";
import type { Lesson } from "./lesson.js";
import { nodeLessons } from "./node-lessons.js";

export const lessons: readonly Lesson[] = [...nodeLessons, ...cLessons].sort((a, b) => a.order - b.order);

/** The lesson with this name (exact), or undefined. */
export function findLesson(name: string): Lesson | undefined {
  return lessons.find((l) => l.name === name);
}
