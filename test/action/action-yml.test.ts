// The GitHub Action's inputs and its script stay in sync: action.yml is read with a small parser
// for the keys it needs (the inputs and the env of the run step), and each input must be declared,
// mapped and used (by action/run.sh, or by the YAML's own upload step).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const yml = readFileSync(join(ROOT, "action.yml"), "utf8");
const script = readFileSync(join(ROOT, "action", "run.sh"), "utf8");

/** The keys of a block `name:` at the top level, each with its indented body. */
function block(text: string, name: string): string {
  const lines = text.split("\n");
  const start = lines.indexOf(`${name}:`);
  expect(start, `${name}: in action.yml`).toBeGreaterThanOrEqual(0);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== "" && !line.startsWith(" ") && !line.startsWith("#")) break;
    body.push(line);
  }
  return body.join("\n");
}

/** `inputs:` as { name: { description, required, default } } (two-space indentation, scalar values). */
function inputs(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of block(yml, "inputs").split("\n")) {
    const key = /^ {2}([\w-]+):\s*$/.exec(line);
    if (key?.[1] !== undefined) {
      current = {};
      out[key[1]] = current;
      continue;
    }
    const field = /^ {4}([\w-]+):\s*(.*)$/.exec(line);
    if (field?.[1] !== undefined && current !== undefined) current[field[1]] = unquote(field[2] ?? "");
  }
  return out;
}

/** A GitHub Actions expression, `${{ inner }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;

const unquote = (v: string) => (/^"(.*)"$/.exec(v)?.[1] ?? /^'(.*)'$/.exec(v)?.[1] ?? v).trim();

/** The run step's env: { VAR: expression }. */
function runEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  const steps = block(yml, "runs");
  const at = steps.indexOf("action/run.sh");
  expect(at, "a step runs action/run.sh").toBeGreaterThan(0);
  const step = steps.slice(steps.lastIndexOf("- name:", at), at);
  for (const m of step.matchAll(/^ {8}([A-Z_]+): (.*)$/gm)) if (m[1] && m[2]) env[m[1]] = m[2].trim();
  return env;
}

describe("action.yml", () => {
  test("declares the inputs, with their defaults", () => {
    const declared = inputs();
    expect(Object.keys(declared)).toEqual([
      "command",
      "fail-on",
      "allow",
      "baseline",
      "record-baseline",
      "args",
      "json",
      "upload",
      "artifact-name",
    ]);
    expect(declared.command?.required).toBe("true");
    expect(Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default]))).toEqual({
      command: undefined,
      "fail-on": "",
      allow: "",
      baseline: "",
      "record-baseline": "",
      args: "",
      json: "sockscope.jsonl",
      upload: "true",
      "artifact-name": "sockscope-report",
    });
    for (const [name, v] of Object.entries(declared)) expect(v.description, name).toBeTruthy();
  });

  test("is a composite action that builds from its own checkout and uploads when asked", () => {
    expect(block(yml, "runs")).toMatch(/^ {2}using: composite$/m);
    expect(yml).toMatch(
      /working-directory: \$\{\{ github\.action_path \}\}\n\s+run: npm ci .*&& npm run build/,
    );
    expect(yml).toMatch(/sudo apt-get install -y -q strace/);
    expect(yml).toMatch(/if: always\(\) && inputs\.upload == 'true'\n\s+uses: actions\/upload-artifact@v4/);
  });

  test("every input reaches the script as INPUT_* (or is used by the YAML itself), and the script reads each", () => {
    const env = runEnv();
    expect(env.ACTION_PATH).toBe(expression("github.action_path"));
    expect(script).toContain("ACTION_PATH");
    for (const name of Object.keys(inputs())) {
      const variable = `INPUT_${name.toUpperCase().replace(/-/g, "_")}`;
      if (name === "upload" || name === "artifact-name") {
        expect(yml, name).toContain(`inputs.${name}`);
        continue;
      }
      expect(env[variable], variable).toBe(expression(`inputs.${name}`));
      expect(script, variable).toContain(`INPUT_${name.toUpperCase().replace(/-/g, "_")}`);
    }
    // No variable is mapped that the script does not read.
    for (const variable of Object.keys(env)) expect(script, variable).toContain(variable);
  });
});
