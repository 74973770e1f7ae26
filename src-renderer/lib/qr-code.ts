/**
 * A QR code as an SVG image in a `data:` URL, for an `<img>`: the page's Content-Security-Policy
 * allows images from `data:` (contract/content-security-policy.ts) and no inline styles, which an
 * `<img>` never needs. Medium error correction: the code is scanned off a screen.
 */
import QRCode from 'qrcode';

export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
