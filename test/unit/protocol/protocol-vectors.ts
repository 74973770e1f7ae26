/** Test vectors copied from docs/protocol.md (computed there with OpenSSL). */
export const FIELD_KEY = 'a7b2c3d4e5f6g789abcdef0123456789';

export const VECTORS = [
  {
    plaintext: 'Arrival 08:31',
    ciphertext: 'pW8cQ7i77SNRH4aXuBBAIA==',
    sha256: '6e2447e6048436c38407949eb397d124bbb5a3dbb0e9138d7294c6d7d7e1ad24',
  },
  {
    plaintext: 'Exit 17:05',
    ciphertext: 'rHuhhSw6FLMQlPbDM1wHAg==',
    sha256: '1b6b32996ef39b934fd08bd9fea9d960e6e17ed3cf39a38895314639434b7b36',
  },
  {
    plaintext: 'Arrival 2026-11-25 08:31:07',
    ciphertext: '81RvPG9uauZedRmJ4Rxb6u59g9mZlD/Qgz8CYd7+cVk=',
    sha256: 'a14d78ad7b182519f1924b088f27c9f234343fc442ff5f1160517a480886e803',
  },
] as const;

export const ARRIVAL_0831_GSM_HEX =
  '02 02 70 57 38 63 51 37 69 37 37 53 4e 52 48 34 61 58 75 42 42 41 49 41 3d 3d 02 02';

export const ARRIVAL_0831_ACK =
  '$$5TDsa8iwYClV7OOb/Bgl7rhy1qPpl1BuaBuBnGGgiECn9OeG6TYjXb5RLD+/ncXnEWsos1QOgBWCw0CsDALdQB2dYyu82lOeFUn8M/1R17Q=$$';

export function hexBytes(spaced: string): Buffer {
  return Buffer.from(spaced.replace(/\s+/g, ''), 'hex');
}
