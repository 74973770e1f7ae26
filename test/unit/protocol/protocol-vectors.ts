/**
 * The protocol's test vectors, read from `docs/protocol.md` (the repo's account of the wire
 * protocol) so that the page and the tests cannot drift apart. The page marks each block with
 * `<!-- name:begin -->` / `<!-- name:end -->`; a missing or malformed block fails loudly here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROTOCOL_DOC = fileURLToPath(new URL('../../../docs/protocol.md', import.meta.url));
const doc = readFileSync(PROTOCOL_DOC, 'utf8');

function block(name: string): string {
  const match = new RegExp(`<!-- ${name}:begin -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(doc);
  if (!match) throw new Error(`docs/protocol.md has no '${name}' block`);
  return (match[1] as string).trim();
}

/** The text inside the single backtick span of a block. */
function code(name: string): string {
  const match = /^`([^`]+)`$/.exec(block(name));
  if (!match) throw new Error(`docs/protocol.md: the '${name}' block is not one \`code\` span`);
  return match[1] as string;
}

export interface ProtocolVector {
  plaintext: string;
  ciphertext: string;
  sha256: string;
}

type AtLeastThree<T> = readonly [T, T, T, ...T[]];

function vectors(): AtLeastThree<ProtocolVector> {
  const rows = block('vectors')
    .split('\n')
    .slice(2) // header and separator
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
  const parsed = rows.map(([plaintext, ciphertext, sha256]) => {
    if (!plaintext || !ciphertext || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new Error(`docs/protocol.md: malformed vector row ${JSON.stringify([plaintext, ciphertext, sha256])}`);
    }
    return { plaintext, ciphertext, sha256 };
  });
  if (parsed.length < 3) throw new Error(`docs/protocol.md lists ${parsed.length} vectors, expected at least 3`);
  return parsed as unknown as AtLeastThree<ProtocolVector>;
}

/** The key built into the phone app in the field; public, so only tests and docs name it. */
export const FIELD_KEY = /Key `([^`]{32})` \(the phone app's built-in key\)/.exec(doc)?.[1] ?? '';
if (FIELD_KEY.length !== 32) throw new Error("docs/protocol.md does not name the phone app's 32-character key");

export const VECTORS = vectors();

export const ARRIVAL_0831_GSM_HEX = code('gsm-octets');

export const ARRIVAL_0831_ACK = code('ack');

export function hexBytes(spaced: string): Buffer {
  return Buffer.from(spaced.replace(/\s+/g, ''), 'hex');
}
