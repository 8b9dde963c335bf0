// Credential masking, value kind by value kind, and its time on adversarial input.
//
// Each credential sits after byte 64 of its text, so that no cut is needed for the test to mean
// something: maskSecrets alone must hide it. The time test feeds long inputs built to make a
// backtracking pattern go quadratic or worse (repeated keys, separators, quotes, URL schemes,
// protocol commands) and states its limit: all of them together in under 300 ms of CPU time (about
// 50 ms on an idle machine); a quadratic scan of one 64 KiB input alone would take seconds.
import { expect, test } from "vitest";
import { maskSecrets } from "../../src/redact/redact.js";

const PAD = "QQhead-0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n";

const CASES: { kind: string; text: string; secret: string; keep?: string }[] = [
  { kind: "env *_PASSWORD", text: "DB_PASSWORD=Secret-1", secret: "Secret-1", keep: "DB_PASSWORD=" },
  { kind: "env *_TOKEN", text: "GITHUB_TOKEN=ghp_Secret2", secret: "ghp_Secret2", keep: "GITHUB_TOKEN=" },
  { kind: "env *_SECRET", text: "export CLIENT_SECRET=Secret-3 x", secret: "Secret-3" },
  { kind: "env *_KEY", text: "AWS_SECRET_ACCESS_KEY=Secret-4", secret: "Secret-4" },
  { kind: "env *_API_KEY", text: "STRIPE_API_KEY=sk_live_Secret5", secret: "Secret5" },
  { kind: "quoted assignment", text: "password='Secret 6'", secret: "Secret 6" },
  { kind: "query string", text: "GET /login?user=a&password=Secret-7&x=1", secret: "Secret-7", keep: "&x=1" },
  {
    kind: "Authorization header",
    text: "GET / HTTP/1.1\r\nAuthorization: Basic U2VjcmV0LTg=\r\nHost: x",
    secret: "U2VjcmV0LTg",
    keep: "Host: x",
  },
  { kind: "X-Api-Key header", text: "GET / HTTP/1.1\r\nX-Api-Key: Secret-9\r\n", secret: "Secret-9" },
  { kind: "X-Auth-Token header", text: "X-Auth-Token: Secret-10\r\nAccept: */*", secret: "Secret-10" },
  { kind: "Cookie header", text: "Cookie: sid=Secret-11; theme=dark", secret: "Secret-11" },
  {
    kind: "Set-Cookie header",
    text: "HTTP/1.1 200 OK\r\nSet-Cookie: sid=Secret-12; HttpOnly",
    secret: "Secret-12",
  },
  { kind: "session header", text: "X-Session-Id: Secret-13\r\n", secret: "Secret-13" },
  { kind: "Redis inline AUTH", text: "AUTH Secret-14\r\n", secret: "Secret-14" },
  { kind: "Redis inline AUTH user pass", text: "PING\r\nAUTH default Secret-15\r\n", secret: "Secret-15" },
  {
    kind: "Redis RESP AUTH",
    text: "*2\r\n$4\r\nAUTH\r\n$9\r\nSecret-16\r\n*1\r\n$4\r\nPING\r\n",
    secret: "Secret-16",
    keep: "PING",
  },
  {
    kind: "Redis RESP AUTH user pass",
    text: "*3\r\n$4\r\nauth\r\n$7\r\ndefault\r\n$9\r\nSecret-17\r\n",
    secret: "Secret-17",
  },
  {
    kind: "SMTP AUTH PLAIN",
    text: "EHLO x\r\nAUTH PLAIN AGJvYgBTZWNyZXQtMTg=\r\n",
    secret: "AGJvYgBTZWNyZXQtMTg",
    keep: "AUTH PLAIN",
  },
  { kind: "SMTP AUTH LOGIN", text: "AUTH LOGIN Ym9i\r\n", secret: "Ym9i", keep: "AUTH LOGIN" },
  { kind: "FTP PASS", text: "USER bob\r\nPASS Secret-19\r\n", secret: "Secret-19", keep: "USER bob" },
  { kind: "POP3 PASS", text: "+OK\r\npass Secret-20\r\n", secret: "Secret-20" },
  { kind: "IMAP LOGIN", text: "a1 LOGIN bob Secret-21\r\n", secret: "Secret-21", keep: "a1 LOGIN" },
  { kind: "IMAP AUTHENTICATE", text: "a2 AUTHENTICATE PLAIN U2VjcmV0LTIy\r\n", secret: "U2VjcmV0LTIy" },
  {
    kind: "URL userinfo",
    text: "postgres://bob:Secret-23@db:5432/app",
    secret: "Secret-23",
    keep: "@db:5432/app",
  },
  { kind: "URL userinfo, no user", text: "redis://:Secret-24@127.0.0.1:6379", secret: "Secret-24" },
  { kind: "JSON", text: '{"user":"a","password":"Secret-25","n":1}', secret: "Secret-25", keep: '"n":1' },
  { kind: "JSON, strace-escaped", text: '{\\"token\\": \\"Secret-26\\"}', secret: "Secret-26" },
  { kind: "YAML", text: "db:\n  password: Secret-27\n  host: x", secret: "Secret-27", keep: "host: x" },
  { kind: "unix socket path", text: "/run/app/token=Secret-28.sock", secret: "Secret-28" },
];

