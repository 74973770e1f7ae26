/**
 * The demo office: its staff and its secrets. Every demo run makes a new key and password (nothing
 * secret is written in the source), keeps its own database, and never touches the real one.
 */
import { randomInt } from 'node:crypto';
import demoStaff from './demo-staff.json' with { type: 'json' };

export interface DemoEmployee {
  phone: string;
  name: string;
  department: string;
}

/**
 * Twelve people of a small Iranian office, listed in demo-staff.json; numbers in the 0912 000 xxxx
 * range (not in service).
 */
export const DEMO_EMPLOYEES: readonly DemoEmployee[] = demoStaff;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random string of printable ASCII letters and digits (no look-alikes), from the OS's CSPRNG. */
export function randomSecret(length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

/** The demo's credentials: a fresh 32-character key and an 8-character SMPP password per run. */
export function demoSecrets(): { key: string; systemId: string; password: string } {
  return { key: randomSecret(32), systemId: 'demo', password: randomSecret(8) };
}
