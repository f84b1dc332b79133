import { inspect } from 'node:util';

/**
 * Distinct canary secrets and a scanner for them. Every canary is unique to one use, so a hit names the
 * operation that leaked it. A canary is found whole, or by its first 10 characters, which hold its serial
 * number (a value cut short is still a leak).
 */
export interface Canary {
  value: string;
  /** Where it is secret: everywhere (passwords, secret keys), or only in error messages (AccessKeyId, §8.18). */
  secretIn: 'everywhere' | 'errors';
  use: string;
}

export interface Hit {
  place: string;
  canary: Canary;
}

export class SecretScanner {
  readonly canaries: Canary[] = [];
  readonly hits: Hit[] = [];
  placesScanned = 0;
  readonly byKind = new Map<string, number>();
  private serial = 0;

  private add(value: string, secretIn: Canary['secretIn'], use: string): string {
    if (this.canaries.some((c) => c.value === value)) throw new Error(`canary ${value} used twice`);
    this.canaries.push({ value, secretIn, use });
    return value;
  }

  private next(): string {
    this.serial += 1;
    return String(this.serial).padStart(3, '0');
  }

  /** A valid KeyStorePassword (7–32 characters). */
  password(use: string): string {
    return this.add(`${this.next()}Pw~Cnry-q7Zk`, 'everywhere', use);
  }

  /** A valid RawSecretAccessKey (43–64 of [A-Za-z0-9/+=]). */
  secretKey(use: string): string {
    const head = `${this.next()}SkCanarySecretKey`;
    return this.add(head + 'QxW9'.repeat(8).slice(0, 44 - head.length), 'everywhere', use);
  }

  /** A valid AccessKeyId (20 of [A-Z2-7]); Describe shows it, error messages must not. */
  accessKeyId(use: string): string {
    const n = this.next()
      .split('')
      .map((d) => 'ABCDEFGHIJ'[Number(d)])
      .join('');
    return this.add(`${n}CANARYAKIDZZZZZZZ`, 'errors', use);
  }

  /** Any other secret-shaped value (invalid ones included), secret everywhere. */
  custom(value: string, use: string, secretIn: Canary['secretIn'] = 'everywhere'): string {
    return this.add(value, secretIn, use);
  }

  /** Scan one piece of text. `isError` marks error messages, where AccessKeyIds are secret too. */
  scan(kind: string, place: string, text: string, isError = false): void {
    this.placesScanned += 1;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    for (const canary of this.canaries) {
      if (canary.secretIn === 'errors' && !isError) continue;
      const piece = canary.value.length >= 14 ? canary.value.slice(0, 10) : canary.value;
      if (text.includes(canary.value) || text.includes(piece)) this.hits.push({ place: `${kind}: ${place}`, canary });
    }
  }

  /** Scan a value in every form a user may print it in. */
  scanValue(kind: string, place: string, value: unknown, isError = false): void {
    this.scan(kind, place, `${safeJson(value)}\n${inspect(value, { depth: null, showHidden: true })}`, isError);
  }
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
