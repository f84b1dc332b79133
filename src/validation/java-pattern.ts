/**
 * The KMS model's `pattern` constraints are Java regular expressions that must match the whole value
 * (`Pattern.matches`), and botocore leaves some of them unanchored (`cluster-[2-7a-zA-Z]{11,16}`). This turns one
 * into an anchored JavaScript `RegExp` with the `u` flag (so `\uXXXX` and code-point matching behave as in Java)
 * and keeps it for the next call.
 *
 * Where Java and JavaScript disagree, Java wins: `\s` is Java's ASCII whitespace set (`[ \t\n\x0B\f\r]`, no
 * Unicode spaces), `.` also refuses U+0085, and identity escapes of punctuation that the `u` flag rejects
 * (`\@`, `\=`, ...) become the plain character. Constructs with no faithful JavaScript equivalent (possessive
 * quantifiers, inline flags, class intersections) throw, so a model update that needs them fails loudly in the
 * test that compiles every model pattern instead of validating wrongly.
 */

const cache = new Map<string, RegExp>();

/** True when the whole `value` matches the model's Java `pattern`. */
export function matchesJavaPattern(pattern: string, value: string): boolean {
  return compileJavaPattern(pattern).test(value);
}

export function compileJavaPattern(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(`^(?:${javaToJsSource(pattern)})$`, 'u');
    cache.set(pattern, compiled);
  }
  return compiled;
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const JAVA_DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';
const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const PASS_THROUGH_ESCAPES = new Set(['d', 'D', 'w', 'W', 'b', 'B', 't', 'n', 'r', 'f', 'p', 'P']);

export function javaToJsSource(pattern: string): string {
  let out = '';
  let inClass = false;
  let i = 0;
  const unsupported = (what: string): never => {
    throw new Error(`Java pattern ${JSON.stringify(pattern)}: ${what} has no JavaScript equivalent`);
  };
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) unsupported('a trailing backslash');
      const escaped = next as string;
      i += 2;
      if (escaped === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (escaped === 'S') out += inClass ? unsupported('\\S inside a class') : `[^${JAVA_SPACE}]`;
      else if (escaped === 'u' || escaped === 'x') out += `\\${escaped}`;
      else if (PASS_THROUGH_ESCAPES.has(escaped)) out += `\\${escaped}`;
      else if (escaped === 'Q') {
        const end = pattern.indexOf('\\E', i);
        const quoted = pattern.slice(i, end === -1 ? undefined : end);
        out += [...quoted].map((c) => (SYNTAX.has(c) || (inClass && c === '-') ? `\\${c}` : c)).join('');
        i = end === -1 ? pattern.length : end + 2;
      } else if (/[A-Za-z0-9]/.test(escaped)) unsupported(`\\${escaped}`);
      else if (SYNTAX.has(escaped) || (inClass && escaped === '-')) out += `\\${escaped}`;
      else out += escaped;
      continue;
    }
    i += 1;
    if (inClass) {
      if (ch === '[') unsupported('a nested character class');
      if (ch === '&' && pattern[i] === '&') unsupported('class intersection (&&)');
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal in Java but closes the class in JavaScript.
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }
    if (ch === '.') {
      out += JAVA_DOT;
      continue;
    }
    if (ch === '(' && pattern[i] === '?' && /[a-zA-Z-]/.test(pattern[i + 1] ?? '') && pattern[i + 1] !== '<') {
      unsupported('an inline flag group');
    }
    const isQuantifier = ch === '*' || ch === '+' || ch === '}' || (ch === '?' && pattern[i - 2] !== '(');
    if (isQuantifier && pattern[i] === '+') unsupported('a possessive quantifier');
    out += ch;
  }
  if (inClass) unsupported('an unterminated character class');
  return out;
}
