/**
 * The demo office: its staff and its secrets. Every demo run makes a new key and password (nothing
 * secret is written in the source), keeps its own database, and never touches the real one.
 */
import { randomInt } from 'node:crypto';

export interface DemoEmployee {
  phone: string;
  name: string;
  department: string;
}

/** Twelve people of a small Iranian office; numbers in the 0912 000 xxxx range (not in service). */
export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [
  { phone: '989120000101', name: 'سارا احمدی', department: 'حسابداری' },
  { phone: '989120000102', name: 'علی رضایی', department: 'فروش' },
  { phone: '989120000103', name: 'مریم حسینی', department: 'فروش' },
  { phone: '989120000104', name: 'رضا کریمی', department: 'انبار' },
  { phone: '989120000105', name: 'زهرا محمدی', department: 'اداری' },
  { phone: '989120000106', name: 'حسین موسوی', department: 'انبار' },
  { phone: '989120000107', name: 'نگار جعفری', department: 'حسابداری' },
  { phone: '989120000108', name: 'Daniel Weber', department: 'فنی' },
  { phone: '989120000109', name: 'امیر صادقی', department: 'فنی' },
  { phone: '989120000110', name: 'فاطمه نوری', department: 'اداری' },
  { phone: '989120000111', name: 'مهدی قاسمی', department: 'فروش' },
  { phone: '989120000112', name: 'Lena Fischer', department: 'فنی' },
];

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
