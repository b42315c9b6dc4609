/**
 * A QR code of `text` as an SVG data: URL, for an <img> (the CSP allows data:
 * images, not inline SVG styles). qrcode is loaded on the first one, not at
 * start-up: only stewards' pages show codes, and every module a box loads
 * stays in its memory (issue 6).
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