test.each(CASES)("masks $kind", ({ text, secret, keep }) => {
  const whole = PAD + text;
  expect(whole.indexOf(secret)).toBeGreaterThan(64);
  const masked = maskSecrets(whole);
  expect(masked).not.toContain(secret);
  expect(masked).toContain("***");
  expect(masked.startsWith(PAD)).toBe(true);
  if (keep !== undefined) expect(masked).toContain(keep);
});

test.each([
  "GET / HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n",
  "sa_family=AF_INET, sin_port=htons(80)",
  "https://example.com:8443/path?q=1",
  "monkey business: nothing to hide",
  "PASSWORD_LENGTH",
  "authentication failed for bob",
])("leaves alone: %s", (text) => {
  expect(maskSecrets(text)).toBe(text);
});

/** Inputs built to make backtracking patterns slow. */
const N = 64 * 1024;
const ADVERSARIAL: Record<string, string> = {
  letters: "a".repeat(N),
  "name chars": "a_b-c.".repeat(N / 6),
  "keys without separator": "password".repeat(N / 8),
  "keys and equals": "password=".repeat(N / 9),
  "key then equals run": `password${"=".repeat(N)}`,
  colons: ":".repeat(N),
  "header names": "X-Api-Key-".repeat(N / 10),
  "header then colons": `Authorization${":".repeat(N)}`,
  "header value without end": `X-Api-Key: ${"x".repeat(N)}`,
  "quoted value without end": `"password": "${"\\\\".repeat(N / 2)}`,
  "escaped quotes": `password=\\"${'\\"'.repeat(N / 2)}`,
  "JSON keys": '"token":'.repeat(N / 8),
  "JSON keys and quotes": '"token":"'.repeat(N / 9),
  "URL schemes": "://".repeat(N / 3),
  "URL without @": `http://${"u:".repeat(N / 2)}`,
  "URL userinfo run": "a://b:c".repeat(N / 7),
  "AUTH lines": "AUTH x\n".repeat(N / 7),
  "AUTH without newline": `AUTH ${"x ".repeat(N / 2)}`,
  "PASS lines": "PASS \r\n".repeat(N / 7),
  "IMAP LOGIN lines": "a LOGIN \n".repeat(N / 9),
  "RESP AUTH": "$4\r\nAUTH\r\n".repeat(N / 10),
  "RESP AUTH lengths": `$4\r\nAUTH\r\n$${"9".repeat(N)}`,
  blanks: `password${" ".repeat(N)}=x`,
  "blanks after colon": `token:${" ".repeat(N)}`,
  newlines: "\n".repeat(N),
  "carriage returns": "\r\n".repeat(N / 2),
  mixed: "pass=:\"'@/\\\r\n AUTH ".repeat(N / 20),
};

test("linear time: 64 KiB adversarial inputs, all together under 300 ms of CPU", () => {
  // One pass to compile the code paths, then the measured pass. CPU time, not wall time: the
  // machine running the tests may be busy with other work.
  for (const text of Object.values(ADVERSARIAL)) maskSecrets(text);
  const times: Record<string, number> = {};
  let total = 0;
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    const start = process.cpuUsage();
    maskSecrets(text);
    const used = process.cpuUsage(start);
    times[name] = (used.user + used.system) / 1000;
    total += times[name];
  }
  expect({ under: total < 300, times }).toEqual({ under: true, times });
});
